"""Search quality on a collection in BEIR layout: Kennisbank's search against Wagtail's stock
database search, on the same scratch database and the same pages.

    .venv/bin/python benchmarks/search_quality.py DIR [--postgres URL] [--run FILE]

DIR holds corpus.jsonl (_id, title, text; ids may be any strings, titles may be empty),
queries.jsonl (_id, text, optional kind) and qrels/test.tsv or qrels.tsv (query-id, corpus-id,
score, tab-separated, a header line allowed; TREC's "qid 0 docid grade" works too). Every
passage becomes a published article page; Kennisbank indexes them with `search_rebuild`'s
pipeline, Wagtail with its own signal handlers. Prints nDCG@10, recall@100 and MRR@10 overall
and per query kind for both, with the ratio. --run writes Kennisbank's ranking as a TREC run
(top 100 per query); qrels are then optional.
"""

import argparse
import html
import json
import math
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_scratch import parse_overrides, scratch_database  # noqa: E402

DEPTH = 100


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_qrels(directory: Path) -> dict[str, dict[str, int]] | None:
    for candidate in (directory / "qrels" / "test.tsv", directory / "qrels.tsv"):
        if candidate.exists():
            qrels: dict[str, dict[str, int]] = defaultdict(dict)
            for line in candidate.read_text(encoding="utf-8-sig").splitlines():
                fields = [f.strip() for f in line.split("\t")] if "\t" in line else line.split()
                if len(fields) == 4:  # TREC qrels: query-id, iteration, corpus-id, grade
                    fields = [fields[0], fields[2], fields[3]]
                if len(fields) < 3 or not fields[2].lstrip("-").isdigit():
                    continue  # header or blank line
                qrels[fields[0]][fields[1]] = int(fields[2])
            return dict(qrels)
    return None


def ndcg_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    idcg = ideal_dcg(judged.values(), k)
    return dcg / idcg if idcg else 0.0


def ideal_dcg(grades, k: int = 10) -> float:
    ideal = sorted((g for g in grades if g > 0), reverse=True)[:k]
    return sum(g / math.log2(i + 2) for i, g in enumerate(ideal))


def recall_at(ranked: list[str], judged: dict[str, int], k: int = DEPTH) -> float:
    relevant = {d for d, g in judged.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def mrr_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    for i, d in enumerate(ranked[:k]):
        if judged.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def evaluate(runs: dict[str, list[str]], qrels, kinds: dict[str, str]) -> dict[str, dict]:
    by_kind: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for qid, judged in qrels.items():
        if qid not in kinds or not any(g > 0 for g in judged.values()):
            continue
        ranked = runs.get(qid, [])
        scores = (ndcg_at(ranked, judged), recall_at(ranked, judged), mrr_at(ranked, judged))
        by_kind["all"].append(scores)
        by_kind[kinds[qid] or "-"].append(scores)
    return {
        kind: {
            "n": len(rows),
            "ndcg@10": statistics.fmean(r[0] for r in rows),
            "recall@100": statistics.fmean(r[1] for r in rows),
            "mrr@10": statistics.fmean(r[2] for r in rows),
        }
        for kind, rows in by_kind.items()
    }


def query_text(query: dict) -> str:
    return str(query.get("text") or query.get("query") or "")


def write_run(path: Path, runs: dict[str, list[tuple[str, float]]]) -> None:
    """TREC run format, top DEPTH per query. Scores are made strictly decreasing so that
    evaluation tools, which sort by score, keep our order even where scores tie."""
    with path.open("w", encoding="utf-8") as out:
        for qid, ranked in runs.items():
            previous = None
            for rank, (doc_id, score) in enumerate(ranked[:DEPTH], start=1):
                if previous is not None and score > previous - 1e-6:
                    score = previous - 1e-6
                previous = score
                out.write(f"{qid} Q0 {doc_id} {rank} {score:.8f} kennisbank\n")


def _first_words(text: str, limit: int) -> str:
    out = ""
    for word in text.split():
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out} {word}" if out else word
    return out or text[:limit]


def print_misses(runs, qrels, queries) -> None:
    """The failure analysis: for every query below 0.97, each relevant passage that is not in
    the top 10, with its rank (or "-" when it is not in the top 100)."""
    for query in queries:
        qid = str(query["_id"])
        judged = qrels.get(qid, {})
        ranked = [d for d, _ in runs.get(qid, [])]
        score = ndcg_at(ranked, judged)
        if not any(g > 0 for g in judged.values()) or score > 0.97:
            continue
        missed = [
            f"{d}(g{g}:{ranked.index(d) + 1 if d in ranked else '-'})"
            for d, g in sorted(judged.items())
            if g > 0 and d not in ranked[:10]
        ]
        kind = query.get("kind") or "-"
        missing = " ".join(missed) or "all in the top 10, ranked lower"
        print(f"{qid} [{kind}] {query_text(query)!r} {score:.3f}: {missing}")
    print()


