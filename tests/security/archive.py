"""One public document and one document in each state the public must never see.

Every hidden document carries a word of its own (``marker``) in its title,
summary, file name, file title and file text, a year of its own, and the
phase, actor and axis that only hidden documents use; so a leak anywhere
shows as that word, that year or a count above zero.
"""

import datetime
import types

from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import PageViewRestriction

from archive.identifiers.models import Identifier
from archive.pages.models import DocumentAttachment, DocumentIndexPage, MinutesPage, ReportPage
from tests.factories import make_actor, make_axis, make_document, make_file, make_phase, make_site, minimal_pdf

# state name: (marker, year)
STATES = {
    "borrador": ("zafirobor", 1991),
    "despublicado": ("zafirodespub", 1992),
    "borrador_nuevo": ("zafironuevo", 1993),
    "clave": ("zafiroclave", 1994),
    "sesion": ("zafirosesion", 1995),
    "ancestro": ("zafiroancestro", 1996),
}


def hidden_file(marker):
    return make_file(f"{marker}.pdf", content=minimal_pdf(f"Texto {marker}archivo del anexo"), title=f"Anexo {marker}")


def secrets_of(marker):
    """Strings only a leak could put in an answer (never the bare word a search echoes back)."""
    return [f"Minuta {marker} reservada", f"Resumen {marker}resumen", f"Anexo {marker}", f"{marker}.pdf",
            f"{marker}archivo del anexo"]


def rename_and_publish(page):
    # Wagtail records the redirect from the old address once the transaction
    # commits, which a test's never does: run those callbacks now.
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()


def build():
    make_site()
    a = types.SimpleNamespace(states={})
    a.public_phase = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
    a.phase = make_phase("Fase reservada", slug="fase-reservada", order=20)
    a.actor = make_actor("Colectivo Reservado", slug="colectivo-reservado", kind="civil_society")
    a.axis = make_axis("Eje reservado", slug="eje-reservado", order=30)
    a.shared_file = make_file("compartido.pdf", content=minimal_pdf("Texto compartido"), title="Anexo compartido")
    a.public_file = make_file("publico.pdf", content=minimal_pdf("Texto publico"), title="Anexo publico")
    a.public = make_document(
        MinutesPage, "Minuta pública de control", phase=a.public_phase, attachments=[a.public_file, a.shared_file],
        date=datetime.date(2022, 11, 3),
    )

    def hidden(name, *, live=True, parent_kind=MinutesPage, extra_files=()):
        marker, year = STATES[name]
        file = hidden_file(marker)
        page = make_document(
            parent_kind, f"Minuta {marker} reservada", live=live, phase=a.phase, actors=[(a.actor, "author")],
            axes=[a.axis], attachments=[file, *extra_files], summary=f"Resumen {marker}resumen",
            date=datetime.date(year, 5, 1), slug=f"minuta-{marker}",
        )
        state = types.SimpleNamespace(name=name, marker=marker, year=year, page=page, file=file, old_url=None,
                                      secrets=secrets_of(marker))
        a.states[name] = state
        return state

    hidden("borrador", live=False)

    s = hidden("despublicado")
    s.old_url = s.page.url
    page = s.page
    page.slug = f"minuta-{s.marker}-renombrada"
    rename_and_publish(page)
    page.refresh_from_db()
    page.unpublish()

    # Published as something public; the newer draft's title, text and file must stay unseen.
    marker, year = STATES["borrador_nuevo"]
    page = make_document(MinutesPage, "Minuta con cambios pendientes", phase=a.public_phase,
                         date=datetime.date(2022, 11, 4), slug="minuta-con-cambios")
    draft_file = hidden_file(marker)
    page.title = f"Minuta {marker} reservada"
    page.summary = f"Resumen {marker}resumen"
    page.date = datetime.date(year, 5, 1)
    page.phase = a.phase
    page.attachments.add(DocumentAttachment(document=draft_file))
    page.save_revision()
    a.states["borrador_nuevo"] = types.SimpleNamespace(
        name="borrador_nuevo", marker=marker, year=year, page=page, file=draft_file, old_url=None,
        secrets=secrets_of(marker),
    )

    # The shared file stays public: the public control document holds it too.
    s = hidden("clave", extra_files=[a.shared_file])
    s.old_url = s.page.url
    s.page.slug = f"minuta-{s.marker}-renombrada"
    rename_and_publish(s.page)
    s.page.refresh_from_db()
    PageViewRestriction.objects.create(page=s.page, restriction_type=PageViewRestriction.PASSWORD, password="x")

    s = hidden("sesion")
    PageViewRestriction.objects.create(page=s.page, restriction_type=PageViewRestriction.LOGIN)

    s = hidden("ancestro", parent_kind=ReportPage)
    listing = DocumentIndexPage.objects.get(kind=ReportPage.kind_slug)
    restriction = PageViewRestriction.objects.create(page=listing, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Equipo interno"))

    for state in a.states.values():
        state.page.refresh_from_db()
        state.code = Identifier.objects.filter(page=state.page).values_list("code", flat=True).first()
    return a
