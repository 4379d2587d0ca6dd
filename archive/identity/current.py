"""The archive's identity as the public pages read it: without a query per request.

Every document page shows the name (title, citations, JSON-LD), so the rows
are kept in each process per content generation (archive/web/memo.py): an
editor's save bumps the generation like any other content change.

A request reads the identity of its site; code that has only a page reads
its page's site; code that has neither (a feed's title, the suggestions) the
default site's. A site whose setting was never saved reads the default
site's, and with no row at all the defaults, which are today's values.
"""

import dataclasses

from django.utils.text import slugify

from archive.web.memo import per_generation

from . import models


@dataclasses.dataclass(frozen=True)
class Identity:
    name: str
    subtitle: str
    code_prefix: str
    oai_repository_identifier: str
    admin_email: str

    @classmethod
    def of(cls, row):
        return cls(**{field.name: getattr(row, field.name) for field in dataclasses.fields(cls)})

    @property
    def full_title(self):
        """«Archivo Abierto: Gobierno Abierto de la Ciudad de México, 2020-2023»."""
        return f"{self.name}: {self.subtitle}" if self.subtitle else self.name

    @property
    def oai_id_prefix(self):
        return f"oai:{self.oai_repository_identifier}:"

    @property
    def file_stem(self):
        """The start of downloaded files' names: «archivo-abierto»."""
        return slugify(self.name) or "archivo"


def defaults():
    return Identity.of(models.ArchiveIdentity())


def _load():
    rows = list(models.ArchiveIdentity.objects.select_related("site"))
    by_site = {row.site_id: Identity.of(row) for row in rows}
    default = next((Identity.of(row) for row in rows if row.site.is_default_site), None)
    return by_site, default or defaults()


def for_site(site_id=None):
    by_site, default = per_generation("identity", _load)
    return by_site.get(site_id, default)


def for_request(request=None):
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    return for_site(site.pk if site else None)


def for_page(page):
    try:
        parts = page.get_url_parts()
    except Exception:  # noqa: BLE001 - an unsaved preview may have no place in the tree yet
        parts = None
    return for_site(parts[0] if parts else None)


def code_prefix_for(page):
    """The prefix a code minted now for ``page`` takes, read from the database.

    Minting is rare and a code is forever: it must not take a prefix another
    process still keeps after an editor changed it.
    """
    parts = page.get_url_parts()
    row = models.ArchiveIdentity.objects.filter(site_id=parts[0]).first() if parts else None
    if row is None:
        row = models.ArchiveIdentity.objects.filter(site__is_default_site=True).first()
    return (row or models.ArchiveIdentity()).code_prefix
