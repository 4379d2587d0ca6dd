"""Inline rows an editor cannot repeat, refused in words the editor uses.

modelcluster refuses two rows that break a unique_together with Django's
«corrija el dato duplicado para page, actor y role»: field names, not what
went wrong. A kind's row model says it in its own words instead
(``duplicate_row_message``).
"""

from modelcluster.forms import BaseChildFormSet
from wagtail.admin.panels import InlinePanel


class DistinctRowsFormSet(BaseChildFormSet):
    def get_unique_error_message(self, unique_check):
        return getattr(self.model, "duplicate_row_message", "Hay dos filas iguales: quita una.")

    def get_form_error(self):
        return "Esta fila repite otra."


class DistinctRowsInlinePanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = DistinctRowsFormSet
        return options
