"""The engine interface. The database engine implements it today; an OpenSearch engine for
sites that outgrow one database would implement the same methods."""

import datetime
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..analyzer import AnalyzedQuery

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"


@dataclass
class IndexDocument:
    key: str
    title: str
    # Analyzed text per weighted field: title, summary, meta, body
    fields: dict[str, str]
    url: str = ""
    summary: str = ""  # shown under the title
    body: str = ""  # plain text for snippets
    content_type: str = ""
    date: datetime.date | None = None
    themes: list[int] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    page_id: int | None = None


@dataclass
class SearchHit:
    key: str
    title: str
    url: str
    summary: str
    body: str
    content_type: str
    date: datetime.date | None
    score: float
    page_id: int | None = None


@dataclass
class SearchResults:
    query: AnalyzedQuery
    hits: list[SearchHit]
    total: int
    # facet name -> [(value, count)], values as stored (content type label, theme id, …)
    facets: dict[str, list[tuple[str, int]]]


@dataclass
class Filters:
    content_type: str = ""
    theme: int | None = None
    sector: str = ""
    year: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.content_type or self.theme or self.sector or self.year)


class SearchEngine(ABC):
    @abstractmethod
    def index(self, docs: Iterable[IndexDocument]) -> None:
        """Add or replace documents; visible to the next query."""

    @abstractmethod
    def remove(self, keys: Iterable[str]) -> None: ...

    @abstractmethod
    def rebuild(self, docs: Iterable[IndexDocument]) -> int:
        """Replace the whole index; returns the number of documents."""

    @abstractmethod
    def search(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        sort: str = SORT_RELEVANCE,
        offset: int = 0,
        limit: int = 10,
        repair: bool = True,
        facets: bool = True,
    ) -> SearchResults: ...

    def merge(self) -> None:  # noqa: B027 - optional maintenance step
        """Fold recent changes into the main index (engines that need it)."""
