"""Django set-up shared by the benchmark scripts, and the guard that keeps
them away from a developer's archive.

The database is the one DATABASE_URL names; without it, a SQLite file under
the system's temporary directory. A benchmark writes a hundred thousand pages
and may drop its database (``generate.py --fresh``), so it refuses any
database whose name does not say "bench".
"""

import os
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{Path(tempfile.gettempdir()) / 'archivo-bench.sqlite3'}"


def database_url():
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def database_settings():
    import dj_database_url

    return dj_database_url.parse(database_url())


def search_index_dir():
    """One search index per benchmark database, in the temporary directory, never the developer's."""
    name = Path(str(database_settings()["NAME"])).name.split(".")[0]
    return Path(tempfile.gettempdir()) / f"{name}-search-index"


def check_is_bench_database():
    name = str(database_settings()["NAME"])
    if "bench" not in Path(name).name.lower():
        sys.exit(
            f"Refusing to use database {name!r}: its name must contain 'bench' so a developer's "
            "archive is never overwritten. Set DATABASE_URL, e.g. sqlite:////tmp/archivo-bench.sqlite3 "
            "or postgres://postgres@127.0.0.1:5432/archivo_bench."
        )


def setup_django():
    os.environ["DATABASE_URL"] = database_url()
    os.environ.setdefault("SEARCH_INDEX_DIR", str(search_index_dir()))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.dev")
    # Timings must not include DEBUG's query log and debug pages; set DEBUG=1
    # explicitly to look at queries.
    os.environ.setdefault("DEBUG", "0")
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    check_is_bench_database()
    import django

    django.setup()


def create_database(fresh=False):
    """Create the benchmark database if missing (dropping it first with ``fresh``)."""
    settings = database_settings()
    if fresh:
        import shutil

        shutil.rmtree(os.environ.get("SEARCH_INDEX_DIR") or search_index_dir(), ignore_errors=True)
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(settings["NAME"])
        if fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if settings["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(f"Unsupported database engine {settings['ENGINE']}")
    import psycopg
    from psycopg import sql

    name = settings["NAME"]
    conninfo = {
        "dbname": "postgres",
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}, autocommit=True) as conn:
        if fresh:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def peak_rss_mb():
    import resource

    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
