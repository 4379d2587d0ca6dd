"""An export never holds a secret in clear text (issue 20 item 6).

Wagtail keeps the shared password of a page or collection restriction as
typed; the export used to write it in wagtailcore.pageviewrestriction.jsonl.
It is left out, and the import closes the restriction with a password
nobody knows and names it, so an editor sets a new one.
"""

import io

from django.core.management import call_command
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from archive.pages.models import MinutesPage
from tests.factories import make_document, make_site
from tests.preservation.helpers import flush_database

PAGE_SECRET = "clave-de-la-mesa-7731"
COLLECTION_SECRET = "clave-del-anexo-5519"


def test_restriction_passwords_never_reach_the_export_and_come_back_closed(db, tmp_path):
    make_site()
    page = make_document(MinutesPage, "Minuta reservada", slug="minuta-reservada")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_SECRET)
    collection = Collection.get_first_root_node().add_child(name="Anexos reservados")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=COLLECTION_SECRET)
    call_command("export_archive", str(tmp_path / "respaldo"), stdout=io.StringIO())

    for path in (tmp_path / "respaldo").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert PAGE_SECRET.encode() not in content and COLLECTION_SECRET.encode() not in content, path
    assert (tmp_path / "respaldo" / "entities" / "wagtailcore.pageviewrestriction.jsonl").exists()

    flush_database()
    out = io.StringIO()
    call_command("import_archive", str(tmp_path / "respaldo"), stdout=out)
    output = out.getvalue()
    assert "no guarda las contraseñas compartidas: 2 restricciones quedaron cerradas" in output
    assert "«Minuta reservada» (/minutas/minuta-reservada/)" in output and "«Anexos reservados»" in output

    restriction = PageViewRestriction.objects.get(page_id=page.pk)
    assert restriction.restriction_type == PageViewRestriction.PASSWORD
    assert restriction.password not in ("", PAGE_SECRET) and len(restriction.password) >= 32
    other = CollectionViewRestriction.objects.get(collection__name="Anexos reservados")
    assert other.password not in ("", COLLECTION_SECRET)
    # The page stays closed, even to the old password (and to an empty one).
    client = Client()
    for guess in (PAGE_SECRET, ""):
        response = client.post(f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
                               {"password": guess, "return_url": "/minutas/minuta-reservada/"})
        assert response.status_code == 200, guess  # the form again
