"""What every item of a run would otherwise look up again in the database: the import records
by source key, the slugs already used under the article index, and the pages by short title
and title (for the "Gerelateerd" entries). Loaded once per run, kept in step with what the run
writes, and forgotten with an item whose transaction is rolled back."""

from __future__ import annotations

from dataclasses import dataclass

from kennisbank.articles.models import ArticlePage
from kennisbank.core.links import relative_url_for_path

from .models import ImportRecord


@dataclass
class KnownRecord:
    page_id: int | None
    fingerprint: str
    live: bool
    url: str


class RunLookups:
    def __init__(self):
        self._records: dict[str, KnownRecord] | None = None
        self._slugs: dict[int, set[str]] = {}
        self._by_short: dict[str, int] | None = None
        self._by_title: dict[str, int] | None = None

    # Import records

    def _all_records(self) -> dict[str, KnownRecord]:
        if self._records is None:
            self._records = {
                key: KnownRecord(page_id, fingerprint, bool(live), _url(url_path))
                for key, page_id, fingerprint, live, url_path in ImportRecord.objects.values_list(
                    "source_key", "page_id", "fingerprint", "page__live", "page__url_path"
                )
            }
        return self._records

    def record(self, key: str) -> KnownRecord | None:
        return self._all_records().get(key)

    def known_fingerprints(self) -> dict[str, str]:
        """Source key → fingerprint of every import record with a page."""
        records = self._all_records()
        return {key: known.fingerprint for key, known in records.items() if known.page_id}

    def remember_record(self, key: str, page, fingerprint: str) -> None:
        if self._records is not None:
            self._records[key] = KnownRecord(page.pk, fingerprint, page.live, page.url or "")

    # Slugs under a parent

    def slug_taken(self, parent, slug: str) -> bool:
        if parent.pk not in self._slugs:
            self._slugs[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        return slug in self._slugs[parent.pk]

    def remember_slug(self, parent, slug: str) -> None:
        self._slugs.setdefault(parent.pk, set()).add(slug)

    # Pages by short title and title

    def page_named(self, short_title: str, title: str) -> int | None:
        if self._by_short is None:
            self._by_short, self._by_title = {}, {}
            rows = ArticlePage.objects.order_by("pk").values_list("pk", "short_title", "title")
            for pk, short, full in rows:
                self._remember_titles(pk, short, full)
        return self._by_short.get(short_title.casefold()) or self._by_title.get(title.casefold())

    def remember_page(self, page) -> None:
        if self._by_short is not None:
            self._remember_titles(page.pk, page.short_title, page.title)

    def _remember_titles(self, pk: int, short_title: str, title: str) -> None:
        self._by_short.setdefault(short_title.casefold(), pk)
        self._by_title.setdefault(title.casefold(), pk)


def _url(url_path: str | None) -> str:
    return (relative_url_for_path(url_path) or "") if url_path else ""
