"""The three editorial groups and what each may do.

Written against the historical models, with the permissions listed here and
not imported from code, so that the migration means the same thing years from
now. Running it again adds what is missing and removes nothing, so a
permission an administrator added by hand to one of these groups survives.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editores"
MODERATORS = "Moderadores"
ADMINISTRATORS = "Administradores"
GROUPS = (EDITORS, MODERATORS, ADMINISTRATORS)

# Page permissions on the tree's root, so they cover every site and document.
# Editors have no «publish»: Wagtail then offers them «Enviar a revisión».
PAGE_PERMISSIONS = {
    EDITORS: ("add", "change"),
    MODERATORS: ("add", "change", "publish", "lock", "unlock"),
    ADMINISTRATORS: ("add", "change", "publish", "lock", "unlock", "bulk_delete"),
}

# Collection permissions (root collection, hence every collection) on files and
# images. Wagtail checks files against its own Document model's permissions
# even with our own document model (archive/attachments), so those are given.
FILES = (("wagtaildocs", "document"), ("wagtailimages", "image"))
COLLECTION_ACTIONS = {
    EDITORS: ("add", "change", "choose"),
    MODERATORS: ("add", "change", "delete", "choose"),
    ADMINISTRATORS: ("add", "change", "delete", "choose"),
}
COLLECTION_MANAGEMENT = {ADMINISTRATORS: ("add", "change", "delete")}

# Snippets: the taxonomy, glossary and timeline the documents point at.
SNIPPETS = (
    ("taxonomy", "phase"), ("taxonomy", "axis"), ("taxonomy", "opennesselement"), ("taxonomy", "actor"),
    ("glossary", "glossaryterm"), ("timeline", "pause"), ("timeline", "milestone"),
)
SNIPPET_ACTIONS = {
    EDITORS: ("view",),
    MODERATORS: ("view", "add", "change"),
    ADMINISTRATORS: ("view", "add", "change", "delete"),
}

# Other model permissions, as (app label, codename).
EXTRA = {
    EDITORS: (),
    MODERATORS: (),
    ADMINISTRATORS: (
        ("auth", "add_user"), ("auth", "change_user"), ("auth", "delete_user"), ("auth", "view_user"),
        ("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
        ("wagtailcore", "add_workflow"), ("wagtailcore", "change_workflow"), ("wagtailcore", "delete_workflow"),
        ("wagtailcore", "add_task"), ("wagtailcore", "change_task"), ("wagtailcore", "delete_task"),
    ),
}

# Apps whose permissions must exist before we hand them out: on a fresh
# database Django creates permissions only after all migrations have run.
PERMISSION_APPS = (
    "wagtailadmin", "wagtailcore", "wagtaildocs", "wagtailimages", "wagtailredirects", "auth",
    "taxonomy", "glossary", "timeline",
)


def ensure_permissions(apps):
    for label in PERMISSION_APPS:
        app_config = apps.get_app_config(label)
        # create_permissions skips an app without models_module, which a
        # migration's historical app has; put back what was there, because
        # with the project's real apps (tests run this function) a None left
        # behind makes Django's post_migrate skip the app for good: `flush`
        # then no longer recreates its content types and permissions.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = True
        try:
            create_permissions(app_config, verbosity=0, apps=apps)
        finally:
            app_config.models_module = previous


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    access_admin = permission("wagtailadmin", "access_admin")

    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        model_permissions = [access_admin]
        for app_label, model in SNIPPETS:
            model_permissions += [permission(app_label, f"{action}_{model}") for action in SNIPPET_ACTIONS[name]]
        model_permissions += [permission(*pair) for pair in EXTRA[name]]
        group.permissions.add(*model_permissions)

        if root_page is not None:
            for action in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission("wagtailcore", f"{action}_page"),
                )
        if root_collection is not None:
            wanted = [
                permission(app_label, f"{action}_{model}")
                for app_label, model in FILES
                for action in COLLECTION_ACTIONS[name]
            ]
            wanted += [
                permission("wagtailcore", f"{action}_collection") for action in COLLECTION_MANAGEMENT.get(name, ())
            ]
            for perm in wanted:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm,
                )


def remove_groups(apps, schema_editor):
    # Their page and collection permissions go with them (ON DELETE CASCADE);
    # the people in them stay, with no role.
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("taxonomy", "0001_initial"),
        ("glossary", "0001_initial"),
        ("timeline", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
