"""An archive with every case the exports must tell apart, and a bridge that
lets real client libraries (sickle, requests) talk to the Django test client."""

import datetime
import types
from urllib.parse import urlsplit

import requests
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from archive.dates import DatePrecision
from archive.identifiers.models import Identifier
from archive.pages.models import CallPage, LetterPage, MinutesPage, ReportPage, VideoPage
from tests.factories import (
    make_actor,
    make_axis,
    make_captions,
    make_document,
    make_file,
    make_phase,
    make_site,
    make_video_file,
)

BASE = "http://testserver"


def build_archive():
    """Public documents of several kinds, phases and dates, plus one of each thing the public must never see.

    Returns a namespace: ``public`` (list of pages), ``draft``, ``private``,
    ``withdrawn``, their files, and the taxonomy terms.
    """
    make_site()
    a = types.SimpleNamespace()
    a.consulta = make_phase("Consulta pública", slug="consulta-publica", order=6)
    a.mesas = make_phase("Mesas de cocreación", slug="mesas-de-cocreacion", order=8)
    a.info = make_actor("Instituto de Transparencia de la Ciudad de México", slug="info-cdmx", kind="guarantor",
                        acronym="INFO CDMX")
    a.adip = make_actor("Agencia Digital de Innovación Pública", slug="adip", acronym="ADIP")
    a.avina = make_actor("Fundación Avina", slug="fundacion-avina", kind="civil_society")
    a.genero = make_axis("Género e inclusión", slug="genero-e-inclusion")

    a.public_file = make_file("convocatoria.pdf", title="Convocatoria (PDF)")
    a.draft_file = make_file("borrador.pdf", title="Borrador (PDF)")
    a.private_file = make_file("privado.pdf", title="Privado (PDF)")
    a.orphan_file = make_file("suelto.pdf", title="Archivo sin documento")
    a.video_file = make_video_file("sesion.mp4")
    a.captions = make_captions("sesion.vtt")

    a.call = make_document(
        CallPage, "Convocatoria a la consulta pública", phase=a.consulta, actors=[(a.info, "author"), (a.adip, "author")],
        axes=[a.genero], attachments=[a.public_file], date=datetime.date(2022, 7, 5),
    )
    a.letter = make_document(
        LetterPage, "Carta de intención de la Alcaldía", actors=[(a.avina, "author"), (a.adip, "participant")],
        date=datetime.date(2020, 9, 1), date_precision=DatePrecision.MONTH,
    )
    a.report = make_document(
        ReportPage, "Memoria del proceso", phase=a.mesas, date=datetime.date(2023, 1, 1),
        date_precision=DatePrecision.YEAR,
    )
    a.undated = make_document(
        ReportPage, "Nota sin fecha", date=None, date_precision=DatePrecision.UNKNOWN,
    )
    a.video = make_document(
        VideoPage, "Sesión de la mesa de género", phase=a.mesas, actors=[(a.info, "participant")],
        video_file=a.video_file, captions=a.captions, date=datetime.date(2022, 11, 8),
    )
    a.minutes = [
        make_document(MinutesPage, f"Minuta de la sesión {n}", phase=a.mesas, date=datetime.date(2022, 11, n))
        for n in range(1, 6)
    ]
    a.public = [a.call, a.letter, a.report, a.undated, a.video, *a.minutes]

    a.draft = make_document(
        MinutesPage, "Borrador secreto de minuta", live=False, phase=a.mesas, actors=[(a.info, "author")],
        attachments=[a.draft_file],
    )
    a.private = make_document(
        MinutesPage, "Minuta reservada", phase=a.mesas, actors=[(a.info, "author")], attachments=[a.private_file],
    )
    PageViewRestriction.objects.create(page=a.private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    a.withdrawn = make_document(CallPage, "Convocatoria retirada", phase=a.consulta, actors=[(a.adip, "author")])
    # What archive/identifiers' withdraw() leaves behind (tested there): the
    # page unpublished and its code marked withdrawn.
    a.withdrawn.unpublish()
    Identifier.objects.filter(page=a.withdrawn).update(
        withdrawn_at=timezone.now(), withdrawal_reason="Contenía datos personales."
    )
    a.withdrawn_identifier = Identifier.objects.get(page=a.withdrawn)
    a.hidden = [a.draft, a.private, a.withdrawn]
    return a


def hidden_titles(archive):
    return [page.title for page in archive.hidden]


class DjangoClientAdapter(requests.adapters.BaseAdapter):
    """A requests transport that answers through django.test.Client.

    Mounted on a requests.Session, it lets a client library that speaks HTTP
    through requests (sickle) harvest the test database inside the test's
    transaction, with no server running.
    """

    def __init__(self, client=None):
        super().__init__()
        self.client = client or Client()
        self.calls = []

    def send(self, request, **kwargs):
        url = urlsplit(request.url)
        path = url.path + (f"?{url.query}" if url.query else "")
        self.calls.append((request.method, path))
        if request.method == "POST":
            body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
            django_response = self.client.post(
                url.path, data=body, content_type=request.headers.get("Content-Type", "")
            )
        else:
            django_response = self.client.generic(request.method, path)
        response = requests.Response()
        response.status_code = django_response.status_code
        response._content = b"".join(django_response) if django_response.streaming else django_response.content
        response.headers.update({key: value for key, value in django_response.items()})
        response.encoding = "utf-8"
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


def session_for(client=None):
    session = requests.Session()
    adapter = DjangoClientAdapter(client)
    session.mount(BASE, adapter)
    return session, adapter


def harvester(client=None, http_method="GET"):
    """A sickle client whose HTTP goes through the Django test client."""
    from sickle import Sickle

    session, adapter = session_for(client)

    class TestSickle(Sickle):
        # Sickle calls requests.get/post directly; route them through our session.
        def _request(self, kwargs):
            if self.http_method == "GET":
                return session.get(self.endpoint, params=kwargs)
            return session.post(self.endpoint, data=kwargs)

    client = TestSickle(f"{BASE}/oai/", http_method=http_method)
    client.adapter = adapter
    return client
