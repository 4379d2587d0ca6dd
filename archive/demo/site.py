"""The site's frame: the home page as the default site's root and one listing per kind (data/site.json).

One implementation for the demo load and for the tests' ``make_site`` so the
addresses a test sees are the addresses the archive has.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site

from archive.pages.models import DOCUMENT_KINDS, DocumentIndexPage
from archive.web.canonical import sync_site
from home.models import HomePage

from . import read_data
from .upsert import Tally, upsert_page

CATEGORY = "Páginas del sitio"  # how the load's summary counts these pages


def _default_site_for(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                                   site_name=home.title)
        sync_site()  # the host ARCHIVE_CANONICAL_URL names, if set
        site.refresh_from_db()
        return site
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return site


def _remove_welcome_page(home):
    """Wagtail's «Welcome to your new Wagtail site!» page, if nothing hangs from it."""
    plain_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain_page, slug="home").exclude(pk=home.pk):
        if page.numchild == 0 and not Site.objects.filter(root_page=page).exists():
            page.delete()


@transaction.atomic
def ensure_site(tally=None, *, revisions=True):
    """The home page (default site's root) and the listing of each kind; returns the home page.

    ``revisions=False`` (test fixtures only) publishes new pages without a revision, which is faster.
    """
    tally = tally if tally is not None else Tally()
    options = {"tally": tally, "category": CATEGORY, "revisions": revisions}
    frame = read_data("site")
    wanted_home = frame["home"]
    home = HomePage.objects.first()
    # A home page that is already there keeps its place and slug; only its text is brought up to date.
    parent, slug = (home.get_parent(), home.slug) if home else (Page.get_first_root_node(), wanted_home["slug"])
    home = upsert_page(parent, HomePage, slug, {"title": wanted_home["title"], "intro": wanted_home["intro"]},
                       **options)
    _default_site_for(home)
    _remove_welcome_page(home)

    listings = {listing["kind"]: listing for listing in frame["listings"]}
    existing = {page.kind: page for page in DocumentIndexPage.objects.all()}
    for kind in DOCUMENT_KINDS:
        listing = listings.get(kind.kind_slug)
        if listing is None:
            raise ValueError(f"data/site.json no tiene el listado del tipo «{kind.kind_slug}» ({kind.kind_plural}).")
        slug, intro = listing["slug"], listing["intro"]
        values = {"title": kind.kind_plural, "kind": kind.kind_slug, "intro": intro}
        page = existing.get(kind.kind_slug)
        # A listing that exists elsewhere keeps its place; only its fields are brought up to date.
        parent = page.get_parent() if page is not None else home
        current_slug = page.slug if page is not None else slug
        if page is not None and page.slug != slug:
            values["slug"] = slug
        upsert_page(parent, DocumentIndexPage, current_slug, values, **options)
    return home
