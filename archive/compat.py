"""The few places the archive leans on what Django and Wagtail do not promise.

Each shim below does one thing no public API offers, says why it is needed
and what it relies on; tests/test_compat.py checks each of those reliances
against the installed libraries, so an upgrade that changes one fails there,
by name, instead of as a slower page or a wrong one somewhere else.
"""


def prime_prefetch(instance, name, objects):
    """Make ``instance.<name>.all()`` give ``objects`` without a query, as ``prefetch_related`` would.

    The record of a document page (archive/pages/record.py) reads the links of
    four relations in one query and every template, citation and method then
    reads them through the ordinary managers. Django has no public way to hand
    objects it did not fetch itself to a relation's prefetch cache. Relies on:
    the instance's ``_prefetched_objects_cache`` dict, keyed by the relation's
    prefetch cache name, holding a queryset whose ``_result_cache`` is the
    objects and ``_prefetch_done`` is true; the related managers (Django's,
    modelcluster's and taggit's) answering from it, keyed by ``name``.
    """
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


def set_request_site(request, site):
    """Make ``Site.find_for_request(request)`` answer ``site`` without a query.

    The site and its home page are kept per content generation
    (archive/web/sites.py); Wagtail reads the site of a request many times
    (routing, every page URL) through ``Site.find_for_request``, which has no
    public way to be told it. Relies on: ``find_for_request`` returning
    ``request._wagtail_site`` when the request has that attribute.
    """
    request._wagtail_site = site


def keep_specific(page, specific):
    """Make ``page.specific`` answer ``specific`` without a query.

    Relies on: Wagtail's ``Page.specific`` being a ``cached_property``, which
    keeps its value in the instance's ``__dict__`` under its own name.
    """
    page.__dict__["specific"] = specific


def forget_specific(page):
    """Drop what ``page.specific`` and ``page.specific_deferred`` have kept, so a copy of the page reads its own.

    Relies on: both being ``cached_property`` (see ``keep_specific``).
    """
    for name in ("specific", "specific_deferred"):
        page.__dict__.pop(name, None)

