"""The one place where the importer writes an article's literature list.

Each entry becomes a shared `Reference` (kennisbank.literature): matched by its raw text or by
the parsed work, so a book cited by forty imported articles is one record; otherwise parsed by
the reference parser and flagged for review when the parser was unsure. The raw text is kept on
the reference, so nothing the old page said is lost."""

from __future__ import annotations

from kennisbank.articles.models import ArticleReference
from kennisbank.literature.services import reference_for_text

MAX_ENTRY_CHARS = 2000


def write_literature(page, entries: list[str]) -> None:
    """Replace the page's literature list (in memory; saved with the page's revision). The
    references themselves are saved now: the import runs each item in its own transaction."""
    references = {}
    for text in entries:
        text = text.strip()[:MAX_ENTRY_CHARS]
        if text:
            reference, _ = reference_for_text(text)
            references.setdefault(reference.pk, reference)
    page.literature_links = [ArticleReference(reference=ref) for ref in references.values()]
