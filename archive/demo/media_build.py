"""Demonstration media for the demo archive, made from the corpus texts alone.

The corpus holds only the text extracted from five real files. So that the
archive's video player, captions and PDF handling have something real to
show, this module makes from that text:

- a short video of the 2021 question-and-answer session's slides: one image
  per slide with its text, a Spanish voice reading that same text, WebVTT
  captions whose cues are the narration's own clips, and a plain transcript;
- a PDF typeset from each corpus text.

Neither pretends to be the original: the video's first slide and its
narration say it is a demonstration made from the slides, and each PDF says
on its first page that it was composed from the text.

``scripts/demo-media`` runs it and the output is committed under
``archive/demo/media/``, so loading the demo needs none of the tools.
Only that script (and archive/demo itself) may import this module.

Debian packages: espeak-ng, ffmpeg, fonts-dejavu-core.
Python: the ``demo-media`` extra of pyproject.toml (fpdf2).
"""

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from array import array
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import CORPUS_DIR

MEDIA_DIR = Path(__file__).resolve().parent / "media"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
DEBIAN_PACKAGES = ("espeak-ng", "ffmpeg", "fonts-dejavu-core")

# ---------------------------------------------------------------------------
# The video: slides of the 2021 question-and-answer session
# ---------------------------------------------------------------------------

QA_FILE = "2021-grupo-asesor-sesion-preguntas-respuestas.txt"
VIDEO_STEM = "sesion-preguntas-respuestas-2021"
DEMO_NOTICE = "Demostración: video hecho a partir de las diapositivas; no es una grabación de la sesión."
# On every slide, so that someone who starts halfway is not misled either.
DEMO_FOOTER = "Demostración hecha a partir de las diapositivas; no es una grabación de la sesión."

# Text the extraction read from logos and from the social-media footer: it is
# not part of what the slides say, and read aloud it would only confuse.
LOGO_BLOCKS = {
    "ADIP",
    "Cuauhtémoc.",
    "Info CDMX | Estado Abierto",
    "@InfoCdMex | @Estado_Abierto",
    "#EstadoAbiertoCDMX",
    "Alianza para el Gobierno Abierto",
}

# Where each slide begins: the start of its first block, looked for in order.
# The extraction separates text frames with blank lines, not slides, so the
# slide boundaries are read off the text once, here. A section's title slide
# is the second «01» (or «02», ...): the index holds the first.
SLIDE_STARTS = [
    "ALIANZA POR EL GOBIERNO ABIERTO (AGA) CDMX",
    "INDICE",
    ("01", 2),
    "ADIP + ALCALDÍA CUAUHTÉMOC",
    ("02", 2),
    "CONSULTA PÚBLICA",
    "Establecer alianzas de colaboración",
    "ACTIVIDADES DEL GRUPO ASESOR",
    ("03", 2),
    "IMPLEMENTAR 5 ELEMENTOS DE APERTURA",
    "En Estado Abierto desde CDMX",
    "GARANTIZAR UN ESPACIO PARA LAS OSC",
    ("04", 2),
    "PREGUNTAS",
]

# How the voice should say a few written forms; captions keep the written
# form, as captions do for any abbreviation.
PRONUNCIATIONS = {
    "INDICE": "índice",
    "OSC": "o ese ce",
    "INFOCDMX": "Info ce de eme equis",
    "InfoCDMX": "Info ce de eme equis",
    "Beauvoir": "Bovuar",
}

VOICE = "es-419"  # Latin American Spanish, the closest espeak-ng has to Mexico City's
WORDS_PER_MINUTE = 160  # espeak-ng's 175 is hurried for slide text
SAMPLE_RATE = 22050  # espeak-ng's own rate: its clips are joined without resampling
WIDTH, HEIGHT = 640, 360
FPS = 2  # slides are still: two frames a second is enough and costs nothing
LEAD_SECONDS = 0.5  # silence before a slide's first words
GAP_SECONDS = 0.45  # between two cues of one slide: a pause between sentences
MIN_TAIL_SECONDS = 0.7  # after a slide's last words, before the next slide
SILENCE_LEVEL = 64  # of 32767: below this a sample of espeak-ng's output is silence
CAPTION_LINE = 42
CAPTION_LINES = 2
SENTENCE_END = ".!?:;…"

