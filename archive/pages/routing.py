"""Route a request to its page in two queries, whatever its depth.

Wagtail walks the tree one level at a time: a query for each child and one
more for its specific type, then another for the ancestors when it checks
view restrictions and another for the breadcrumb. A document at
/minutas/<slug>/ cost six queries before its own content was read. Every
ancestor's ``url_path`` is known from the address itself, so one query
fetches the whole chain (root included, for the restrictions) and a second
the page's specific row, with what every document page shows joined in.

Whenever the fast path is not certain to give what Wagtail's walk would
(a missing or unpublished level, a page type with its own routing, an alias
in the chain), it steps aside and Wagtail routes as usual.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from archive.pages.visibility import all_view_restrictions


def _routes_like_page(model):
    return model is not None and model.route is Page.route


def fast_route(home, request, path_components):
    """The RouteResult of ``path_components`` below ``home``, or None to let Wagtail route."""
    if not path_components:
        return None
    prefixes = [home.url_path + "/".join(path_components[:i]) + "/" for i in range(1, len(path_components) + 1)]
    rows = list(
        Page.objects.filter(Q(url_path__in=prefixes, path__startswith=home.path) | Q(depth=1, path=home.path[:4]))
        .only("id", "path", "depth", "url_path", "slug", "title", "live", "content_type_id", "alias_of_id",
              "locale_id", "numchild", "translation_key")
        .order_by("depth")
    )
    root, chain = (rows[0], rows[1:]) if rows and rows[0].depth == 1 else (None, [])
    expected_depths = list(range(home.depth + 1, home.depth + 1 + len(path_components)))
    if root is None or [page.depth for page in chain] != expected_depths:
        return None
    previous = home.path
    for page in chain:
        # Wagtail refuses the whole address when any level is unpublished,
        # and an alias must be served by Wagtail's own rules.
        if not page.path.startswith(previous) or not page.live or page.alias_of_id:
            return None
        previous = page.path
    models = [ContentType.objects.get_for_id(page.content_type_id).model_class() for page in chain]
    # A level with routing of its own (sub-addresses) decides for itself.
    if not all(_routes_like_page(model) for model in models[:-1]):
        return None
    model, target = models[-1], chain[-1]
    queryset = model._default_manager.all()
    # What the page shows on every request (a document's phase, code, video
    # file) is joined into its own row.
    joins = getattr(model, "route_joins", ())
    if joins:
        queryset = queryset.select_related(*joins)
    page = queryset.filter(pk=target.pk).first()
    if page is None:
        return None
    page._route_ancestors = [root, home, *chain[:-1]]
    return page.route(request, [])


class KnownAncestorsMixin:
    """Reads the parent, view restrictions and the breadcrumb from the ancestors routing already fetched."""

    def get_parent(self, update=False):
        ancestors = getattr(self, "_route_ancestors", None)
        if ancestors is None or update:
            return super().get_parent(update=update)
        return ancestors[-1]

    def get_view_restrictions(self):
        ancestors = getattr(self, "_route_ancestors", None)
        if ancestors is None:
            return super().get_view_restrictions()
        # The chain holds no alias (fast_route refuses them), so each page's
        # restrictions are its own. A list, not a queryset: the restrictions
        # are few and kept per content generation.
        ids = {page.id for page in [*ancestors, self]}
        return [restriction for restriction in all_view_restrictions() if restriction.page_id in ids]

    def known_ancestors(self):
        """The pages above this one from the home page down, live ones only, or None if unknown."""
        ancestors = getattr(self, "_route_ancestors", None)
        if ancestors is None:
            return None
        return [page for page in ancestors if page.depth > 1 and page.live]
