"""A member's comment from the public site to the document's page, through moderation,
and every way the site refuses one."""

import datetime
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageViewRestriction

from archive.comments.models import CommentSubmission, MemberAccount
from archive.pages.models import MemberCommentPage, MinutesPage, Relation
from tests.factories import make_document, make_related

from .conftest import PASSWORD, client_for, make_user

pytestmark = pytest.mark.django_db

WORDS = "Faltaron intérpretes de lengua de señas en la mesa de trabajo."


def form_url(document):
    return f"/comentar/{document.pk}/"


def text_of(html, selector):
    found = BeautifulSoup(html, "html.parser").select_one(selector)
    return " ".join(found.get_text(" ").split()) if found else ""


def search_titles(client, query):
    return [r["title"] for r in client.get("/api/buscar/", {"q": query}).json()["results"]]


def approve(client, submission):
    return client.post(f"/admin/comentarios/{submission.pk}/aprobar/")


# -- the whole flow ----------------------------------------------------------------

def test_a_member_comments_and_a_moderator_publishes_it(client, member, moderator_client, document):
    page = client.get(document.url)
    link = BeautifulSoup(page.content, "html.parser").find("a", string="Comentar este documento")
    assert link["href"] == form_url(document)

    # Signing in on the public login page, sent there with «next».
    to_login = client.get(link["href"])
    assert to_login.status_code == 302
    assert to_login["Location"] == f"/cuenta/entrar/?next=/comentar/{document.pk}/"
    login_page = client.get(to_login["Location"])
    assert "Entrar para comentar" in login_page.content.decode()
    signed_in = client.post("/cuenta/entrar/", {"username": "monica", "password": PASSWORD,
                                                "next": form_url(document)})
    assert signed_in.status_code == 302 and signed_in["Location"] == form_url(document)

    form = client.get(form_url(document))
    assert form.status_code == 200
    assert "Mónica Leonor Rivas Bazán" in text_of(form.content, "main")
    sent = client.post(form_url(document), {"text": WORDS + "\r\nSegunda línea."}, follow=True)
    assert sent.status_code == 200
    assert text_of(sent.content, "h1") == "Tu comentario espera revisión"
    submission = CommentSubmission.objects.get()
    assert submission.status == "pendiente" and submission.text == WORDS + "\nSegunda línea."

    # Pending: on «Mis comentarios», nowhere public.
    assert "Pendiente de revisión" in text_of(client.get("/cuenta/comentarios/").content, "main")
    assert "intérpretes" not in client.get(document.url).content.decode()
    assert not search_titles(client, "interpretes senas")

    # The moderator sees it in the queue with the member's group, and approves it.
    queue = moderator_client.get("/admin/comentarios/")
    assert queue.status_code == 200
    row = text_of(queue.content, f"#envio-{submission.pk}")
    assert "Mónica Leonor Rivas Bazán" in row and "Grupo Asesor" in row and WORDS in row
    assert approve(moderator_client, submission).status_code == 302

    submission.refresh_from_db()
    comment = submission.comment_page
    assert submission.status == "aprobado" and submission.reviewed_by.username == "moderadora"
    assert comment.live and comment.member.name == "Mónica Leonor Rivas Bazán"
    assert comment.member_body == "grupo_asesor" and comment.comment == submission.text
    assert comment.date == timezone.localdate(submission.created_at)
    assert comment.title == "Comentario de Mónica Leonor Rivas Bazán sobre «Minuta de la mesa de Género e inclusión»"
    assert comment.get_parent().specific.kind == "comentario"
    assert [(link.target_id, link.relation) for link in comment.related_links.all()] == [
        (document.pk, Relation.RESPONDS_TO)]
    assert comment.reference_code.startswith(f"AGA-CDMX-{comment.date.year}-COM-")

    # Published: on the document's page with name, group and date, and found by the search.
    section = text_of(client.get(document.url).content, "#comentarios-integrantes + ol")
    assert "Mónica Leonor Rivas Bazán" in section and "Grupo Asesor" in section and WORDS in section
    assert comment.date_label in section
    assert comment.title in search_titles(client, "interpretes senas")
    html = client.get("/buscar/", {"q": "interpretes de senas"}).content.decode()
    assert comment.title.replace("«", "&laquo;") in html or comment.title in html

    mine = text_of(client.get("/cuenta/comentarios/").content, "main")
    assert "Aprobado" in mine and "Ver el comentario publicado" in mine

    (entry,) = ModelLogEntry.objects.filter(action="archivo.comment.approve")
    assert entry.user.username == "moderadora" and entry.object_id == str(submission.pk)


