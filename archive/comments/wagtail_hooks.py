from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, moderation
from .models import CommentSubmission, MemberAccount

QUEUE_LABEL = "Comentarios por moderar"


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return moderation.can_moderate(request.user)

    def render_component(self, request):
        # The item is built once per process: the count goes into each rendering, not into the item.
        pending = CommentSubmission.objects.filter(status=CommentSubmission.Status.PENDING).count()
        label = f"{QUEUE_LABEL} ({pending})" if pending else QUEUE_LABEL
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


@hooks.register("register_admin_urls")
def comment_admin_urls():
    return [
        path("comentarios/", admin_views.queue, name=admin_views.QUEUE),
        path("comentarios/<int:pk>/aprobar/", admin_views.approve, name="comments_approve"),
        path("comentarios/<int:pk>/rechazar/", admin_views.reject, name="comments_reject"),
    ]


@hooks.register("register_admin_menu_item")
def comment_queue_menu_item():
    return ModerationMenuItem(QUEUE_LABEL, reverse(admin_views.QUEUE), name="comentarios-por-moderar",
                              icon_name="comment", order=250)


@hooks.register("register_log_actions")
def comment_log_actions(actions):
    actions.register_action(moderation.APPROVE_ACTION, "Aprobar comentario", "Comentario aprobado y publicado")

    @actions.register_action(moderation.REJECT_ACTION)
    class RejectFormatter(LogFormatter):
        label = "Rechazar comentario"
        message = "Comentario rechazado"

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return f"Comentario rechazado. Motivo: {reason}" if reason else self.message


class MemberAccountViewSet(SnippetViewSet):
    model = MemberAccount
    icon = "user"
    menu_label = "Cuentas de integrantes"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["user", "actor", "created_at"]


register_snippet(MemberAccountViewSet)
