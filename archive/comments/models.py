"""Comments that members of the Núcleo Promotor and the Grupo Asesor send from the public site.

A submission waits for a moderator; once approved it becomes a published
``MemberCommentPage`` (see ``moderation.approve``), so it gets a permanent
code and enters the search like any other document.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel

# Created by migration 0002; accounts in it may comment, and nothing more
# (the group holds no permission, so no access to the admin).
MEMBERS_GROUP = "Integrantes"


def members_group():
    # get_or_create: a test flush empties the table the migration filled.
    group, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
    return group


class MemberAccount(models.Model):
    """Links a person's login to the actor they speak for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_account", verbose_name="cuenta",
    )
    # Deleting the actor ends the link (the account stays, unable to comment);
    # what the member already sent keeps its own reference to the actor.
    actor = models.ForeignKey(
        "taxonomy.Actor", on_delete=models.CASCADE, related_name="member_accounts", verbose_name="actor",
        help_text="La persona u organización integrante en cuyo nombre se publican sus comentarios.",
    )
    created_at = models.DateTimeField("creada", auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("actor")]

    class Meta:
        verbose_name = "cuenta de integrante"
        verbose_name_plural = "cuentas de integrantes"

    def __str__(self):
        return f"{self.user.get_username()} → {self.actor.name}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Linking an account is the administrator's decision that it belongs to
        # a member; joining the group is part of that decision, not a second step.
        self.user.groups.add(members_group())


class CommentSubmission(models.Model):
    class Status(models.TextChoices):
        # Shown to the member in «Mis comentarios», in the reader's language.
        PENDING = "pendiente", gettext_lazy("Pendiente de revisión")
        APPROVED = "aprobado", gettext_lazy("Aprobado")
        REJECTED = "rechazado", gettext_lazy("Rechazado")

    document = models.ForeignKey(
        "pages.DocumentPage", on_delete=models.CASCADE, related_name="comment_submissions",
        verbose_name="documento",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_submissions",
        verbose_name="cuenta",
    )
    # The actor the account spoke for when it wrote: relinking the account later
    # must not change who signed an earlier comment.
    actor = models.ForeignKey(
        "taxonomy.Actor", on_delete=models.PROTECT, related_name="comment_submissions", verbose_name="integrante",
    )
    text = models.TextField("comentario")
    created_at = models.DateTimeField("enviado", db_index=True)
    status = models.CharField("estado", max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="revisado por",
    )
    reviewed_at = models.DateTimeField("revisado", null=True, blank=True)
    rejection_reason = models.TextField("motivo del rechazo", blank=True)
    comment_page = models.OneToOneField(
        "pages.MemberCommentPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="submission",
        verbose_name="página del comentario",
    )

    class Meta:
        verbose_name = "comentario enviado"
        verbose_name_plural = "comentarios enviados"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "created_at"], name="comments_user_created")]

    def __str__(self):
        return f"{self.actor.name} sobre «{self.document.title}» ({self.get_status_display()})"
