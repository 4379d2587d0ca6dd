"""Degrade, don't fail (issue 20 item 3): each service stopped for real, then started again.

Each test starts its own redis-server or PostgreSQL on a free port, points
the settings at it, stops it, reads the public pages, starts it again and
reads them once more, in the same process: recovery needs no restart.

- Redis down: every page renders from the database and says nothing about it;
  sign-in answers 503 (its failures cannot be counted).
- PostgreSQL down: 503 with Retry-After and a Spanish page; JSON under /api/.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import close_old_connections, connection
from django.test import Client, override_settings

from archive.identifiers.models import Identifier
from archive.pages.models import MinutesPage
from archive.web import memo
from archive.web.cache import forget_local
from tests.accessibility.archive import ensure_wagtail_roots
from tests.factories import make_document, make_site

from .test_deploy import free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")
REDIS = shutil.which("redis-server")


def wait_for(check, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not answer in {seconds} s")


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        import redis

        def answers():
            try:
                return redis.Redis(port=self.port, socket_connect_timeout=0.2).ping()
            except redis.ConnectionError:
                return False

        wait_for(answers, "redis-server")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def keys(self):
        import redis

        return redis.Redis(port=self.port).dbsize()


@pytest.fixture
def private_redis():
    if REDIS is None:
        pytest.skip("redis-server no está instalado")
    server = PrivateRedis()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


def public_addresses():
    # A transactional test (the PostgreSQL one) may start after another has
    # flushed the database, Wagtail's root page with it.
    ensure_wagtail_roots()
    make_site()
    page = make_document(MinutesPage, "Minuta de la mesa de cocreación", summary="Acuerdos sobre datos abiertos.")
    code = Identifier.objects.filter(page=page).values_list("code", flat=True).first()
    listing = page.get_parent().url
    return page, ["/", listing, page.url, f"/id/{code}/", "/buscar/?q=datos", "/api/buscar/?q=datos",
                  "/etapas/", "/linea-de-tiempo/", "/cifras/"]


def read_all(addresses):
    client = Client(raise_request_exception=False)
    answers = {}
    for address in addresses:
        response = client.get(address, follow=address.startswith("/id/"))
        answers[address] = (response.status_code, response.content.decode())
    return answers


@pytest.mark.django_db
def test_redis_down_every_page_renders_from_the_database(private_redis, settings):
    settings.ARCHIVE_PAGE_CACHE = True
    cache = {"default": {
        "BACKEND": "archive.web.redis.ArchiveRedisCache", "LOCATION": f"redis://127.0.0.1:{private_redis.port}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }}
    with override_settings(CACHES=cache):
        forget_local()
        memo.forget()
        page, addresses = public_addresses()
        holders = {page.url, page.get_parent().url, addresses[3], "/buscar/?q=datos", "/api/buscar/?q=datos"}
        before = read_all(addresses)
        assert all(status == 200 for status, _ in before.values()), {a: s for a, (s, _) in before.items()}
        assert private_redis.keys() > 0  # the pages went through Redis

        private_redis.stop()
        forget_local()
        memo.forget()
        during = read_all(addresses)
        for address, (status, body) in during.items():
            assert status == 200, (address, status, body[:300])
            if address in holders:
                assert page.title in body, address
            # Nothing said to the public: the outage is the operators' business (logged).
            assert "caché" not in body.lower() and "redis" not in body.lower(), address
        # A miss answers the caller's default, as with Redis up.
        from django.core.cache import cache as default_cache
        assert default_cache.get("nunca-guardado", "por omisión") == "por omisión"
        assert default_cache.get_many(["a", "b"]) == {}

        # Sign-in cannot count failures: it waits (503) rather than go unthrottled.
        response = Client().post("/admin/login/", {"username": "alguien", "password": "x"})
        assert response.status_code == 503 and response["Retry-After"]
        assert "No podemos comprobar los intentos de acceso" in response.content.decode()

        private_redis.start()  # empty, as after a restart
        assert Client().post("/admin/login/", {"username": "alguien", "password": "x"}).status_code == 200
        after = read_all(addresses)
        assert all(status == 200 for status, _ in after.values())
        assert private_redis.keys() > 0  # back in use without restarting anything
        forget_local()
        memo.forget()


class PrivatePostgres:
    """A PostgreSQL 15 cluster of its own, run as the postgres user when the tests run as root."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="archivo-pg-"))
        self.data = self.dir / "data"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "postgres")
        self.run(PG_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")

    def run(self, *args):
        subprocess.run([*self.as_user, *map(str, args)], check=True, capture_output=True, timeout=120)  # noqa: S603

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(PG_BIN / "pg_ctl", "-D", self.data, "-o", options, "-l", self.dir / "log", "-w", "start")

    def stop(self):
        self.run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def remove(self):
        subprocess.run([*self.as_user, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],  # noqa: S603
                       capture_output=True, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.mark.django_db(transaction=True)  # committed, so pg_dump copies the archive into the private cluster
def test_postgres_down_answers_503_and_recovers(settings):
    if connection.vendor != "postgresql":
        pytest.skip("el corte de la base de datos se prueba en la pasada de PostgreSQL")
    if not (PG_BIN / "initdb").exists():
        pytest.skip("PostgreSQL 15 no está instalado")
    page, addresses = public_addresses()
    server = PrivatePostgres()
    original = dict(connection.settings_dict)
    try:
        server.start()
        name = original["NAME"]
        server.run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", server.port, "-U", "postgres", name)
        dump = subprocess.run(  # noqa: S603
            [str(PG_BIN / "pg_dump"), "-h", original["HOST"] or "127.0.0.1", "-p", str(original["PORT"] or 5432),
             "-U", original["USER"] or "postgres", "--no-owner", name], check=True, capture_output=True, timeout=120)
        subprocess.run(  # noqa: S603
            [str(PG_BIN / "psql"), "-q", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-d", name],
            input=dump.stdout, check=True, capture_output=True, timeout=120)
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(server.port))
        memo.forget()

        assert all(status == 200 for status, _ in read_all(addresses).values())
        # One page kept by the page cache (here in memory; Redis in production).
        settings.ARCHIVE_PAGE_CACHE = True
        forget_local()
        assert Client().get("/glosario/").status_code == 200

        server.stop()
        memo.forget()
        client = Client(raise_request_exception=False)
        # What the page cache holds is still served: it never touches the database.
        kept = client.get("/glosario/")
        assert kept.status_code == 200 and kept["X-Page-Cache"] == "hit"
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 503, (address, response.status_code)
            assert response["Retry-After"] == "30"
            body = response.content.decode()
            if address.startswith("/api/"):
                assert response["Content-Type"].startswith("application/json")
                assert "no está disponible" in response.json()["message"]
            else:
                assert '<html lang="es">' in body and "no está disponible por un momento" in body, address
        # A JSON client elsewhere gets JSON too.
        response = client.get("/buscar/?q=datos", HTTP_ACCEPT="application/json")
        assert response.status_code == 503 and "message" in response.json()

        server.start()
        # What Django's handler does as each request starts (the test client leaves it out):
        # a connection that failed is dropped, and the next query opens a new one.
        close_old_connections()
        after = read_all(addresses)
        assert all(status == 200 for status, _ in after.values()), {a: s for a, (s, _) in after.items()}
        assert page.title in after[page.url][1]
    finally:
        settings.ARCHIVE_PAGE_CACHE = False
        forget_local()
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
        memo.forget()
        server.remove()
