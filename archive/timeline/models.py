"""Pauses (paréntesis) and milestones of the process, drawn on the timeline."""

from django.core.exceptions import ValidationError
from django.db import models

from archive.dates import DatePrecision, format_partial_date


class Pause(models.Model):
    slug = models.SlugField("identificador", max_length=100, unique=True)
    start = models.DateField("inicio")
    end = models.DateField("fin")
    reason = models.CharField("motivo", max_length=255, help_text="En lenguaje sencillo: por qué se detuvo el trabajo.")

    class Meta:
        ordering = ["start"]
        verbose_name = "paréntesis"
        verbose_name_plural = "paréntesis"

    def __str__(self):
        return f"{self.reason} ({self.dates_label})"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "El paréntesis no puede terminar antes de empezar."})

    @property
    def dates_label(self):
        return f"{format_partial_date(self.start, DatePrecision.DAY)} – {format_partial_date(self.end, DatePrecision.DAY)}"


class Milestone(models.Model):
    slug = models.SlugField("identificador", max_length=100, unique=True)
    date = models.DateField("fecha")
    precision = models.CharField("precisión", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY)
    label = models.CharField("hito", max_length=255, help_text="En lenguaje sencillo: qué pasó.")
    phase = models.ForeignKey(
        "taxonomy.Phase", verbose_name="etapa", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="milestones",
    )

    class Meta:
        ordering = ["date"]
        verbose_name = "hito"
        verbose_name_plural = "hitos"

    def __str__(self):
        return self.label

    def clean(self):
        if self.precision == DatePrecision.UNKNOWN:
            raise ValidationError({"precision": "Un hito necesita fecha: elige día, mes o año."})

    @property
    def date_label(self):
        return format_partial_date(self.date, self.precision)
