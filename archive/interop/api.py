"""Wagtail's read-only API v2 at /api/v2/, limited to what the public may see.

Wagtail's own endpoints list every document and image in an unrestricted
collection, whether or not any published page uses it, and its pages
endpoint lets a visitor who passed a password or belongs to a group see
restricted pages. An open-data API must not depend on who asks: these
endpoints list only live pages without any view restriction, and only the
files those pages hold.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .public import public_file_filter


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        # .public() drops every restricted page, whoever is asking.
        return super().get_base_queryset().public()


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().filter(public_file_filter())


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        # No kind of document holds images today (their files are documents),
        # so no image is public through the API. When a kind gains an image
        # field, filter on it here as public_file_filter does for documents.
        return super().get_queryset().none()


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
