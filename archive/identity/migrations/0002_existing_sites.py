"""Give every existing site its «Identidad del archivo», with the values the code had until now.

The values are written here rather than read from the model's defaults, so
that the migration means the same thing whatever the defaults become. The
OAI-PMH contact comes from OAI_PMH_ADMIN_EMAIL, where it was set before.
Administrators (archive/editorial) may edit the setting; superusers always can.
Running it again adds what is missing and changes nothing already there.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

VALUES = {
    "name": "Archivo Abierto",
    "subtitle": "Gobierno Abierto de la Ciudad de México, 2020-2023",
    "code_prefix": "AGA-CDMX",
    # The oai-identifier scheme wants a domain name; "archivo-abierto" was not one.
    "oai_repository_identifier": "archivo-abierto.infocdmx.org.mx",
}
ADMINISTRATORS = "Administradores"


def create(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    ArchiveIdentity = apps.get_model("identity", "ArchiveIdentity")
    admin_email = getattr(settings, "OAI_PMH_ADMIN_EMAIL", "") or "archivo-abierto@example.org"
    for site in Site.objects.all():
        ArchiveIdentity.objects.get_or_create(site=site, defaults={**VALUES, "admin_email": admin_email})

    # Django creates an app's permissions only after every migration ran.
    app_config = apps.get_app_config("identity")
    previous = getattr(app_config, "models_module", None)
    app_config.models_module = True
    try:
        create_permissions(app_config, verbosity=0, apps=apps)
    finally:
        app_config.models_module = previous
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    change = Permission.objects.filter(content_type__app_label="identity", codename="change_archiveidentity").first()
    group = Group.objects.filter(name=ADMINISTRATORS).first()
    if change is not None and group is not None:
        group.permissions.add(change)


class Migration(migrations.Migration):

    dependencies = [
        ("identity", "0001_initial"),
        ("editorial", "0001_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
