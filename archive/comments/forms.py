from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from archive.spanish import whole

from .submissions import max_length


class CommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Tu comentario"),
        help_text=gettext_lazy("Solo texto: los saltos de línea se respetan, pero no se aplica ningún formato ni enlace."),
        widget=forms.Textarea(attrs={"rows": 10, "cols": 60}),
        error_messages={"required": gettext_lazy("Escribe tu comentario antes de enviarlo.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = max_length()
        self.fields["text"].widget.attrs["maxlength"] = limit
        most = ngettext("Máximo %(count)s carácter.", "Máximo %(count)s caracteres.", limit) % {"count": whole(limit)}
        self.fields["text"].help_text = f"{self.fields['text'].help_text} {most}"

    def clean_text(self):
        # Browsers send line breaks as CRLF; store and count them as one character.
        text = self.cleaned_data["text"].replace("\r\n", "\n").replace("\r", "\n").strip()
        if not text:
            raise forms.ValidationError(_("Escribe tu comentario antes de enviarlo."))
        limit = max_length()
        if len(text) > limit:
            raise forms.ValidationError(ngettext(
                "Tu comentario tiene %(count)s carácter y el máximo es %(limit)s. Acórtalo y vuelve a enviarlo.",
                "Tu comentario tiene %(count)s caracteres y el máximo es %(limit)s. Acórtalo y vuelve a enviarlo.",
                len(text),
            ) % {"count": whole(len(text)), "limit": whole(limit)})
        return text


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label="Motivo del rechazo",
        help_text="La persona que comentó lo leerá en «Mis comentarios». Sé breve y clara.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        error_messages={"required": "Escribe el motivo: la persona que comentó lo verá."},
    )
