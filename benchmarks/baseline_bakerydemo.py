"""Serve a stock wagtail/bakerydemo checkout with gunicorn on a scratch database and measure its
home page and one blog page, the same way benchmarks/serve.py measures Kennisbank.

Run from the project root with the project's Python:
    .venv/bin/python benchmarks/baseline_bakerydemo.py --bakerydemo ~/src/bakerydemo
This script downloads no code: DIR is a checkout you made (see benchmarks/README.md). It copies
it to a temporary directory, installs bakerydemo's requirements with this project's Django and
Wagtail versions into a virtualenv, and sends every request to 127.0.0.1 only.
"""

import argparse
import importlib.metadata
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from serve import HOST, get, measure, print_table, start_gunicorn, stop_gunicorn, worker_memory

SETTINGS = "bakerydemo.settings.production"
# Both sites must run the same framework versions: pin bakerydemo to the ones installed here.
# The ranges are used only when this interpreter has no Django or Wagtail.
FRAMEWORK = {"django": ("Django", ">=5.2,<5.3"), "wagtail": ("wagtail", ">=8.0,<8.1")}
# Environment variables that bakerydemo's settings read to switch on services we don't want here.
DROPPED_PREFIXES = (
    "DJANGO_",
    "DATABASE_",
    "REDIS_",
    "ELASTICSEARCH_",
    "AWS_",
    "GS_",
    "FRONTEND_CACHE_",
    "BASIC_AUTH_",
    "CSP_",
    "SECURE_",
    "KENNISBANK_",
)
DROPPED = {
    "PRIMARY_HOST",
    "ADMIN_PASSWORD",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "PYTHONPATH",
    "PYTHONHOME",
    "VIRTUAL_ENV",
}
TIMEOUT = {"pip": 1200, "manage": 600, "probe": 300}


@dataclass
class Bakerydemo:
    checkout: Path  # the user's checkout: only read
    app: Path  # our scratch copy of it, which collectstatic, media files and renditions write to
    venv: Path
    env: dict[str, str]
    commit: str
    required: str  # what bakerydemo's requirements ask for Django and Wagtail
    versions: dict[str, str] = field(default_factory=dict)  # what it runs on, from the probe
    queries: dict[str, dict] = field(default_factory=dict)  # probe: paths and query counts
    sizes: dict[str, int] = field(default_factory=dict)  # bytes of each page through gunicorn
    log: Path | None = None

    @property
    def urls(self) -> dict[str, str]:
        return {name: row["path"] for name, row in self.queries.items()}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line: str) -> str | None:
    line = line.split("#", 1)[0].strip()
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
    return normalize(match.group(0)) if match and not line.startswith("-") else None


def check_checkout(path: Path) -> Path:
    path = path.expanduser().resolve()
    for needed in ("manage.py", "requirements/base.txt", "bakerydemo/settings/production.py"):
        if not (path / needed).is_file():
            sys.exit(f"{path} is not a wagtail/bakerydemo checkout: {needed} is missing")
    return path


def describe_commit(checkout: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(checkout), "log", "-1", "--format=%H %cs"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown commit (git not available)"
    return out.stdout.strip() if out.returncode == 0 else "unknown commit (not a git checkout)"


def requirements(checkout: Path, out: Path) -> str:
    """Writes the requirements to install; returns bakerydemo's own Django/Wagtail specifiers.

    requirements/base.txt as it is, except that Django and wagtail are pinned to the versions of
    this interpreter; from requirements/production.txt only whitenoise (its production settings
    add WhiteNoise's middleware and storage); and gunicorn at this interpreter's version.
    The rest of production.txt (uwsgi, psycopg, boto3, Elasticsearch, Redis, cloud storage) is
    for services that are not used here.
    """
    lines, required = [], []
    for line in (checkout / "requirements/base.txt").read_text().splitlines():
        name = requirement_name(line)
        if name in FRAMEWORK:
            required.append(line.split("#", 1)[0].strip())
            dist, fallback = FRAMEWORK[name]
            try:
                line = f"{dist}=={importlib.metadata.version(dist)}"
            except importlib.metadata.PackageNotFoundError:
                line = dist + fallback
        lines.append(line)
    production = checkout / "requirements/production.txt"
    whitenoise = [
        line.split("#", 1)[0].strip()
        for line in (production.read_text().splitlines() if production.is_file() else [])
        if requirement_name(line) == "whitenoise"
    ]
    lines += whitenoise or ["whitenoise>=6,<7"]
    try:
        lines.append(f"gunicorn=={importlib.metadata.version('gunicorn')}")
    except importlib.metadata.PackageNotFoundError:
        lines.append("gunicorn>=23,<24")
    for name, (dist, _) in FRAMEWORK.items():
        if not any(requirement_name(line) == name for line in lines):
            sys.exit(f"bakerydemo's requirements/base.txt does not name {dist}")
    out.write_text("\n".join(lines) + "\n")
    return ", ".join(required)


def run(command: list, what: str, timeout: float, **kwargs) -> None:
    """Run a step quietly; show the tail of its output if it fails."""
    try:
        done = subprocess.run(
            [str(part) for part in command],
            capture_output=True,
            text=True,
            timeout=timeout,
            **kwargs,
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"{what} took longer than {timeout} s")
    if done.returncode:
        sys.exit(f"{what} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-4000:]}")


def scratch_env(app: Path, database: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in DROPPED and not name.startswith(DROPPED_PREFIXES)
    }
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",  # plain HTTP on loopback, as for Kennisbank
        DATABASE_NAME=str(database),  # an absolute path: base.py's SQLite default, elsewhere
        PYTHONUNBUFFERED="1",
    )
    return env


