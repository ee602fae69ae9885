"""Reading a page's stored "Related" block (written by related.services via related.tasks)."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from kennisbank.taxonomy.listing import as_cards

from .models import RelatedItem
from .services import PROMOTION_KIND, shown_per_kind, shown_total


@dataclass
class RelatedEntry:
    """One card of the block: a content page or a promotion."""

    page: object = None
    promotion: object = None
    pinned: bool = False


def related_for(page, now=None) -> list[RelatedEntry]:
    """The block as stored for `page`: one query for the rows, one per content type among them
    for the specific pages, plus what each type's cards need (taxonomy.listing.as_cards)."""
    now = now or timezone.now()
    rows = list(
        RelatedItem.objects.filter(source_id=page.pk)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=now))
        .filter(Q(target_page__isnull=True) | Q(target_page__live=True))
        .filter(Q(target_promotion__isnull=True) | Q(target_promotion__enabled=True))
        .order_by("position")
        .values_list(
            "pk",
            "kind",
            "pinned",
            "target_page_id",
            "target_page__content_type_id",
            "target_promotion_id",
        )
    )
    chosen = _apply_limits(rows)
    by_type: dict[int, list[int]] = defaultdict(list)
    for row in chosen:
        if row[3] is not None:
            by_type[row[4]].append(row[3])
    specific = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            specific.update(model.objects.in_bulk(ids))
    as_cards(list(specific.values()))
    promotions = _promotions([row[5] for row in chosen if row[5] is not None])
    entries = []
    for row in chosen:
        if row[3] is not None and row[3] in specific:
            entries.append(RelatedEntry(page=specific[row[3]], pinned=row[2]))
        elif row[5] is not None and row[5] in promotions:
            entries.append(RelatedEntry(promotion=promotions[row[5]]))
    return entries


def _apply_limits(rows) -> list:
    """Pins always; then the best per kind up to the per-kind limit (one promotion), and the
    block up to its total. Every kind keeps at least its best item when the total is tight, so
    readers see other kinds of content next to more of the same."""
    per_kind, total = shown_per_kind(), shown_total()
    pinned = [row for row in rows if row[2]]
    taken: dict[str, int] = defaultdict(int)
    computed = []
    for row in rows:
        if row[2]:
            continue
        kind = row[1]
        limit = 1 if kind == PROMOTION_KIND else per_kind
        if taken[kind] < limit:
            taken[kind] += 1
            computed.append(row)
    room = max(total - len(pinned), 0)
    if len(computed) > room:
        firsts, seen = [], set()
        for row in computed:
            if row[1] not in seen:
                seen.add(row[1])
                firsts.append(row)
        rest = [row for row in computed if row not in firsts]
        keep = set(map(id, firsts[:room] + rest[: max(room - len(firsts), 0)]))
        computed = [row for row in computed if id(row) in keep]
    return pinned + computed


def _promotions(ids: list[int]) -> dict:
    if not ids:
        return {}
    from kennisbank.promotions.models import Promotion

    return Promotion.objects.select_related("image").in_bulk(ids)
