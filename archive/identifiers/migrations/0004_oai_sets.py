"""The OAI-PMH sets each code's document was in when last published.

Existing codes take their kind from the code and their phase from the last
published version (the page's own phase where no version holds one), so a
document withdrawn before this migration is announced in its phase's set too.
"""

from django.conf import settings
from django.db import migrations, models


def backfill(apps, schema_editor):
    from archive.pages.models import DOCUMENT_KINDS

    kinds_by_code = {kind.kind_code: kind.kind_slug for kind in DOCUMENT_KINDS}
    Identifier = apps.get_model("identifiers", "Identifier")
    DocumentVersion = apps.get_model("identifiers", "DocumentVersion")
    Phase = apps.get_model("taxonomy", "Phase")
    phases = dict(Phase.objects.values_list("pk", "slug"))
    for identifier in Identifier.objects.select_related("page").iterator():
        last = DocumentVersion.objects.filter(identifier=identifier).order_by("-number").first()
        phase_id = (last.content or {}).get("phase") if last is not None else None
        if phase_id is None and identifier.page is not None:
            phase_id = identifier.page.phase_id
        sets = []
        if phases.get(phase_id):
            sets.append(f"etapa:{phases[phase_id]}")
        if kinds_by_code.get(identifier.kind_part):
            sets.append(f"tipo:{kinds_by_code[identifier.kind_part]}")
        identifier.set_specs = f" {' '.join(sets)} " if sets else ""
        identifier.save(update_fields=["set_specs"])


class Migration(migrations.Migration):

    dependencies = [
        ('identifiers', '0003_version_changes'),
        ('pages', '0007_consultation_and_analysis_kinds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('taxonomy', '0002_person_name_parts'),
    ]

    operations = [
        migrations.AddField(
            model_name='identifier',
            name='set_specs',
            field=models.CharField(blank=True, max_length=300, verbose_name='conjuntos OAI-PMH'),
        ),
        migrations.AddIndex(
            model_name='identifier',
            index=models.Index(condition=models.Q(('withdrawn_at__isnull', False)), fields=['withdrawn_at'], name='identifier_withdrawn'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
