from django import template

from archive.pages.models import MemberCommentPage, Relation
from archive.pages.record import relations

register = template.Library()

# A comment answering the document, or one printed in it (the Memoria's testimonies).
SHOWN_RELATIONS = [Relation.RESPONDS_TO, Relation.PART_OF]


@register.simple_tag
def member_comments(page):
    """The live public member comments about ``page``, oldest first: one query whatever their number.

    The links that point here were read with the page's relations; only
    the pages they come from are read, and nothing when none could be a comment.
    """
    if not page.pk:
        return []
    ids = {link.page_id for link in relations(page).incoming if link.relation in SHOWN_RELATIONS}
    if not ids:
        return []
    return list(
        MemberCommentPage.objects.visible().filter(pk__in=ids).select_related("member").order_by("date", "pk")
    )
