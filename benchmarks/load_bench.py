#!/usr/bin/env python
"""Requests per second and p50/p95 latency of the production stack on loopback, with wrk.

    .venv/bin/python benchmarks/load_bench.py [--setup] [--duration 15] [--soak 120]

Production settings, PostgreSQL (DATABASE_URL, default the local
``archivo_prod_bench``) and Redis (REDIS_URL, default db 5). ``--setup``
migrates and loads the demo archive first (idempotent). Two gunicorn
servers run: one with the page cache, one with PAGE_CACHE=0 (the uncached
figures: the same code path as a cache miss, without a cache-busting
header an attacker could also send). The document's HTML, saved as a static
file and served by the same gunicorn and whitenoise, is the ceiling; nginx
(deploy/nginx.conf.template) in front of the cached server is measured too.
Then a soak: SOAK seconds at 50 connections, counting errors.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LUA = ROOT / "benchmarks" / "wrk_report.lua"
CACHED_PORT, UNCACHED_PORT, NGINX_PORT = 8105, 8106, 8107


def environment(work, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "archive.settings.production",
        "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": env.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/archivo_prod_bench",
        "REDIS_URL": env.get("REDIS_URL") or "redis://127.0.0.1:6379/5",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; nginx speaks TLS in production
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": env.get("MEDIA_ROOT") or str(Path(tempfile.gettempdir()) / "archivo-prod-bench-media"),
        "LOG_LEVEL": "ERROR",
        **extra,
    })
    return env


def create_database(url):
    """Create the benchmark's PostgreSQL database if it is missing (trust auth on loopback)."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        sys.exit(f"Nombre de base de datos no válido para el banco de pruebas: {name!r}")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    result = subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'],  # noqa: S603, S607
                            capture_output=True, text=True, check=False)
    if result.returncode and "already exists" not in result.stderr:
        sys.exit(result.stderr)


def manage(env, *args):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def wait_for(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"nothing answers on port {port}")


def gunicorn(env, port, workers, threads):
    # The production server's own settings (deploy/gunicorn.conf.py), on another port.
    env = {**env, "BIND": f"127.0.0.1:{port}", "WEB_WORKERS": str(workers), "WEB_THREADS": str(threads),
           "ACCESS_LOG": "", "WEB_LOG_LEVEL": "warning"}
    process = subprocess.Popen(  # noqa: S603
        [str(GUNICORN), "archive.wsgi:application", "--config", str(ROOT / "deploy" / "gunicorn.conf.py")],
        cwd=ROOT, env=env)
    wait_for(port)
    return process


def get(url):
    with urllib.request.urlopen(url, timeout=180) as response:  # noqa: S310 - loopback
        return response.read()


def wrk(url, connections, duration, threads=2):
    out = subprocess.run(  # noqa: S603
        [shutil.which("wrk"), f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}s",
         "--timeout", "10s", "-s", str(LUA), url], capture_output=True, text=True, check=True).stdout
    return json.loads(re.search(r"WRK_JSON (.*)", out).group(1))