def test_a_rejected_comment_tells_the_member_why(member_client, moderator_client, document):
    member_client.post(form_url(document), {"text": WORDS})
    submission = CommentSubmission.objects.get()
    url = f"/admin/comentarios/{submission.pk}/rechazar/"

    missing_reason = moderator_client.post(url, {"reason": "  "})
    assert missing_reason.status_code == 400
    assert "Escribe el motivo" in missing_reason.content.decode()
    assert CommentSubmission.objects.get().status == "pendiente"

    moderator_client.post(url, {"reason": "Habla de una persona con nombre y apellido."})
    submission.refresh_from_db()
    assert submission.status == "rechazado" and submission.comment_page is None
    assert not MemberCommentPage.objects.exists()
    mine = text_of(member_client.get("/cuenta/comentarios/").content, "main")
    assert "Rechazado" in mine and "Motivo del rechazo: Habla de una persona con nombre y apellido." in mine
    entry = ModelLogEntry.objects.get(action="archivo.comment.reject")
    assert entry.data["reason"] == "Habla de una persona con nombre y apellido."

    # Reviewed once: a second decision changes nothing.
    approve(moderator_client, submission)
    assert CommentSubmission.objects.get().status == "rechazado" and not MemberCommentPage.objects.exists()


def test_the_menu_counts_pending_comments_for_moderators_only(member_client, moderator_client, editor, document):
    member_client.post(form_url(document), {"text": WORDS})
    assert "Comentarios por moderar (1)" in moderator_client.get("/admin/").content.decode()
    assert "Comentarios por moderar" not in client_for(editor).get("/admin/").content.decode()


# -- refusals ---------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_log_in(client, document):
    for response in (client.get(form_url(document)), client.post(form_url(document), {"text": WORDS})):
        assert response.status_code == 302 and response["Location"].startswith("/cuenta/entrar/?next=")
    assert not CommentSubmission.objects.exists()


def test_an_account_that_is_not_a_member_is_refused_with_an_explanation(django_user_model, document, actor):
    stranger = client_for(make_user(django_user_model, "periodista"))
    for response in (stranger.get(form_url(document)), stranger.post(form_url(document), {"text": WORDS})):
        assert response.status_code == 403
        assert "Tu cuenta no puede comentar" in response.content.decode()
        assert "Núcleo Promotor" in response.content.decode()

    # In the group but not linked to an actor: still no name to sign with.
    from archive.comments.models import members_group

    unlinked = make_user(django_user_model, "sin-actor", [members_group()])
    assert client_for(unlinked).post(form_url(document), {"text": WORDS}).status_code == 403
    # Linked, but taken out of the group by an administrator.
    linked = make_user(django_user_model, "fuera")
    MemberAccount.objects.create(user=linked, actor=actor)
    linked.groups.clear()
    assert client_for(linked).post(form_url(document), {"text": WORDS}).status_code == 403
    assert not CommentSubmission.objects.exists()


def test_documents_the_public_cannot_read_cannot_be_commented(member_client, document):
    draft = make_document(MinutesPage, "Minuta en borrador", live=False)
    private = make_document(MinutesPage, "Minuta privada")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secreta")  # noqa: S106
    for page_id in (draft.pk, private.pk, 999999):
        response = member_client.post(f"/comentar/{page_id}/", {"text": WORDS})
        assert response.status_code == 404
    document.unpublish()
    assert member_client.get(form_url(document)).status_code == 404
    assert not CommentSubmission.objects.exists()


def test_an_empty_comment_is_refused(member_client, document):
    response = member_client.post(form_url(document), {"text": "  \r\n  "})
    assert response.status_code == 400
    assert "Escribe tu comentario antes de enviarlo." in text_of(response.content, "[role=alert]")
    assert not CommentSubmission.objects.exists()


