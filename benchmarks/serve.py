"""Serve Kennisbank with gunicorn on a scratch database and compare uncached page rendering
(home page, one article) with WhiteNoise serving a static file of the same size.

Run from the project root with the project's Python:  .venv/bin/python benchmarks/serve.py
See benchmarks/README.md for the options. Every request goes to 127.0.0.1 only.
"""

import argparse
import contextlib
import http.client
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
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv's bin: python, gunicorn
HOST = "127.0.0.1"
STATIC_NAME = "bench/article-size.html"


def scratch_env(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT"):
        env.pop(name, None)  # never touch a database or cache the caller happens to have set
    env.update(
        KENNISBANK_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="kennisbank.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        PYTHONUNBUFFERED="1",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict[str, str], *args: str) -> None:
    print(f"$ manage.py {' '.join(args)}", flush=True)
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, timeout=900)


def probe(out_dir: Path) -> None:
    """Runs in a subprocess with the scratch environment: pick the article, count queries."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    api = client.get("/api/v2/pages/", {"type": "articles.ArticlePage", "limit": 1})
    items = api.json().get("items", []) if api.status_code == 200 else []
    if items:  # html_url carries WAGTAILAPI_BASE_URL's host: keep only the path
        article = urlsplit(items[0]["meta"]["html_url"]).path
    else:
        match = re.search(r'href="(/artikel/[^"#?]+)"', client.get("/").content.decode())
        if not match:
            sys.exit("probe: no article found through the API or on the home page")
        article = match.group(1)
    result = {}
    for name, path in (("home", "/"), ("article", article)):
        counts = []
        for _ in range(2):  # first render in this process, then the steady state
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if response.status_code != 200:
                sys.exit(f"probe: GET {path} returned {response.status_code}")
            counts.append(len(queries.captured_queries))
        result[name] = {"path": path, "queries_first": counts[0], "queries": counts[1]}
        (out_dir / f"{name}.html").write_bytes(response.content)
    print(json.dumps(result))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_until_up(server: subprocess.Popen, port: int, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            get(port, "/robots.txt", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def load(port: int, path: str, concurrency: int, seconds: float, max_requests: int) -> dict:
    """Closed loop: each thread sends its next request as soon as the previous one is answered,
    until the deadline or the request budget runs out, whichever comes first."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    budget = [max_requests]  # requests left to send, shared by the threads
    start = threading.Barrier(concurrency)
    deadline = 0.0

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=10)  # keep-alive when allowed
        mine: list[float] = []
        start.wait()
        try:
            while time.monotonic() < deadline:
                with lock:
                    if budget[0] <= 0:
                        break
                    budget[0] -= 1
                began = time.perf_counter()
                try:
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    if response.status != 200:
                        with lock:
                            errors.append(f"HTTP {response.status}")
                        continue
                except (OSError, http.client.HTTPException) as error:
                    conn.close()  # reconnect on the next request
                    with lock:
                        errors.append(repr(error))
                    continue
                mine.append(time.perf_counter() - began)
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)

    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    elapsed = time.monotonic() - began
    latencies.sort()
    n = len(latencies)

    def pct(q: float) -> float:  # nearest rank, in ms
        return 1000 * latencies[min(n - 1, int(q * n))] if latencies else 0

    return {
        "requests": n,
        "rps": n / elapsed,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
    }


def worker_memory(master: int) -> dict[int, float]:
    """Peak RSS (VmHWM) in MB of each process whose parent is the gunicorn master."""
    peaks = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("PPid", "0")) == master and "VmHWM" in fields:
            peaks[int(entry.name)] = int(fields["VmHWM"].split()[0]) / 1024
    return peaks


def worker_shared_memory(pids) -> dict[int, dict[str, float]]:
    """Proportional (PSS) and private memory in MB of each process now. RSS counts pages shared
    with the master in full in every worker; PSS divides them among the sharers, and private
    memory is what a worker alone holds: with --preload these are what a worker really costs."""
    shares = {}
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        fields = {
            line.split(":")[0]: int(line.split()[1]) / 1024
            for line in rollup.splitlines()[1:]
            if line.split()[-1] == "kB"
        }
        private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        shares[pid] = {"pss_mb": fields.get("Pss", 0.0), "private_mb": private}
    return shares


