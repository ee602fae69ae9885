"""Search latency and indexing speed on synthetic Dutch-like corpora.

    .venv/bin/python benchmarks/search_latency.py [--sizes 10000,100000] [--postgres URL]
        [--words 300] [--queries 300] [--clients 1,2] [--keep] [--reuse URL] [--profile]

For each size: a scratch database (SQLite, or a new database on the --postgres server),
a synthetic corpus built from our own vocabulary (the dev collection's words plus compounds
made from them, drawn with Zipf-like frequencies so some words are very common), indexed
with the engine's full rebuild. Then a query mix of 1-4 words (very common words included,
and a share of typos) runs through the full recipe - word and gram fields, fusion, RM3,
facets, the hits of the first page - once with one client and once with N concurrent clients
(separate processes, like web workers). Prints indexing time and rate, index size,
p50/p95/p99 latency and each serving process's memory: RSS, PSS and USS right after Django
and Wagtail are set up (before any search code is imported: the baseline), and after the
queries (peak RSS, current RSS/PSS/USS), with search's own increment over the baseline.

--keep leaves the scratch database in place and prints its URL; --reuse URL measures an
index kept that way without indexing again (one size); --profile adds an in-process run
under cProfile and a per-phase timing.
"""

import argparse
import datetime
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_scratch import parse_overrides, scratch_database, table_size  # noqa: E402

HERE = Path(__file__).resolve().parent
SEARCH_TABLES = [
    "kbsearch_searchterm",
    "kbsearch_searchdelta",
    "kbsearch_searchdocument",
    "kbsearch_searchword",
]


def vocabulary(rng: random.Random) -> list[str]:
    from kennisbank.search.analyzer.text import tokenize

    text = (HERE / "dev_collection" / "passages.txt").read_text(encoding="utf-8")
    words = sorted({t for t in tokenize(text) if t.isalpha() and len(t) > 1})
    long_words = [w for w in words if len(w) >= 4]
    compounds = {
        rng.choice(long_words) + rng.choice(["", "s", "en"]) + rng.choice(long_words)
        for _ in range(len(words))
    }
    vocab = words + sorted(compounds)
    rng.shuffle(vocab)
    return vocab


def zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) ** 1.05 for rank in range(n)]


def synthetic_documents(size: int, n_words: int, vocab: list[str], seed: int):
    from kennisbank.search.engine import IndexDocument

    rng = random.Random(seed)
    weights = zipf_weights(len(vocab))
    cumulative = list(__import__("itertools").accumulate(weights))
    themes = list(range(1, 13))
    sectors = ["po", "vo", "mbo", "ho", "so"]
    types = ["articles.articlepage", "research.questionpage", "offers.offerpage"]
    for n in range(size):

        def words(k):
            return " ".join(rng.choices(vocab, cum_weights=cumulative, k=k))

        title = words(6)
        lead = words(20)
        body = words(n_words)
        yield IndexDocument(
            key=f"doc:{n}",
            title=title,
            fields={"title": title, "summary": lead, "meta": words(4), "body": body},
            url=f"/artikel/{n}/",
            summary=lead,
            body=body,
            content_type=rng.choice(types),
            date=datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3650)),
            themes=rng.sample(themes, rng.randint(1, 2)),
            sectors=rng.sample(sectors, rng.randint(1, 2)),
        )


