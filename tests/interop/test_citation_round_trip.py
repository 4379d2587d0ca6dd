"""BibTeX and RIS as the libraries reference managers build on read them back
(issue 19 item 3): hostile titles and names come back as they were written.
bibtexparser v2 (with pylatexenc's LaTeX decoding) and rispy are independent
of our writer."""

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors

from archive.interop.citations import Citation, _balanced

from .test_citations import ARCHIVE, TODAY, FakePage

HOSTILE = [
    "Acuerdos {de la mesa} y 100% de avance",
    "Costos: $1,500 & gastos #2 del_plan ^ nota ~ final",
    "Barra \\ invertida y llave suelta {",
    "Llave que cierra } sola",
    "«Comillas» “curvas” y \"rectas\"",
    "Participación ciudadana: ñandú, pingüino, acción",
    "Título con\nsalto de línea\tand tab",
    "Two  spaces  and trailing space ",
]


def one_line(text):
    return " ".join(text.split())


@pytest.mark.parametrize("title", HOSTILE)
def test_bibtex_titles_come_back_as_written(title):
    text = Citation(FakePage(title=title, authors=["Zulema Oviedo"]), today=TODAY, archive=ARCHIVE).bibtex()
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks, text
    decoded = library.entries[0]["title"]
    # pylatexenc reads \textasciicircum as «ˆ» (U+02C6), the glyph LaTeX prints,
    # and does not know \textbraceleft, which only a lone brace needs.
    expected = one_line(title).replace("^", "ˆ")
    if not _balanced(title):
        expected = expected.replace("{", "").replace("}", "")
    assert decoded == expected


@pytest.mark.parametrize("title", HOSTILE)
def test_ris_titles_come_back_as_written(title):
    text = Citation(FakePage(title=title, authors=["Zulema Oviedo"]), today=TODAY, archive=ARCHIVE).ris()
    entries = rispy.loads(text)
    assert len(entries) == 1 and entries[0]["title"] == one_line(title)


def test_institutions_stay_one_author_and_people_keep_their_surnames():
    institution = ("Instituto de Transparencia, Acceso a la Información Pública, Protección de Datos "
                   "Personales y Rendición de Cuentas de la Ciudad de México")
    page = FakePage(authors=[institution])
    bib = bibtexparser.parse_string(Citation(page, today=TODAY, archive=ARCHIVE).bibtex(),
                                    append_middleware=[SeparateCoAuthors(), LatexDecodingMiddleware()])
    assert bib.entries[0]["author"] == ["{" + institution + "}"] or bib.entries[0]["author"] == [institution]
    ris = rispy.loads(Citation(page, today=TODAY, archive=ARCHIVE).ris())
    assert ris[0]["authors"] == [institution]
