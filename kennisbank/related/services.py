"""The "Related" block: computed when content changes (related.tasks), read on a page view.

Scoring, for a source page and each live, public content page of any type:

    score = TOPIC_WEIGHT * topic similarity   (shared topics / sqrt(|topics A| * |topics B|))
          + THEME_WEIGHT * theme similarity   (the same, on the topics' themes)
          + TEXT_WEIGHT  * text similarity    (TF-IDF cosine, related.text)
          + UPCOMING_BONUS for an offering that still has dates ahead

A candidate needs a shared topic or text clearly more similar than usual on the site
(`text_threshold`). Never the page itself, an excluded
page, a draft, a past event or an expired promotion. Editors' pins come first, in their order.

More candidates are stored than are shown (STORED_PER_KIND per kind) with the moment each
stops being eligible, so a past event or an ended promotion drops out at read time and the next
candidate takes its place without a recomputation."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from kennisbank.taxonomy.models import ContentPage, PageTopic

from .models import RelatedExclusion, RelatedItem, RelatedPin
from .text import TfIdf

TOPIC_WEIGHT = 0.55
THEME_WEIGHT = 0.10
TEXT_WEIGHT = 0.35
UPCOMING_BONUS = 0.05
# Without a shared topic, text must be clearly more similar than two random pages of the site
# are: pages on one field share much vocabulary, so a fixed low threshold mostly adds noise.
# The bar is the corpus's typical pairwise similarity plus TEXT_SIGMAS standard deviations,
# and never below MIN_TEXT_SIMILARITY.
MIN_TEXT_SIMILARITY = 0.2
TEXT_SIGMAS = 2.0
SIMILARITY_SAMPLE_PAIRS = 3000
MIN_SCORE = 0.05
PROMOTION_KIND = "promotion"


def _setting(name: str, default: int) -> int:
    return getattr(settings, name, default)


def shown_per_kind() -> int:
    return _setting("KENNISBANK_RELATED_PER_TYPE", 3)


def shown_total() -> int:
    return _setting("KENNISBANK_RELATED_TOTAL", 8)


def stored_per_kind() -> int:
    return shown_per_kind() * 2


def kind_of(page) -> str:
    return type(page)._meta.model_name


def page_text(page) -> str:
    """Title, short title, lead and the text of every StreamField: what the TF-IDF compares.
    A page type can override with `related_text()`."""
    custom = getattr(page, "related_text", None)
    if callable(custom):
        return custom()
    parts = [page.title, getattr(page, "short_title", ""), getattr(page, "lead", "")]
    from wagtail.fields import StreamField

    for model_field in type(page)._meta.get_fields():
        if isinstance(model_field, StreamField):
            value = getattr(page, model_field.name)
            parts.extend(value.stream_block.get_searchable_content(value))
    return " ".join(p for p in parts if p)


@dataclass
class Corpus:
    """Everything scoring needs, loaded once per recomputation batch."""

    pages: dict[int, ContentPage]
    topics: dict[int, set[int]]
    themes: dict[int, set[str]]
    text: TfIdf
    promotions: list = field(default_factory=list)
    promotion_topics: dict[int, set[int]] = field(default_factory=dict)
    now: object = None
    text_threshold: float = MIN_TEXT_SIMILARITY


def load_corpus(without: frozenset[int] = frozenset()) -> Corpus:
    """`without`: pages to treat as gone although the database still shows them live (a page
    being unpublished as part of its deletion)."""
    from kennisbank.promotions.models import Promotion

    now = timezone.now()
    pages = {
        page.pk: page
        for page in Page.objects.live().public().exclude(pk__in=without).specific()
        if isinstance(page, ContentPage)
    }
    topics: dict[int, set[int]] = defaultdict(set)
    themes: dict[int, set[str]] = defaultdict(set)
    for page_id, topic_id, topic_path in PageTopic.objects.filter(
        page_id__in=pages.keys(), topic__live=True
    ).values_list("page_id", "topic_id", "topic__path"):
        topics[page_id].add(topic_id)
        themes[page_id].add(topic_path[: -Page.steplen])
    promotions = list(
        Promotion.objects.filter(enabled=True)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .prefetch_related("topics")
    )
    text = TfIdf({pk: page_text(page) for pk, page in pages.items()})
    return Corpus(
        pages=pages,
        topics=topics,
        themes=themes,
        text=text,
        promotions=promotions,
        promotion_topics={p.pk: {t.pk for t in p.topics.all()} for p in promotions},
        now=now,
        text_threshold=text_threshold(text, sorted(pages)),
    )


def text_threshold(text: TfIdf, keys: list[int]) -> float:
    """MIN_TEXT_SIMILARITY, raised to the mean pairwise similarity plus TEXT_SIGMAS standard
    deviations when there are enough pages to estimate them (a fixed-seed sample of pairs on
    large sites, so the figure is stable between runs)."""
    import random
    import statistics

    n = len(keys)
    if n * (n - 1) // 2 < 30:
        return MIN_TEXT_SIMILARITY
    if n * (n - 1) // 2 <= SIMILARITY_SAMPLE_PAIRS:
        pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]]
    else:
        rng = random.Random(0)  # noqa: S311 - a sample, not a secret
        pairs = [tuple(rng.sample(keys, 2)) for _ in range(SIMILARITY_SAMPLE_PAIRS)]
    values = [text.similarity(a, b) for a, b in pairs]
    bar = statistics.fmean(values) + TEXT_SIGMAS * statistics.pstdev(values)
    return max(MIN_TEXT_SIMILARITY, bar)


def _set_similarity(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _valid_until(page):
    return getattr(page, "last_end", None)


def _is_past(page, now) -> bool:
    end = _valid_until(page)
    return end is not None and end < now


def score_pair(corpus: Corpus, source_id: int, target_id: int) -> float | None:
    """The score of `target` for `source`'s block, or None when it is not a candidate."""
    target = corpus.pages[target_id]
    if _is_past(target, corpus.now):
        return None
    topic_sim = _set_similarity(corpus.topics[source_id], corpus.topics[target_id])
    text_sim = corpus.text.similarity(source_id, target_id)
    if topic_sim == 0 and text_sim < corpus.text_threshold:
        return None
    theme_sim = _set_similarity(corpus.themes[source_id], corpus.themes[target_id])
    score = TOPIC_WEIGHT * topic_sim + THEME_WEIGHT * theme_sim + TEXT_WEIGHT * text_sim
    if getattr(target, "last_end", None) is not None:
        score += UPCOMING_BONUS
    return score if score >= MIN_SCORE else None


