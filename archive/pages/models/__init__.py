from .base import (
    ActorRole,
    DocumentActor,
    DocumentAttachment,
    DocumentPage,
    DocumentTag,
    RelatedDocument,
    Relation,
)
from .index_pages import DocumentIndexPage
from .kinds import (
    DOCUMENT_KINDS,
    KINDS_BY_SLUG,
    CallPage,
    GuidelinePage,
    LetterPage,
    MemberCommentPage,
    MinutesPage,
    PresentationPage,
    ReportPage,
    VideoPage,
)

__all__ = [
    "ActorRole",
    "CallPage",
    "DOCUMENT_KINDS",
    "DocumentActor",
    "DocumentAttachment",
    "DocumentIndexPage",
    "DocumentPage",
    "DocumentTag",
    "GuidelinePage",
    "KINDS_BY_SLUG",
    "LetterPage",
    "MemberCommentPage",
    "MinutesPage",
    "PresentationPage",
    "Relation",
    "RelatedDocument",
    "ReportPage",
    "VideoPage",
]
