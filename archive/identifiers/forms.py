from django import forms


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label="Motivo del retiro",
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Se mostrará al público en la dirección del documento. Escríbelo en lenguaje sencillo. "
            "Por ejemplo: «Contenía datos personales de una persona que pidió retirarlos»."
        ),
        error_messages={
            "required": "Escribe el motivo: quien siga un enlace a este documento lo leerá.",
            "min_length": "Explica el motivo en una frase completa (al menos %(limit_value)d caracteres).",
            "max_length": "El motivo es demasiado largo: usa como máximo %(limit_value)d caracteres.",
        },
    )
