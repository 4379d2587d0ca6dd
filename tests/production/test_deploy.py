"""Production settings pass Django's deployment check; nginx's configuration is valid and serves the site."""

import gzip
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from archive.pages.models import MinutesPage
from tests.accessibility.archive import ensure_wagtail_roots
from tests.factories import make_document, make_site

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx no está instalado (apt-get install nginx)")


def production_environment(**extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PAGE_CACHE"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "archive.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://archivo@127.0.0.1:5432/archivo",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "archivo.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://archivo.example.org",
        **extra,
    })
    return env


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,  # noqa: S603 - our own command
                          capture_output=True, text=True, timeout=120, check=False)


def test_deploy_check_has_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_production_refuses_to_start_without_its_secrets():
    result = manage("check", env=production_environment(SECRET_KEY=""))
    assert result.returncode != 0 and "SECRET_KEY no está definida" in result.stderr
    result = manage("check", env=production_environment(REDIS_URL=""))
    assert result.returncode != 0 and "REDIS_URL no está definida" in result.stderr


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_nginx(folder, **values):
    env = {**os.environ, "PREFIX": str(folder), **values}
    conf = subprocess.run([str(ROOT / "deploy" / "render-nginx")], env=env, capture_output=True,  # noqa: S603
                          text=True, check=True).stdout
    path = folder / "nginx.conf"
    path.write_text(conf)
    return path


def nginx_args(folder, conf):
    return [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]


@pytest.fixture
def nginx_folder():
    # Directly under /tmp and world-readable: started by root, nginx's
    # workers run as "nobody", who cannot enter pytest's private tmp_path.
    with tempfile.TemporaryDirectory(prefix="archivo-nginx-") as folder:
        Path(folder).chmod(0o755)
        yield Path(folder)


@needs_nginx
def test_nginx_configuration_is_valid(nginx_folder):
    conf = render_nginx(nginx_folder, LISTEN=f"127.0.0.1:{free_port()}", STATIC_ROOT=str(nginx_folder / "static"))
    result = subprocess.run([*nginx_args(nginx_folder, conf), "-t"], capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
    text = conf.read_text()
    # The body limit leaves room above the largest file editors may upload.
    assert "client_max_body_size 210m;" in text
    assert "proxy_buffering on;" in text


def fetch(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


@needs_nginx
@pytest.mark.django_db(transaction=True)
def test_nginx_proxies_pages_and_serves_static_files(nginx_folder, live_server):
    ensure_wagtail_roots()
    make_site()
    minutes = make_document(MinutesPage, "Minuta servida por nginx")
    static_root = nginx_folder / "static"
    shutil.copytree(ROOT / "static", static_root)
    for path in [static_root, *static_root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    port = free_port()
    upstream = live_server.url.removeprefix("http://")
    conf = render_nginx(nginx_folder, LISTEN=f"127.0.0.1:{port}", UPSTREAM=upstream, STATIC_ROOT=str(static_root))
    process = subprocess.Popen([*nginx_args(nginx_folder, conf), "-g", "daemon off;"],  # noqa: S603
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        status, headers, body = fetch(base + minutes.url, **{"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers.get("Content-Encoding") == "gzip"
        assert "Minuta servida por nginx" in gzip.decompress(body).decode()
        assert "Content-Security-Policy" in headers

        status, headers, body = fetch(base + "/static/css/archivo.css")
        assert status == 200
        assert body == (ROOT / "static" / "css" / "archivo.css").read_bytes()
        assert "immutable" in headers["Cache-Control"]
    finally:
        process.terminate()
        process.wait(timeout=10)
