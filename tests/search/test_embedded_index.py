"""The embedded index on disk: several processes write it without losing a write, and a missing,
locked or damaged index never gives a 500 — the site answers from the plain listing and says so."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.pages.models import MinutesPage, ReportPage
from search.backends import embedded
from search.engine import FALLBACK_NOTICE
from search.models import SearchRecord
from tests.accessibility.archive import ensure_wagtail_roots
from tests.factories import make_document

from .test_search import api, titles

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent("""
    import sys, types, datetime
    sys.path.insert(0, {root!r})
    from search.backends.embedded import TantivyBackend
    backend = TantivyBackend({path!r})
    first = int(sys.argv[1])
    for pk in range(first, first + 25):
        record = types.SimpleNamespace(
            pk=pk, title=f"Minuta {{pk}}", summary="Acuerdos de la mesa", meta="", body="", files="",
            facets={{"tipo": ["minuta"]}}, date=datetime.date(2022, 1, 1))
        backend.write_many([record])
""")


@pytest.fixture
def on_disk(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "indice"
    yield embedded.embedded_backend()


def test_several_processes_write_at_once_and_no_write_is_lost(tmp_path):
    script = tmp_path / "writer.py"
    path = tmp_path / "indice"
    script.write_text(WRITER.format(root=str(ROOT), path=str(path)))
    embedded.TantivyBackend(path).clear()  # the index exists before the writers race
    writers = [subprocess.Popen([sys.executable, str(script), str(first)])  # noqa: S603 - our own script
               for first in (1, 101, 201, 301)]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0, 0, 0]
    searcher = embedded.TantivyBackend(path).searcher()
    assert searcher.num_docs == 100


def test_publishing_shows_in_search_from_the_index_on_disk(client, on_disk):
    make_document(ReportPage, "Memoria del proceso")
    assert titles(client, q="memoria") == ["Memoria del proceso"]
    assert any(on_disk.path.iterdir())


def test_a_damaged_index_answers_from_the_listing_then_rebuild_repairs_it(client, on_disk):
    make_document(ReportPage, "Memoria del proceso")
    for meta in on_disk.path.glob("meta.json"):
        meta.write_text("{ esto no es un índice")
    on_disk.reset()  # as a process starting after the damage
    data = api(client, q="memoria")
    assert data["fallback"] is True and data["notices"][0] == FALLBACK_NOTICE
    assert [r["title"] for r in data["results"]] == ["Memoria del proceso"]
    health = client.get("/salud/")
    assert health.status_code == 503 and health.json()["buscador"]["ok"] is False

    call_command("rebuild_search_index", verbosity=0)
    data = api(client, q="memoria")
    assert data["fallback"] is False and [r["title"] for r in data["results"]] == ["Memoria del proceso"]
    assert client.get("/salud/").status_code == 200


@pytest.mark.django_db(transaction=True)  # the fill runs in its own thread: it must see committed rows
def test_a_removed_index_is_filled_again_from_the_database(client, on_disk, settings):
    ensure_wagtail_roots()
    make_document(ReportPage, "Memoria del proceso")
    make_document(MinutesPage, "Minuta de la mesa")
    on_disk.recreate()  # the directory is gone
    # Meanwhile the listing answers, with its notice; then the index holds everything again.
    first = api(client, q="memoria")
    assert first["fallback"] is True
    from search import indexing

    indexing._filling.acquire()  # waits for the background fill to finish
    indexing._filling.release()
    data = api(client, q="memoria")
    assert data["fallback"] is False and [r["title"] for r in data["results"]] == ["Memoria del proceso"]
    assert on_disk.searcher().num_docs == SearchRecord.objects.count() == 2


def test_a_writer_waits_for_another_processes_lock(on_disk, settings):
    settings.SEARCH_INDEX_DIR = on_disk.path
    on_disk.clear()
    other = embedded.TantivyBackend(on_disk.path)
    held = other.index.writer(heap_size=15_000_000, num_threads=1)
    import threading

    threading.Timer(0.5, held.wait_merging_threads).start()  # the other process lets go after half a second
    make_document(ReportPage, "Memoria del proceso")
    assert on_disk.searcher().num_docs == 1


@pytest.mark.django_db(transaction=True)
def test_publishing_shows_after_the_commit_and_a_rolled_back_one_never(client, monkeypatch):
    from django.db import transaction

    from search import indexing

    ensure_wagtail_roots()
    # The real on-commit scheduling, not the tests' run-at-once.
    monkeypatch.setattr(indexing, "defer", lambda callback: transaction.on_commit(callback))

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        make_document(ReportPage, "Informe que nunca fue")
        raise Undone
    make_document(ReportPage, "Memoria del proceso")
    # Searchable as soon as the publish's transaction has committed: the index is written on commit.
    assert titles(client, q="memoria") == ["Memoria del proceso"]
    assert titles(client, q="nunca") == []
    assert embedded.embedded_backend().searcher().num_docs == 1


@pytest.mark.django_db(transaction=True)
def test_an_index_of_an_older_version_is_written_anew_from_the_records(client, on_disk):
    ensure_wagtail_roots()
    make_document(ReportPage, "Memoria del proceso")
    (on_disk.path / "archivo-schema").write_text("0")
    on_disk.reset()  # as the first process after an upgrade
    assert api(client, q="memoria")["fallback"] is True
    from search import indexing

    indexing._filling.acquire()  # waits for the background fill
    indexing._filling.release()
    assert titles(client, q="memoria") == ["Memoria del proceso"]
