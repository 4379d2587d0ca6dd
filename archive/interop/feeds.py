"""Atom feeds of newly published documents: all, and per phase, kind, actor and axis.

Feed readers and newsrooms follow these to learn when a document joins the
archive; each entry links to the document's permanent address.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from archive.identity import current as identity
from archive.pages.models import KINDS_BY_SLUG, DocumentIndexPage, DocumentPage
from archive.taxonomy.models import Actor, Axis, Phase
from archive.web.canonical import absolute

from .public import permanent_url, with_metadata, xml_text

FEED_SIZE = 50


def _xml_safe(value):
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return [_xml_safe(item) for item in value]
    return value


class SafeAtomFeed(Atom1Feed):
    # Atom is XML: the text it carries must be XML characters (see xml_text);
    # Django's generator refuses the others, which would answer 500.
    def __init__(self, *args, **kwargs):
        super().__init__(*_xml_safe(args), **{key: _xml_safe(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*_xml_safe(args), **{key: _xml_safe(value) for key, value in kwargs.items()})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # One <author> per author, as Atom (RFC 4287) has it: Django's
        # generator writes a single one, and joined names read as one person.
        for name in item.get("authors") or []:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class DocumentsFeed(Feed):
    feed_type = SafeAtomFeed

    # A feed's parts are not given the request: they name the default site's archive.
    def title(self, obj=None):
        # The same words as the feed's link in every page's <head> (base.html).
        return _("%(name)s: documentos nuevos") % {"name": identity.for_site().name}

    def subtitle(self, obj=None):
        repository = identity.for_site()
        if repository.subtitle:
            return _("Documentos publicados en %(archive)s (%(subtitle)s).") % {
                "archive": repository.name, "subtitle": repository.subtitle,
            }
        return _("Documentos publicados en %(archive)s.") % {"archive": repository.name}

    def author_name(self, obj=None):
        return identity.for_site().name

    def link(self, obj=None):
        return absolute("/")

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Django writes the feed's own address with the request's host: the archive's public address instead.
        feed.feed["feed_url"] = absolute(request.path, request)
        return feed

    def documents(self, obj):
        return DocumentPage.objects.all()

    def items(self, obj=None):
        latest = DocumentPage.objects.visible().filter(pk__in=self.documents(obj).values("pk"))
        return list(with_metadata(latest.order_by("-first_published_at", "-pk")[:FEED_SIZE]))

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.kind_label}, {item.date_label}. {item.summary}"

    def item_link(self, item):
        return permanent_url(item)

    def item_guid(self, item):
        return permanent_url(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_extra_kwargs(self, item):
        return {"authors": list(dict.fromkeys(actor.name for actor in item.makers))}

    def item_categories(self, item):
        categories = [item.kind_label]
        if item.phase_id:
            categories.append(item.phase.name)
        return categories


class TermFeed(DocumentsFeed):
    """The documents of one taxonomy term: a phase, an actor or an axis."""

    model = None

    def title_format(self, name):
        raise NotImplementedError

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def title(self, obj):
        return f"{identity.for_site().name}: {self.title_format(obj.name)}"

    def subtitle(self, obj):
        return obj.description or None

    def link(self, obj):
        return absolute(obj.get_absolute_url())


class PhaseFeed(TermFeed):
    model = Phase

    def title_format(self, name):
        return _("documentos nuevos de la etapa «%(name)s»") % {"name": name}

    def documents(self, obj):
        return DocumentPage.objects.filter(phase=obj)


class ActorFeed(TermFeed):
    model = Actor

    def title_format(self, name):
        return _("documentos nuevos de %(name)s") % {"name": name}

    def documents(self, obj):
        # The same documents as the actor's page: those it is linked to, and
        # a member's own comments.
        return DocumentPage.objects.filter(Q(actor_links__actor=obj) | Q(membercommentpage__member=obj))


class AxisFeed(TermFeed):
    model = Axis

    def title_format(self, name):
        return _("documentos nuevos del eje «%(name)s»") % {"name": name}

    def documents(self, obj):
        return DocumentPage.objects.filter(axes=obj)


class KindFeed(DocumentsFeed):
    def get_object(self, request, slug):
        if slug not in KINDS_BY_SLUG:
            raise Http404(_("No hay ningún tipo de documento con ese nombre."))
        return KINDS_BY_SLUG[slug]

    def title(self, obj):
        kind = _(obj.kind_plural)
        return _("%(archive)s: %(kind)s, lo más reciente") % {"archive": identity.for_site().name, "kind": kind}

    def subtitle(self, obj):
        return None

    def link(self, obj):
        listing = DocumentIndexPage.objects.live().public().filter(kind=obj.kind_slug).first()
        return absolute(listing.url if listing else "/")

    def documents(self, obj):
        return obj.objects.all()