def rank(corpus: Corpus, source_id: int, exclude: set[int] = frozenset()) -> dict[str, list]:
    """Candidates per kind, best first: {kind: [(score, page), …]}."""
    by_kind: dict[str, list] = defaultdict(list)
    for target_id, target in corpus.pages.items():
        if target_id == source_id or target_id in exclude:
            continue
        score = score_pair(corpus, source_id, target_id)
        if score is not None:
            by_kind[kind_of(target)].append((score, target))
    for candidates in by_kind.values():
        candidates.sort(key=lambda pair: (-pair[0], -pair[1].pk))
    return by_kind


def rank_promotions(corpus: Corpus, source_id: int) -> list:
    page_topics = corpus.topics[source_id]
    scored = []
    for promotion in corpus.promotions:
        own = corpus.promotion_topics[promotion.pk]
        if own:
            similarity = _set_similarity(page_topics, own)
            if similarity == 0:
                continue
        else:
            similarity = 0.01  # run of site: shown where nothing more specific is booked
        scored.append((similarity, promotion))
    scored.sort(key=lambda pair: (-pair[0], -pair[1].pk))
    return scored


@transaction.atomic
def compute_for(page_id: int, corpus: Corpus | None = None) -> int:
    """Recompute and store the block of one page; returns the number of rows stored. A page
    that is not live, public content gets an empty block."""
    corpus = corpus or load_corpus()
    RelatedItem.objects.filter(source_id=page_id).delete()
    if page_id not in corpus.pages:
        return 0
    exclude = set(
        RelatedExclusion.objects.filter(page_id=page_id).values_list("target_id", flat=True)
    )
    rows = []
    pins = RelatedPin.objects.filter(page_id=page_id).order_by("sort_order", "pk")
    pinned_ids = []
    for target_id in pins.values_list("target_id", flat=True):
        target = corpus.pages.get(target_id)
        if target is None or target_id == page_id or target_id in exclude:
            continue  # drafts, deleted or non-content pages cannot be pinned into view
        pinned_ids.append(target_id)
        rows.append(
            RelatedItem(
                target_page_id=target_id,
                kind=kind_of(target),
                pinned=True,
                valid_until=_valid_until(target),
            )
        )
    limit = stored_per_kind()
    for kind, candidates in rank(corpus, page_id, exclude | set(pinned_ids)).items():
        for score, target in candidates[:limit]:
            rows.append(
                RelatedItem(
                    target_page_id=target.pk,
                    kind=kind,
                    score=score,
                    valid_until=_valid_until(target),
                )
            )
    for score, promotion in rank_promotions(corpus, page_id)[:limit]:
        rows.append(
            RelatedItem(
                target_promotion=promotion,
                kind=PROMOTION_KIND,
                score=score,
                valid_from=promotion.starts_at,
                valid_until=promotion.ends_at,
            )
        )
    # Editorial and provider content by score; a promotion always after it, so a paid
    # placement never heads the block.
    computed = sorted(
        (row for row in rows if not row.pinned),
        key=lambda row: (row.kind == PROMOTION_KIND, -row.score),
    )
    ordered = [row for row in rows if row.pinned] + computed
    for position, row in enumerate(ordered):
        row.source_id = page_id
        row.position = position
    RelatedItem.objects.bulk_create(ordered)
    return len(ordered)


