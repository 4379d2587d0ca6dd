"""The README's two commands, from a fresh clone with a fresh virtual environment.

Slow (it installs every dependency into a new .venv), so it runs in CI
(CI=true) or when README_COMMANDS_TEST=1.
"""

import os
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(
        not (os.environ.get("CI") == "true" or os.environ.get("README_COMMANDS_TEST") == "1"),
        reason="installs a fresh virtual environment; runs in CI",
    ),
    # The commands use the embedded default; once per CI run is enough.
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs in the SQLite pass only"),
]


def _clone(tmp_path):
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    target = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)  # noqa: S603,S607
    return target


def _environment(clone):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV"}}
    env["DATA_DIR"] = str(clone / "data")
    return env


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.status, response.read().decode()


def _files_read(database, seconds):
    """Every file of the demo read by the worker (none queued or failed), within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with sqlite3.connect(database, timeout=20) as db:
            states = dict(db.execute("SELECT analysis_state, COUNT(*) FROM attachments_archivedocument GROUP BY 1"))
        if states and set(states) == {"done"}:
            return True
        time.sleep(2)
    return False


def test_run_command_serves_the_demo_archive_and_test_command_runs_tests(tmp_path):
    clone = _clone(tmp_path)
    env = _environment(clone)
    env["PORT"] = "8765"
    server = subprocess.Popen(  # noqa: S603
        ["./scripts/run"], cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600
        status, body = None, ""
        while time.monotonic() < deadline:
            if server.poll() is not None:
                pytest.fail("scripts/run stopped: " + server.stdout.read().decode()[-3000:])
            try:
                status, body = _get("http://127.0.0.1:8765/")
                break
            except OSError:
                time.sleep(2)
        assert status == 200
        assert "Archivo Abierto" in body
        status, search = _get("http://127.0.0.1:8765/api/buscar/?q=memoria")
        assert status == 200 and '"count": 0' not in search
        # The worker started beside the server reads the demo's files.
        assert _files_read(clone / "data" / "archivo.sqlite3", seconds=180)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)

    result = subprocess.run(  # noqa: S603
        ["./scripts/test", "-q", "tests/test_smoke.py"], cwd=clone, env=_environment(clone),
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "passed" in result.stdout
