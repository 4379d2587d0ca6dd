"""How wide a label will be before any browser draws it, and where to break it.

The charts are laid out on the server, which has no font to measure with. The
widths below are those of DejaVu Sans, the widest font the site's stack falls
back to (``system-ui`` on Linux), rounded up per class of character: a label
drawn in any narrower font (Segoe UI, Roboto, San Francisco) takes less room
than we keep for it, so labels placed apart never touch.
"""

import unicodedata

# Advance widths in em, the largest of each class in DejaVu Sans (regular).
NARROW = frozenset("ijlI|.,:;'· ")          # 0.28-0.34
SLIM = frozenset("ftr-()/\"[]{}!¡")        # 0.35-0.46
WIDE = frozenset("mwMW—…%@")               # 0.82-1.0
NARROW_EM, SLIM_EM, WIDE_EM, UPPER_EM, OTHER_EM = 0.36, 0.47, 1.0, 0.8, 0.65
# DejaVu Sans Bold is at most 14 % wider than the regular, character for character.
BOLD_FACTOR = 1.15


def char_em(char):
    base = unicodedata.normalize("NFD", char)[:1] or char
    if base in NARROW:
        return NARROW_EM
    if base in SLIM:
        return SLIM_EM
    if base in WIDE:
        return WIDE_EM
    if base.isascii():
        return UPPER_EM if base.isupper() else OTHER_EM
    # Letters outside Latin (and symbols) may be as wide as a square.
    return WIDE_EM


def text_width(text, size, bold=False):
    """The most room ``text`` takes at font size ``size`` (same units as the size)."""
    width = sum(char_em(char) for char in text) * size
    return width * BOLD_FACTOR if bold else width


def wrap(text, max_width, size, bold=False):
    """Lines of at most ``max_width``; joined again they give ``text`` back.

    Each line but the last keeps the space it was broken at, so the SVG <text>
    that holds them as <tspan>s reads as the whole name to a screen reader. A
    word longer than a line is cut between letters rather than left to overflow.
    """
    words = " ".join(text.split()).split(" ")
    lines, current = [], ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current + " ")
        current = ""
        while text_width(word, size, bold) > max_width:
            cut = max(1, _fitting(word, max_width, size, bold))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def _fitting(word, max_width, size, bold):
    """How many leading characters of ``word`` fit in ``max_width``."""
    for count in range(len(word), 0, -1):
        if text_width(word[:count], size, bold) <= max_width:
            return count
    return 0