# Extra gunicorn options for every site measured in a run (same for Kennisbank and the baseline).
GUNICORN_EXTRA_ARGS: list[str] = []


def start_gunicorn(
    gunicorn: Path, app: str, cwd: Path, env: dict[str, str], workers: int, log: Path
) -> tuple[subprocess.Popen, int]:
    """Start gunicorn with sync workers on a free loopback port and wait until it answers."""
    port = free_port()
    print(f"$ gunicorn {app} on {HOST}:{port}, {workers} sync workers", flush=True)
    with log.open("w") as log_file:
        command = [str(gunicorn), app, "--worker-class=sync", *GUNICORN_EXTRA_ARGS]
        command += [f"--bind={HOST}:{port}", f"--workers={workers}"]
        server = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    try:
        wait_until_up(server, port, log)
    except BaseException:
        stop_gunicorn(server)
        raise
    return server, port


def stop_gunicorn(server: subprocess.Popen) -> None:
    workers = list(worker_memory(server.pid)) if server.poll() is None else []
    server.terminate()  # SIGTERM: the master stops its workers
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    for pid in workers:  # in case one of its workers outlived the master
        with contextlib.suppress(OSError):
            if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)


def measure(port: int, path: str, args: argparse.Namespace, site: str = "") -> dict:
    """Warm up, then measure one URL with the settings from the command line."""
    print(f"$ load {site}{path} for {args.warmup:g}+{args.seconds:g} s", flush=True)
    load(port, path, args.concurrency, args.warmup, args.max_requests)
    return load(port, path, args.concurrency, args.seconds, args.max_requests)


