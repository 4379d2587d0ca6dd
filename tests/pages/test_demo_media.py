"""The demo archive's media files (archive/demo/media/, made by scripts/demo-media).

They are committed, so these tests read the files themselves and need none of
the tools that made them: the WebM is read with a small EBML reader here,
the PDFs with pypdf, which the site uses for uploads too.
"""

import html
import re
import struct
from pathlib import Path

import pypdf
import pytest

from archive.demo import CORPUS_DIR, read_data

MEDIA_DIR = CORPUS_DIR.parent / "media"
VIDEO = MEDIA_DIR / "sesion-preguntas-respuestas-2021.webm"
CAPTIONS = MEDIA_DIR / "sesion-preguntas-respuestas-2021.vtt"
TRANSCRIPT = MEDIA_DIR / "sesion-preguntas-respuestas-2021.txt"
QA_TEXT = CORPUS_DIR / "2021-grupo-asesor-sesion-preguntas-respuestas.txt"
MEMORIA_FILE = "2023-memoria-proceso-primer-plan-accion.txt"
NOTICE = "Demostración: video hecho a partir de las diapositivas; no es una grabación de la sesión."
PDF_NOTE = (
    "Versión en PDF compuesta a partir del texto del documento original, para esta demostración; "
    "no es el archivo original."
)
CORPUS_TEXTS = sorted(CORPUS_DIR.glob("*.txt"))


def words(text):
    return re.findall(r"[\w@#]+", text.replace("**", ""))


def flat(text):
    return " ".join(text.split())


# --- a minimal EBML (Matroska/WebM) reader ----------------------------------

EBML, DOC_TYPE = 0x1A45DFA3, 0x4282
SEGMENT, INFO, TIMESTAMP_SCALE, DURATION = 0x18538067, 0x1549A966, 0x2AD7B1, 0x4489
TRACKS, TRACK_ENTRY, TRACK_TYPE, CODEC_ID, LANGUAGE = 0x1654AE6B, 0xAE, 0x83, 0x86, 0x22B59C


def _vint(data, position):
    """A variable-length integer: (value without its length marker, length, all ones)."""
    first = data[position]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8:
        raise ValueError(f"Not EBML at byte {position}")
    value = first & (0xFF >> length)
    for byte in data[position + 1 : position + length]:
        value = (value << 8) | byte
    return value, length, value == (1 << (7 * length)) - 1


def ebml_children(data, start, end):
    """``(id, payload start, payload end)`` of each element between ``start`` and ``end``."""
    position = start
    while position < end:
        first = data[position]
        id_length = next(n for n in range(1, 5) if first & (0x80 >> (n - 1)))
        element_id = int.from_bytes(data[position : position + id_length], "big")
        size, size_length, unknown = _vint(data, position + id_length)
        payload = position + id_length + size_length
        stop = end if unknown else payload + size
        yield element_id, payload, stop
        position = stop


def child(data, parent, element_id):
    for found, start, stop in ebml_children(data, *parent):
        if found == element_id:
            return start, stop
    return None


def read_webm(path):
    data = path.read_bytes()
    (header_id, h_start, h_end), *_ = ebml_children(data, 0, min(len(data), 64))
    assert header_id == EBML
    doc_type = data[slice(*child(data, (h_start, h_end), DOC_TYPE))].decode("ascii")
    segment = next((s, e) for i, s, e in ebml_children(data, h_end, len(data)) if i == SEGMENT)
    info = child(data, segment, INFO)
    scale_at = child(data, info, TIMESTAMP_SCALE)
    scale = int.from_bytes(data[slice(*scale_at)], "big") if scale_at else 1_000_000
    duration_at = child(data, info, DURATION)
    raw = data[slice(*duration_at)]
    duration = struct.unpack(">f" if len(raw) == 4 else ">d", raw)[0] * scale / 1e9
    tracks = []
    for element_id, start, stop in ebml_children(data, *child(data, segment, TRACKS)):
        if element_id == TRACK_ENTRY:
            entry = (start, stop)
            language_at = child(data, entry, LANGUAGE)
            tracks.append({
                "type": int.from_bytes(data[slice(*child(data, entry, TRACK_TYPE))], "big"),
                "codec": data[slice(*child(data, entry, CODEC_ID))].decode("ascii"),
                "language": data[slice(*language_at)].decode("ascii") if language_at else "eng",
            })
    return doc_type, duration, tracks


# --- WebVTT -------------------------------------------------------------------

TIMING_RE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})$")


def seconds(h, m, s, ms):
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse_vtt(text):
    """``(start, end, lines)`` of each cue; fails on anything that is not WebVTT."""
    assert text.startswith("WEBVTT\n"), "a WebVTT file starts with its signature"
    cues = []
    for block in re.split(r"\n{2,}", text.strip())[1:]:
        lines = block.split("\n")
        if not TIMING_RE.match(lines[0]):
            lines = lines[1:]  # a cue identifier
        timing = TIMING_RE.match(lines[0])
        assert timing, f"cue without timing: {block!r}"
        cue_lines = lines[1:]
        assert cue_lines, f"cue without text: {block!r}"
        assert not any("-->" in line for line in cue_lines)
        cues.append((seconds(*timing.groups()[:4]), seconds(*timing.groups()[4:]), cue_lines))
    return cues


