"""Who may download a file, and how it is sent so it never runs as a page of our origin.

Wagtail's serve view only checks collection restrictions: a file attached
to a draft, or only to a restricted page, would be downloadable by anyone
who guessed /documentos/<id>/<name>. Here a file is served when

* a live page without view restrictions holds it (the rule of every export,
  ``archive.interop.public``), or
* a live page holds it whose restrictions this request passes (the password
  was given, or the visitor is signed in and in the group), or
* the visitor may manage files in the admin (editors previewing a draft).

Anyone else gets the site's 404, which reveals nothing about the file.
"""

from urllib.parse import quote

from django.conf import settings

from archive.pages.models import DocumentPage


def pages_holding(document):
    return DocumentPage.holding(document).live()


def may_download(document, request):
    model = type(document)
    if model.objects.filter(DocumentPage.objects.visible().held_files(), pk=document.pk).exists():
        return True
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    permission_policy = policy_registry.get_by_type(get_document_model())
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and permission_policy.user_has_any_permission(
        user, ["add", "change", "choose"]
    ):
        return True
    for page in pages_holding(document):
        if all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
            return True
    return False


# Served as themselves only if listed in WAGTAILDOCS_INLINE_CONTENT_TYPES;
# markup is never shown inline, whatever that setting says.
MARKUP_TYPES = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml"}


def harden(response, document):
    """Headers on every file we send: never sniffed, never a page, never able to run script."""
    response["X-Content-Type-Options"] = "nosniff"
    # sandbox: even if a browser rendered the file, it would be a unique
    # origin with no script, forms or access to the site's cookies.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    content_type = (document.content_type or "").split(";")[0].strip().lower()
    inline = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", [])
    if content_type in MARKUP_TYPES or content_type not in inline:
        if not response.get("Content-Disposition", "").startswith("attachment"):
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(document.filename)}"
    if content_type in MARKUP_TYPES:
        response["Content-Type"] = "application/octet-stream"
    elif content_type.startswith("text/") and "charset" not in response.get("Content-Type", ""):
        response["Content-Type"] = f"{content_type}; charset=utf-8"
    return response
