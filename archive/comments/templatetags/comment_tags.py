from django import template

from archive.pages.models import MemberCommentPage, Relation
from archive.pages.visibility import public

register = template.Library()

# A comment answering the document, or one printed in it (the Memoria's testimonies).
SHOWN_RELATIONS = [Relation.RESPONDS_TO, Relation.PART_OF]


@register.simple_tag
def member_comments(page):
    """The live public member comments about ``page``, oldest first: one query whatever their number."""
    if not page.pk:
        return []
    return list(
        public(MemberCommentPage.objects.live())
        .filter(related_links__target_id=page.pk, related_links__relation__in=SHOWN_RELATIONS)
        .select_related("member").distinct().order_by("date", "pk")
    )
