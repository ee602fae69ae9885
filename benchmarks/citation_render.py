"""Render time per article: the citation and literature list of every demo article rendered
with pandoc's citeproc and the Dutch APA style, as the background task does after a publish.

Baseline, measured in the same run: a pandoc run that converts an empty document (the cost of
starting pandoc at all). Prints per-article times and the ratio to the baseline.

    .venv/bin/python benchmarks/citation_render.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbank.settings.test")

import django  # noqa: E402

django.setup()

import pypandoc  # noqa: E402

from kennisbank.demo.loader import CONTENT_DIR, read_front_matter  # noqa: E402
from kennisbank.literature.conversion import simple_convert  # noqa: E402
from kennisbank.literature.render import render_items, render_one  # noqa: E402
from kennisbank.literature.styles import style_path  # noqa: E402


def articles():
    for path in sorted((CONTENT_DIR / "articles").glob("*.md")):
        meta, _body = read_front_matter(path)
        items = [
            {**simple_convert(text)[0], "id": str(n)} for n, text in enumerate(meta["literature"])
        ]
        citation = {
            "id": "article",
            "type": "webpage",
            "title": meta["title"],
            "container-title": "Kennisbank",
            "author": [{"family": "Auteur", "given": "A."}],
            "issued": {"date-parts": [[2024, 5, 1]]},
        }
        yield path.stem, citation, items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    style_path()  # written once per process, as in a worker

    baseline = []
    for _ in range(args.repeat * 5):
        started = time.perf_counter()
        pypandoc.convert_text("", "html", format="markdown")
        baseline.append(time.perf_counter() - started)
    base = statistics.median(baseline)

    per_article = []
    for name, citation, items in articles():
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            render_one(citation)
            render_items(items)
            runs.append(time.perf_counter() - started)
        per_article.append((name, len(items), statistics.median(runs)))

    print(f"baseline: empty pandoc run, median of {len(baseline)}: {base * 1000:.0f} ms")
    print(f"{'article':45} refs  render (citation + literature)")
    for name, count, seconds in per_article:
        print(f"{name:45} {count:4}  {seconds * 1000:6.0f} ms  ({seconds / base:.1f}x baseline)")
    times = [s for _, _, s in per_article]
    print(
        f"per article over {len(times)} articles: median {statistics.median(times) * 1000:.0f} ms,"
        f" max {max(times) * 1000:.0f} ms, mean {statistics.mean(times) * 1000:.0f} ms;"
        f" median / baseline = {statistics.median(times) / base:.1f}x"
    )


if __name__ == "__main__":
    main()