def copy_checkout(checkout: Path, app: Path) -> None:
    """Copy the code, leaving out VCS data, local configuration and anything a previous run or
    a developer of bakerydemo left behind (database, collected static files, uploaded media)."""
    skip = {".git", "node_modules", ".venv", "venv", "__pycache__", ".env", "bakerydemodb"}

    def ignore(directory: str, names: list[str]) -> set[str]:
        here = Path(directory)
        ignored = {name for name in names if name in skip or name.endswith((".db", ".sqlite3"))}
        if here == checkout / "bakerydemo":
            ignored |= {"media", "collect_static"} & set(names)
        if here == checkout / "bakerydemo" / "settings":
            ignored |= {"local.py"} & set(names)
        return ignored

    shutil.copytree(checkout, app, ignore=ignore, symlinks=True)


def prepare(
    checkout: Path, work: Path, venv: Path | None = None, blog_page: str | None = None
) -> Bakerydemo:
    """Virtualenv, scratch copy, database with bakerydemo's demo content, collected static files,
    and the probe (pick the blog page, count queries). Everything is written under work, except
    the virtualenv when venv is given."""
    work.mkdir(parents=True, exist_ok=True)
    app = work / "app"
    copy_checkout(checkout, app)
    venv = venv.expanduser().resolve() if venv else work / "venv"
    site = Bakerydemo(
        checkout=checkout,
        app=app,
        venv=venv,
        env=scratch_env(app, work / "bakerydemo.sqlite3"),
        commit=describe_commit(checkout),
        required=requirements(checkout, work / "requirements.txt"),
    )
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"$ python -m venv {venv}", flush=True)
        run([sys.executable, "-m", "venv", venv], "creating the virtualenv", TIMEOUT["manage"])
    print(f"$ pip install -r {work / 'requirements.txt'} (into {venv})", flush=True)
    pip = [python, "-m", "pip", "install", "--quiet", "-r", work / "requirements.txt"]
    run(pip, "pip install", TIMEOUT["pip"])
    for args in (["migrate", "--no-input"], ["load_initial_data"], ["collectstatic", "--no-input"]):
        print(f"$ bakerydemo manage.py {' '.join(args)}", flush=True)
        command = [python, "manage.py", *args]
        run(command, f"manage.py {args[0]}", TIMEOUT["manage"], cwd=app, env=site.env)
    print("$ bakerydemo probe: pick the blog page, count SQL queries (django.test.Client)")
    command = [python, Path(__file__).resolve(), "--probe"]
    if blog_page:
        command += ["--blog-page", blog_page]
    try:
        found = subprocess.run(
            [str(part) for part in command],
            cwd=app,
            env=site.env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT["probe"],
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"the bakerydemo probe took longer than {TIMEOUT['probe']} s")
    if found.returncode:
        sys.exit(f"bakerydemo probe failed:\n{(found.stdout + found.stderr)[-3000:]}")
    probed = json.loads(found.stdout.strip().splitlines()[-1])
    site.versions, site.queries = probed["versions"], probed["pages"]
    return site


