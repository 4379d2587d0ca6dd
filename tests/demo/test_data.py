"""The demo archive's data files (archive/demo/data/), checked without a database.

Whoever adds a record by hand learns here, in a second, what load_demo would
refuse after loading the rest: a passage whose words are not in the corpus,
a column the importer does not read, a relation to a later document.
"""

import ast
from pathlib import Path

from django.conf import settings

from archive.demo import read_data
from archive.demo.loader import document_rows
from archive.importer.runner import split_pairs

ROOT = Path(settings.BASE_DIR)


def test_the_documents_read_as_importer_rows():
    rows = document_rows()
    assert len(rows) == 36
    slugs = [row["slug"] for row in rows]
    assert len(set(slugs)) == len(slugs)
    seen = set()
    for row in rows:
        for _item, target, _relation in split_pairs(row["related"], ":"):
            assert target in seen, f"{row['slug']} relates to {target}, which comes later or not at all"
        seen.add(f"{row['kind']}/{row['slug']}")
        for _item, path, _label in split_pairs(row["files"], "|"):
            assert (ROOT / "archive" / "demo" / path).is_file(), path


def test_every_quotation_names_its_passage_of_the_corpus():
    """Quotations are data ({source, from, to}), never copied text: the load cuts them from the corpus."""
    sources = set()

    def passages(value):
        if isinstance(value, dict) and set(value) == {"source", "from", "to"}:
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from passages(item)
        elif isinstance(value, list):
            for item in value:
                yield from passages(item)

    for record in read_data("documents"):
        for passage in passages(record):
            sources.add(passage["source"])
    assert sources == {"corpus/2023-memoria-proceso-primer-plan-accion.txt"}
    quoting = [r for r in read_data("documents") if any(passages(r.get("body", []))) or any(passages(r))]
    # The catalogue entries, the four testimonies, the 2022 consultation and the selection of problems.
    assert len(quoting) == 24 + 4 + 2


def test_nothing_outside_the_demo_and_the_tests_imports_it():
    """The demo uses the importer; the archive never depends on its demo."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "node_modules", "tests", "data"} or relative.parts[:2] == ("archive", "demo"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(relative))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            if any(name == "archive.demo" or name.startswith("archive.demo.") for name in names):
                offenders.append(str(relative))
    assert offenders == []