def test_a_comment_over_the_length_limit_is_refused_and_kept_in_the_form(member_client, document, settings):
    settings.COMMENTS_MAX_LENGTH = 50
    too_long = "a" * 51
    response = member_client.post(form_url(document), {"text": too_long})
    assert response.status_code == 400
    assert "Tu comentario tiene 51 caracteres y el máximo es 50." in text_of(response.content, "[role=alert]")
    assert too_long in text_of(response.content, "textarea")
    assert not CommentSubmission.objects.exists()
    assert member_client.post(form_url(document), {"text": "a" * 50}).status_code == 302


def test_too_many_comments_are_refused_until_the_window_has_room(member_client, member, document, settings):
    settings.COMMENTS_RATE_LIMIT = [(2, 3600), (3, 86400)]
    for n in range(2):
        assert member_client.post(form_url(document), {"text": f"Comentario {n}"}).status_code == 302
    refused = member_client.post(form_url(document), {"text": "Uno más"})
    assert refused.status_code == 429
    message = text_of(refused.content, "[role=alert]")
    first = CommentSubmission.objects.order_by("created_at").first()
    retry = timezone.localtime(first.created_at + timedelta(hours=1))
    assert "Ya enviaste 2 comentarios en la última hora" in message
    assert f"a las {retry:%H:%M}" in message
    assert 3500 < int(refused["Retry-After"]) <= 3600
    assert "Uno más" in text_of(refused.content, "textarea")
    assert CommentSubmission.objects.count() == 2

    # An hour later the hourly window has room, but the daily one fills with the third.
    CommentSubmission.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert member_client.post(form_url(document), {"text": "Tercero"}).status_code == 302
    refused = member_client.post(form_url(document), {"text": "Cuarto"})
    assert refused.status_code == 429
    assert "Ya enviaste 3 comentarios en las últimas 24 horas" in text_of(refused.content, "[role=alert]")


def test_the_form_and_moderation_need_a_csrf_token(member, moderator, document):
    strict_member = client_for(member, enforce_csrf_checks=True)
    assert strict_member.post(form_url(document), {"text": WORDS}).status_code == 403
    assert not CommentSubmission.objects.exists()

    client_for(member).post(form_url(document), {"text": WORDS})
    submission = CommentSubmission.objects.get()
    strict_moderator = client_for(moderator, enforce_csrf_checks=True)
    assert approve(strict_moderator, submission).status_code == 403
    assert strict_moderator.post(f"/admin/comentarios/{submission.pk}/rechazar/", {"reason": "x"}).status_code == 403
    assert CommentSubmission.objects.get().status == "pendiente"

    # With the token the form carries, it goes through.
    form = strict_member.get(form_url(document))
    token = BeautifulSoup(form.content, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})["value"]
    assert strict_member.post(form_url(document), {"text": WORDS, "csrfmiddlewaretoken": token}).status_code == 302


def test_approving_takes_a_post_and_the_right_to_publish(member_client, moderator_client, editor, document):
    member_client.post(form_url(document), {"text": WORDS})
    submission = CommentSubmission.objects.get()
    assert moderator_client.get(f"/admin/comentarios/{submission.pk}/aprobar/").status_code == 405

    # Wagtail answers a refusal in the admin by sending back to the dashboard with its message.
    editor_client = client_for(editor)
    for response in (editor_client.get("/admin/comentarios/"), approve(editor_client, submission),
                     editor_client.post(f"/admin/comentarios/{submission.pk}/rechazar/", {"reason": "x"})):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    # A member has no access to the admin at all: sent to its login.
    assert approve(member_client, submission)["Location"].startswith("/admin/login/")
    assert CommentSubmission.objects.get().status == "pendiente" and not MemberCommentPage.objects.exists()


def test_logging_out_takes_a_post(member_client):
    assert member_client.get("/cuenta/salir/").status_code == 405
    assert member_client.post("/cuenta/salir/").status_code == 302
    assert member_client.get("/cuenta/comentarios/").status_code == 302