def pick_urls(base):
    sitemap = get(base + "/sitemap.xml").decode()
    document = next(u for u in re.findall(r"<loc>([^<]+)</loc>", sitemap) if "/minutas/" in u and u.count("/") > 4)
    path = "/" + document.split("/", 3)[3]
    html = get(base + path).decode()
    file_path = None
    for candidate in re.findall(r'href="(/documentos/\d+/[^"]+)"', html):
        if "version-accesible" not in candidate:
            file_path = candidate
            break
    if file_path is None:  # another document with a file
        for url in re.findall(r"<loc>([^<]+)</loc>", sitemap):
            page = get(base + "/" + url.split("/", 3)[3]).decode()
            found = [c for c in re.findall(r'href="(/documentos/\d+/[^"]+)"', page) if "version-accesible" not in c]
            if found:
                file_path = found[0]
                break
    return path, html, file_path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", action="store_true", help="migrate and load the demo archive first")
    parser.add_argument("--duration", type=int, default=15, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--soak", type=int, default=120, help="seconds at 50 connections (0: skip)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="archivo-load-"))
    work.chmod(0o755)
    env = environment(work)
    if args.setup:
        create_database(env["DATABASE_URL"])
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    subprocess.run(["redis-cli", "-u", env["REDIS_URL"], "flushdb"], check=True, capture_output=True)  # noqa: S603, S607

    processes = []
    try:
        processes.append(gunicorn(environment(work, PAGE_CACHE="0"), UNCACHED_PORT, args.workers, args.threads))
        uncached = f"http://127.0.0.1:{UNCACHED_PORT}"
        doc, html, file_path = pick_urls(uncached)
        (work / "static" / "bench").mkdir(exist_ok=True)
        (work / "static" / "bench" / "document.html").write_text(html)
        # Started after the file is written: whitenoise lists static files at start.
        processes.append(gunicorn(env, CACHED_PORT, args.workers, args.threads))
        cached = f"http://127.0.0.1:{CACHED_PORT}"
        phase = re.search(r'href="/etapas/([^/"]+)/"', html)
        search = f"/buscar/?q=mesa&tipo=minuta&etapa={phase.group(1) if phase else 'mesas-de-cocreacion'}"

        nginx = None
        if shutil.which("nginx"):
            conf = subprocess.run([str(ROOT / "deploy" / "render-nginx")], check=True, capture_output=True, text=True,  # noqa: S603
                                  env={**os.environ, "PREFIX": str(work), "LISTEN": f"127.0.0.1:{NGINX_PORT}",
                                       "UPSTREAM": f"127.0.0.1:{CACHED_PORT}", "STATIC_ROOT": str(work / "static")}).stdout
            (work / "nginx.conf").write_text(conf)
            nginx = subprocess.Popen([shutil.which("nginx"), "-p", str(work), "-e", str(work / "error.log"),  # noqa: S603
                                      "-c", str(work / "nginx.conf"), "-g", "daemon off;"])
            processes.append(nginx)
            wait_for(NGINX_PORT)
        via_nginx = f"http://127.0.0.1:{NGINX_PORT}"

        for url in (cached + doc, cached + "/", cached + search, uncached + doc):
            get(url)  # warm: caches, facet snapshots, connections
        cases = [
            ("document, uncached", uncached + doc, args.connections),
            ("document, uncached, 1 connection", uncached + doc, 1),
            ("document, cached", cached + doc, args.connections),
            ("home, cached", cached + "/", args.connections),
            ("home, uncached", uncached + "/", args.connections),
            ("search, two facets, cached", cached + search, args.connections),
            ("search, two facets, uncached", uncached + search, args.connections),
            ("file download", cached + file_path, args.connections) if file_path else None,
            ("static copy of the document (gunicorn+whitenoise)", cached + "/static/bench/document.html",
             args.connections),
            ("document, cached, through nginx", via_nginx + doc, args.connections) if nginx else None,
            ("static copy through nginx", via_nginx + "/static/bench/document.html", args.connections) if nginx else None,
        ]
        results = {}
        print(f"{'case':52} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
        for case in filter(None, cases):
            name, url, connections = case
            figures = wrk(url, connections, args.duration)
            results[name] = figures
            errors = figures["non_2xx_3xx"] + figures["socket_errors"]
            print(f"{name:52} {figures['rps']:9.0f} {figures['p50_ms']:8.2f} {figures['p95_ms']:8.2f} {errors:7d}",
                  flush=True)
        if args.soak:
            soak = wrk(cached + doc, 50, args.soak)
            # A mix would be fairer, but wrk takes one URL per run; the
            # uncached server carries the expensive path at the same time.
            results["soak"] = soak
            errors = soak["non_2xx_3xx"] + soak["socket_errors"]
            print(f"{'soak: document, cached, 50 connections, ' + str(args.soak) + ' s':52} {soak['rps']:9.0f} "
                  f"{soak['p50_ms']:8.2f} {soak['p95_ms']:8.2f} {errors:7d}")
        document_cached = results["document, cached"]["rps"]
        ceiling = results["static copy of the document (gunicorn+whitenoise)"]["rps"]
        print("\nGoals:")
        print(f"  cached / static ceiling: {document_cached / ceiling:.0%} (goal >= 70%)")
        print(f"  cached / uncached: {document_cached / results['document, uncached']['rps']:.1f}x (goal >= 15x)")
        print(f"  uncached p95 at 1 connection: {results['document, uncached, 1 connection']['p95_ms']:.1f} ms "
              "(goal < 50 ms)")
        if "soak" in results:
            print(f"  soak errors: {results['soak']['non_2xx_3xx'] + results['soak']['socket_errors']} (goal 0)")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1))
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
