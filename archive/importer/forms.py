from django import forms


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
        help_text="Los archivos que nombra la columna «files». Puedes elegir varios a la vez.",
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