def print_word_ceiling(corpus, queries, qrels, kinds) -> None:
    """How far word matching can go on this collection: the nDCG@10 of a perfect ranker that
    may only rank passages sharing at least one word term with the analysed query (its stems,
    compound parts and synonyms, after typo repair). The stricter line counts only terms found
    in at most 5 % of the passages, words that pick a passage out rather than, say, "kind".
    Passages that share no term are reachable only through the gram field (derivations such
    as trauma/getraumatiseerde) or feedback: the rest needs knowledge of meaning."""
    from kennisbank.search.analyzer import get_analyzer
    from kennisbank.search.editor_data import editor_data
    from kennisbank.search.engine import get_engine

    # The analyzer the engine uses: the editors' protected words are never split.
    analyzer, engine = get_analyzer(editor_data().protected), get_engine()
    passage_terms = {
        str(doc["_id"]): set(
            analyzer.analyze(f"{doc.get('title') or ''} {doc.get('text') or ''}")[0]
        )
        for doc in corpus
    }
    document_frequency: dict[str, int] = defaultdict(int)
    for terms in passage_terms.values():
        for term in terms:
            document_frequency[term] += 1
    # Terms at weight 0 (a setting can do that) are never scored by the engine.
    query_terms = {
        str(q["_id"]): {
            t for t, w in engine.analyze_query(query_text(q), repair=True).words.items() if w > 0
        }
        for q in queries
    }
    for share in (1.0, 0.05):
        cap = share * len(corpus)
        by_kind: dict[str, list[float]] = defaultdict(list)
        unreachable = relevant = 0
        for qid, judged in qrels.items():
            if qid not in kinds or not ideal_dcg(judged.values()):
                continue
            selective = {t for t in query_terms[qid] if document_frequency.get(t, 0) <= cap}
            reachable = [
                g for d, g in judged.items() if g > 0 and passage_terms.get(d, set()) & selective
            ]
            relevant += sum(1 for g in judged.values() if g > 0)
            unreachable += sum(1 for g in judged.values() if g > 0) - len(reachable)
            ceiling = ideal_dcg(reachable) / ideal_dcg(judged.values())
            by_kind["all"].append(ceiling)
            by_kind[kinds[qid] or "-"].append(ceiling)
        print(
            f"Word ceiling, terms in at most {share:.0%} of the passages: "
            f"{unreachable} of {relevant} relevant passages share no term with their query"
        )
        for kind in ["all"] + sorted(k for k in by_kind if k != "all"):
            print(f"  {kind:<12}{len(by_kind[kind]):>4}  {statistics.fmean(by_kind[kind]):>8.3f}")
    print()


def load_pages(corpus: list[dict]) -> dict[int, str]:
    """One published article per passage (no revisions: fast, and no publish signals)."""
    from django.utils.text import slugify

    from kennisbank.articles.models import ArticleIndexPage, ArticlePage
    from kennisbank.home.models import HomePage

    home = HomePage.objects.get()
    index = ArticleIndexPage(title="Artikelen", slug="artikel")
    home.add_child(instance=index)
    ids = {}
    for n, doc in enumerate(corpus):
        text = " ".join(str(doc.get("text") or "").split())
        # A page needs a title: an untitled passage gets its first words, cut at a word
        # boundary (a word cut in half would be indexed as a word of its own).
        title = " ".join(str(doc.get("title") or "").split()) or _first_words(text, 60)
        title = title or f"Passage {n}"
        page = ArticlePage(
            title=title[:255],
            slug=f"{slugify(title)[:40] or 'passage'}-{n}",
            # Both fields are required; the short title repeats the title (in both engines'
            # indexes alike) and the lead stays blank so the passage is counted once.
            short_title=title[:80],
            lead=" ",
            # Escaped: a passage's "<" or "&" is text, not markup.
            body=[{"type": "paragraph", "value": f"<p>{html.escape(text)}</p>"}],
            live=True,
        )
        index.add_child(instance=page)
        ids[page.pk] = str(doc["_id"])
    return ids


def run_kennisbank(queries, ids) -> tuple[dict[str, list[tuple[str, float]]], list[float]]:
    from kennisbank.search.engine import get_engine
    from kennisbank.search.indexing import page_key

    engine = get_engine()
    key_to_id = {page_key(pk): doc_id for pk, doc_id in ids.items()}
    runs, times = {}, []
    for query in queries:
        start = time.perf_counter()
        ranked = engine.ranked_keys(query_text(query), limit=DEPTH)
        times.append(time.perf_counter() - start)
        runs[str(query["_id"])] = [(key_to_id[k], s) for k, s in ranked if k in key_to_id]
    return runs, times


