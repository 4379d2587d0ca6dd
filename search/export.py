"""Take a search away: its results as CSV, and its files as a BagIt bag in a zip.

Researchers cite and keep what they found. The CSV lists every result of the
search (up to EXPORT_MAX_ROWS); the zip holds the public files of those
documents with the CSV, checksums a researcher can verify (BagIt 1.0,
RFC 8493: manifest-sha256.txt) and where they came from (bag-info.txt). Both
are bounded; past a bound the answer is a clear message, in Spanish, that
says how to narrow the search.
"""

import csv
import hashlib
import io
import tempfile
import zipfile
from datetime import date

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify

from archive.attachments.models import ArchiveDocument
from archive.identity import current as identity
from archive.pages.models import DocumentPage
from archive.spanish import count
from archive.web.canonical import absolute
from archive.web.control_characters import answers_control_characters

from .engine import search
from .params import InvalidSearch, SearchParams

EXPORT_MAX_ROWS = 5000
COLUMNS = ["codigo", "titulo", "tipo", "fecha", "etapa", "actores", "resumen", "direccion", "direccion_permanente"]
CHUNK = 1024 * 1024


def _max_files():
    return getattr(settings, "EXPORT_MAX_FILES", 300)


def _max_bytes():
    return getattr(settings, "EXPORT_MAX_BYTES", 200 * 1024 * 1024)


def _refuse(request, message, status=400):
    response = render(request, "search/export_refused.html", {"message": message,
                      "back": f"/buscar/?{request.GET.urlencode()}"}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _results(request):
    """(result, refusal response): every result of the search, or why not."""
    try:
        params = SearchParams.from_querydict(request.GET)
    except InvalidSearch as exc:
        return None, _refuse(request, str(exc))
    result = search(params, limit=EXPORT_MAX_ROWS)
    if result.count > EXPORT_MAX_ROWS:
        return None, _refuse(
            request,
            f"Esta búsqueda tiene {count(result.count, 'resultado')} y se pueden descargar hasta "
            f"{count(EXPORT_MAX_ROWS, 'resultado')}. Usa los filtros o más palabras para acotarla.",
        )
    return result, None


def _code(record):
    permalink = record.display.get("permalink") or ""
    return permalink.rstrip("/").rsplit("/", 1)[-1] if permalink.startswith("/id/") else ""


def _rows(request, hits):
    for hit in hits:
        record = hit.record
        permalink = record.display.get("permalink")
        yield [
            _code(record), record.title, record.display.get("kind_label", record.kind),
            record.date.isoformat() if record.date else "", record.display.get("phase", ""),
            "; ".join(record.display.get("actors", [])), record.summary,
            absolute(record.url, request), absolute(permalink, request) if permalink else "",
        ]


def _csv_text(request, hits):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(request, hits))
    # With a byte-order mark, spreadsheets read the accents as UTF-8.
    return "\ufeff" + out.getvalue()


def _filename(request, extension):
    words = slugify(request.GET.get("q", ""))[:40] or "todo"
    return f"{identity.for_request(request).file_stem}-{words}-{date.today().isoformat()}.{extension}"


@answers_control_characters
def results_csv(request):
    result, refusal = _results(request)
    if refusal:
        return refusal
    response = HttpResponse(_csv_text(request, result.hits), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, "csv")}"'
    response["X-Robots-Tag"] = "noindex"
    return response


def _files_of(page_ids):
    """(folder, file) of every public file the documents hold, in the results' order."""
    pages = DocumentPage.objects.visible().filter(pk__in=page_ids)
    public = ArchiveDocument.objects.filter(pages.held_files()).in_bulk()
    loaded = {page.pk: page for page in pages.specific().prefetch_related("attachments")}
    files = []
    for page_id in page_ids:
        page = loaded.get(page_id)
        if page is None:
            continue
        held = [a.document_id for a in page.attachments.all()] + [file_id for _l, file_id in page.own_file_ids()]
        for file_id in dict.fromkeys(held):
            if file_id in public:
                files.append((page.reference_code or page.slug, public[file_id]))
    return files


def _bag_path(folder, document, taken):
    # Named from the file's title, which editors write, rather than the
    # stored name, which the storage may have suffixed (acta_x7Yq2.pdf).
    stored = document.file.name.rsplit("/", 1)[-1]
    extension = stored.rpartition(".")[2].lower() if "." in stored else ""
    title = document.title or stored
    if extension and title.lower().endswith(f".{extension}"):
        title = title[: -len(extension) - 1]
    stem, dot = slugify(title)[:80] or "archivo", "." if extension else ""
    path = f"data/{folder}/{stem}{dot}{extension}"
    number = 2
    while path in taken:
        path = f"data/{folder}/{stem}-{number}{dot}{extension}"
        number += 1
    taken.add(path)
    return path


def _write_payload(bag, root, path, chunks, manifest):
    digest, size = hashlib.sha256(), 0
    with bag.open(f"{root}/{path}", "w") as out:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    manifest.append((digest.hexdigest(), path))
    return size


def _file_chunks(document):
    with document.file.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _tag_file(bag, root, name, text, tags):
    data = text.encode("utf-8")
    bag.writestr(f"{root}/{name}", data)
    tags.append((hashlib.sha256(data).hexdigest(), name))


@answers_control_characters
def results_bag(request):
    result, refusal = _results(request)
    if refusal:
        return refusal
    files = _files_of([hit.record.pk for hit in result.hits])
    total = sum(document.file_size or 0 for _folder, document in files)
    if len(files) > _max_files() or total > _max_bytes():
        return _refuse(
            request,
            f"Los archivos de esta búsqueda son {count(len(files), 'archivo')} y pesan {filesizeformat(total)}; "
            f"se pueden descargar hasta {count(_max_files(), 'archivo')} y {filesizeformat(_max_bytes())} a la "
            "vez. Usa los filtros para acotarla, o descarga la lista de resultados (CSV).",
        )
    root = _filename(request, "zip")[: -len(".zip")]
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    manifest, tags, octets, taken = [], [], 0, set()
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as bag:
        csv_bytes = _csv_text(request, result.hits).encode("utf-8")
        octets += _write_payload(bag, root, "data/resultados.csv", [csv_bytes], manifest)
        for folder, document in files:
            octets += _write_payload(bag, root, _bag_path(folder, document, taken), _file_chunks(document), manifest)
        _tag_file(bag, root, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", tags)
        _tag_file(bag, root, "manifest-sha256.txt", "".join(f"{h}  {p}\n" for h, p in manifest), tags)
        info = [
            f"Source-Organization: {identity.for_request(request).name}",
            f"External-Identifier: {absolute('/buscar/?' + request.GET.urlencode(), request)}",
            "External-Description: Resultados de una búsqueda en el archivo, con sus archivos públicos "
            "y la lista de resultados (data/resultados.csv).",
            f"Bagging-Date: {date.today().isoformat()}",
            f"Payload-Oxum: {octets}.{len(manifest)}",
        ]
        _tag_file(bag, root, "bag-info.txt", "\n".join(info) + "\n", tags)
        bag.writestr(f"{root}/tagmanifest-sha256.txt", "".join(f"{h}  {p}\n" for h, p in tags))
    spool.seek(0)
    response = FileResponse(spool, as_attachment=True, filename=f"{root}.zip", content_type="application/zip")
    response["X-Robots-Tag"] = "noindex"
    return response