NUMBER_RE = re.compile(r"\d{2}")
BULLET_RE = re.compile(r"^\s*[-•]\s*")


@dataclass
class Item:
    """One piece of a slide's text: ``kind`` is number, heading, text or bullet."""

    kind: str
    text: str

    @property
    def spoken(self):
        """The item as narrated: a sentence, so the voice pauses after it."""
        return self.text if self.text[-1] in SENTENCE_END else f"{self.text}."


@dataclass
class Cue:
    start: float
    end: float
    text: str

    @property
    def lines(self):
        return caption_lines(self.text)


@dataclass
class Segment:
    """One slide image and what is said while it shows."""

    items: list
    cues: list = field(default_factory=list)
    start: float = 0.0
    end: float = 0.0

    @property
    def chunks(self):
        return caption_chunks(self.items)


def _clean(line):
    line = line.replace("**", "")
    line = re.sub(r"\s+", " ", line).strip()
    # A space the extraction left before a full stop or a comma.
    return re.sub(r" ([.,;:])", r"\1", line)


def _is_caps(text):
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def text_blocks(text):
    """Blocks of consecutive non-blank lines, cleaned; bullet blocks become one item per bullet."""
    blocks, current = [], []
    for raw in text.splitlines() + [""]:
        if raw.strip():
            current.append(raw)
            continue
        if not current:
            continue
        if any(BULLET_RE.match(line) for line in current):
            bullets = []
            for line in current:
                if BULLET_RE.match(line):
                    bullets.append([])
                    line = BULLET_RE.sub("", line, count=1)
                if _clean(line):
                    bullets[-1].append(_clean(line))
            items = [Item("bullet", " ".join(b)) for b in bullets if b]  # a bullet with no text is a stray mark
        else:
            joined = _clean(" ".join(current))
            kind = "number" if NUMBER_RE.fullmatch(joined) else "heading" if _is_caps(joined) else "text"
            items = [Item(kind, joined)]
        if items and not (len(items) == 1 and items[0].text in LOGO_BLOCKS):
            blocks.append(items)
        current = []
    return blocks


def _starts(block, anchor):
    first = block[0].text
    return first == anchor or first.startswith(anchor + " ")


def slides(text):
    """The slides' items, in the slides' order."""
    blocks = text_blocks(text)
    starts = []
    for anchor in SLIDE_STARTS:
        anchor, occurrence = anchor if isinstance(anchor, tuple) else (anchor, 1)
        found = [i for i, block in enumerate(blocks) if _starts(block, anchor)]
        if len(found) < occurrence:
            raise ValueError(f"Slide start not found in the corpus text: {anchor!r}")
        starts.append(found[occurrence - 1])
    if starts != sorted(set(starts)):
        raise ValueError("Slide starts out of order")
    if starts[0] != 0:
        raise ValueError(f"Text before the first slide: {blocks[0][0].text!r}")
    result = []
    for first, end in zip(starts, starts[1:] + [len(blocks)], strict=True):
        items = [item for block in blocks[first:end] for item in block]
        result.append(_in_section_order(items))
    return result


def _in_section_order(items):
    """Numbered sections read by their number.

    The index lays its sections in two columns and the extraction read it row
    by row (01, 03, 02, 04); a viewer expects 01 to 04.
    """
    numbers = [i for i, item in enumerate(items) if item.kind == "number"]
    if len(numbers) < 2:
        return items
    head = items[: numbers[0]]
    groups = [items[a:b] for a, b in zip(numbers, numbers[1:] + [len(items)], strict=True)]
    return head + [item for group in sorted(groups, key=lambda g: int(g[0].text)) for item in group]


# --- captions ---------------------------------------------------------------


def caption_lines(text):
    """``text`` in one line, or in two lines as even as the words allow."""
    if len(text) <= CAPTION_LINE:
        return [text]
    words = text.split(" ")
    best = None
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if len(first) <= CAPTION_LINE and len(second) <= CAPTION_LINE:
            worst = max(len(first), len(second))
            if best is None or worst < best[0]:
                best = (worst, [first, second])
    if best is None:
        raise ValueError(f"Does not fit in {CAPTION_LINES} caption lines: {text!r}")
    return best[1]