def query_mix(vocab: list[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    common = vocab[:50]
    queries = []
    for i in range(n):
        k = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        pool = common if i % 5 == 0 else vocab[: len(vocab) // 2]
        words = [rng.choice(pool) for _ in range(k)]
        if i % 10 == 3:  # a typo: drop one letter of a long word
            long = max(words, key=len)
            if len(long) > 6:
                cut = rng.randrange(1, len(long) - 1)
                words[words.index(long)] = long[:cut] + long[cut + 1 :]
        queries.append(" ".join(words))
    return queries


def peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM). Unlike ru_maxrss it is not inherited
    from the parent across fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_kb() -> dict[str, int]:
    """Current RSS, PSS and USS (private clean + dirty) of this process, and peak RSS, in kB.
    PSS shares the pages of shared libraries fairly between the processes that map them."""
    out = {"peak_rss": peak_rss_kb()}
    try:
        fields = {}
        for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
            name, _, rest = line.partition(":")
            fields[name] = int(rest.split()[0])
        out["rss"] = fields["Rss"]
        out["pss"] = fields["Pss"]
        out["uss"] = fields["Private_Clean"] + fields["Private_Dirty"]
    except (OSError, KeyError, ValueError):
        pass
    return out


def _apply_overrides(overrides: dict) -> None:
    from django.conf import settings

    if overrides:
        settings.KENNISBANK_SEARCH = {**settings.KENNISBANK_SEARCH, **overrides}


def _worker(queries, out, overrides):
    # A fresh process (spawn) like a web worker: its memory is its own, not the indexer's.
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    _apply_overrides(overrides)
    import wagtail.models  # noqa: F401 - the site's baseline, before any search code
    from django.db import connections

    before = memory_kb()
    from kennisbank.search.engine import get_engine

    engine = get_engine()
    engine.search(queries[0], limit=10)  # warm the per-process caches
    times = []
    for q in queries:
        start = time.perf_counter()
        engine.search(q, limit=10)
        times.append(time.perf_counter() - start)
    after = memory_kb()
    from kennisbank.search.engine import reader

    after["cache_hits"], after["cache_misses"] = reader.cache.hits, reader.cache.misses
    out.put((times, before, after))
    connections.close_all()


def measure(
    queries: list[str], clients: int, overrides: dict | None = None
) -> tuple[list[float], list[tuple]]:
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    per_client = [queries[i::clients] for i in range(clients)]
    procs = [
        ctx.Process(target=_worker, args=(chunk, out, overrides or {})) for chunk in per_client
    ]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    times = [t for r in results for t in r[0]]
    return times, [(r[1], r[2]) for r in results]


def memory_line(before: dict, after: dict) -> str:
    def mb(kb):
        return f"{kb / 1024:.0f}"

    parts = [
        f"baseline RSS {mb(before.get('rss', 0))}/PSS {mb(before.get('pss', 0))}"
        f"/USS {mb(before.get('uss', 0))} MB"
    ]
    parts.append(
        f"after: peak RSS {mb(after['peak_rss'])} (+{mb(after['peak_rss'] - before.get('rss', 0))})"
    )
    for key in ("rss", "pss", "uss"):
        if key in after and key in before:
            parts.append(f"{key.upper()} {mb(after[key])} (+{mb(after[key] - before[key])})")
    if after.get("cache_hits") is not None:
        looked_up = after["cache_hits"] + after["cache_misses"]
        parts.append(f"posting cache hits {after['cache_hits'] / max(looked_up, 1):.0%}")
    return ", ".join(parts)


def profile(queries: list[str]) -> None:
    """In this process: per-phase times (analysis, ranking, facets and hits) and cProfile."""
    import cProfile
    import pstats

    import numpy as np

    from kennisbank.search.engine import get_engine
    from kennisbank.search.engine.state import doc_arrays

    engine = get_engine()
    engine.search(queries[0], limit=10)
    phases = {"analyze": [], "rank": [], "total": []}
    for q in queries:
        t0 = time.perf_counter()
        versions = engine.versions()
        query = engine.analyze_query(q, versions=versions)
        t1 = time.perf_counter()
        arrays = doc_arrays(versions[0])
        if not query.is_empty:
            engine.rank(query, arrays)
        t2 = time.perf_counter()
        engine.search(q, limit=10)
        t3 = time.perf_counter()
        phases["analyze"].append((t1 - t0) * 1000)
        phases["rank"].append((t2 - t1) * 1000)
        phases["total"].append((t3 - t2) * 1000)
    for name, values in phases.items():
        print(
            f"  {name}: p50 {np.percentile(values, 50):.1f} ms, "
            f"p95 {np.percentile(values, 95):.1f} ms"
        )
    prof = cProfile.Profile()
    prof.enable()
    for q in queries:
        engine.search(q, limit=10)
    prof.disable()
    pstats.Stats(prof).sort_stats("cumulative").print_stats(35)
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes")
    parser.add_argument("--postgres", metavar="URL")
    parser.add_argument("--words", type=int, default=300, help="body words per article")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--clients", default="1,2")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", metavar="URL", help="measure a kept database, no indexing")
    parser.add_argument("--profile", action="store_true", help="also profile in-process")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a search setting (JSON value) in the serving processes",
    )
    args = parser.parse_args()
    overrides = parse_overrides(args.set)
    sizes = [int(s) for s in args.sizes.split(",")]
    client_counts = [int(c) for c in args.clients.split(",")]

    for size in sizes:
        with scratch_database(args.postgres, "speed_latency", keep=args.keep, reuse=args.reuse):
            from django.db import connection

            from kennisbank.search.engine import get_engine

            rng = random.Random(size)
            vocab = vocabulary(rng)
            print(f"\n== {size} articles of ~{args.words + 30} words, {connection.vendor}")
            if not args.reuse:
                start = time.perf_counter()
                count = get_engine().rebuild(
                    synthetic_documents(size, args.words, vocab, seed=size)
                )
                elapsed = time.perf_counter() - start
                build_rss = peak_rss_kb()
                print(
                    f"indexing: {count} articles in {elapsed:.1f} s = "
                    f"{count / elapsed:.0f} articles/s"
                    f" (peak RSS of the indexing process {build_rss / 1024:.0f} MB)"
                )
            if args.keep:
                print(f"kept: {os.environ['DATABASE_URL']}")
            size_bytes = table_size(SEARCH_TABLES)
            if size_bytes:
                print(f"index size: {size_bytes / 1e6:.0f} MB (search tables with indexes)")
            queries = query_mix(vocab, args.queries, seed=size + 1)
            if overrides:
                print(f"settings: {overrides}")
            if args.profile:
                _apply_overrides(overrides)
                profile(queries)
            baseline = None
            for clients in client_counts:
                times, rss = measure(queries, clients, overrides)
                ms = [t * 1000 for t in times]
                p50, p95, p99 = (percentile(ms, p) for p in (50, 95, 99))
                if baseline is None:
                    baseline = p95
                print(
                    f"{clients} client(s): {len(ms)} queries, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                    f"p99 {p99:.1f} ms, mean {statistics.fmean(ms):.1f} ms; p95 vs 1 client "
                    f"{p95 / baseline:.2f}x"
                )
                for before, after in rss:
                    print("  memory: " + memory_line(before, after))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
