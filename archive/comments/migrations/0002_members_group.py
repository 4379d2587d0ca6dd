from django.db import migrations

MEMBERS_GROUP = "Integrantes"


def create_group(apps, schema_editor):
    # No permission at all: members sign in on the public site to comment and
    # never reach the admin.
    apps.get_model("auth", "Group").objects.get_or_create(name=MEMBERS_GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MEMBERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
