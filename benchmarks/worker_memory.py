"""Memory of a serving gunicorn worker: Kennisbank on its demo content against a stock Wagtail
site (wagtail/bakerydemo) in the same run.

Run from the project root with the project's Python:
    .venv/bin/python benchmarks/worker_memory.py --baseline-bakerydemo ~/src/bakerydemo

For each site: a scratch database with its demo content, a fresh process's memory right after
django.setup(), then gunicorn with kennisbank/gunicorn_conf.py (the same configuration file for
both sites: preloaded application, gc.freeze() before the fork, sync workers). Each worker's
RSS, PSS and USS (private clean + dirty, from /proc/<pid>/smaps_rollup) are read right after
the workers start and again after a mix of anonymous page views, plus the peak RSS (VmHWM).
Kennisbank's mix: home, theme, topic, article, the author list and an author, and the search
page with a few queries; bakerydemo's: its home page, the pages it links to and its search.
See benchmarks/README.md. Every request goes to 127.0.0.1 only.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import BIN, HOST, ROOT, free_port, get, manage, scratch_env, stop_gunicorn  # noqa: E402

GUNICORN_CONF = ROOT / "kennisbank" / "gunicorn_conf.py"
# For the stock site: what kennisbank/gunicorn_conf.py does that any Django site can do
# (preload, gc.freeze() before the fork, fresh connections per worker), without Kennisbank's own
# preloading of the URLconf and the search engine.
STOCK_CONF = """
import gc
worker_class = "sync"
preload_app = True

def pre_fork(server, worker):
    gc.freeze()

def post_fork(server, worker):
    from django.db import connections
    for connection in connections.all(initialized_only=True):
        connection.close()
"""
SEARCHES = ["onderwijs", "leesvaardigheid", "digitale geletterdheid", "motivatie leerlingen"]
BAKERY_SEARCHES = ["bread", "sourdough", "bakery"]


def memory_mb(pid: int) -> dict[str, float]:
    """RSS, PSS and USS of a process now, and its peak RSS (VmHWM), in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        fields[name] = int(rest.split()[0]) / 1024
    status = Path(f"/proc/{pid}/status").read_text()
    peak = int(re.search(r"^VmHWM:\s+(\d+)", status, re.M).group(1)) / 1024
    return {
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "uss": fields["Private_Clean"] + fields["Private_Dirty"],
        "peak_rss": peak,
    }


def workers_of(master: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{master}$", status, re.M):
                pids.append(int(entry.name))
    return sorted(pids)


def start_gunicorn(
    gunicorn: Path, app: str, cwd: Path, env: dict[str, str], workers: int, log: Path, conf: Path
) -> tuple[subprocess.Popen, int]:
    """Like serve.py's, but waits for the port without sending a request, so that the workers
    are measured before they have served anything (no URLconf loaded yet)."""
    port = free_port()
    command = [str(gunicorn), app, f"--config={conf}", "--worker-class=sync"]
    command += [f"--bind={HOST}:{port}", f"--workers={workers}"]
    print(f"$ gunicorn {app} --config={conf} ({workers} workers)", flush=True)
    with log.open("w") as log_file:
        server = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.2)
    stop_gunicorn(server)
    sys.exit(f"gunicorn did not listen within 60 s:\n{log.read_text()[-3000:]}")


