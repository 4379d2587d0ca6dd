from django import forms

from archive.spanish import count, whole

from .submissions import max_length


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Tu comentario",
        help_text="Solo texto: los saltos de línea se respetan, pero no se aplica ningún formato ni enlace.",
        widget=forms.Textarea(attrs={"rows": 10, "cols": 60}),
        error_messages={"required": "Escribe tu comentario antes de enviarlo."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = max_length()
        self.fields["text"].widget.attrs["maxlength"] = limit
        self.fields["text"].help_text += f" Máximo {count(limit, 'carácter', 'caracteres')}."

    def clean_text(self):
        # Browsers send line breaks as CRLF; store and count them as one character.
        text = self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            raise forms.ValidationError("Escribe tu comentario antes de enviarlo.")
        limit = max_length()
        if len(text) > limit:
            raise forms.ValidationError(
                f"Tu comentario tiene {count(len(text), 'carácter', 'caracteres')} y el máximo es {whole(limit)}. "
                "Acórtalo y vuelve a enviarlo."
            )
        return text


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label="Motivo del rechazo",
        help_text="La persona que comentó lo leerá en «Mis comentarios». Sé breve y clara.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "Escribe el motivo: la persona que comentó lo verá."},
    )