def _fits(text):
    try:
        caption_lines(text)
    except ValueError:
        return False
    return True


def _split_long(text):
    """A sentence too long for one cue, in as few cues as read well.

    Each cue costs 2, a cut that is not after a comma, semicolon or colon
    costs 3 and a cue of under 20 characters costs 3: so «Revisar,» does not
    stand alone, yet a clause is not cut in the middle without need. Even
    lengths break ties.
    """
    words = text.split(" ")
    best = {0: (0, 0, [])}  # words used -> (cost, evenness, cues)
    for end in range(1, len(words) + 1):
        options = []
        for start in range(end):
            if start not in best:
                continue
            chunk = " ".join(words[start:end])
            if not _fits(chunk):
                continue
            cost, evenness, cues = best[start]
            cost += 2 + (3 if len(chunk) < 20 else 0)
            if end < len(words) and words[end - 1][-1] not in ",;:—":
                cost += 3
            options.append((cost, evenness + len(chunk) ** 2, cues + [chunk]))
        if options:
            best[end] = min(options, key=lambda option: option[:2])
    if len(words) not in best:
        raise ValueError(f"Cannot cut into cues: {text!r}")
    return best[len(words)][2]


def _item_chunks(item):
    """One item's words as cues: whole sentences, packed while they fit."""
    chunks = []
    for sentence in re.split(r"(?<=[.!?:;])\s+", item.spoken):
        if not _fits(sentence):
            chunks.extend(_split_long(sentence))
        elif chunks and chunks[-1][-1] in SENTENCE_END and _fits(f"{chunks[-1]} {sentence}"):
            chunks[-1] = f"{chunks[-1]} {sentence}"
        else:
            chunks.append(sentence)
    return chunks


def caption_chunks(items):
    """A slide's narration cut into cues.

    A cue never ends inside one item and goes on into the next; a number or a
    title shares its cue with what follows it, and short items share one.
    A title never ends the cue of the text before it.
    """
    chunks, previous = [], None
    for item in items:
        own = _item_chunks(item)
        titled = previous is not None and previous.kind in ("number", "heading")
        starts_title = item.kind in ("number", "heading") and not titled
        if (
            chunks
            and not starts_title
            and (titled or len(own) == 1)
            and _fits(f"{chunks[-1]} {own[0]}")
        ):
            chunks[-1] = f"{chunks[-1]} {own[0]}"
            own = own[1:]
        chunks.extend(own)
        previous = item
    return chunks


def _timestamp(seconds):
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def webvtt(segments):
    out = ["WEBVTT", ""]
    number = 0
    for segment in segments:
        for cue in segment.cues:
            number += 1
            out.append(str(number))
            out.append(f"{_timestamp(cue.start)} --> {_timestamp(cue.end)}")
            out.extend(html.escape(line, quote=False) for line in cue.lines)
            out.append("")
    return "\n".join(out)


def transcript(segments):
    """One paragraph per slide, the cues' words exactly."""
    return "\n\n".join(" ".join(cue.text for cue in segment.cues) for segment in segments) + "\n"


# --- narration --------------------------------------------------------------


def _pronounced(text):
    for written, said in PRONUNCIATIONS.items():
        text = re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", said, text)
    return text


