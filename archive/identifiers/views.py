"""The permanent addresses: /id/<code>/ and /id/<code>/v/<n>/.

/id/<code>/ answers 302, not 301: the code is the permanent thing and the
page's address may still change (a new slug, a new listing). A 301 is kept by
browsers and proxies for good, so it would pin the address the code had on
the day it was first followed. Resolvers of persistent identifiers (doi.org,
handle.net) answer 302 for the same reason.
"""

import re

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse

from archive.pages.models import DocumentPage

from .addresses import identifier_url
from .models import CODE_PATTERN, Identifier

CODE_RE = re.compile(CODE_PATTERN)
CODE_LENGTH = Identifier._meta.get_field("code").max_length


def not_found(request):
    # The site's 404 page whatever DEBUG says: a reader following a wrong
    # code must land on the Spanish page with its search box.
    return render(request, "404.html", status=404)


def withdrawal_is_public(identifier):
    """A withdrawal is announced unless the document sits behind a view restriction.

    The notice shows the title and authors; a document that only some people
    could see keeps them private even after it is withdrawn.
    """
    if not identifier.is_withdrawn:
        return False
    if identifier.page_id is None:
        return True  # deleted: registry.record_deletion only withdraws what was public
    return not identifier.page.get_view_restrictions().exists()


def withdrawn(request, identifier):
    if not withdrawal_is_public(identifier):
        return not_found(request)
    return render(
        request, "identifiers/withdrawn.html",
        {"identifier": identifier, "permanent_url": identifier_url(identifier, request)},
        status=410,
    )


def _lookup(code):
    """(identifier, public page) for a code; either may be None."""
    code = code.strip().upper()
    # Any prefix's shape, so codes minted under an earlier prefix still resolve.
    if len(code) > CODE_LENGTH or not CODE_RE.fullmatch(code):
        return None, None
    identifier = Identifier.objects.filter(code=code).first()
    if identifier is None or identifier.page_id is None:
        return identifier, None
    # Live and without view restriction, as search/indexing.py and the listings
    # decide: a draft or private document's code must not reveal its title.
    page = DocumentPage.objects.visible().filter(pk=identifier.page_id).first()
    return identifier, page.specific if page else None


def resolve(request, code):
    identifier, page = _lookup(code)
    if identifier is not None and identifier.is_withdrawn:
        return withdrawn(request, identifier)
    if page is None:
        return not_found(request)
    return HttpResponseRedirect(page.get_url(request))


def version(request, code, number):
    identifier, page = _lookup(code)
    if identifier is not None and identifier.is_withdrawn:
        return withdrawn(request, identifier)
    if page is None:
        return not_found(request)
    versions = list(identifier.versions.defer("content"))
    shown = next((v for v in versions if v.number == number), None)
    if shown is None:
        return not_found(request)
    content = identifier.versions.values_list("content", flat=True).get(pk=shown.pk)
    # The page as it was: Wagtail rebuilds it from the stored content, keeping
    # the live page's place in the tree (so its links and breadcrumb work).
    old = page.with_content_json(content)
    context = old.get_context(request)
    context.update({
        "viewed_version": shown,
        "latest_version": versions[-1],
        "viewed_version_url": page.permanent_version_url(number),
        "current_url": page.get_full_url(request),
    })
    return TemplateResponse(request, old.get_template(request), context)