def run_wagtail(queries, ids) -> tuple[dict[str, list[str]], int]:
    from kennisbank.articles.models import ArticlePage

    runs, empty = {}, 0
    for query in queries:
        try:
            results = list(ArticlePage.objects.live().search(query_text(query))[:DEPTH])
        except Exception:  # the stock parser rejects some input; count it as finding nothing
            results = []
        if not results:
            empty += 1
        runs[str(query["_id"])] = [ids[p.pk] for p in results if p.pk in ids]
    return runs, empty


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument(
        "--postgres", metavar="URL", help="PostgreSQL server to create a scratch DB on"
    )
    parser.add_argument(
        "--run", type=Path, metavar="FILE", help="write a TREC run of Kennisbank's ranking"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip Wagtail's stock search")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="per query below nDCG@10 0.97: the relevant passages missing from the top 10",
    )
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="the best nDCG@10 any ranker could reach with the words a query shares with passages",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a search setting (JSON value), e.g. --set RM3=false --set K1=1.2",
    )
    args = parser.parse_args()

    corpus = read_jsonl(args.directory / "corpus.jsonl")
    queries = read_jsonl(args.directory / "queries.jsonl")
    qrels = read_qrels(args.directory)
    if qrels is None and args.run is None:
        parser.error("no qrels/test.tsv or qrels.tsv: pass --run FILE to only write a run")
    kinds = {str(q["_id"]): str(q.get("kind") or "") for q in queries}

    with scratch_database(args.postgres, "quality") as url:
        from django.db import connection

        engine_name = connection.vendor
        if args.set:
            from django.conf import settings

            overrides = {**settings.KENNISBANK_SEARCH, **parse_overrides(args.set)}
            settings.KENNISBANK_SEARCH = overrides
            print(f"Settings: {overrides}")
        print(f"Collection: {args.directory} ({len(corpus)} passages, {len(queries)} queries)")
        print(f"Database: {engine_name} (scratch, {url.split('@')[-1]})")
        start = time.perf_counter()
        ids = load_pages(corpus)
        print(f"Pages created in {time.perf_counter() - start:.1f} s")

        from kennisbank.search.engine import get_engine
        from kennisbank.search.indexing import all_documents

        start = time.perf_counter()
        count = get_engine().rebuild(all_documents())
        elapsed = time.perf_counter() - start
        print(f"Kennisbank index: {count} pages in {elapsed:.1f} s ({count / elapsed:.0f}/s)")

        ours, times = run_kennisbank(queries, ids)
        print(
            f"Kennisbank query time: median {statistics.median(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.0f} ms (first query loads the lexicon)"
        )
        if args.run:
            write_run(args.run, ours)
            print(f"TREC run written to {args.run}")
        if qrels is None:
            return 0

        ours_eval = evaluate({q: [d for d, _ in r] for q, r in ours.items()}, qrels, kinds)
        if args.misses:
            print_misses(ours, qrels, queries)
        if args.ceiling:
            print_word_ceiling(corpus, queries, qrels, kinds)
        base_eval = None
        if not args.no_baseline:
            base_runs, empty = run_wagtail(queries, ids)
            base_eval = evaluate(base_runs, qrels, kinds)
            print(f"Wagtail stock search found nothing for {empty} of {len(queries)} queries")

    print()
    header = f"{'kind':<12}{'n':>4}  {'nDCG@10':>8}{'R@100':>8}{'MRR@10':>8}"
    if base_eval:
        header += f"  | stock {'nDCG@10':>8}{'R@100':>8}{'MRR@10':>8}  {'ratio':>6}"
    print(header)
    order = ["all"] + sorted(k for k in ours_eval if k != "all")
    for kind in order:
        m = ours_eval[kind]
        line = (
            f"{kind:<12}{m['n']:>4}  {m['ndcg@10']:>8.3f}{m['recall@100']:>8.3f}{m['mrr@10']:>8.3f}"
        )
        if base_eval:
            b = base_eval.get(kind, {"ndcg@10": 0, "recall@100": 0, "mrr@10": 0})
            ratio = m["ndcg@10"] / b["ndcg@10"] if b["ndcg@10"] else float("inf")
            line += (
                f"  |       {b['ndcg@10']:>8.3f}{b['recall@100']:>8.3f}{b['mrr@10']:>8.3f}"
                f"  {ratio:>6.2f}"
            )
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