def recompute_around(page_id: int, removed: bool = False) -> int:
    """Recompute `page_id`'s own block first, then every block that may change with it: pages
    sharing a topic, pages listing or pinning it, and the pages its own block now lists (text
    similarity is symmetric, so a page similar to it has it as a candidate too). `removed`: the
    page was unpublished (maybe on its way to deletion) and is no candidate, whatever the
    database says yet."""
    corpus = load_corpus(without=frozenset({page_id}) if removed else frozenset())
    count = compute_for(page_id, corpus)
    ids = affected_pages(page_id)
    ids.update(
        RelatedItem.objects.filter(source_id=page_id, target_page__isnull=False).values_list(
            "target_page_id", flat=True
        )
    )
    ids.discard(page_id)
    return count + sum(compute_for(pk, corpus) for pk in sorted(ids))


def affected_pages(page_id: int) -> set[int]:
    """Pages whose block may change when `page_id` changes: itself, pages sharing a topic with
    it, and pages that list or pin it now."""
    topic_ids = PageTopic.objects.filter(page_id=page_id).values("topic_id")
    ids = {page_id}
    ids.update(PageTopic.objects.filter(topic_id__in=topic_ids).values_list("page_id", flat=True))
    ids.update(
        RelatedItem.objects.filter(target_page_id=page_id).values_list("source_id", flat=True)
    )
    ids.update(RelatedPin.objects.filter(target_id=page_id).values_list("page_id", flat=True))
    return ids


def pages_for_promotion(promotion_id: int) -> set[int]:
    from kennisbank.promotions.models import Promotion

    ids = set(
        RelatedItem.objects.filter(target_promotion_id=promotion_id).values_list(
            "source_id", flat=True
        )
    )
    promotion = Promotion.objects.filter(pk=promotion_id).prefetch_related("topics").first()
    if promotion is None:
        return ids
    topic_ids = [topic.pk for topic in promotion.topics.all()]
    if topic_ids:
        filed = PageTopic.objects.filter(topic_id__in=topic_ids)
    else:
        filed = PageTopic.objects.all()
    ids.update(filed.values_list("page_id", flat=True).distinct())
    return ids


def compute_many(page_ids) -> int:
    corpus = load_corpus()
    return sum(compute_for(page_id, corpus) for page_id in sorted(set(page_ids)))