def speak(text, workdir):
    """espeak-ng's 16-bit mono samples for ``text``."""
    path = Path(workdir) / "clip.wav"
    subprocess.run(  # noqa: S603 - a Debian tool, our own arguments
        [tool("espeak-ng"), "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(path), _pronounced(text)],
        check=True,
    )
    with wave.open(str(path), "rb") as clip:
        if (clip.getframerate(), clip.getnchannels(), clip.getsampwidth()) != (SAMPLE_RATE, 1, 2):
            raise RuntimeError(f"Unexpected espeak-ng output format in {path}")
        samples = array("h", clip.readframes(clip.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    # espeak-ng pads its clips with silence: without it a cue starts and ends
    # with the voice, and the pauses between cues are ours to set.
    loud = [i for i, sample in enumerate(samples) if abs(sample) > SILENCE_LEVEL]
    if not loud:
        raise RuntimeError(f"espeak-ng said nothing for {text!r}")
    samples = samples[loud[0] : loud[-1] + 1]
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def _silence(seconds):
    return b"\0\0" * round(seconds * SAMPLE_RATE)


def narrate(segments, workdir):
    """The whole narration's samples; fills each segment's cues and times.

    Every cue is its own clip, so its times are the clip's measured length,
    not an estimate. Each slide lasts a whole number of video frames, the
    silence after its last words making up the difference, so slide changes
    fall exactly on frames.
    """
    samples = bytearray()
    frame_samples = SAMPLE_RATE // FPS
    for segment in segments:
        segment.start = len(samples) // 2 / SAMPLE_RATE
        samples += _silence(LEAD_SECONDS)
        for i, chunk in enumerate(segment.chunks):
            if i:
                samples += _silence(GAP_SECONDS)
            start = len(samples) // 2
            samples += speak(chunk, workdir)
            segment.cues.append(Cue(start / SAMPLE_RATE, len(samples) // 2 / SAMPLE_RATE, chunk))
        samples += _silence(MIN_TAIL_SECONDS)
        samples += b"\0\0" * (-(len(samples) // 2) % frame_samples)
        segment.end = len(samples) // 2 / SAMPLE_RATE
    return bytes(samples)


# --- slide images -----------------------------------------------------------

BACKGROUND = (255, 255, 255)
INK = (17, 17, 17)
ACCENT = (0, 82, 147)  # dark blue, 8:1 on white; the grey footer too
MUTED = (80, 80, 80)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 40, 28, 44
MAX_SIZE, MIN_SIZE = 28, 18


def _fonts(size):
    from PIL import ImageFont

    return {
        "number": ImageFont.truetype(str(FONT_BOLD), round(size * 1.4)),
        "heading": ImageFont.truetype(str(FONT_BOLD), size),
        "text": ImageFont.truetype(str(FONT_REGULAR), size),
        "bullet": ImageFont.truetype(str(FONT_REGULAR), size),
    }


def _wrap(text, font, width):
    lines, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    return lines


BULLET_INDENT = 22


def _layout(items, size):
    """Lines to draw as ``(font, colour, x, y, text)`` and the height they take."""
    fonts = _fonts(size)
    width = WIDTH - 2 * MARGIN_X
    drawn, y = [], 0
    for n, item in enumerate(items):
        if n:
            y += round(size * 0.55)
        font = fonts[item.kind]
        colour = ACCENT if item.kind in ("number", "heading") else INK
        indent = BULLET_INDENT if item.kind == "bullet" else 0
        line_height = round(font.size * 1.28)
        for i, line in enumerate(_wrap(item.text, font, width - indent)):
            if item.kind == "bullet" and i == 0:
                drawn.append((font, colour, MARGIN_X, y, "•"))
            drawn.append((font, colour, MARGIN_X + indent, y, line))
            y += line_height
    return drawn, y


def _fit(items):
    """The largest type size at which ``items`` fit one slide, or None."""
    space = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    for size in range(MAX_SIZE, MIN_SIZE - 1, -1):
        if _layout(items, size)[1] <= space:
            return size
    return None


def frames(items):
    """``items`` over as few slide images as they fit on, never cut right after a title."""
    if _fit(items) is not None or len(items) == 1:
        return [items]
    cuts = [i for i in range(1, len(items)) if items[i - 1].kind not in ("number", "heading")]
    if not cuts:
        return [items]

    def balance(i):
        return max(_layout(items[:i], MIN_SIZE)[1], _layout(items[i:], MIN_SIZE)[1])

    in_two = [i for i in cuts if _fit(items[:i]) is not None and _fit(items[i:]) is not None]
    cut = min(in_two or cuts, key=balance)
    return frames(items[:cut]) + frames(items[cut:])


def draw_slide(items):
    from PIL import Image, ImageDraw, ImageFont

    size = _fit(items)
    if size is None:
        raise ValueError(f"Slide text does not fit: {items[0].text!r}")
    drawn, height = _layout(items, size)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 6), fill=ACCENT)
    # Centred in the space above the footer: slides with one title read as title slides.
    top = MARGIN_TOP + (HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - height) // 2
    for font, colour, x, y, text in drawn:
        draw.text((x, top + y), text, font=font, fill=colour)
    footer = ImageFont.truetype(str(FONT_REGULAR), 13)
    draw.text((MARGIN_X, HEIGHT - 26), DEMO_FOOTER, font=footer, fill=MUTED)
    return image


def video_segments():
    text = (CORPUS_DIR / QA_FILE).read_text(encoding="utf-8")
    segments = [Segment([Item("heading", DEMO_NOTICE)])]
    for slide in slides(text):
        segments.extend(Segment(items) for items in frames(slide))
    return segments


def build_video(out_dir):
    segments = video_segments()
    with tempfile.TemporaryDirectory() as workdir:
        samples = narrate(segments, workdir)
        audio = Path(workdir) / "narration.wav"
        with wave.open(str(audio), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(samples)
        duration = len(samples) // 2 / SAMPLE_RATE
        webm = out_dir / f"{VIDEO_STEM}.webm"
        encoder = subprocess.Popen(  # noqa: S603 - a Debian tool, our own arguments
            [
                tool("ffmpeg"), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{WIDTH}x{HEIGHT}", "-r", str(FPS), "-i", "-",
                "-i", str(audio),
                "-map", "0:v", "-map", "1:a", "-t", f"{duration:.3f}",
                # One thread and bit-exact flags: the same input gives the same file.
                "-threads", "1", "-fflags", "+bitexact", "-flags", "+bitexact", "-map_metadata", "-1",
                # Still slides of text: a high CRF keeps them sharp enough, and a key
                # frame a minute is plenty to seek at two frames a second.
                "-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-b:v", "0", "-crf", "50",
                "-tune-content", "screen", "-g", str(FPS * 60), "-row-mt", "0", "-deadline", "good", "-cpu-used", "1",
                # A synthetic voice: Opus's speech mode at 10 kb/s keeps it clear.
                "-c:a", "libopus", "-b:a", "10k", "-ac", "1", "-application", "voip",
                "-metadata:s:a:0", "language=spa",
                str(webm),
            ],
            stdin=subprocess.PIPE,
        )
        for segment in segments:
            image = draw_slide(segment.items).tobytes()
            count = round((segment.end - segment.start) * FPS)
            for _ in range(count):
                encoder.stdin.write(image)
        encoder.stdin.close()
        if encoder.wait() != 0:
            raise RuntimeError("ffmpeg failed to encode the video")
    (out_dir / f"{VIDEO_STEM}.vtt").write_text(webvtt(segments), encoding="utf-8")
    (out_dir / f"{VIDEO_STEM}.txt").write_text(transcript(segments), encoding="utf-8")
    cues = sum(len(s.cues) for s in segments)
    print(f"{webm.name}: {duration:.2f} s, {len(segments)} slides, {cues} cues")


# ---------------------------------------------------------------------------
# The PDFs: each corpus text typeset
# ---------------------------------------------------------------------------

PDF_NOTE = (
    "Versión en PDF compuesta a partir del texto del documento original, para esta demostración; "
    "no es el archivo original."
)
URL_RE = re.compile(r"https?://[^\s<>]+")
SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
LINE_END = ".:;!?…”\"»)"
LEADING = 1.4  # fpdf2's HTML sets lines solid, too tight to read
ICON_LETTER_RE = re.compile(r"^[ft] ")  # the Memoria's header: «f» and «t» are social-media icons


def source_date(path):
    """When ``path``'s text was last changed, so a PDF made again from the same text is the same file.

    ``SOURCE_DATE_EPOCH``, the reproducible-builds convention, wins; otherwise
    the date of the last commit that changed the file.
    """
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=timezone.utc)
    result = subprocess.run(  # noqa: S603 - our own arguments
        [tool("git"), "log", "-1", "--format=%ct", "--", path.name],
        cwd=path.parent, capture_output=True, text=True, check=False,
    )
    if result.returncode or not result.stdout.strip():
        sys.exit(f"No commit date for {path}: set SOURCE_DATE_EPOCH.")
    return datetime.fromtimestamp(int(result.stdout), tz=timezone.utc)


def corpus_documents():
    """``(file name, title, author, text_to_blocks options)`` of each corpus document (data/documents.json)."""
    from . import read_data
    from .corpus import reading

    for doc in read_data("documents"):
        body = doc.get("body")
        if isinstance(body, dict) and "corpus_text" in body:
            author = doc.get("publisher") or doc.get("presenter") or ""
            yield Path(body["corpus_text"]).name, doc["title"], author, reading(body["corpus_text"])


def _inline(text):
    """Escaped text with its ``**bold**`` spans and web addresses marked up."""
    bold = text.count("**") % 2 == 0
    out = []
    for n, part in enumerate(text.split("**")):
        position, pieces = 0, []
        for match in URL_RE.finditer(part):
            url = match.group(0).rstrip(".,;:)>")
            pieces.append(html.escape(part[position : match.start()], quote=False))
            pieces.append(f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>')
            position = match.start() + len(url)
        pieces.append(html.escape(part[position:], quote=False))
        chunk = "".join(pieces)
        out.append(f"<b>{chunk}</b>" if bold and n % 2 else chunk)
    return "".join(out)


# A line ending in one of these was wrapped, not ended: slides wrap
# «Agencia Digital de / Innovación Pública» where the next line starts in capitals.
CONNECTORS = {"a", "al", "con", "de", "del", "e", "el", "en", "la", "las", "los", "para", "por", "que", "y"}


def _joins(previous, following):
    """True when ``following`` goes on with the sentence that ``previous`` leaves open."""
    if not previous or previous[-1] in LINE_END:
        return False
    return following[:1].islower() or previous.split()[-1] in CONNECTORS


def _line(raw):
    if raw.count("\t") >= 2:
        return " · ".join(cell.strip() for cell in raw.split("\t") if cell.strip())
    return re.sub(r"[ \t]+", " ", raw).strip()


def block_html(lines, *, headings, caps_titles):
    """HTML for one block of consecutive lines of extracted text."""
    plain = [line.replace("**", "") for line in lines]
    if len(lines) == 1:
        line = lines[0]
        marks = len(line) - len(line.lstrip("#"))
        if marks and line[marks:].startswith(" "):
            level = min(marks, 3)
            return f"<h{level}>{_inline(line[marks:].strip())}</h{level}>"
        if plain[0] in headings or (caps_titles and _is_caps(plain[0]) and len(plain[0]) <= 100):
            return f"<h2>{_inline(plain[0].rstrip('.'))}</h2>"
    if BULLET_RE.match(lines[0]):
        items = []
        for raw in lines:
            if BULLET_RE.match(raw):
                items.append([])
                raw = BULLET_RE.sub("", raw, count=1)
            if raw:
                items[-1].append(raw)
        items = [" ".join(item) for item in items if item]
        if items:
            return f'<ul line-height="{LEADING}">' + "".join(f"<li>{_inline(item)}</li>" for item in items) + "</ul>"
        return ""
    # Line breaks are kept unless the sentence runs on; «**» may span lines.
    text = lines[0]
    for previous, line in zip(lines, lines[1:], strict=False):
        text += (" " if _joins(previous.replace("**", ""), line.replace("**", "")) else "\n") + line
    body = _inline(text).replace("\n", "<br>")
    if lines[0][:1] in SUPERSCRIPT_DIGITS:
        return f'<p line-height="{LEADING}"><font size="8">{body}</font></p>'
    return f'<p line-height="{LEADING}">{body}</p>'


def pages(text, drop_lines):
    """The text cut where the original's pages began, as far as the text shows it.

    A page begins where the running header does (the Memoria prints it at the
    top of its pages); a text without one is a single stretch. Each page is
    ``(header lines, blocks)``.
    """
    result = [([], [])]
    current = []
    for raw in text.splitlines() + [""]:
        stripped = raw.strip()
        header = any(p.fullmatch(stripped) for p in drop_lines)
        if header and drop_lines[0].fullmatch(stripped):
            if current:
                result[-1][1].append(current)
                current = []
            result.append(([], []))
        if header:
            result[-1][0].append(ICON_LETTER_RE.sub("", stripped.replace("**", "")))
            continue
        if not stripped:
            if current:
                result[-1][1].append(current)
                current = []
            continue
        line = _line(raw)
        if line:
            current.append(line)
    return [page for page in result if page[0] or page[1]]


def build_pdf(name, title, author, options, out_path):
    from fpdf import FPDF
    from fpdf.enums import Align
    from fpdf.fonts import TextStyle

    text = (CORPUS_DIR / name).read_text(encoding="utf-8")
    drop_lines = list(options.get("drop_lines", ()))
    headings = {h.strip() for h in options.get("headings", ())}
    caps_titles = options.get("caps_titles", False)

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_title(title)
    pdf.set_lang("es")
    if author:
        pdf.set_author(author)
    pdf.set_subject(PDF_NOTE)
    pdf.set_creator("Archivo Abierto, scripts/demo-media")
    pdf.set_creation_date(source_date(CORPUS_DIR / name))
    pdf.set_display_mode("fullwidth")

    styles = {
        "h1": TextStyle(font_family="DejaVu", font_style="B", font_size_pt=16, color="#003a68", t_margin=5, b_margin=0),
        "h2": TextStyle(font_family="DejaVu", font_style="B", font_size_pt=13, color="#003a68", t_margin=4, b_margin=0),
        "h3": TextStyle(font_family="DejaVu", font_style="B", font_size_pt=11.5, color="#003a68", t_margin=3, b_margin=0),
        "p": TextStyle(font_family="DejaVu", font_size_pt=10.5, t_margin=2.5, b_margin=0),
        "ul": TextStyle(font_family="DejaVu", font_size_pt=10.5, t_margin=2.5),
        "li": TextStyle(font_family="DejaVu", font_size_pt=10.5, l_margin=5, t_margin=1),
    }

    def new_page(header):
        pdf.add_page()
        if header:
            pdf.set_font("DejaVu", "", 7.5)
            pdf.set_text_color(90, 90, 90)
            pdf.multi_cell(0, 3.6, " · ".join(header), align=Align.L, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.set_text_color(0, 0, 0)

    for n, (header, blocks) in enumerate(pages(text, drop_lines)):
        # The Memoria's cover holds only the lines its other pages repeat at
        # the top: there they are its title, not a running header.
        cover = bool(header) and not blocks
        new_page([] if cover else header)
        if n == 0:
            pdf.set_font("DejaVu", "B", 9.5)
            pdf.set_fill_color(255, 244, 206)
            pdf.set_draw_color(150, 110, 0)
            pdf.multi_cell(0, 5, PDF_NOTE, border=1, fill=True, padding=3, align=Align.L, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        if cover:
            pdf.ln(40)
            pdf.set_text_color(0, 58, 104)
            for i, line in enumerate(header):
                pdf.set_font("DejaVu", "B" if i == 0 else "", 20 if i == 0 else 13)
                pdf.multi_cell(0, 9 if i == 0 else 7, line, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(6)
            pdf.set_text_color(0, 0, 0)
        body = "\n".join(block_html(b, headings=headings, caps_titles=caps_titles) for b in blocks)
        if body.strip():
            pdf.write_html(body, font_family="DejaVu", tag_styles=styles, ul_bullet_char="•",
                           li_prefix_color=(0, 0, 0))
    pdf.output(str(out_path))
    print(f"{out_path.name}: {pdf.pages_count} pages")


def build_pdfs(out_dir):
    for name, title, author, options in corpus_documents():
        build_pdf(name, title, author, options, out_dir / f"{Path(name).stem}.pdf")


# ---------------------------------------------------------------------------


def tool(name):
    path = shutil.which(name)
    if not path:
        sys.exit(f"{name} is not installed. Debian packages needed: {' '.join(DEBIAN_PACKAGES)}.")
    return path


def missing_tools():
    missing = [tool for tool in ("espeak-ng", "ffmpeg") if not shutil.which(tool)]
    missing += [str(font) for font in (FONT_REGULAR, FONT_BOLD) if not font.exists()]
    return missing


def main(argv=None):
    parser = argparse.ArgumentParser(description="Rebuild archive/demo/media/ from the corpus texts.")
    parser.add_argument("what", nargs="?", choices=("all", "video", "pdf"), default="all")
    parser.add_argument("--out", type=Path, default=MEDIA_DIR)
    args = parser.parse_args(argv)
    missing = missing_tools()
    if missing:
        sys.exit(f"Missing: {', '.join(missing)}. Install the Debian packages {' '.join(DEBIAN_PACKAGES)}.")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.what in ("all", "video"):
        build_video(args.out)
    if args.what in ("all", "pdf"):
        build_pdfs(args.out)


if __name__ == "__main__":
    main()
