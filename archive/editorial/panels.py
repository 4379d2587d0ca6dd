"""What waits for editors, as panels on the admin's dashboard (/admin/).

Documents in review are not here: Wagtail's own panels already list them,
«Esperando tu revisión» for whoever may approve them (with a link, who sent
them and since when, and the actions) and another for the pages a person
sent or owns. A second list would say the same thing twice.

Each panel is shown only to people who may act on what it lists, and costs
the same few queries however many items there are: files and comments are
cut to ``LIMIT`` in the database and what each item needs is fetched for all
of them at once; summaries have no stored score, so their panel reads every
summary in one query and scores them in Python (kept in the cache by text).
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.documents import get_document_model
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from archive.attachments.pdf import TextStatus
from archive.comments import moderation
from archive.comments.admin_views import QUEUE
from archive.comments.models import CommentSubmission
from archive.pages.models import DocumentAttachment, DocumentPage
from archive.plainlanguage.readability import INFLESZ_SCALE, label_for, score, summary_threshold
from archive.spanish import decimal

# Enough to start working; the full lists are one link away.
LIMIT = 10

# The statuses ArchiveDocument.text_problem warns about: the file's text is
# not in the search because it could not be read, or there was none.
UNREADABLE = (TextStatus.DAMAGED, TextStatus.ENCRYPTED, TextStatus.EMPTY)

# Scoring a summary takes about a millisecond, and this panel needs every
# summary the person may edit on each visit; a score depends only on the
# text, so scores are kept by the text's digest. Bump the version when
# archive/plainlanguage/readability.py scores differently; the day's timeout
# heals any other staleness.
SCORES_KEY = "editorial:summary-inflesz:1"
SCORES_TIMEOUT = 24 * 60 * 60


def can_edit_pages(user):
    return PagePermissionPolicy(DocumentPage).user_has_any_permission(user, {"change"})


def files_policy():
    return policy_registry.get_by_type(get_document_model())


class DashboardPanel(Component):
    """A dashboard panel with a heading, a count and the first items, or «Nada pendiente»."""

    order = 230
    panel_id = ""
    heading = ""

    class Media:
        css = {"all": ["editorial/dashboard.css"]}

    def __init__(self, request):
        self.request = request

    def get_items(self):
        """(count, the first LIMIT items)."""
        raise NotImplementedError

    def get_context_data(self, parent_context=None):
        count, items = self.get_items()
        return {
            "panel_id": self.panel_id,
            "heading": f"{self.heading} ({count})" if count else self.heading,
            "count": count,
            "items": items,
            "more": max(count - len(items), 0),
            "request": self.request,
            **self.get_extra_context(),
        }

    def get_extra_context(self):
        return {}


class CommentsToModeratePanel(DashboardPanel):
    name = "editorial_comments_to_moderate"
    order = 225
    panel_id = "comentarios-por-moderar"
    heading = "Comentarios por moderar"
    template_name = "editorial/dashboard/comments.html"

    @staticmethod
    def is_shown_to(user):
        return moderation.can_moderate(user)

    def get_items(self):
        pending = CommentSubmission.objects.filter(status=CommentSubmission.Status.PENDING)
        # Oldest first, as the moderation screen lists them: who waited longest comes first.
        items = list(pending.select_related("document", "actor").order_by("created_at", "pk")[:LIMIT])
        count = pending.count()
        queue_url = reverse(QUEUE)
        for submission in items:
            submission.queue_url = f"{queue_url}#envio-{submission.pk}"
        return count, items

    def get_extra_context(self):
        return {"queue_url": reverse(QUEUE)}


class HardSummariesPanel(DashboardPanel):
    name = "editorial_hard_summaries"
    order = 230
    panel_id = "resumenes-dificiles"
    heading = "Resúmenes difíciles de leer"
    template_name = "editorial/dashboard/summaries.html"

    @staticmethod
    def is_shown_to(user):
        return can_edit_pages(user)

    def get_items(self):
        pages = PagePermissionPolicy(DocumentPage).instances_user_has_any_permission_for(
            self.request.user, {"change"}
        )
        # The summary an editor works on is the latest revision's (a draft's
        # included); a page saved without revisions has only its own.
        rows = list(
            pages.values(
                "pk", "draft_title", "summary", "live", "has_unpublished_changes",
                "content_type__app_label", "content_type__model", "latest_revision__content__summary",
            )
        )
        scores = self.scores({row["pk"]: self.summary_of(row) for row in rows})
        threshold = summary_threshold()
        failing = []
        for row in rows:
            value = scores[row["pk"]]
            if value is not None and value < threshold:
                failing.append(self.item(row, value))
        failing.sort(key=lambda item: (item["score"], item["title"]))
        return len(failing), failing[:LIMIT]

    @staticmethod
    def summary_of(row):
        draft = row["latest_revision__content__summary"]
        return draft if isinstance(draft, str) else row["summary"] or ""

    @staticmethod
    def scores(summaries):
        """{page id: INFLESZ score or None} for {page id: summary}, from the kept scores where possible."""
        digests = {pk: hashlib.sha256(text.encode()).hexdigest() for pk, text in summaries.items()}
        known = cache.get(SCORES_KEY) or {}
        missing = {digest: summaries[pk] for pk, digest in digests.items() if digest not in known}
        if missing:
            known.update({digest: score(text).szigriszt_pazos for digest, text in missing.items()})
            current = set(digests.values())
            if len(known) > 2 * len(current) + 100:
                # Texts edited since are dead weight; drop them before the entry grows for good.
                known = {digest: value for digest, value in known.items() if digest in current}
            cache.set(SCORES_KEY, known, SCORES_TIMEOUT)
        return {pk: known[digest] for pk, digest in digests.items()}

    @staticmethod
    def item(row, value):
        model = apps.get_model(row["content_type__app_label"], row["content_type__model"])
        if not row["live"]:
            status = "borrador"
        elif row["has_unpublished_changes"]:
            status = "publicado, con cambios sin publicar"
        else:
            status = "publicado"
        return {
            "title": row["draft_title"],
            "kind": getattr(model, "kind_label", "Documento"),
            "status": status,
            "score": value,
            "score_label": decimal(value),
            "level": label_for(value, INFLESZ_SCALE),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[row["pk"]]),
        }

    def get_extra_context(self):
        return {"threshold": decimal(summary_threshold())}


class UnreadableFilesPanel(DashboardPanel):
    name = "editorial_unreadable_files"
    order = 235
    panel_id = "archivos-sin-texto"
    heading = "Archivos sin texto legible"
    template_name = "editorial/dashboard/files.html"

    @staticmethod
    def is_shown_to(user):
        return files_policy().user_has_permission(user, "change")

    def get_items(self):
        user = self.request.user
        files = files_policy().instances_user_has_permission_for(user, "change").filter(text_status__in=UNREADABLE)
        items = list(files.order_by("-created_at", "-pk")[:LIMIT])
        count = files.count()
        attachments = (
            DocumentAttachment.objects.filter(document_id__in=[f.pk for f in items])
            .select_related("page")
            .only("document_id", "page__id", "page__draft_title", "page__path", "page__depth", "page__owner_id")
            .order_by("page__draft_title", "page_id")
        )
        pages_by_file = {}
        policy = PagePermissionPolicy(DocumentPage)
        for attachment in attachments:
            page = attachment.page
            pages = pages_by_file.setdefault(attachment.document_id, [])
            if any(seen["id"] == page.pk for seen in pages):
                continue
            # Permissions are read once per person and checked here by tree path, without a query per page.
            can_edit = policy.user_has_permission_for_instance(user, "change", page)
            pages.append({
                "id": page.pk,
                "title": page.draft_title,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]) if can_edit else "",
            })
        for document in items:
            document.reason = document.text_note or document.get_text_status_display()
            document.edit_url = reverse("wagtaildocs:edit", args=[document.pk])
            document.pages = pages_by_file.get(document.pk, [])
        return count, items

    def get_extra_context(self):
        return {"listing_url": reverse("wagtaildocs:index")}


PANELS = (CommentsToModeratePanel, HardSummariesPanel, UnreadableFilesPanel)
