"""How good is the "Related" block on the demo content?

Run from the project root with the project's Python:  .venv/bin/python benchmarks/related_quality.py

It creates a scratch SQLite database in a temporary directory (your var/ and any DATABASE_URL
are left alone), runs `migrate` and `load_demo` (which computes every block through the
publish task), and then reports, for the related-content service and, as the baseline in the
same run, the old same-topic block (`taxonomy.listing.related_by_topic`, cut to the same size):

- topic share: of the page items shown, how many share at least one topic with the page;
- cross-type coverage: of the articles for which an eligible item of another type exists on a
  shared topic, how many show at least one item of another type (the issue's goal: all);
- violations: the page itself, drafts, past events or ended promotions in a block (goal: 0);
- precision and recall against benchmarks/related_judgements.yaml (hand-judged, strict:
  anything shown that is not listed as relevant counts against precision).

`--json FILE` also writes the figures as JSON.
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENTS = Path(__file__).resolve().parent / "related_judgements.yaml"


def setup(var_dir: Path) -> None:
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ["KENNISBANK_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kennisbank.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)


def measure() -> dict:
    import yaml
    from django.utils import timezone
    from wagtail.models import Page

    from kennisbank.articles.models import ArticlePage
    from kennisbank.related.reading import related_for
    from kennisbank.related.services import shown_total
    from kennisbank.taxonomy.listing import related_by_topic
    from kennisbank.taxonomy.models import ContentPage, PageTopic

    now = timezone.now()
    topics_of: dict[int, set[int]] = {}
    for page_id, topic_id in PageTopic.objects.values_list("page_id", "topic_id"):
        topics_of.setdefault(page_id, set()).add(topic_id)
    live = {
        page.pk: page
        for page in Page.objects.live().public().specific()
        if isinstance(page, ContentPage)
    }

    def eligible(page) -> bool:
        end = getattr(page, "last_end", None)
        return page.pk in live and (end is None or end >= now)

    judgements = yaml.safe_load(JUDGEMENTS.read_text(encoding="utf-8"))
    slugs = {page.slug: page.pk for page in live.values()}
    unknown = [
        s for source, items in judgements.items() for s in [source, *items] if s not in slugs
    ]
    if unknown:
        raise SystemExit(f"related_judgements.yaml names pages that do not exist: {unknown}")

    def blocks_service(page):
        entries = related_for(page)
        return [e.page for e in entries if e.page is not None], [
            e.promotion for e in entries if e.promotion is not None
        ]

    def blocks_baseline(page):
        return related_by_topic(page, shown_total()), []

    results = {}
    articles = list(ArticlePage.objects.live().public())
    for name, block_of in (("service", blocks_service), ("baseline", blocks_baseline)):
        shown_items = sharing = 0
        coverage_possible = coverage_met = 0
        violations = []
        precisions, recalls = [], []
        type_counts: dict[str, int] = {}
        for page in articles:
            items, promotions = block_of(page)
            own = topics_of.get(page.pk, set())
            for item in items:
                shown_items += 1
                sharing += bool(own & topics_of.get(item.pk, set()))
                type_counts[type(item).__name__] = type_counts.get(type(item).__name__, 0) + 1
                if item.pk == page.pk or not item.live or not eligible(item):
                    violations.append(f"{page.slug} → {item.slug}")
            for promotion in promotions:
                if not promotion.is_active(now):
                    violations.append(f"{page.slug} → promotion {promotion.pk}")
            other_types = [
                p
                for p in live.values()
                if type(p) is not type(page) and own & topics_of.get(p.pk, set()) and eligible(p)
            ]
            if other_types:
                coverage_possible += 1
                coverage_met += any(type(item) is not type(page) for item in items)
            if page.slug in judgements:
                relevant = {slugs[s] for s in judgements[page.slug]}
                relevant_eligible = {pk for pk in relevant if eligible(live[pk])}
                ids = [item.pk for item in items]
                hits = len(relevant & set(ids))
                precisions.append(hits / len(ids) if ids else 0.0)
                recalls.append(hits / len(relevant_eligible) if relevant_eligible else 1.0)
        results[name] = {
            "articles": len(articles),
            "items_shown": shown_items,
            "items_per_article": round(shown_items / len(articles), 2),
            "topic_share": round(sharing / shown_items, 3) if shown_items else None,
            "cross_type_coverage": f"{coverage_met}/{coverage_possible}",
            "cross_type_coverage_rate": (
                round(coverage_met / coverage_possible, 3) if coverage_possible else None
            ),
            "violations": violations,
            "judged_pages": len(precisions),
            "precision": round(sum(precisions) / len(precisions), 3),
            "recall": round(sum(recalls) / len(recalls), 3),
            "types_shown": type_counts,
        }
    service, baseline = results["service"], results["baseline"]
    results["ratios"] = {
        "precision_service_over_baseline": (
            round(service["precision"] / baseline["precision"], 2)
            if baseline["precision"]
            else None
        ),
        "recall_service_over_baseline": (
            round(service["recall"] / baseline["recall"], 2) if baseline["recall"] else None
        ),
    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-related-") as var_dir:
        setup(Path(var_dir))
        results = measure()
    for name in ("service", "baseline"):
        r = results[name]
        shown = f"{r['items_shown']} ({r['items_per_article']} per article)"
        coverage = f"{r['cross_type_coverage']} ({r['cross_type_coverage_rate']})"
        judged = f"{r['precision']} / {r['recall']} on {r['judged_pages']} judged pages"
        print(f"{name}:")
        print(f"  articles                   {r['articles']}, items shown {shown}")
        print(f"  topic share                {r['topic_share']}")
        print(f"  cross-type coverage        {coverage}")
        print(f"  violations                 {len(r['violations'])} {r['violations'][:5]}")
        print(f"  precision / recall         {judged}")
        print(f"  types shown                {r['types_shown']}")
    print(f"ratios: {results['ratios']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
