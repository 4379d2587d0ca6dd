"""Absolute addresses and passage anchors, shared by pages, views and templates."""

from archive.web.canonical import root_url


def site_root_url(page):
    """Scheme and host of the archive's public address ('https://archivo.example.org').

    ARCHIVE_CANONICAL_URL decides where it is set (archive/web/canonical.py):
    a permanent address must read the same whichever host name or proxy the
    reader came through.
    """
    parts = page.get_url_parts()
    if parts and parts[1]:
        return parts[1].rstrip("/")
    return root_url()


def block_anchor(block):
    """The anchor of a body block: 'p-' and the first 8 characters of its UUID.

    A block keeps its UUID when other blocks are edited, added or removed, so
    a link to a passage keeps pointing at that passage.
    """
    return f"p-{block.id[:8]}" if block.id else ""


def identifier_url(identifier, request=None):
    """Absolute permanent address of a code, even when its page is gone."""
    if identifier.page_id is not None and identifier.page is not None:
        return site_root_url(identifier.page) + identifier.get_absolute_url()
    from wagtail.models import Site

    site = (Site.find_for_request(request) if request is not None else None) or Site.objects.filter(
        is_default_site=True
    ).first()
    root = root_url(fallback=site.root_url if site else "", request=request)
    return root + identifier.get_absolute_url()
