"""An optional English title and summary, shown on the English pages.

The archive's documents stay in Spanish; an editor may add an English title
and a short English summary so that a reader of the English interface knows
what a document is. Where none was written, English pages show the Spanish
and say so (``shows_english`` false), marking it as Spanish for screen readers.
"""

from django.db import models
from django.utils.translation import get_language


def reading_english():
    return get_language() == "en"


class EnglishVersionMixin(models.Model):
    """``title_en`` and a summary field (``english_summary_field``) shown instead of the Spanish on /en/ pages."""

    title_en = models.CharField(
        "título en inglés", max_length=255, blank=True,
        help_text="Opcional. Se muestra en la versión en inglés del sitio; si falta, se muestra el título en español.",
    )

    english_summary_field = "summary_en"
    spanish_summary_field = "summary"

    class Meta:
        abstract = True

    @property
    def shows_english(self):
        return reading_english() and bool((self.title_en or "").strip())

    @property
    def shows_spanish_title(self):
        return not self.shows_english

    @property
    def display_title(self):
        return self.title_en if self.shows_english else self.title

    @property
    def display_summary(self):
        if reading_english():
            english = (getattr(self, self.english_summary_field, "") or "").strip()
            if english:
                return english
        return getattr(self, self.spanish_summary_field, "")

    @property
    def summary_is_english(self):
        return reading_english() and bool((getattr(self, self.english_summary_field, "") or "").strip())
