"""``manage.py load_demo``: the demo archive built from the real corpus.

The demo is loaded once for the whole module (it takes seconds) inside a
transaction that is rolled back at the end, so other modules start from an
empty database; each test runs in its own savepoint on top of it.
"""

import hashlib
import io
import re
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.models import Page, Revision, Site

from archive.attachments.models import ArchiveDocument
from archive.demo import CORPUS_DIR
from archive.pages.models import (
    CallPage,
    DocumentActor,
    DocumentIndexPage,
    DocumentPage,
    GuidelinePage,
    LetterPage,
    MemberCommentPage,
    MinutesPage,
    PresentationPage,
    RelatedDocument,
    ReportPage,
    VideoPage,
)
from archive.taxonomy.models import Actor, Axis, Membership, OpennessElement, Phase
from home.models import HomePage

SHARED_CORPUS_FILES = [
    "2014-mexico-y-la-alianza-semana-transparencia.txt",
    "2019-cumbre-nacional-gobierno-abierto-inai.txt",
    "foro-retos-perspectivas-gobierno-abierto-cdmx.txt",
    "2021-grupo-asesor-sesion-preguntas-respuestas.txt",
    "2023-memoria-proceso-primer-plan-accion.txt",
]


def run_load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """The output of the first run; the data stays until the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = run_load_demo()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def demo(first_run, db):
    return first_run


def page(model, slug):
    return model.objects.get(slug=slug)


def memoria():
    return page(ReportPage, "memoria-del-proceso-2020-2023")


# -- the site ------------------------------------------------------------------

def test_home_page_replaces_wagtails_welcome_page_as_site_root(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "Archivo Abierto"
    assert "Gobierno Abierto" in home.intro
    assert not Page.objects.filter(depth=2, slug="home").exists()


def test_there_is_one_listing_per_kind_at_the_expected_address(demo):
    listings = {p.kind: p for p in DocumentIndexPage.objects.live()}
    assert {kind: p.url for kind, p in listings.items()} == {
        "convocatoria": "/convocatorias/",
        "carta": "/cartas/",
        "consulta": "/consulta-publica/",
        "analisis": "/analisis-de-propuestas/",
        "minuta": "/minutas/",
        "video": "/videos/",
        "lineamiento": "/lineamientos/",
        "comentario": "/comentarios/",
        "presentacion": "/presentaciones/",
        "informe": "/informes/",
    }
    assert all(p.intro for p in listings.values())
    assert memoria().url == "/informes/memoria-del-proceso-2020-2023/"


def test_it_reports_what_it_created_in_spanish(demo):
    assert "Documentos: 36 creados, 0 actualizados, 0 sin cambios" in demo
    assert "Archivos: 10 creados" in demo  # each corpus text and the PDF typeset from it
    assert "Etapas: 11 creados" in demo


# -- documents -----------------------------------------------------------------

def test_it_creates_the_expected_documents_of_each_kind(demo):
    counts = {model.__name__: model.objects.live().count() for model in (
        PresentationPage, ReportPage, CallPage, GuidelinePage, LetterPage, MinutesPage, MemberCommentPage, VideoPage)}
    assert counts == {
        "PresentationPage": 4, "ReportPage": 1, "CallPage": 3, "GuidelinePage": 4, "LetterPage": 4,
        "MinutesPage": 13, "MemberCommentPage": 4, "VideoPage": 1,
    }
    assert not DocumentPage.objects.filter(has_unpublished_changes=True).exists()
    assert memoria().report_type == "memoria"


def test_the_five_corpus_documents_carry_their_text_exactly_as_extracted(demo):
    held = [d.specific for d in DocumentPage.objects.all() if d.holds_file and d.attachment_list]
    assert sorted(type(d).__name__ for d in held) == ["PresentationPage"] * 4 + ["ReportPage"]
    files = {}
    for document in held:
        pdf, attachment = document.attachments.all()
        assert pdf.document.format_key == "pdf"
        assert attachment.title == "Texto extraído del PDF original (texto plano)"
        files[attachment.document.file.name] = attachment.document
    for name in SHARED_CORPUS_FILES:
        corpus_text = (CORPUS_DIR / name).read_text(encoding="utf-8")
        (stored,) = [doc for path, doc in files.items() if path.split("/")[-1].startswith(name[:-4])]
        assert stored.format_key == "txt"
        assert stored.full_text == corpus_text
        assert stored.sha256 == hashlib.sha256((CORPUS_DIR / name).read_bytes()).hexdigest()


def test_the_memoria_body_is_its_text_without_page_headers_or_bold_marks(demo):
    report = memoria()
    text = " ".join(str(block.value) for block in report.body)
    headings = [block.value for block in report.body if block.block_type == "heading"]
    assert "Salida de la Ciudad de México de OGP Local" in headings
    assert "Núcleo Promotor" in headings
    assert "**" not in text
    assert "#OGPLocal" not in text
    assert "@Estado_Abierto / @InfoCdMex" not in text
    # A sentence the PDF cut across a page break reads whole again.
    assert "con la incorporación del aprendizaje de la experiencia previa" in text
    # Footnote addresses become links, escaped as rich text.
    assert '<a href="https://plazapublica.cdmx.gob.mx/processes/convocatoria-grupoasesor-AGA">' in text


def test_the_memoria_has_its_metadata(demo):
    report = memoria()
    assert report.licence == "cc-by-nc-nd-2.5-mx"
    assert report.date_label == "2023"
    assert report.phase.slug == "cierre-y-memoria"
    assert [a.acronym for a in report.authors] == ["INFO CDMX"]
    assert report.pages == 22
    assert "Equipo de Estado Abierto" in report.publisher
    assert report.axes.count() == 5


def test_the_undated_foro_shows_sin_fecha(demo):
    foro = page(PresentationPage, "foro-retos-y-perspectivas-gobierno-abierto-cdmx")
    assert foro.date is None
    assert foro.year is None
    assert foro.date_label == "Sin fecha (antes de 2020)"
    assert [a.name for a in foro.authors] == [
        "David I. Herrera Martell", "Núcleo de la Sociedad Civil para el Gobierno Abierto en la Ciudad de México"]


def test_the_2021_session_shows_only_its_year(demo):
    session = page(PresentationPage, "sesion-preguntas-respuestas-grupo-asesor-2021")
    assert session.date_label.startswith("2021 (")
    assert session.date_iso == "2021"
    assert "enero" not in session.date_label
    assert "febrero-marzo de 2021" in session.date_note


def test_dated_presentations_keep_their_day(demo):
    slides_2014 = page(PresentationPage, "mexico-y-la-alianza-para-el-gobierno-abierto-2014")
    assert slides_2014.date_label == "12 de marzo de 2014"
    summit = page(PresentationPage, "ii-cumbre-nacional-de-gobierno-abierto-2019")
    assert summit.date_label == "6 de mayo de 2019"
    assert "INAI" in {a.acronym for a in summit.authors}


def test_catalogue_entries_have_no_file_but_say_where_the_original_was(demo):
    entries = [d for model in (CallPage, GuidelinePage, LetterPage, MinutesPage) for d in model.objects.all()]
    assert len(entries) == 24
    assert all(entry.is_catalogue_entry for entry in entries)
    # The one document the Memoria cites without an address: the government's letter of 2023-01-11.
    without_address = [e.slug for e in entries if not e.source_url]
    assert without_address == ["carta-del-gobierno-cdmx-a-ogp-2023-01-11"]
    assert all(e.source_url.startswith("https://") for e in entries if e.source_url)
    assert all(e.original_holder for e in entries if e.source_url)


def test_calls_guidelines_and_letters_have_the_memorias_dates_and_addresses(demo):
    call = page(CallPage, "convocatoria-grupo-asesor-2021")
    assert (call.opening_date, call.closing_date) == (date(2021, 2, 4), date(2021, 3, 26))
    assert call.status == "Cerrada"
    assert call.source_url == "https://plazapublica.cdmx.gob.mx/processes/convocatoria-grupoasesor-AGA"
    osc_call = page(CallPage, "convocatoria-osc-nucleo-promotor-2022")
    assert osc_call.date_label == "27 de septiembre de 2022"
    assert osc_call.status == "Sin fechas"  # the Memoria gives no closing date; a 2022 call is not «Abierta»
    rules = page(GuidelinePage, "lineamientos-de-trabajo-2021")
    assert rules.date == date(2021, 6, 23)
    assert rules.source_url.endswith("23.06.21_OGPLocal_Lineamientos_Trabajo-2.pdf")
    assert page(GuidelinePage, "mesas-colaborativas-de-cocreacion-2021").date == date(2021, 6, 23)
    support = page(LetterPage, "carta-de-apoyo-ciudad-de-mexico-y-cuauhtemoc")
    assert support.date_label == "29 de abril de 2021"
    assert page(LetterPage, "carta-osc-a-ogp-2023").date_label == "junio de 2023"
    assert page(LetterPage, "carta-grupo-asesor-a-ogp-2023").date_label == "junio de 2023"


def test_each_axis_had_two_co_creation_sessions_recorded_without_minutes(demo):
    minutes = list(MinutesPage.objects.all())
    assert len(minutes) == 13
    assert {m.phase.slug for m in minutes} == {"mesas-de-cocreacion"}
    assert all("no tiene su minuta" in m.summary for m in minutes)
    assert all(m.meeting_body for m in minutes)
    for axis in Axis.objects.all():
        assert MinutesPage.objects.filter(axes=axis).count() == 2, axis.name
    on_27_october = MinutesPage.objects.filter(date=date(2022, 10, 27))
    axes_on_27_october = sorted(a.slug for m in on_27_october for a in m.axes.all())
    assert axes_on_27_october == ["gobierno-digital", "participacion-ciudadana"]
    assert MinutesPage.objects.get(date=date(2022, 10, 24)).axes.count() == 0


def _memoria_without_page_headers():
    text = (CORPUS_DIR / "2023-memoria-proceso-primer-plan-accion.txt").read_text(encoding="utf-8")
    headers = ("Memoria del Proceso del **", "#OGPLocal", "Estado Abierto / Info CDMX", "@Estado_Abierto")
    kept = [line for line in text.splitlines() if not any(h in line for h in headers)]
    return " ".join(" ".join(kept).split())


def test_the_four_testimonies_are_member_comments_by_their_authors(demo):
    comments = {c.member.name: c for c in MemberCommentPage.objects.select_related("member")}
    assert sorted(comments) == [
        "Eduard Martín-Borregón", "Mónica Leonor Rivas Bazán", "Víctor Manuel Castañeda Saldívar", "Zulema Oviedo"]
    assert all(c.member.is_person for c in comments.values())
    memoria_words = _memoria_without_page_headers()
    for comment in comments.values():
        assert " ".join(comment.comment.split()) in memoria_words
        assert comment.date_label == "2023"
        assert comment.phase.slug == "cierre-y-memoria"
        ((target, relation),) = [(link.target_id, link.relation) for link in comment.related_links.all()]
        assert (target, relation) == (memoria().pk, "part_of")
    assert comments["Mónica Leonor Rivas Bazán"].comment.startswith("Como ciudadana y asesora")
    assert comments["Mónica Leonor Rivas Bazán"].member_body == "grupo_asesor"
    victor = comments["Víctor Manuel Castañeda Saldívar"].comment
    assert victor.count("\n\n") == 2  # his three numbered answers
    assert "incorporación del aprendizaje" in victor
    joint = comments["Zulema Oviedo"]
    assert joint.member_body == "nucleo_promotor"
    assert sorted(a.name for a in joint.authors) == ["Daniel Saavedra Lladó", "Zulema Oviedo"]


def test_the_grupo_asesor_session_responds_to_its_call(demo):
    session = page(PresentationPage, "sesion-preguntas-respuestas-grupo-asesor-2021")
    call = page(CallPage, "convocatoria-grupo-asesor-2021")
    assert [(link.target_id, link.relation) for link in session.related_links.all()] == [(call.pk, "responds_to")]


# -- vocabularies ----------------------------------------------------------------

def test_the_eleven_phases_are_in_order_with_their_dates(demo):
    phases = list(Phase.objects.all())
    assert [p.name for p in phases] == [
        "Antecedentes",
        "Postulación a OGP Local",
        "Integración multiactor: Núcleo Promotor",
        "Integración multiactor: Grupo Asesor",
        "Lineamientos y metodología",
        "Consulta pública",
        "Selección de problemáticas",
        "Mesas de cocreación",
        "Publicación del plan",
        "Suspensión y salida de OGP Local",
        "Cierre y memoria",
    ]
    labels = {p.slug: p.date_range_label for p in phases}
    assert labels["antecedentes"] == "2011 – 2020"
    assert labels["consulta-publica"] == "5 de julio de 2022 – 5 de septiembre de 2022"
    assert labels["publicacion-del-plan"] == "nunca se publicó"
    assert labels["suspension-y-salida"] == "febrero de 2023 – 6 de junio de 2023"
    assert all(p.description for p in phases)


def test_axes_and_elements_of_openness(demo):
    assert list(Axis.objects.values_list("name", flat=True)) == [
        "Transparencia fiscal y contrataciones abiertas",
        "Gobierno digital y acceso a servicios públicos",
        "Medio ambiente y cambio climático",
        "Participación ciudadana y derecho a la información",
        "Género e inclusión",
    ]
    assert OpennessElement.objects.count() == 5
    assert page(GuidelinePage, "lineamientos-de-trabajo-2021").elements.count() == 5


def test_memberships_record_when_actors_joined_and_left(demo):
    def membership(slug):
        return Actor.objects.get(slug=slug).memberships.get()

    ilsb = membership("ilsb")
    assert (ilsb.body, ilsb.left, ilsb.left_label) == ("nucleo_promotor", date(2022, 9, 6), "6 de septiembre de 2022")
    assert membership("equis").left_label == "marzo de 2023"
    assert membership("observatorio-nacional-ciudadano").left_label == "marzo de 2023"
    assert membership("emilienne-de-leon-aulina").left_label == "24 de marzo de 2022"
    refugios = membership("red-nacional-de-refugios")
    assert (refugios.body, refugios.joined_label) == ("grupo_asesor", "18 de octubre de 2022")
    assert refugios.is_current
    assert membership("adip").is_current
    experts = Actor.objects.filter(kind="expert")
    assert experts.count() == 8
    assert all(e.is_person and e.memberships.get().body == "grupo_asesor" for e in experts)


def test_actors_carry_the_names_people_search_by(demo):
    info = Actor.objects.get(acronym="INFO CDMX")
    assert {"InfoCDMX", "Info CDMX"} <= set(info.alias_list)
    assert info.name.startswith("Instituto de Transparencia")
    ogp = Actor.objects.get(acronym="OGP")
    expected_aliases = {"AGA", "Alianza para el Gobierno Abierto", "Open Government Partnership", "OGP Local"}
    assert expected_aliases <= set(ogp.alias_list)
    assert Actor.objects.get(acronym="ILSB").name == "Instituto de Liderazgo Simone de Beauvoir"
    assert Actor.objects.get(acronym="ADIP").kind == "government"
    for acronym in ("INAI", "SFP", "NOSC", "STT"):
        assert Actor.objects.filter(acronym=acronym).exists(), acronym
    assert Actor.objects.filter(name="Consejo de Gobierno Abierto de la Ciudad de México").exists()


# -- running it again ------------------------------------------------------------

def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Revision, Actor, Membership, ArchiveDocument, DocumentActor, RelatedDocument, Phase)
    }


def test_a_second_run_creates_and_changes_nothing(demo):
    before = _counts()
    output = run_load_demo()
    assert _counts() == before
    assert "0 creados, 0 actualizados" in output
    assert not re.search(r"[1-9]\d* (creados|actualizados)", output)
    assert "ya estaba al día" in output


def test_a_document_edited_by_hand_is_restored_with_one_new_revision(demo):
    foro = page(PresentationPage, "foro-retos-y-perspectivas-gobierno-abierto-cdmx")
    foro.summary = "Resumen cambiado a mano."
    foro.save_revision().publish()
    revisions = Revision.objects.filter(object_id=str(foro.pk)).count()

    output = run_load_demo()

    foro.refresh_from_db()
    assert foro.summary.startswith("Diapositivas del Núcleo de la Sociedad Civil")
    assert Revision.objects.filter(object_id=str(foro.pk)).count() == revisions + 1
    assert "Documentos: 0 creados, 1 actualizados, 35 sin cambios" in output


def test_a_failure_leaves_no_half_made_document(demo, monkeypatch):
    from archive.demo import loader
    from archive.importer.runner import Importer

    foro = page(PresentationPage, "foro-retos-y-perspectivas-gobierno-abierto-cdmx")
    stored = [attachment.document for attachment in foro.attachments.all()]
    foro.delete()
    for document in stored:
        document.delete()

    real_create = Importer._create

    def failing_create(importer, parent, model, slug, *args, **kwargs):
        if slug == "foro-retos-y-perspectivas-gobierno-abierto-cdmx":
            raise RuntimeError("fallo simulado")
        return real_create(importer, parent, model, slug, *args, **kwargs)

    monkeypatch.setattr(Importer, "_create", failing_create)
    with pytest.raises(RuntimeError):
        loader.load_demo()
    # The files are saved before their page: the failed page took its file rows with it.
    assert not ArchiveDocument.objects.filter(sha256__in=[d.sha256 for d in stored]).exists()
    assert not PresentationPage.objects.filter(slug=foro.slug).exists()


@pytest.mark.parametrize(("change", "said"), [
    ({"phase": "no-existe"}, "phase: no existe etapa con identificador «no-existe»"),
    ({"body": [{"type": "quote", "value": {"source": "corpus/2023-memoria-proceso-primer-plan-accion.txt",
                                          "from": "Palabras que no están", "to": "en la Memoria."}}]},
     "No se encontró el inicio de la cita: 'Palabras que no están'"),
])
def test_data_the_load_cannot_use_is_refused_in_spanish(demo, monkeypatch, change, said):
    from archive.demo import loader

    real_read_data = loader.read_data

    def read_data(name):
        records = real_read_data(name)
        if name == "documents":
            records[0].update(change)
        return records

    monkeypatch.setattr(loader, "read_data", read_data)
    with pytest.raises(CommandError) as refused:
        run_load_demo()
    assert str(refused.value).startswith("No se pudo cargar el archivo de demostración:")
    assert said in str(refused.value)


def test_the_corpus_is_a_byte_for_byte_copy_of_the_shared_one():
    """The project carries its own copy; if the shared one is there, they must match."""
    shared = CORPUS_DIR.parents[2].parent / "shared" / "corpus"
    assert sorted(p.name for p in CORPUS_DIR.glob("*.txt")) == sorted(SHARED_CORPUS_FILES)
    if not shared.is_dir():
        pytest.skip("no shared corpus next to the project")
    for name in SHARED_CORPUS_FILES:
        assert (CORPUS_DIR / name).read_bytes() == (shared / name).read_bytes(), name


# -- the records issue 16 added ------------------------------------------------

def test_the_2022_consultation_and_the_selection_of_problems_are_in_the_demo(demo, client):
    from archive.pages.models.kinds import ConsultationMaterialPage, ProposalAnalysisPage

    consulta = page(ConsultationMaterialPage, "consulta-publica-2022")
    assert (consulta.period_start, consulta.period_end) == (date(2022, 7, 5), date(2022, 9, 5))
    assert "no representar ofensas o actos de discriminación" in consulta.requirements
    assert consulta.phase.slug == "consulta-publica" and consulta.reference_code == "AGA-CDMX-2022-CONS-001"
    seleccion = page(ProposalAnalysisPage, "seleccion-de-problematicas-2022")
    assert seleccion.analysed_by.splitlines() == ["Núcleo Promotor", "Grupo Asesor"]
    assert "propuesta de solución" in seleccion.criteria
    assert [link.target.specific for link in seleccion.related_links.all()] == [consulta]
    html = client.get(consulta.url).content.decode()
    assert "Requisitos de las propuestas" in html and "Lo que dice la Memoria del proceso" in html


def test_the_demo_video_plays_with_captions_and_says_it_is_a_demonstration(demo, client):
    video = page(VideoPage, "sesion-preguntas-respuestas-grupo-asesor-2021-video")
    assert video.video_file.format_key == "webm" and video.captions.format_key == "vtt"
    assert video.summary.startswith("Demostración:") and "No es una grabación de la sesión" in video.summary
    assert video.transcript.startswith("Demostración: video hecho a partir de las diapositivas")
    html = client.get(video.url).content.decode()
    assert "<video" in html and 'kind="captions"' in html


def test_the_corpus_documents_hold_a_pdf_typeset_from_their_text(demo):
    for name in SHARED_CORPUS_FILES:
        holders = DocumentPage.objects.filter(attachments__document__file__contains=name.replace(".txt", ""))
        labels = {a.label for p in holders for a in p.attachments.all()}
        assert any(label.startswith("Versión en PDF compuesta") and "no es el archivo original" in label
                   for label in labels), name
