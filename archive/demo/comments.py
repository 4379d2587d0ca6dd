"""The Memoria's testimonies as what they are: approved member comments.

Each testimony page gets the approved ``CommentSubmission`` that records it,
from an account of its member. The accounts have no usable password: they
exist for the record, and nobody can sign in with them until an
administrator sets a password.
"""

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from archive.comments.models import CommentSubmission, MemberAccount
from archive.pages.models import MemberCommentPage, RelatedDocument, Relation

from .upsert import CREATED, UNCHANGED, UPDATED

CATEGORY = "Comentarios de integrantes registrados"


def _account(actor):
    user_model = get_user_model()
    user = user_model.objects.filter(member_account__actor=actor).first()
    if user is not None:
        return user
    # The account may outlive its link (an actor deleted and loaded again): reuse it by name.
    username = f"integrante-{actor.slug}"[:150]
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model(username=username)
        user.set_unusable_password()
        user.save()
    MemberAccount.objects.update_or_create(user=user, defaults={"actor": actor})
    return user


def _commented_document(page):
    link = (
        RelatedDocument.objects.filter(page=page, relation__in=[Relation.RESPONDS_TO, Relation.PART_OF])
        .select_related("target").order_by("sort_order", "pk").first()
    )
    return link.target if link else None


def load_comment_records(tally):
    pages = MemberCommentPage.objects.live().filter(member__isnull=False).select_related("member").order_by("pk")
    for page in pages:
        document = _commented_document(page)
        if document is None:
            continue
        with transaction.atomic():
            when = timezone.make_aware(datetime.combine(page.date, time(12))) if page.date else page.first_published_at
            wanted = {"document": document, "actor": page.member, "text": page.comment, "created_at": when,
                      "status": CommentSubmission.Status.APPROVED, "reviewed_at": when}
            record = CommentSubmission.objects.filter(comment_page=page).first()
            if record is None:
                CommentSubmission.objects.create(comment_page=page, user=_account(page.member), **wanted)
                tally.add(CATEGORY, CREATED)
            elif any(getattr(record, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(record, name, value)
                record.save()
                tally.add(CATEGORY, UPDATED)
            else:
                tally.add(CATEGORY, UNCHANGED)