def print_table(results: dict[str, dict]) -> None:
    width = max(len(row["path"]) for row in results.values())
    print(f"{'URL':<{width}} {'bytes':>8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for row in results.values():
        print(
            f"{row['path']:<{width}} {row['bytes']:>8} {row['rps']:>9.1f} {row['p50_ms']:>8.2f} "
            f"{row['p99_ms']:>8.2f} {row['errors']:>7}"
        )
        for sample in row["error_samples"]:
            print(f"    error: {sample}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument(
        "--preload",
        action="store_true",
        help="load the app in gunicorn's master before forking workers (both sites)",
    )
    parser.add_argument("--concurrency", type=int, default=4, help="client connections (4)")
    parser.add_argument("--seconds", type=float, default=10, help="measuring time per URL (10)")
    parser.add_argument("--warmup", type=float, default=1, help="warm-up per URL, seconds (1)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="cap per URL")
    parser.add_argument("--database-url", help="a SCRATCH database: it is migrated and filled")
    parser.add_argument("--json", metavar="OUT", help="also write the figures to this file")
    parser.add_argument(
        "--baseline-bakerydemo",
        metavar="DIR",
        help="also measure this wagtail/bakerydemo checkout in the same run (see README)",
    )
    parser.add_argument(
        "--bakerydemo-venv", metavar="DIR", help="virtualenv for bakerydemo to create or reuse"
    )
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.preload:
        GUNICORN_EXTRA_ARGS.append("--preload")
    if args.probe:
        return probe(Path(args.probe))
    baseline = checkout = None
    if args.baseline_bakerydemo:
        sys.modules.setdefault("serve", sys.modules[__name__])  # one copy of this module
        import baseline_bakerydemo as baseline

        checkout = baseline.check_checkout(Path(args.baseline_bakerydemo))

    # SIGTERM and SIGINT unwind through the finally block below, which stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    tmp = Path(tempfile.mkdtemp(prefix="kennisbank-bench-"))
    servers = []
    try:
        if baseline:
            venv = Path(args.bakerydemo_venv) if args.bakerydemo_venv else None
            bakery = baseline.prepare(checkout, tmp / "baseline-bakerydemo", venv)
        env = scratch_env(tmp, args.database_url)
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--no-input")
        print("$ probe: pick the article, count SQL queries (django.test.Client)", flush=True)
        command = [sys.executable, __file__, "--probe", str(tmp)]
        found = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        if found.returncode:
            sys.exit(f"probe failed:\n{found.stderr[-3000:]}")
        queries = json.loads(found.stdout)
        # WhiteNoise (autorefresh off) indexes STATIC_ROOT when a worker starts, so a file placed
        # there before gunicorn starts is served at its plain name, outside the manifest.
        static_file = tmp / "static" / STATIC_NAME
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes((tmp / "article.html").read_bytes())

        log = tmp / "gunicorn.log"
        server, port = start_gunicorn(
            BIN / "gunicorn", "kennisbank.wsgi:application", ROOT, env, args.workers, log
        )
        servers.append(server)
        if baseline:
            bakery_server, bakery_port = baseline.start(bakery, args.workers)
            servers.append(bakery_server)

        article = queries["article"]["path"]
        urls = {"home": "/", "article": article, "static": "/static/" + STATIC_NAME}
        sizes = {}
        for name, path in urls.items():
            status, body = get(port, path)
            if status != 200:
                sys.exit(f"GET {path} returned {status}, not 200")
            sizes[name] = len(body)
        if sizes["static"] != sizes["article"]:
            print(f"! static file is {sizes['static']} bytes, article {sizes['article']} bytes")

        # With a baseline, each bakerydemo page is measured just before its Kennisbank
        # counterpart, so that slow drifts of the machine hit both alike.
        counterpart = {"home": "home", "article": "blog"}
        results, bakery_results = {}, {}
        for name, path in urls.items():
            if baseline and name in counterpart:
                other = counterpart[name]
                bakery_path = bakery.urls[other]
                bakery_results[other] = {"path": bakery_path, "bytes": bakery.sizes[other]}
                bakery_results[other] |= measure(bakery_port, bakery_path, args, "bakerydemo ")
            results[name] = {"path": path, "bytes": sizes[name]} | measure(port, path, args)
        memory = worker_memory(server.pid)
        shares = worker_shared_memory(memory)
        if baseline:
            bakery_memory = worker_memory(bakery_server.pid)
    finally:
        for running in servers:
            stop_gunicorn(running)
        shutil.rmtree(tmp, ignore_errors=True)

    static_rps = results["static"]["rps"]
    ratios = {f"{name}/static": results[name]["rps"] / static_rps for name in ("home", "article")}
    print()
    database = "DATABASE_URL" if args.database_url else "SQLite"
    print(
        f"gunicorn {args.workers} sync workers, {args.concurrency} connections, "
        f"{args.seconds:g} s per URL (+{args.warmup:g} s warm-up), database: {database}"
    )
    print_table(results)
    print("  ".join(f"{name} = {ratio:.3f}" for name, ratio in ratios.items()))
    for name in ("home", "article"):
        print(
            f"SQL queries per {name} request: {queries[name]['queries']} "
            f"(first render of it in the probe process: {queries[name]['queries_first']})"
        )
    print("worker peak RSS (VmHWM): " + ", ".join(f"{mb:.1f} MB" for mb in memory.values()))
    print(
        "worker PSS / private after the run: "
        + ", ".join(f"{m['pss_mb']:.1f} / {m['private_mb']:.1f} MB" for m in shares.values())
    )
    figures = {"settings": vars(args) | {"probe": None}, "results": results, "ratios": ratios}
    figures |= {"queries": queries, "worker_peak_rss_mb": memory, "worker_shares": shares}
    if baseline:
        print()
        print("Baseline, same machine, same run, same gunicorn and load settings:")
        baseline.report(bakery, bakery_results, bakery_memory)
        target = {
            "kennisbank home / bakerydemo home": results["home"]["rps"]
            / bakery_results["home"]["rps"],
            "kennisbank article / bakerydemo blog page": results["article"]["rps"]
            / bakery_results["blog"]["rps"],
        }
        print()
        for label, ratio in target.items():
            print(f"{label} = {ratio:.2f} (target >= 3)")
        figures["baseline_bakerydemo"] = baseline.figures(bakery, bakery_results, bakery_memory)
        figures["baseline_bakerydemo"]["ratios"] = target
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    rows = [*results.values(), *(bakery_results.values() if baseline else ())]
    if any(row["errors"] for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
