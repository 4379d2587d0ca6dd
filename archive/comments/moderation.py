"""Approving a comment makes it a document; rejecting it tells the member why.

Both are audit-logged. Approval writes the page, its publication and the
submission's new state in one transaction: a failure leaves the comment
pending, never half published.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from wagtail.log_actions import log

from archive.pages.models import (
    DocumentActor,
    DocumentIndexPage,
    DocumentPage,
    MemberCommentPage,
    RelatedDocument,
    Relation,
)

from .members import membership_on
from .models import CommentSubmission

APPROVE_ACTION = "archivo.comment.approve"
REJECT_ACTION = "archivo.comment.reject"
TITLE_MAX = 255


class ModerationError(Exception):
    """Something a moderator must be told, in Spanish."""


def comments_index():
    index = DocumentIndexPage.objects.filter(kind=MemberCommentPage.kind_slug).first()
    if index is None:
        raise ModerationError(
            "No existe el listado de comentarios de integrantes: créalo (tipo «Comentarios de integrantes») "
            "antes de aprobar comentarios."
        )
    return index


def can_moderate(user):
    """Who may publish documents where comments are published: moderators and administrators."""
    if not user.is_active:
        return False
    index = DocumentIndexPage.objects.filter(kind=MemberCommentPage.kind_slug).first()
    return index is not None and index.permissions_for_user(user).can_publish_subpage()


def comment_title(name, document_title):
    frame = f"Comentario de {name} sobre «»"
    room = max(TITLE_MAX - len(frame), 20)
    return f"Comentario de {name} sobre «{Truncator(document_title).chars(room)}»"[:TITLE_MAX]


def comment_summary(name, body_label, document_title, text):
    who = f"{name}, del {body_label}," if body_label else name
    return f"{who} comenta «{Truncator(document_title).chars(120)}»: {Truncator(' '.join(text.split())).words(30)}"


def _locked_pending(submission):
    locked = CommentSubmission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != CommentSubmission.Status.PENDING:
        raise ModerationError("Este comentario ya se revisó: nada cambió.")
    return locked


def approve(submission, user):
    """Publish the comment as a MemberCommentPage under the comments listing; returns the page."""
    index = comments_index()
    with transaction.atomic():
        submission = _locked_pending(submission)
        actor, document = submission.actor, submission.document
        if not DocumentPage.objects.visible().filter(pk=document.pk).exists():
            # Published, the comment would point the public at a page they cannot read.
            raise ModerationError(
                f"«{document.title}» ya no está publicado o es privado: el comentario no se puede publicar. "
                "Recházalo o espera a que el documento vuelva a publicarse."
            )
        day = timezone.localdate(submission.created_at)
        membership = membership_on(actor, day)
        body = membership.body if membership else ""
        page = MemberCommentPage(
            title=comment_title(actor.name, document.title),
            slug=f"{slugify(actor.name)[:60]}-{submission.pk}",
            summary=comment_summary(actor.name, membership.get_body_display() if membership else "",
                                    document.title, submission.text),
            date=day,
            member=actor,
            member_body=body,
            member_role=membership.role if membership else "",
            comment=submission.text,
            language="es",
        )
        page.actor_links.add(DocumentActor(actor=actor, role="author"))
        page.related_links.add(RelatedDocument(target=document, relation=Relation.RESPONDS_TO))
        index.add_child(instance=page)
        page.save_revision(user=user, log_action=True).publish(user=user)

        submission.status = CommentSubmission.Status.APPROVED
        submission.reviewed_by, submission.reviewed_at = user, timezone.now()
        submission.comment_page = page
        submission.save()
        log(submission, APPROVE_ACTION, user=user, data={"page_id": page.pk, "document_id": document.pk})
    return page


def reject(submission, user, reason):
    with transaction.atomic():
        submission = _locked_pending(submission)
        submission.status = CommentSubmission.Status.REJECTED
        submission.reviewed_by, submission.reviewed_at = user, timezone.now()
        submission.rejection_reason = reason
        submission.save()
        log(submission, REJECT_ACTION, user=user, data={"reason": reason, "document_id": submission.document_id})
    return submission
