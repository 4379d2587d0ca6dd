"""What a document page tells machines about itself: canonical address,
Open Graph, Dublin Core and schema.org JSON-LD; and its passage anchors."""

import json

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe

from archive.identifiers.addresses import block_anchor, site_root_url
from archive.identity import current as identity
from archive.web.canonical import absolute

register = template.Library()

# Licences as URLs where one exists: harvesters compare URLs, not labels.
LICENCE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-nc-nd-2.5-mx": "https://creativecommons.org/licenses/by-nc-nd/2.5/mx/",
    "public-domain": "https://creativecommons.org/publicdomain/mark/1.0/",
}


def json_for_script(data):
    """JSON safe inside <script>: no '<' can close the element, whatever a title says."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S308


def structured_data(page, canonical, permanent, archive=None):
    authors = [
        {"@type": "Person" if actor.is_person else "Organization", "name": actor.name}
        for actor in page.authors
    ]
    data = {
        "@context": "https://schema.org",
        "@type": page.schema_type,
        "@id": permanent or canonical,
        "name": page.title,
        "description": page.summary,
        "url": canonical,
        "identifier": page.reference_code or None,
        "inLanguage": page.language if page.language != "other" else None,
        # The date of the document itself (a session, a call), which is also
        # when it was issued; not when the archive put it online.
        "dateCreated": page.date_iso or None,
        "datePublished": page.date_iso or None,
        "author": authors or None,
        "license": LICENCE_URLS.get(page.licence) or (page.get_licence_display() if page.licence != "unknown" else None),
        "isPartOf": {
            "@type": "Collection",
            "name": (archive or identity.for_page(page)).full_title,
            "url": site_root_url(page) + "/",
        },
    }
    data.update(page.schema_extra())
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _absolute(request, path):
    return absolute(path, request)


def scholar_tags(page, request):
    """Highwire Press tags, as Google Scholar and Zotero read them: [(name, content)].

    A person is written «Family, Given», which both split at the comma; a
    document's PDF, publisher and date let them save it with its file.
    """
    tags = [("citation_title", page.title)]
    # Zotero's own item type: Embedded Metadata reads the «z» prefix as Zotero RDF, and it wins over the
    # journal article that a bare citation_title makes it guess (a report also says so below).
    tags.append(("z.itemType", page.zotero_type))
    for actor in page.makers:
        parts = actor.name_parts
        tags.append(("citation_author", f"{parts[1]}, {parts[0]}" if parts and parts[0] else actor.name))
    if page.date_iso:
        tags.append(("citation_publication_date", page.date_iso.replace("-", "/")))
        tags.append(("citation_date", page.date_iso.replace("-", "/")))
    publisher = page.publisher_name
    if publisher:
        tags.append(("citation_publisher", publisher))
    if page.csl_type == "report":
        if publisher:
            tags.append(("citation_technical_report_institution", publisher))
        if page.reference_code:
            tags.append(("citation_technical_report_number", page.reference_code))
    tags.append(("citation_language", page.language))
    pdf = page.first_pdf
    if pdf is not None:
        tags.append(("citation_pdf_url", _absolute(request, pdf.url)))
    if page.permanent_url:
        tags.append(("citation_public_url", page.permanent_url))
    thumb = next((a.document for a in page.attachment_list if a.document.thumbnail), None)
    image = reverse("attachments:thumbnail", args=[thumb.pk]) if thumb else static("img/tarjeta.png")
    return tags, _absolute(request, image)


@register.simple_tag(takes_context=True)
def document_metadata(context, page):
    """Everything the <head> of a document page says about it, as one dict."""
    request = context.get("request")
    # On an old version the canonical address stays the current page's: a
    # search engine should list the document once, in its present form.
    canonical = context.get("current_url") or page.get_full_url(request) or ""
    permanent = page.permanent_url
    scholar, image = scholar_tags(page, request)
    archive = identity.for_page(page)
    return {
        "scholar": scholar,
        "image": image,
        "unapi": absolute(reverse("interop:unapi"), request),
        "canonical": canonical,
        "permanent_url": permanent,
        "dc_type": page.dcmi_type,
        "licence_url": LICENCE_URLS.get(page.licence, ""),
        "site_name": archive.name,
        "site_title": archive.full_title,
        "json_ld": json_for_script(structured_data(page, canonical, permanent, archive)),
    }


@register.filter
def anchor(block):
    return block_anchor(block)
