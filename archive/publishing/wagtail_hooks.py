from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem

from .files_being_read import CONFIRMED, HELD, editor_warning, files_being_read, published_warning


class PublishWhileReadingMenuItem(PublishMenuItem):
    label = "Publicar aunque haya archivos en lectura"
    template_name = "publishing/publish_while_reading.html"

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), "confirmed": CONFIRMED}


@hooks.register("before_edit_page")
def warn_of_files_being_read(request, page):
    if request.method == "GET" and (files := files_being_read(page)):
        messages.warning(request, editor_warning(files))


@hooks.register("construct_page_action_menu")
def publish_while_reading(menu_items, request, context):
    page = context.get("page")
    if page is None or not files_being_read(page):
        return
    for position, item in enumerate(menu_items):
        if item.name == "action-publish":
            menu_items[position] = PublishWhileReadingMenuItem(order=item.order)


@hooks.register("before_publish_page")
def hold_publication_while_reading(request, page):
    if request.POST.get("action-publish") == CONFIRMED:
        return None
    if page.go_live_at and page.go_live_at > timezone.now():
        return None  # scheduled: the files will have been read by then
    if files_being_read(page):
        # The revision is saved already: the editor loses nothing.
        messages.warning(request, HELD)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("after_publish_page")
def tell_published_while_reading(request, page):
    if page.live and (files := files_being_read(page)):
        messages.warning(request, published_warning(files))
