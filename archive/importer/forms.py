import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from archive.attachments.limits import human_size, zip_directory_problem
from archive.spanish import whole

# Browsers send every chosen file in one request; Django refuses more than
# DATA_UPLOAD_MAX_NUMBER_FILES of them (a guard of every form). More files go
# in one ZIP, which the import unpacks (preview.py).
ZIP_MAX_FILES = 5000
ZIP_MAX_BYTES = 5 * 1024**3


def is_zip(uploaded):
    if not uploaded.name.lower().endswith(".zip"):
        return False
    uploaded.seek(0)
    head = uploaded.read(4)
    uploaded.seek(0)
    return head == b"PK\x03\x04"


def zip_members(archive):
    """The files of a ZIP of files to import: folders and the Mac's and Windows' leftovers left out."""
    for entry in archive.infolist():
        name = entry.filename.replace("\\", "/")
        base = name.rsplit("/", 1)[-1]
        if entry.is_dir() or not base or base.startswith(".") or "__MACOSX/" in name or base == "Thumbs.db":
            continue
        yield entry


def check_zip(uploaded):
    """Why this ZIP of files cannot be imported (a Spanish sentence), or None. Reads only its directory."""
    problem = zip_directory_problem(uploaded)
    if problem:
        return f"«{uploaded.name}»: {problem}"
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = list(zip_members(archive))
    except (zipfile.BadZipFile, OSError, ValueError):
        return f"«{uploaded.name}» no se puede abrir como ZIP: puede estar dañado. Créalo otra vez."
    finally:
        uploaded.seek(0)
    limit = getattr(settings, "IMPORTER_ZIP_MAX_FILES", ZIP_MAX_FILES)
    if len(entries) > limit:
        return f"«{uploaded.name}» trae {whole(len(entries))} archivos; el máximo es {whole(limit)}. Divídelo en varios."
    if any(entry.flag_bits & 0x1 for entry in entries):
        return f"«{uploaded.name}» tiene archivos con contraseña. Crea el ZIP sin contraseña."
    largest = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    too_big = next((entry for entry in entries if largest is not None and entry.file_size > largest), None)
    if too_big is not None:
        return (f"«{too_big.filename}», dentro de «{uploaded.name}», pesa {human_size(too_big.file_size)}; "
                f"el máximo de un archivo es {human_size(largest)}.")
    total, ceiling = sum(entry.file_size for entry in entries), getattr(settings, "IMPORTER_ZIP_MAX_BYTES", ZIP_MAX_BYTES)
    if total > ceiling:
        return (f"«{uploaded.name}» descomprimido ocupa {human_size(total)}; el máximo es {human_size(ceiling)}. "
                "Divídelo en varios.")
    return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ImportForm(forms.Form):
    manifest = forms.FileField(
        label="Manifiesto (CSV o JSON)",
        help_text=(
            "Una fila (o un objeto JSON) por documento. Las columnas se explican abajo; puedes empezar con la "
            "plantilla o con el ejemplo."
        ),
        error_messages={"required": "Elige el manifiesto: un archivo CSV o JSON."},
    )
    files = MultipleFileField(
        label="Archivos",
        required=False,
        help_text="Los archivos que nombra la columna «files». Puedes elegir varios a la vez (hasta 100) "
                  "o un ZIP con todos: se desempaca al importar.",
    )
    publish = forms.BooleanField(
        label="Publicar",
        required=False,
        help_text="Sin marcar, los documentos quedan como borradores para revisarlos antes de publicar.",
    )

    def __init__(self, *args, can_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]

    def clean_files(self):
        files = self.cleaned_data["files"]
        problems = [problem for uploaded in files if is_zip(uploaded) and (problem := check_zip(uploaded))]
        if problems:
            raise ValidationError([*problems, "No se importó nada."])
        return files