def test_logging_out_of_an_english_page_lands_on_the_english_home(member, member_client):
    assert member_client.post("/cuenta/salir/")["Location"] == "/"
    member_client.force_login(member)
    assert member_client.post("/en/cuenta/salir/")["Location"] == "/en/"


def test_a_member_sees_only_their_own_confirmation(member_client, django_user_model, actor, document):
    member_client.post(form_url(document), {"text": WORDS})
    submission = CommentSubmission.objects.get()
    other = make_user(django_user_model, "otra")
    MemberAccount.objects.create(user=other, actor=actor)
    assert client_for(other).get(f"/comentar/enviado/{submission.pk}/").status_code == 404
    assert WORDS not in client_for(other).get("/cuenta/comentarios/").content.decode()


# -- plain text only --------------------------------------------------------------

def test_markup_in_a_comment_is_shown_as_text_everywhere(client, member_client, moderator_client, document):
    attack = '<script>alert("x")</script>\n<b>negritas</b> <a href="https://example.org">enlace</a>'
    member_client.post(form_url(document), {"text": attack})
    submission = CommentSubmission.objects.get()
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;negritas&lt;/b&gt;"

    for response in (member_client.get(f"/comentar/enviado/{submission.pk}/"),
                     member_client.get("/cuenta/comentarios/"),
                     moderator_client.get("/admin/comentarios/")):
        html = response.content.decode()
        assert escaped in html and "<b>negritas</b>" not in html and '<a href="https://example.org">' not in html

    approve(moderator_client, submission)
    comment = CommentSubmission.objects.get().comment_page
    for url in (document.url, comment.url):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<b>negritas</b>" not in html
        assert '<a href="https://example.org">' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>" in html


# -- the document page ------------------------------------------------------------

def test_the_document_page_is_the_same_for_everyone(client, member_client, document):
    anonymous = client.get(document.url).content.decode()
    signed_in = member_client.get(document.url).content.decode()
    assert "csrfmiddlewaretoken" not in signed_in and "<form" not in anonymous.split("</header>", 1)[1]
    assert "monica" not in signed_in and "Cerrar sesión" not in signed_in
    strip = re.compile(r"\s+")
    assert strip.sub("", anonymous) == strip.sub("", signed_in)


def test_only_live_public_comments_are_listed_and_in_one_query(client, actor, document):
    def comment(title, live=True, relation=Relation.RESPONDS_TO):
        page = make_document(MemberCommentPage, title, live=live, member=actor, member_body="grupo_asesor",
                             comment=f"Texto de {title}", date=datetime.date(2023, 1, 5))
        make_related(page, document, relation)
        return page

    comment("Primero")
    client.get(document.url)  # warm the caches (content types, site roots) both measures share
    with CaptureQueriesContext(connection) as one:
        assert client.get(document.url).status_code == 200
    comment("Segundo", relation=Relation.PART_OF)
    comment("Tercero")
    comment("Borrador", live=False)
    comment("Solo relacionado", relation=Relation.RELATED)
    private = comment("Privado")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secreta")  # noqa: S106
    client.get(document.url)  # the content changed: warm the per-generation caches again
    with CaptureQueriesContext(connection) as many:
        section = text_of(client.get(document.url).content, "#comentarios-integrantes + ol")
    for title in ("Primero", "Segundo", "Tercero"):
        assert f"Texto de {title}" in section
    for title in ("Borrador", "Solo relacionado", "Privado"):
        assert f"Texto de {title}" not in section
    assert len(many.captured_queries) == len(one.captured_queries)


def test_a_comment_on_a_document_unpublished_meanwhile_is_not_published(member_client, moderator_client, document):
    member_client.post(form_url(document), {"text": WORDS})
    submission = CommentSubmission.objects.get()
    document.unpublish()
    response = moderator_client.post(f"/admin/comentarios/{submission.pk}/aprobar/", follow=True)
    assert "ya no está publicado" in response.content.decode()
    assert CommentSubmission.objects.get().status == "pendiente" and not MemberCommentPage.objects.exists()


def test_deleting_an_actor_ends_its_accounts_link(member, actor):
    actor.comment_submissions.all().delete()
    actor.delete()
    member.refresh_from_db()
    assert not MemberAccount.objects.filter(user=member).exists()
