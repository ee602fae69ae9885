"""The one place where the importer writes an article's literature list.

Today entries become plain-text `LiteratureEntry` records. When structured references land
(issue 4), this function is the only thing to change: call
`kennisbank.literature.parsing.parse_reference(text)` per entry and store its result, keeping the
text as the fallback for entries the parser cannot read."""

from __future__ import annotations

from kennisbank.articles.models import LiteratureEntry

MAX_ENTRY_CHARS = 2000


def write_literature(page, entries: list[str]) -> None:
    """Replace the page's literature list (in memory; saved with the page's revision)."""
    page.literature_entries = [
        LiteratureEntry(text=text.strip()[:MAX_ENTRY_CHARS]) for text in entries if text.strip()
    ]
