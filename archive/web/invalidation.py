"""Bump the page cache's generation whenever something the public could see changes.

Coarse on purpose: any save or delete of a model outside the list of
bookkeeping apps below counts as a change. A missed dependency would show a
stale page; an extra bump only costs re-rendering pages that are requested
again, and the archive changes a few times a day.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import bump_generation

# Models whose rows never reach a public page: sessions, accounts, logs,
# revisions (a draft is saved as a revision; publishing
# it saves the page itself, which does bump).
IGNORED_APPS = {"sessions", "contenttypes", "admin", "auth", "wagtailusers", "wagtailadmin",
                "wagtailsearch", "modelsearch", "taggit_autosuggest", "django_tasks", "django_tasks_database",
                "worker"}
IGNORED_MODELS = {
    ("wagtailcore", "revision"), ("wagtailcore", "pagelogentry"), ("wagtailcore", "modellogentry"),
    ("wagtailcore", "pagesubscription"), ("wagtailcore", "taskstate"), ("wagtailcore", "workflowstate"),
    ("wagtailcore", "uploadedfile"), ("wagtailcore", "comment"), ("wagtailcore", "commentreply"),
    ("wagtailcore", "referenceindex"), ("wagtailcore", "pagelock"),
}


def on_change(sender=None, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is not None and (meta.app_label in IGNORED_APPS or (meta.app_label, meta.model_name) in IGNORED_MODELS):
        return
    bump_generation()
    # Again once the transaction commits: a page rendered between the first
    # bump and the commit read the old rows and may have been stored under
    # the new generation. The search index bumps once more when it has
    # written a change (search/indexing.py), whatever order this runs in.
    transaction.on_commit(bump_generation, robust=True)


def connect():
    post_save.connect(on_change, dispatch_uid="web-cache-save")
    post_delete.connect(on_change, dispatch_uid="web-cache-delete")
    m2m_changed.connect(on_change, dispatch_uid="web-cache-m2m")
    # Publishing, unpublishing, moving: archive/publishing/pipeline.py.
