"""«Comentarios por moderar»: the queue, approval and rejection, for who may publish comments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from archive.taxonomy.models import Membership

from . import moderation
from .forms import RejectionForm
from .models import CommentSubmission

QUEUE = "comments_queue"


def _moderator_only(request):
    if not moderation.can_moderate(request.user):
        raise PermissionDenied


def _pending(pk):
    return get_object_or_404(CommentSubmission.objects.select_related("document", "actor", "user"), pk=pk)


def queue(request):
    _moderator_only(request)
    pending = list(
        CommentSubmission.objects.filter(status=CommentSubmission.Status.PENDING)
        .select_related("document", "actor", "user").order_by("created_at", "pk")
    )
    # The group each member belongs to, from all their memberships in one query.
    bodies = {}
    for membership in Membership.objects.filter(actor_id__in={s.actor_id for s in pending}):
        bodies.setdefault(membership.actor_id, set()).add(membership.get_body_display())
    for submission in pending:
        submission.body_label = ", ".join(sorted(bodies.get(submission.actor_id, ()))) or "Sin membresía registrada"
    context = {
        "pending": pending,
        "page_title": "Comentarios por moderar",
        "header_title": "Comentarios por moderar",
        "header_icon": "comment",
        "rejection_form": RejectionForm(),
    }
    return TemplateResponse(request, "comments/admin/queue.html", context)


@require_POST
def approve(request, pk):
    _moderator_only(request)
    submission = _pending(pk)
    try:
        page = moderation.approve(submission, request.user)
    except moderation.ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Comentario aprobado y publicado: «{page.title}».")
    return redirect(QUEUE)


@require_POST
def reject(request, pk):
    _moderator_only(request)
    submission = _pending(pk)
    form = RejectionForm(request.POST)
    if not form.is_valid():
        context = {
            "submission": submission,
            "form": form,
            "page_title": "Rechazar un comentario",
            "header_title": "Rechazar un comentario",
            "header_icon": "comment",
        }
        return TemplateResponse(request, "comments/admin/reject.html", context, status=400)
    try:
        moderation.reject(submission, request.user, form.cleaned_data["reason"])
    except moderation.ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Comentario de {submission.actor.name} rechazado. Verá el motivo en «Mis comentarios».")
    return redirect(QUEUE)