@pytest.fixture(scope="module")
def video():
    return read_webm(VIDEO)


@pytest.fixture(scope="module")
def cues():
    return parse_vtt(CAPTIONS.read_text(encoding="utf-8"))


def test_video_is_a_small_webm_with_a_spanish_voice_over_vp9_slides(video):
    doc_type, duration, tracks = video
    assert doc_type == "webm"
    assert {(t["type"], t["codec"]) for t in tracks} == {(1, "V_VP9"), (2, "A_OPUS")}
    assert next(t for t in tracks if t["type"] == 2)["language"] == "spa"
    # Every slide of the corpus text is read, so the video lasts minutes, not seconds.
    assert 120 < duration < 420
    assert VIDEO.stat().st_size < 800_000


def test_captions_are_short_ordered_and_follow_the_whole_video(video, cues):
    duration = video[1]
    assert len(cues) > 20
    for start, end, lines in cues:
        assert start < end
        assert 1 <= len(lines) <= 2
        assert all(len(line) <= 42 for line in lines), lines
    for (_, end, _), (next_start, _, _) in zip(cues, cues[1:], strict=False):
        assert end <= next_start, "cues overlap"
        assert next_start - end < 3, "the voice is never left uncaptioned for long"
    assert cues[0][0] < 1, "the first words are captioned"
    assert duration - 2 < cues[-1][1] <= duration + 0.05, "the last cue ends with the video"


def test_video_opens_by_saying_it_is_a_demonstration(cues):
    opening = " ".join(" ".join(lines) for _, _, lines in cues[:3])
    assert html.unescape(opening).startswith(NOTICE)
    assert TRANSCRIPT.read_text(encoding="utf-8").startswith(NOTICE)


def test_transcript_is_the_captions_text(cues):
    captioned = " ".join(html.unescape(" ".join(lines)) for _, _, lines in cues)
    assert flat(TRANSCRIPT.read_text(encoding="utf-8")) == flat(captioned)


def test_narration_reads_the_slides_and_invents_nothing():
    corpus = set(words(QA_TEXT.read_text(encoding="utf-8")))
    narrated = TRANSCRIPT.read_text(encoding="utf-8")
    body = narrated.removeprefix(NOTICE)
    assert set(words(body)) <= corpus
    assert "**" not in narrated
    # All of the slides' words are said except the logos' and the footer's.
    assert corpus - set(words(narrated)) <= {"Info", "@InfoCdMex", "@Estado_Abierto", "#EstadoAbiertoCDMX"}
    # The index is read in its sections' order, 01 to 04, not the extraction's.
    index = body[body.index("INDICE") : body.index("PRIMER PLAN", body.index("04."))]
    assert [index.index(n) for n in ("01.", "02.", "03.", "04.")] == sorted(index.index(n) for n in ("01.", "02.", "03.", "04."))


# --- PDFs ---------------------------------------------------------------------


def pdf_path(corpus_text):
    return MEDIA_DIR / f"{corpus_text.stem}.pdf"


def pdf_text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def test_every_corpus_text_has_its_pdf():
    assert len(CORPUS_TEXTS) == 5
    assert [pdf_path(t).name for t in CORPUS_TEXTS] == sorted(p.name for p in MEDIA_DIR.glob("*.pdf"))


@pytest.mark.parametrize("corpus_text", CORPUS_TEXTS, ids=lambda p: p.stem)
def test_pdf_is_readable_text_with_accents_title_and_note(corpus_text):
    reader = pypdf.PdfReader(pdf_path(corpus_text))
    extracted = pdf_text(reader)
    first_page = flat(reader.pages[0].extract_text())
    assert PDF_NOTE in first_page
    title = next(d["title"] for d in read_data("documents")
                 if d.get("body") == {"corpus_text": f"corpus/{corpus_text.name}"})
    assert reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == "es"
    # Every word with an accent or an «ñ» comes back out as written.
    accented = {w for w in words(corpus_text.read_text(encoding="utf-8")) if not w.isascii()}
    assert accented
    assert accented <= set(words(extracted))
    assert "**" not in extracted
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, "the font is embedded"


@pytest.mark.parametrize("name", ["2023-memoria-proceso-primer-plan-accion", "2021-grupo-asesor-sesion-preguntas-respuestas"])
def test_pdf_words_the_reader_searches_for(name):
    extracted = pdf_text(pypdf.PdfReader(MEDIA_DIR / f"{name}.pdf"))
    assert "Participación" in extracted
    assert "Acción" in extracted


def test_memoria_pdf_starts_a_page_where_the_original_did():
    text = (CORPUS_DIR / MEMORIA_FILE).read_text(encoding="utf-8")
    running_head = "Memoria del Proceso del **Primer Plan de Acción de Gobierno Abierto de la Ciudad de México**"
    originals = text.count(running_head)
    reader = pypdf.PdfReader(MEDIA_DIR / f"{Path(MEMORIA_FILE).stem}.pdf")
    starts = [flat(page.extract_text()).startswith("Memoria del Proceso del Primer Plan") for page in reader.pages]
    # The cover carries the demonstration note first; each later original page opens with its running head.
    assert sum(starts) == originals - 1
    assert len(reader.pages) >= originals


def test_media_stay_small():
    assert sum(p.stat().st_size for p in MEDIA_DIR.iterdir()) < 1_500_000
