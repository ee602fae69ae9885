"""Reading and parsing sources in worker processes while the main process writes.

Decoding, repairing and parsing a page, and running the reference parser over its literature
list, take about a quarter of an import's time and touch no database. With `workers` above
zero they run in that many forked worker processes, a bounded window of sources ahead of the
writer, and the results come back in the sources' order. Writing stays in the main process,
one transaction per item: SQLite has one writer anyway, and the run's lookups live there.

A worker parses the literature of a page only when the page would be written: not when its
import record already holds the same fingerprint (an unchanged re-import), which the workers
learn from the records loaded before the pool starts. The main process parses whatever the
workers did not (a page that must be republished although unchanged)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from .parsed import ItemError, ParsedArticle
from .sources import SourceItem

WINDOW_PER_WORKER = 8  # sources read ahead per worker: enough to keep them busy, few in memory

# Set in the parent before the pool forks; the workers inherit them.
_known_fingerprints: dict[str, str] = {}
_inherited_connections: list = []


def default_parse_workers() -> int:
    # Writing (one process, one transaction per item) is about three quarters of the work:
    # more than three parsing workers would wait for it.
    return max(0, min(3, (os.cpu_count() or 1) - 1))


@dataclass
class ParsedItem:
    article: ParsedArticle | None = None
    repairs: list[str] = field(default_factory=list)
    reason: str = ""  # why the item cannot be imported, when article is None
    # Free-text literature entry → unsaved reference (parsed, validated, fingerprinted), for
    # the entries prepared ahead.
    literature: dict = field(default_factory=dict)


def parse_item(item: SourceItem, *, literature: bool = False) -> ParsedItem:
    """Parse one source; with `literature`, also its literature entries (unless the page is
    known unchanged). Never raises for bad input: the reason is in the result."""
    from django.utils.translation import gettext

    from .literature import prepare_references
    from .services import parse_source, source_key

    try:
        article, repairs = parse_source(item)
    except ItemError as error:
        return ParsedItem(reason=str(error))
    except Exception as error:  # a parser bug must not stop the run
        return ParsedItem(
            reason=gettext("could not be parsed (%(error)s)")
            % {"error": f"{error.__class__.__name__}: {error}"}
        )
    parsed = ParsedItem(article=article, repairs=repairs)
    if literature and _known_fingerprints.get(source_key(article)) != article.fingerprint():
        parsed.literature = prepare_references(article.literature)
    return parsed


def parsed_sources(
    sources: Iterable[SourceItem],
    *,
    workers: int,
    known_fingerprints: dict[str, str],
    literature: bool = True,
) -> Iterator[tuple[SourceItem, ParsedItem]]:
    """(source, parsed) in the sources' order; in worker processes when `workers` > 0 and the
    platform can fork, otherwise here, one at a time. Without `literature` (a dry run) the
    workers leave the literature entries alone."""
    if workers <= 0 or "fork" not in multiprocessing.get_all_start_methods():
        for item in sources:
            yield item, parse_item(item)
        return
    global _known_fingerprints
    _known_fingerprints = known_fingerprints
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_leave_connections) as pool:
        window: deque = deque()
        for item in sources:
            # The worker gets the bytes, not the item: its way to read sibling files (images)
            # stays here, where the page is written.
            payload = SourceItem(item.name, item.data, item.error)
            window.append((item, pool.submit(parse_item, payload, literature=literature)))
            if len(window) >= workers * WINDOW_PER_WORKER:
                source, future = window.popleft()
                yield source, future.result()
        while window:
            source, future = window.popleft()
            yield source, future.result()


def _leave_connections() -> None:
    """In a forked worker: never use, and never close, the parent's database connections (a
    closed PostgreSQL connection would end the parent's session too). Should anything here
    query the database, it opens a connection of its own."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _inherited_connections.append(connection.connection)
        connection.connection = None
