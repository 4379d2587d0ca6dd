"""Scanned pages made from known text: a page printed to a picture (Pillow), with
the grain and the slight turn of a real scanner, wrapped as a PDF with no text
layer. Used by the OCR tests (one small page) and benchmarks/ocr_bench.py.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FALLBACK_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LETTER_INCHES = (8.5, 11)


def _font(size):
    for path in (FONT, FALLBACK_FONT):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _wrap(paragraph, font, width):
    """The paragraph's lines, each as wide as fits in ``width`` pixels."""
    lines, line = [], ""
    for word in paragraph.split():
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return [*lines, line]


def page_image(text, dpi=200, noise=0.02, angle=0.8, seed=0, point_size=11):
    """A letter-size page of ``text`` at ``dpi``, as a greyscale picture with speckles and a small rotation."""
    rng = random.Random(seed)  # noqa: S311 - grain on a picture, repeatable, not a secret
    width, height = int(LETTER_INCHES[0] * dpi), int(LETTER_INCHES[1] * dpi)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = _font(round(point_size * dpi / 72))
    margin = dpi  # one inch
    line_height = round(point_size * 1.5 * dpi / 72)
    y = margin
    for paragraph in text.split("\n"):
        for line in _wrap(paragraph, font, width - 2 * margin):
            if y + line_height > height - margin:
                break
            draw.text((margin, y), line, font=font, fill=20)
            y += line_height
    # A scanner's grain: dark specks on the paper, light ones in the ink.
    pixels = image.load()
    for _ in range(int(width * height * noise)):
        x, yy = rng.randrange(width), rng.randrange(height)
        pixels[x, yy] = rng.choice((90, 150, 235))
    image = image.filter(ImageFilter.GaussianBlur(0.4))
    return image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)


def fitting_text(paragraphs, dpi=200, point_size=11):
    """How many of ``paragraphs`` fill one page, as the text printed on it (paragraphs kept)."""
    width, height = int(LETTER_INCHES[0] * dpi), int(LETTER_INCHES[1] * dpi)
    font = _font(round(point_size * dpi / 72))
    lines_per_page = (height - 2 * dpi) // round(point_size * 1.5 * dpi / 72)
    used, lines, kept = 0, 0, []
    for paragraph in paragraphs:
        wrapped = _wrap(paragraph, font, width - 2 * dpi)
        if lines + len(wrapped) > lines_per_page:
            break
        lines += len(wrapped)
        kept.append(paragraph)
        used += 1
    return "\n".join(kept), used


def image_pdf(images, dpi=200):
    """The pictures as the pages of a PDF without any text (what a scanner writes)."""
    out = io.BytesIO()
    first, *rest = [image.convert("L") for image in images]
    first.save(out, format="PDF", resolution=dpi, save_all=True, append_images=rest)
    return out.getvalue()


def scanned_pdf(*texts, dpi=200, seed=0, angle=0.8):
    """One scanned page per text."""
    return image_pdf([page_image(text, dpi=dpi, seed=seed + n, angle=angle) for n, text in enumerate(texts)], dpi=dpi)
