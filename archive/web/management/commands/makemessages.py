"""Django's makemessages, reading N_() as gettext_noop and leaving the admin out.

Labels declared as plain strings in class bodies (kinds, relations,
licences, facets) are marked ``N_("…")``, which xgettext does not know by
itself. The public interface's catalogue (locale/en) is what this serves;
the admin stays Spanish (settings: WAGTAILADMIN_PERMITTED_LANGUAGES), so its
templates and migrations are never scanned.
"""

from django.core.management.commands import makemessages

ADMIN_ONLY = [
    ".venv", "node_modules", "static_collected", "media", "data", "tests", "benchmarks",
    "templates/wagtailadmin", "templates/wagtaildocs", "templates/importer", "*/migrations",
]


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *ADMIN_ONLY]
        return super().handle(*args, **options)
