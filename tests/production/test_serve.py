"""scripts/serve, the one production command: collects hashed static files, migrates and answers through gunicorn."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from .test_deploy import ROOT, free_port, production_environment


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="Redis no responde en 127.0.0.1:6379")
def test_serve_starts_gunicorn_with_hashed_static_files(tmp_path):
    port = free_port()
    env = production_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'archivo.sqlite3'}", REDIS_URL="redis://127.0.0.1:6379/5",
        ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0", STATIC_ROOT=str(tmp_path / "static"),
        BIND=f"127.0.0.1:{port}", WEB_WORKERS="1", WEB_THREADS="2", ACCESS_LOG="/dev/null",
    )
    server = subprocess.Popen([str(ROOT / "scripts" / "serve")], cwd=ROOT, env=env,  # noqa: S603
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert server.poll() is None, server.stderr.read().decode()[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5) as response:  # noqa: S310
                    robots = response.read().decode()
                break
            except OSError:
                time.sleep(1)
        assert "Sitemap" in robots
        manifest = (tmp_path / "static" / "staticfiles.json").read_text()
        hashed = re.search(r'"css/archivo.css": "(css/archivo\.[0-9a-f]{12}\.css)"', manifest).group(1)
        assert (tmp_path / "static" / (hashed + ".gz")).exists()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/{hashed}", timeout=5) as response:  # noqa: S310
            assert response.status == 200
            assert "immutable" in response.headers["Cache-Control"]
        # Behind nginx, which says the visitor came over TLS: HSTS and the policy headers.
        secure = urllib.request.Request(f"http://127.0.0.1:{port}/robots.txt", headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(secure, timeout=5) as response:  # noqa: S310
            assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
            assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
            assert response.headers["Referrer-Policy"] == "same-origin"
            assert "camera=()" in response.headers["Permissions-Policy"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
