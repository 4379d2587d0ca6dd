"""WebVTT captions: cues with their times, grouped into passages a hit can point to."""

import re

TIMING = re.compile(
    r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})\s+-->\s+(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})"
)
TAG = re.compile(r"<[^>]+>")
# A hit links to its passage's first second: short passages put the viewer
# within a few seconds of the words (30 s windows started up to half a
# minute early: the demo video's «órgano garante» hit opened at 0:33 for
# words said at 0:45), long enough to hold a phrase that spans two cues.
WINDOW_SECONDS = 10


def _seconds(hours, minutes, seconds, millis):
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse_vtt(text):
    """[(start seconds, end seconds, text)] of every cue; malformed blocks are skipped."""
    cues = []
    for block in re.split(r"\r?\n\s*\r?\n", (text or "").lstrip("\ufeff")):
        lines = block.strip().splitlines()
        for i, line in enumerate(lines):
            match = TIMING.search(line)
            if match:
                start = _seconds(*match.groups()[:4])
                end = _seconds(*match.groups()[4:])
                words = " ".join(TAG.sub("", cue_line).strip() for cue_line in lines[i + 1 :]).strip()
                if words:
                    cues.append((start, end, words))
                break
    return cues


def transcript_windows(cues, window=WINDOW_SECONDS):
    """Group consecutive cues into passages of about `window` seconds: (start, text)."""
    windows = []
    start, parts = None, []
    for cue_start, _end, text in cues:
        if start is None:
            start = cue_start
        elif cue_start - start >= window:
            windows.append((start, " ".join(parts)))
            start, parts = cue_start, []
        parts.append(text)
    if parts:
        windows.append((start, " ".join(parts)))
    return windows


def transcript_text(cues):
    return "\n".join(text for _start, _end, text in cues)
