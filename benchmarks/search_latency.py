"""Search latency and indexing speed on synthetic Dutch-like corpora.

    .venv/bin/python benchmarks/search_latency.py [--sizes 10000,100000] [--postgres URL]
        [--words 300] [--queries 300] [--clients 1,2]

For each size: a scratch database (SQLite, or a new database on the --postgres server),
a synthetic corpus built from our own vocabulary (the dev collection's words plus compounds
made from them, drawn with Zipf-like frequencies so some words are very common), indexed
with the engine's full rebuild. Then a query mix of 1-4 words (very common words included,
and a share of typos) runs through the full recipe - word and gram fields, fusion, RM3,
facets, the hits of the first page - once with one client and once with N concurrent clients
(separate processes, like web workers). Prints indexing time and rate, index size,
p50/p95/p99 latency and each serving process's peak memory (ru_maxrss).
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
from search_scratch import scratch_database, table_size  # noqa: E402

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


def _worker(queries, out):
    # A fresh process (spawn) like a web worker: its memory is its own, not the indexer's.
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.db import connections

    from kennisbank.search.engine import get_engine

    engine = get_engine()
    engine.search(queries[0], limit=10)  # warm the per-process caches
    times = []
    for q in queries:
        start = time.perf_counter()
        engine.search(q, limit=10)
        times.append(time.perf_counter() - start)
    out.put((times, peak_rss_kb()))
    connections.close_all()


def measure(queries: list[str], clients: int) -> tuple[list[float], list[int]]:
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    per_client = [queries[i::clients] for i in range(clients)]
    procs = [ctx.Process(target=_worker, args=(chunk, out)) for chunk in per_client]
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    times = [t for r in results for t in r[0]]
    return times, [r[1] for r in results]


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
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    client_counts = [int(c) for c in args.clients.split(",")]

    for size in sizes:
        with scratch_database(args.postgres, "latency"):
            from django.db import connection

            from kennisbank.search.engine import get_engine

            rng = random.Random(size)
            vocab = vocabulary(rng)
            print(f"\n== {size} articles of ~{args.words + 30} words, {connection.vendor}")
            start = time.perf_counter()
            count = get_engine().rebuild(synthetic_documents(size, args.words, vocab, seed=size))
            elapsed = time.perf_counter() - start
            build_rss = peak_rss_kb()
            print(
                f"indexing: {count} articles in {elapsed:.1f} s = {count / elapsed:.0f} articles/s"
                f" (peak RSS of the indexing process {build_rss / 1024:.0f} MB)"
            )
            size_bytes = table_size(SEARCH_TABLES)
            if size_bytes:
                print(f"index size: {size_bytes / 1e6:.0f} MB (search tables with indexes)")
            queries = query_mix(vocab, args.queries, seed=size + 1)
            baseline = None
            for clients in client_counts:
                times, rss = measure(queries, clients)
                ms = [t * 1000 for t in times]
                p50, p95, p99 = (percentile(ms, p) for p in (50, 95, 99))
                if baseline is None:
                    baseline = p95
                print(
                    f"{clients} client(s): {len(ms)} queries, p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
                    f"p99 {p99:.1f} ms, mean {statistics.fmean(ms):.1f} ms; p95 vs 1 client "
                    f"{p95 / baseline:.2f}x; peak RSS per serving process "
                    + ", ".join(f"{r / 1024:.0f} MB" for r in rss)
                )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
