"""ASCII page addresses.

An address with accents is printed, pasted and read aloud as
``sesi%C3%B3n-del-n%C3%BAcleo``. WAGTAIL_ALLOW_UNICODE_SLUGS = False folds
accents when Wagtail makes a slug from the title; an address typed by hand
or sent by a script is folded here too, before the siblings' uniqueness is
checked, so what is stored is what was checked.
"""

from django.utils.text import slugify


def ascii_slug(slug):
    """``sesión-del-núcleo-año`` -> ``sesion-del-nucleo-ano``; ASCII slugs are returned as they are."""
    if slug.isascii():
        return slug
    return slugify(slug, allow_unicode=False)


class AsciiSlugMixin:
    def clean(self):
        if self.slug:
            self.slug = ascii_slug(self.slug) or self.slug
        super().clean()
