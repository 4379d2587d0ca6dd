"""Wagtail's document views, telling the editor what the archive read from each file.

Registered in wagtail_hooks.py at Wagtail's own addresses (wagtaildocs:add,
:edit, :add_multiple, :index), ahead of Wagtail's patterns.
"""

from django.contrib import messages
from wagtail.admin.ui.tables import Column
from wagtail.documents.views import chooser, documents, multiple


def text_warning(document):
    """«Acta 3»: El PDF está cifrado; su texto no se indexa. Empty when the text was read."""
    return f"«{document.title}»: {document.text_problem}" if document.text_problem else ""


def queued_note(document):
    return (f"«{document.title}» está en cola para leerse: su texto, sus páginas y su miniatura "
            "aparecerán en unos momentos; la columna «Lectura» dice cómo va.")


class CreateView(documents.CreateView):
    def save_action(self):
        response = super().save_action()
        if not self.expects_json_response:
            if self.object.analysis_pending:
                messages.info(self.request, queued_note(self.object))
            elif warning := text_warning(self.object):
                messages.warning(self.request, warning)
        return response


class EditView(documents.EditView):
    def save_action(self):
        response = super().save_action()
        # Only when the file itself changed: re-saving a title says nothing new about the text.
        if not self.expects_json_response and "file" in self.form.changed_data:
            if self.object.analysis_pending:
                messages.info(self.request, queued_note(self.object))
            elif warning := text_warning(self.object):
                messages.warning(self.request, warning)
        return response


class AddMultipleView(multiple.AddView):
    # Wagtail's generic form, preceded by what the archive read from the file.
    edit_form_template_name = "wagtaildocs/multiple/edit_form.html"

    def get_upload_form_class(self):
        return _with_optional_language(super().get_upload_form_class())


def _with_optional_language(form_class):
    """The multiple upload posts only a title and a collection: without this the
    required language makes Wagtail park every file as an unfinished upload
    instead of storing it (the model's default, Spanish, applies)."""

    class UploadForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if "language" in self.fields:
                self.fields["language"].required = False

    return UploadForm


class TextStatusColumn(Column):
    cell_template_name = "wagtaildocs/documents/text_status_cell.html"


def analysis_column():
    """«en cola», «leyendo: texto, página 12 de 80», «listo» or «falló: …»."""
    return Column("analysis_state", label="Lectura", accessor="analysis_label")


class IndexView(documents.IndexView):
    @property
    def columns(self):
        columns = list(super().columns)
        columns.insert(3, TextStatusColumn("text_status", label="Texto", accessor="get_text_status_display"))
        columns.insert(4, analysis_column())
        return columns


class ChooseView(chooser.DocumentChooseView):
    @property
    def columns(self):
        return [*super().columns, analysis_column()]


class ChooseResultsView(chooser.DocumentChooseResultsView):
    @property
    def columns(self):
        return [*super().columns, analysis_column()]


class ChooserUploadView(chooser.DocumentChooserUploadView):
    """Upload inside the document chooser: a file the archive already holds is chosen, not stored twice.

    The editor meant to attach this content; attaching the stored copy does
    exactly that, keeps one file with one checksum and one history, and the
    chosen file's title shows in the panel which one it is.
    """

    def post(self, request):
        self.form = self.get_creation_form()
        if self.form.is_valid():
            return self.get_chosen_response(self.save_form(self.form))
        duplicate = getattr(self.form.instance, "duplicate_of", None)
        if duplicate is not None and set(self.form.errors) == {"file"}:
            return self.get_chosen_response(duplicate)
        return self.get_reshow_creation_form_response()
