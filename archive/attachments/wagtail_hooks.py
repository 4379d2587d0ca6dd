from django.urls import path
from wagtail import hooks
from wagtail.documents.views import chooser

from . import admin_views, text_views


@hooks.register("register_admin_urls", order=-1)
def register_document_views():
    # Same paths as Wagtail's documents views, registered first so they win;
    # reverse("wagtaildocs:add") and the rest keep naming Wagtail's patterns,
    # which resolve to the same addresses.
    return [
        path("documents/", admin_views.IndexView.as_view(), name="archive_documents_index"),
        path("documents/results/", admin_views.IndexView.as_view(results_only=True), name="archive_documents_index_results"),
        path("documents/add/", admin_views.CreateView.as_view(), name="archive_documents_add"),
        path("documents/edit/<int:document_id>/", admin_views.EditView.as_view(), name="archive_documents_edit"),
        path("documents/text/<int:document_id>/", text_views.correct_text, name="archive_document_text"),
        path("documents/multiple/add/", admin_views.AddMultipleView.as_view(), name="archive_documents_add_multiple"),
        path("documents/chooser/create/", chooser.viewset.construct_view(admin_views.ChooserUploadView),
             name="archive_documents_chooser_create"),
        path("documents/chooser/", chooser.viewset.construct_view(
            admin_views.ChooseView, icon=chooser.viewset.icon, page_title=chooser.viewset.page_title,
            search_tab_label=chooser.viewset.search_tab_label, creation_tab_label=chooser.viewset.creation_tab_label,
        ), name="archive_documents_chooser"),
        path("documents/chooser/results/", chooser.viewset.construct_view(admin_views.ChooseResultsView),
             name="archive_documents_chooser_results"),
    ]
