from django.utils.functional import SimpleLazyObject


def archive_identity(request):
    """``archive_identity`` in every template: the name, subtitle and the rest of the request's site.

    Lazy, so a page that never shows it costs nothing; Wagtail's own
    ``settings`` context processor would read the row on every request.
    """
    from .current import for_request

    return {"archive_identity": SimpleLazyObject(lambda: for_request(request))}
