"""Files as editors bring them: real PDFs (plain, encrypted, damaged) and
the things the archive must refuse, built in memory."""

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile

from pypdf import PdfReader, PdfWriter

from tests.factories import minimal_pdf


def zipped(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def tarred():
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        info = tarfile.TarInfo("minuta.txt")
        info.size = 4
        archive.addfile(info, io.BytesIO(b"hola"))
    return out.getvalue()


def encrypted_pdf(*pages, user_password="secreta", owner_password="dueña"):  # noqa: S107 - test files, not secrets
    """A PDF locked with pypdf's own encryption; an empty user password only forbids copying."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf(*pages))))
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged_pdf():
    """A PDF cut in half, as an interrupted download leaves it."""
    whole = minimal_pdf("Acuerdos de la sesión", "Asistentes")
    return whole[: len(whole) // 2]


def docx(extra=None):
    return zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>", **(extra or {})})


def odt(extra=None):
    return zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>", **(extra or {})})


SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'

SAFE_SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    + SVG_OPEN
    + b'<defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient></defs>'
    b'<rect width="10" height="10" fill="url(#g)"/><use xlink:href="#g"/></svg>'
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

# (file name, content, what the refusal must say)
REFUSED = [
    ("pagina.html", b"<!DOCTYPE html><html><body>Hola</body></html>", "El archivo es una página web (HTML)"),
    ("minuta.pdf", b"<html><script>alert(1)</script></html>", "El archivo es una página web (HTML)"),
    ("notas.txt", b"Hola <script>alert(1)</script>", "El archivo es una página web (HTML)"),
    ("instalador.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120, "programa ejecutable (programa de Windows)"),
    ("herramienta", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "programa ejecutable (programa de Linux)"),
    ("app.pdf", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 64, "programa ejecutable (programa de macOS)"),
    ("limpiar.txt", b"#!/bin/sh\nrm -rf /\n", "programa ejecutable (script)"),
    ("fotos.pdf", zipped({"foto.jpg": b"\xff\xd8\xff"}), "archivo comprimido (ZIP)"),
    ("respaldo.pdf", gzip.compress(b"hola"), "archivo comprimido (gzip)"),
    ("respaldo.txt", tarred(), "archivo comprimido (tar)"),
    ("respaldo.docx", b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 32, "archivo comprimido (7z)"),
    ("respaldo.odt", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 32, "archivo comprimido (RAR)"),
    ("respaldo.csv", bz2.compress(b"hola"), "archivo comprimido (bzip2)"),
    ("respaldo.vtt", lzma.compress(b"hola"), "archivo comprimido (xz)"),
    ("dibujo.svg", SVG_OPEN + b"<script>alert(1)</script></svg>", "La imagen SVG contiene código (un elemento <script>)"),
    ("dibujo.svg", SVG_OPEN.replace(b"<svg ", b'<svg onload="alert(1)" ') + b"</svg>", "La imagen SVG contiene código (el atributo onload)"),
    ("dibujo.svg", SVG_OPEN + b'<a xlink:href="java&#x09;script:alert(1)"><text>x</text></a></svg>', "código (un enlace javascript:)"),
    ("dibujo.svg", SVG_OPEN + b"<foreignObject><p>x</p></foreignObject></svg>", "contenido incrustado (<foreignObject>)"),
    ("dibujo.svg", SVG_OPEN + b'<image href="https://example.org/rastreo.png"/></svg>', "referencias a otros archivos o sitios"),
    ("dibujo.svg", SVG_OPEN + b"<style>@import url(https://example.org/x.css);</style></svg>", "referencias a otros archivos (@import)"),
    ("dibujo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]>' + SVG_OPEN + b"&a;</svg>", "entidades XML"),
    ("informe.docx", docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "El documento contiene macros"),
    ("informe.odt", odt({"Basic/Standard/Module1.xml": "<script:module/>"}), "El documento contiene macros"),
    ("audio.mp4", b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00M4A mp42", "no acepta este tipo de archivo"),
    # Django's own form field catches an empty file first, with its own wording («vació», sic).
    ("vacio.txt", b"", "está vac"),
]

# (file name, content, detected format key): accepted, whatever the name says.
ACCEPTED = [
    ("imagen.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"),
    ("imagen.webp", b"RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00" + b"\x00" * 14, "webp"),
    ("imagen.png", PNG, "png"),
    ("escaneo.tif", b"II*\x00\x08\x00\x00\x00" + b"\x00" * 16, "tif"),
    ("logo.svg", SAFE_SVG, "svg"),
    ("sesion.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42" + b"\x00" * 16, "mp4"),
    ("sesion.mov", b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  " + b"\x00" * 16, "mov"),
    ("sesion.m4v", b"\x00\x00\x00\x18ftypM4V \x00\x00\x00\x00M4V mp42" + b"\x00" * 16, "m4v"),
    ("sesion.webm", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm", "webm"),
    ("sesion.ogv", b"OggS\x00\x02" + b"\x00" * 22 + b"\x80theora" + b"\x00" * 16, "ogv"),
    ("informe.docx", docx(), "docx"),
    ("informe.odt", odt(), "odt"),
    ("datos.csv", "municipio,año\nCoyoacán,2021\n".encode(), "csv"),
    ("notas.txt", "Menores de <18 años: 3".encode(), "txt"),
    ("subtitulos.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHola", "vtt"),
]
