"""The database backend with real worker processes, end to end: a file queued in one process is read
by a worker in another; a worker killed in the middle of a reading loses nothing, and one asked to stop
puts its job back and exits at once.

The site runs in a SQLite file of its own (the test database lives in this
process's memory, where no other process can see it), migrated once.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = 1500  # long enough to be caught in the middle: seconds of pypdf

pytestmark = [
    # Its own SQLite file whatever the suite runs on: once per CI run is enough.
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs in the SQLite pass only"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    here = tmp_path_factory.mktemp("sitio")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "TASKS_", "WORKER_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "archive.settings.dev",
        "DATABASE_URL": f"sqlite:///{here / 'archivo.sqlite3'}",
        "DATA_DIR": str(here), "MEDIA_ROOT": str(here / "media"), "SEARCH_INDEX_DIR": str(here / "indice"),
        "TASKS_BACKEND": "database", "WORKER_HEARTBEAT_SECONDS": "1", "LOG_LEVEL": "WARNING",
    })
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env,  # noqa: S603
                   check=True, timeout=300)
    return here, env


def store_pdf(site, name):
    """Upload a long PDF as the admin's form does (save with a new file), in a process of its own."""
    here, env = site
    code = (
        "from django.core.files.base import ContentFile\n"
        "from archive.attachments.models import ArchiveDocument\n"
        "from tests.factories import minimal_pdf\n"
        f"pdf = minimal_pdf(*[f'Pagina {{n}} de {name}' for n in range(1, {PAGES + 1})])\n"
        f"document = ArchiveDocument(title='{name}', file=ContentFile(pdf, name='{name}.pdf'))\n"
        "document.save()\n"
        "print(document.pk)\n"
    )
    done = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,  # noqa: S603
                          check=True, capture_output=True, text=True, timeout=120)
    return int(done.stdout.split()[-1])


def start_worker(site, log_name, *extra):
    here, env = site
    log = open(here / log_name, "w")  # noqa: SIM115 - closed by the test with the process
    process = subprocess.Popen([sys.executable, "manage.py", "run_worker", "--queue-name", "analysis", *extra],  # noqa: S603
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log = log
    return process


def row(site, document_id):
    here, _env = site
    with sqlite3.connect(here / "archivo.sqlite3", timeout=20) as db:
        state, progress, attempts, pages = db.execute(
            "SELECT analysis_state, analysis_progress, analysis_attempts, page_count "
            "FROM attachments_archivedocument WHERE id = ?", (document_id,)).fetchone()
        jobs = [status for (status,) in db.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%read_file' "
            "AND args_kwargs LIKE ?", (f'%"args": [{document_id},%',))]
    return {"state": state, "progress": progress, "attempts": attempts, "pages": pages, "jobs": jobs}


def wait_for(site, document_id, condition, seconds, process=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        current = row(site, document_id)
        if condition(current):
            return current
        if process is not None and process.poll() is not None:
            break
        time.sleep(0.1)
    log = (site[0] / "worker.log").read_text()[-3000:] if (site[0] / "worker.log").exists() else ""
    pytest.fail(f"waited {seconds}s in vain: {current}\n{log}")


def in_the_middle(current):
    return current["state"] == "running" and current["progress"].startswith("texto, página") and \
        not current["progress"].endswith(f" {PAGES} de {PAGES}")


def stop(process, how=signal.SIGTERM, seconds=30):
    if how is not None and process.poll() is None:
        process.send_signal(how)
    try:
        return process.wait(timeout=seconds)
    finally:
        process.log.close()


def test_a_worker_killed_in_the_middle_of_a_reading_loses_nothing(site):
    document_id = store_pdf(site, "acta-larga")
    assert row(site, document_id)["state"] == "queued"
    first = start_worker(site, "worker.log")
    try:
        wait_for(site, document_id, in_the_middle, 120, first)
    finally:
        stop(first, signal.SIGKILL)
    killed = row(site, document_id)
    assert (killed["state"], killed["jobs"]) == ("running", ["RUNNING"])

    # Another worker on this machine sees the first one's process is gone and reads the file again.
    second = start_worker(site, "worker-2.log")
    try:
        # The file is stored as read a moment before the worker marks its job finished.
        done = wait_for(site, document_id, lambda current: current["state"] == "done" and "RUNNING" not in current["jobs"],
                        180, second)
    finally:
        assert stop(second) == 0
    assert (done["pages"], done["attempts"], done["jobs"]) == (PAGES, 2, ["SUCCESSFUL"])


def test_a_worker_asked_to_stop_puts_its_job_back_and_exits_at_once(site):
    document_id = store_pdf(site, "acta-interrumpida")
    worker = start_worker(site, "worker-3.log")
    try:
        wait_for(site, document_id, in_the_middle, 120, worker)
    finally:
        asked = time.monotonic()
        code = stop(worker, signal.SIGTERM)
    assert code == 0
    assert time.monotonic() - asked < 15, "it does not wait for the reading to end"
    back = row(site, document_id)
    assert (back["state"], back["attempts"], back["jobs"]) == ("queued", 0, ["READY"])

    batch = start_worker(site, "worker-4.log", "--batch")
    assert stop(batch, how=None, seconds=180) == 0  # --batch ends by itself once the queue is empty
    done = row(site, document_id)
    assert (done["state"], done["pages"], done["attempts"], done["jobs"]) == ("done", PAGES, 1, ["SUCCESSFUL"])
