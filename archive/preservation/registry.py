"""Which models an archive export holds, and why the others are left out.

Every concrete model of every installed app is exported (auto-created
many-to-many tables included), unless it is named in EXCLUDED with a reason.
A new model added by any app is therefore exported without touching this
file; the round-trip test fails if a model is neither exported nor excluded.
"""

from django.apps import apps

# label_lower -> why it is not in an export.
EXCLUDED = {
    # Created by `migrate` on every site; rows pointing at them carry their natural key.
    "contenttypes.contenttype": "created by migrate; referenced by natural key (app_label, model)",
    "auth.permission": "created by migrate; referenced by natural key (codename, app_label, model)",
    # Derived data, rebuilt after an import.
    "archive_search.searchrecord": "search index: rebuilt by rebuild_search_index",
    "archive_search.searchpassage": "search index: rebuilt by rebuild_search_index",
    "archive_search.indexstate": "search index: rebuilt by rebuild_search_index",
    "archive_search.enginebacklog": "search index: rebuilt by rebuild_search_index",
    "archive_search.suggestionword": "suggestions while typing: rebuilt with the search records",
    "modelsearch.indexentry": "admin search index: rebuilt by Wagtail's update_index",
    "modelsearch.sqliteftsindexentry": "admin search index: rebuilt by Wagtail's update_index",
    "wagtailcore.referenceindex": "Wagtail's usage index: rebuilt by rebuild_references_index",
    "wagtailimages.rendition": "resized copies of images: made again on demand",
    "wagtailembeds.embed": "cache of oEmbed answers: fetched again on demand",
    # Transient or secret.
    "sessions.session": "sign-in sessions: people sign in again",
    "wagtailadmin.editingsession": "who has an editor open right now",
    "wagtailadmin.formstate": "unsaved editor form state",
    "wagtailcore.uploadedfile": "uploads in progress in the multiple-upload screen",
    "wagtailcore.apitoken": "API credentials: never copied into an export",
    "django_tasks_database.dbtaskresult": "background jobs and their results: work in progress, not the archive",
    "worker.workerprocess": "the worker processes running right now",
}


def all_models():
    """Every model that has a table of its own (auto-created many-to-many tables too)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def exported_models():
    return [model for model in all_models() if model._meta.label_lower not in EXCLUDED]


def derived_models():
    """Excluded models whose rows an import empties (they describe what it replaces)."""
    keep = {"contenttypes.contenttype", "auth.permission"}
    return [model for model in all_models() if model._meta.label_lower in EXCLUDED and model._meta.label_lower not in keep]


def label(model):
    return model._meta.label_lower