def wait_for_workers(master: int, count: int, timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = workers_of(master)
        if len(pids) >= count:
            time.sleep(1)  # let a worker finish its post_fork
            return pids
        time.sleep(0.2)
    sys.exit(f"gunicorn started {len(workers_of(master))} of {count} workers")


SETUP_PROBE = """
import json, re, sys
from pathlib import Path
import django
django.setup()
fields = {}
for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
    name, _, rest = line.partition(":")
    fields[name] = int(rest.split()[0]) / 1024
print(json.dumps({"rss": fields["Rss"], "pss": fields["Pss"],
    "uss": fields["Private_Clean"] + fields["Private_Dirty"], "modules": len(sys.modules)}))
"""


def setup_memory(python: Path, cwd: Path, env: dict[str, str]) -> dict[str, float]:
    """A fresh interpreter's memory right after django.setup() (no request, no URLconf)."""
    return json_from([str(python), "-c", SETUP_PROBE], cwd, env, "setup probe")


def json_from(command: list[str], cwd: Path, env: dict[str, str], what: str):
    """The JSON on the last line a command prints; exits with its error output if it fails."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode:
        sys.exit(f"{what} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def kennisbank_paths() -> None:
    """Runs in a subprocess with the scratch environment: pick one page of each kind."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from kennisbank.articles.models import ArticlePage
    from kennisbank.people.models import Author
    from kennisbank.taxonomy.models.pages import ThemePage, TopicPage

    paths = {"home": "/"}
    for name, model in (("theme", ThemePage), ("topic", TopicPage), ("article", ArticlePage)):
        page = model.objects.live().public().order_by("path").first()
        if page is None:
            sys.exit(f"no published {model.__name__} in the demo content")
        paths[name] = urlsplit(page.get_url()).path
    paths["authors"] = "/auteurs/"
    author = Author.objects.order_by("pk").first()
    if author is not None:
        paths["author"] = author.get_absolute_url()
    for n, query in enumerate(SEARCHES):
        paths[f"search {n + 1}"] = "/zoeken/?" + urlencode({"q": query})
    print(json.dumps(paths))


def bakerydemo_paths(port: int) -> dict[str, str]:
    """Home, the distinct internal pages its home page links to, and its search page."""
    status, body = get(port, "/")
    if status != 200:
        sys.exit(f"bakerydemo: GET / returned {status}")
    paths = {"home": "/"}
    for href in re.findall(r'href="(/[^"#?]*)"', body.decode()):
        if href.startswith(("/static/", "/media/", "/admin/", "/documents/")) or href == "/":
            continue
        if href not in paths.values():
            paths[f"page {len(paths)}"] = href
        if len(paths) > 8:
            break
    for n, query in enumerate(BAKERY_SEARCHES):
        paths[f"search {n + 1}"] = "/search/?" + urlencode({"q": query})
    return paths


def serve_and_measure(
    gunicorn: Path, app: str, cwd: Path, env: dict, paths: dict | None, args, log: Path, conf: Path
) -> dict:
    server, port = start_gunicorn(gunicorn, app, cwd, env, args.workers, log, conf)
    try:
        pids = wait_for_workers(server.pid, args.workers)
        started = {pid: memory_mb(pid) for pid in pids}
        master_started = memory_mb(server.pid)
        if paths is None:  # bakerydemo: found by following its home page's links
            paths = bakerydemo_paths(port)
        statuses = {}
        for _ in range(args.rounds):
            for path in paths.values():
                status, _body = get(port, path, timeout=30)
                statuses[path] = status
        bad = {path: status for path, status in statuses.items() if status != 200}
        if bad:
            print(f"! not 200: {bad}")
        after = {pid: memory_mb(pid) for pid in workers_of(server.pid)}
    finally:
        stop_gunicorn(server)
    return {
        "paths": paths,
        "requests": args.rounds * len(paths),
        "not_200": bad,
        "master_started": master_started,
        "workers_started": started,
        "workers_after": after,
    }


def mean(rows: list[dict], key: str) -> float:
    return sum(row[key] for row in rows) / len(rows) if rows else 0.0


def summary(result: dict) -> dict[str, dict[str, float]]:
    out = {}
    for phase in ("workers_started", "workers_after"):
        rows = list(result[phase].values())
        out[phase] = {key: mean(rows, key) for key in ("rss", "pss", "uss", "peak_rss")}
    out["setup"] = result["setup"]
    return out


def print_site(label: str, result: dict) -> None:
    print(f"{label}: {result['requests']} requests over {len(result['paths'])} URLs")
    print(f"  pages: {', '.join(result['paths'].values())}")
    setup = result["setup"]
    print(
        f"  fresh process after django.setup(): RSS {setup['rss']:.1f}, PSS {setup['pss']:.1f}, "
        f"USS {setup['uss']:.1f} MB ({setup['modules']} modules)"
    )
    m = result["master_started"]
    print(f"  gunicorn master: RSS {m['rss']:.1f}, PSS {m['pss']:.1f}, USS {m['uss']:.1f} MB")
    for phase, title in (("workers_started", "started"), ("workers_after", "after the mix")):
        for pid, row in result[phase].items():
            print(
                f"  worker {pid} {title:>13}: RSS {row['rss']:6.1f}  PSS {row['pss']:6.1f}  "
                f"USS {row['uss']:6.1f}  peak RSS {row['peak_rss']:6.1f} MB"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument("--rounds", type=int, default=20, help="times the page mix is sent (20)")
    parser.add_argument("--database-url", help="a SCRATCH database: it is migrated and filled")
    parser.add_argument("--json", metavar="OUT", help="also write the figures to this file")
    parser.add_argument(
        "--baseline-bakerydemo", metavar="DIR", help="your wagtail/bakerydemo checkout"
    )
    parser.add_argument(
        "--bakerydemo-venv", metavar="DIR", help="virtualenv for bakerydemo to create or reuse"
    )
    parser.add_argument("--paths", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.paths:
        return kennisbank_paths()
    baseline = checkout = None
    if args.baseline_bakerydemo:
        import baseline_bakerydemo as baseline

        checkout = baseline.check_checkout(Path(args.baseline_bakerydemo))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    tmp = Path(tempfile.mkdtemp(prefix="kennisbank-memory-"))
    results = {}
    try:
        env = scratch_env(tmp, args.database_url)
        env.pop("WEB_CONCURRENCY", None)
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--no-input")
        # Builds the compound lexicon file too (once per machine, on the first indexing), which
        # a serving worker would otherwise build, with wordfreq's 70 MB, on its first search.
        manage(env, "search_rebuild")
        paths = json_from([sys.executable, __file__, "--paths"], ROOT, env, "finding the pages")
        if baseline:
            stock_conf = tmp / "stock_gunicorn_conf.py"
            stock_conf.write_text(STOCK_CONF)
            venv = Path(args.bakerydemo_venv) if args.bakerydemo_venv else None
            bakery = baseline.prepare(checkout, tmp / "baseline-bakerydemo", venv)

        # Back to back: bakerydemo, then Kennisbank, on a machine in the same state.
        if baseline:
            print("$ bakerydemo: setup probe, gunicorn, page mix", flush=True)
            python = bakery.venv / "bin" / "python"
            row = serve_and_measure(
                bakery.venv / "bin" / "gunicorn",
                "bakerydemo.wsgi:application",
                bakery.app,
                bakery.env,
                None,
                args,
                tmp / "bakerydemo-gunicorn.log",
                stock_conf,
            )
            results["bakerydemo"] = row | {"setup": setup_memory(python, bakery.app, bakery.env)}
        print("$ kennisbank: setup probe, gunicorn, page mix", flush=True)
        row = serve_and_measure(
            BIN / "gunicorn",
            "kennisbank.wsgi:application",
            ROOT,
            env,
            paths,
            args,
            tmp / "gunicorn.log",
            GUNICORN_CONF,
        )
        results["kennisbank"] = row | {"setup": setup_memory(Path(sys.executable), ROOT, env)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    load = os.getloadavg()
    print()
    database = "DATABASE_URL" if args.database_url else "SQLite"
    print(
        f"gunicorn, {args.workers} sync workers (Kennisbank: kennisbank/gunicorn_conf.py; "
        "bakerydemo: preload and gc.freeze() alike, without Kennisbank's preload()), database: "
        f"{database}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    for name, result in results.items():
        print_site(name, result)
    figures = {"settings": vars(args) | {"paths": None}, "load_average": load}
    figures |= {name: result | {"summary": summary(result)} for name, result in results.items()}
    if baseline:
        ours, stock = summary(results["kennisbank"]), summary(results["bakerydemo"])
        print()
        print("Kennisbank / bakerydemo (mean over the workers):")
        for phase, title in (
            ("setup", "fresh process after setup"),
            ("workers_started", "worker started"),
            ("workers_after", "worker after the mix"),
        ):
            print(
                f"  {title:>26}: "
                + ", ".join(
                    f"{key.upper()} {ours[phase][key]:.1f} / {stock[phase][key]:.1f} MB = "
                    f"{ours[phase][key] / stock[phase][key]:.2f}"
                    for key in ("rss", "pss", "uss")
                )
            )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
