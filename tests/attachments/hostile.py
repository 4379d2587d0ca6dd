"""Hostile files, built in memory in well under a second each: zip bombs
dressed as office documents, PDF bombs, a PNG of 121 megapixels.

The bombs are made of one deflate block of zeros repeated, so a gigabyte of
declared content costs a megabyte of file and no time to build. Used by the
tests and by benchmarks/hostile_bench.py.
"""

import struct
import zlib

from tests.factories import minimal_pdf, pdf_from_objects

MB = 1024 * 1024

_ZEROS = b"\0" * MB


def _deflate_zeros(megabytes, prefix=b"", fill=_ZEROS, suffix=b""):
    """(raw deflate data, crc32) of ``prefix``, ``megabytes`` MB of ``fill`` (zeros), then ``suffix``."""
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = head.compress(prefix + fill) + head.flush(zlib.Z_FULL_FLUSH)
    # After a full flush a block refers to nothing before it: the same bytes repeat.
    again = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = again.compress(fill) + again.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(suffix) + tail.flush()
    crc = zlib.crc32(prefix)
    for _ in range(megabytes):
        crc = zlib.crc32(fill, crc)
    return first + block * (megabytes - 1) + end, zlib.crc32(suffix, crc)


def handmade_zip(entries):
    """A ZIP of (name, data, raw deflate or None for stored, crc32, uncompressed size) entries, written by hand
    so an entry's compressed bytes can be a bomb's."""
    out, central = bytearray(), bytearray()
    for name, data, deflated, crc, size in entries:
        name = name.encode()
        method = 8 if deflated else 0
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(name), 0)
        out += name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                               len(name), 0, 0, 0, 0, 0, offset)
        central += name
    start = len(out)
    out += central
    count = len(entries)
    if count > 0xFFFF:  # more entries than the classic end record counts: the ZIP64 end record says how many
        zip64_end = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central), start)
        out += struct.pack("<IIQI", 0x07064B50, 0, zip64_end, 1)
        count = 0xFFFF
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)


def _plain(name, content):
    content = content.encode() if isinstance(content, str) else content
    return (name, content, False, zlib.crc32(content), len(content))


def _bomb(name, megabytes, prefix=b"", fill=_ZEROS, suffix=b""):
    data, crc = _deflate_zeros(megabytes, prefix, fill, suffix)
    return (name, data, True, crc, megabytes * MB + len(prefix) + len(suffix))


ODT_MIME = "application/vnd.oasis.opendocument.text"


def odt_mimetype_bomb(megabytes=600):
    """The ODT of issue 20: its ``mimetype`` entry inflates to ``megabytes`` MB (600 KB of file for 600 MB)."""
    return handmade_zip([_bomb("mimetype", megabytes, prefix=ODT_MIME.encode()), _plain("content.xml", "<office:document-content/>")])


def docx_bomb(megabytes=1000):
    """A DOCX whose document.xml inflates to ``megabytes`` MB of zeros."""
    return handmade_zip([
        _plain("[Content_Types].xml", "<Types/>"),
        _bomb("word/document.xml", megabytes),
    ])


def docx_one_text_node(megabytes=60):
    """A well-formed DOCX whose only paragraph is one run of ``megabytes`` MB of the letter a."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    prefix = f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>'.encode()
    suffix = b"</w:t></w:r></w:p></w:body></w:document>"
    return handmade_zip([
        _plain("[Content_Types].xml", "<Types/>"),
        _bomb("word/document.xml", megabytes, prefix, b"a" * MB, suffix),
    ])


def odt_content_bomb(megabytes=1000):
    return handmade_zip([_plain("mimetype", ODT_MIME), _bomb("content.xml", megabytes)])


def lying_docx_bomb(megabytes=200):
    """A DOCX whose directory says document.xml is 100 bytes while it inflates to ``megabytes`` MB."""
    name, data, deflated, crc, size = _bomb("word/document.xml", megabytes)
    return handmade_zip([_plain("[Content_Types].xml", "<Types/>"), (name, data, deflated, crc, 100)])


def many_entries_docx(count=60_000):
    return handmade_zip([_plain("[Content_Types].xml", "<Types/>"), _plain("word/document.xml", "<w:document/>")]
                        + [_plain(f"word/media/{i}.bin", b"") for i in range(count)])


def pdf_compression_bomb(megabytes=1000):
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of spaces (FlateDecode)."""
    compressor = zlib.compressobj(9)
    spaces = b" " * MB
    block = compressor.compress(spaces) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeated = again.compress(spaces) + again.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    adler = zlib.adler32(spaces)
    for _ in range(megabytes - 1):
        adler = zlib.adler32(spaces, adler)
    stream = block + repeated * (megabytes - 1) + tail + struct.pack(">I", adler)
    return pdf_from_objects([
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"),
        (3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        (4, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>"),
        (5, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"),
    ])


def _zlib_of(fill, megabytes):
    """A zlib stream (FlateDecode) of ``megabytes`` MB of ``fill`` (1 MB), built from one compressed block."""
    compressor = zlib.compressobj(9)
    block = compressor.compress(fill) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeated = again.compress(fill) + again.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(fill, adler)
    return block + repeated * (megabytes - 1) + tail + struct.pack(">I", adler)


def pdf_image_bomb(side=12_000):
    """A one-page PDF that draws a grey image of ``side`` x ``side`` pixels (144 megapixels), a few hundred KB."""
    megabytes = side * side // MB + 1
    image = _zlib_of(_ZEROS, megabytes)
    content = b"q 612 0 0 792 0 0 cm /Im1 Do Q"
    return pdf_from_objects([
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"),
        (3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),  # unused: pdf_from_objects numbers from 1 up
        (4, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /XObject << /Im1 6 0 R >> >> >>"),
        (5, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"),
        (6, b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
            b"/Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(image)) + image + b"\nendstream"),
    ])


def pdf_bad_tounicode():
    """A PDF whose font's ToUnicode map claims sixteen million codes (pypdf stops at 100,000)."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <000000> <FFFFFF> endcodespacerange\n"
            b"1 beginbfrange <000000> <FFFFFF> <0041> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"BT /F1 12 Tf 72 720 Td (Acuerdos) Tj ET"
    return pdf_from_objects([
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"),
        (3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"),
        (4, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>"),
        (5, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"),
        (6, b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"),
    ])


def pdf_of_pages(count, text="Página"):
    """A PDF of ``count`` pages that all draw the same small content stream: 20,000 pages in about 3 MB."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    first_page = 5
    objects = [
        (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
        (2, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
         + b"] /Count %d >>" % count),
        (3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        (4, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    objects += [(first_page + i, page) for i in range(count)]
    return pdf_from_objects(objects)


def huge_png(width=11_000, height=11_000):
    """A grey PNG of ``width`` x ``height`` (121 megapixels by default), about 120 KB of file."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\0" * (width + 1)  # filter byte and the row's pixels
    compressor = zlib.compressobj(9)
    rows_per_block = max(1, MB // len(row))
    block_rows = row * rows_per_block
    parts, done = [], 0
    while done < height:
        take = min(rows_per_block, height - done)
        parts.append(compressor.compress(block_rows if take == rows_per_block else row * take))
        done += take
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


__all__ = [
    "docx_bomb", "huge_png", "lying_docx_bomb", "many_entries_docx", "minimal_pdf", "odt_content_bomb",
    "odt_mimetype_bomb", "pdf_bad_tounicode", "pdf_compression_bomb", "pdf_of_pages",
]