def probe(blog_page: str | None) -> None:
    """Runs in bakerydemo's virtualenv with its settings: pick the blog page, count queries."""
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    import wagtail
    from django.apps import apps
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if not blog_page:  # the first published blog post in the page tree
        blog = apps.get_model("blog", "BlogPage").objects.live().public().order_by("path").first()
        if blog is None:
            sys.exit("probe: bakerydemo's demo content has no published BlogPage")
        blog_page = blog.url
    client = Client(HTTP_HOST=HOST)
    pages = {}
    for name, path in (("home", "/"), ("blog", blog_page)):
        counts = []
        for _ in range(2):  # first render in this process, then the steady state
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"probe: GET {path} returned {response.status_code}")
            counts.append(len(queries.captured_queries))
        pages[name] = {"path": path, "queries_first": counts[0], "queries": counts[1]}
    versions = {
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "python": sys.version.split()[0],
        "debug": str(settings.DEBUG),
    }
    print(json.dumps({"versions": versions, "pages": pages}))


def start(site: Bakerydemo, workers: int) -> tuple[subprocess.Popen, int]:
    """Start its gunicorn and check that both pages answer 200; records their sizes."""
    site.log = site.app.parent / "gunicorn.log"
    gunicorn = site.venv / "bin" / "gunicorn"
    server, port = start_gunicorn(
        gunicorn, "bakerydemo.wsgi:application", site.app, site.env, workers, site.log
    )
    try:
        for name, path in site.urls.items():
            status, body = get(port, path)
            if status != 200:
                sys.exit(f"bakerydemo: GET {path} returned {status}, not 200")
            site.sizes[name] = len(body)
    except BaseException:
        stop_gunicorn(server)
        raise
    return server, port


def describe(site: Bakerydemo) -> str:
    v = site.versions
    return (
        f"stock wagtail/bakerydemo {site.commit} (asks for {site.required}), run on "
        f"Django {v['django']}, Wagtail {v['wagtail']}, Python {v['python']}; "
        f"{SETTINGS} (DEBUG={v['debug']}), SQLite"
    )


def report(site: Bakerydemo, results: dict[str, dict], memory: dict[int, float]) -> None:
    print(describe(site))
    print_table(results)
    for name in ("home", "blog"):
        print(
            f"SQL queries per bakerydemo {name} request: {site.queries[name]['queries']} "
            f"(first render of it in the probe process: {site.queries[name]['queries_first']})"
        )
    print(
        "bakerydemo worker peak RSS (VmHWM): " + ", ".join(f"{mb:.1f} MB" for mb in memory.values())
    )


def figures(site: Bakerydemo, results: dict[str, dict], memory: dict[int, float]) -> dict:
    return {
        "commit": site.commit,
        "requires": site.required,
        "versions": site.versions,
        "settings": SETTINGS,
        "results": results,
        "queries": site.queries,
        "worker_peak_rss_mb": memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bakerydemo", metavar="DIR", help="your wagtail/bakerydemo checkout")
    parser.add_argument("--venv", metavar="DIR", help="virtualenv to create or reuse (kept)")
    parser.add_argument("--blog-page", metavar="PATH", help="blog page URL path (first one)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--concurrency", type=int, default=4, help="client connections (4)")
    parser.add_argument("--seconds", type=float, default=10, help="measuring time per URL (10)")
    parser.add_argument("--warmup", type=float, default=1, help="warm-up per URL, seconds (1)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per URL")
    parser.add_argument("--json", metavar="OUT", help="also write the figures to this file")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        return probe(args.blog_page)
    if not args.bakerydemo:
        parser.error("--bakerydemo DIR is required")
    checkout = check_checkout(Path(args.bakerydemo))

    # SIGTERM and SIGINT unwind through the finally block below, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    tmp = Path(tempfile.mkdtemp(prefix="bakerydemo-bench-"))
    server = None
    try:
        venv = Path(args.venv) if args.venv else None
        site = prepare(checkout, tmp, venv, args.blog_page)
        server, port = start(site, args.workers)
        results = {}
        for name, path in site.urls.items():
            results[name] = {"path": path, "bytes": site.sizes[name]} | measure(
                port, path, args, "bakerydemo "
            )
        memory = worker_memory(server.pid)
    finally:
        if server is not None:
            stop_gunicorn(server)
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print(
        f"gunicorn {args.workers} sync workers, {args.concurrency} connections, "
        f"{args.seconds:g} s per URL (+{args.warmup:g} s warm-up)"
    )
    report(site, results, memory)
    if args.json:
        settings = vars(args) | {"probe": None}
        out = {"settings": settings} | figures(site, results, memory)
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    if any(row["errors"] for row in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
