"""The one place where the importer writes an article's literature list.

Each entry becomes a shared `Reference` (kennisbank.literature): matched by its raw text or by
the parsed work, so a book cited by forty imported articles is one record; otherwise parsed by
the reference parser and flagged for review when the parser was unsure. The raw text is kept on
the reference, so nothing the old page said is lost.

This is `literature.services.reference_for_text` for a whole list at once: the raw texts of a
page are looked up in one query, and every reference found or made is remembered for the rest
of the run, so a text cited again costs nothing. Only new texts go through the parser and
`references_for_candidates` (which also matches the parsed works, in one query, and inserts the
new ones together)."""

from __future__ import annotations

import contextlib

from kennisbank.articles.models import ArticleReference
from kennisbank.literature.conversion import parse_free_text
from kennisbank.literature.models import Reference
from kennisbank.literature.services import prepared_reference, references_for_candidates

MAX_ENTRY_CHARS = 2000


def entry_texts(entries: list[str]) -> list[str]:
    """The distinct entries, normalised as `reference_for_text` does, so raw texts match
    either way."""
    texts = []
    for entry in entries:
        text = " ".join(entry.strip()[:MAX_ENTRY_CHARS].split())
        if text and text not in texts:
            texts.append(text)
    return texts


class LiteratureWriter:
    """Remembers the references of one run. Forget it (make a new one) when an item's
    transaction is rolled back: references it created may be gone."""

    def __init__(self):
        self._by_text: dict[str, Reference] = {}

    def write(self, page, entries: list[str], prepared: dict[str, Reference] | None = None) -> None:
        """Replace the page's literature list (in memory; saved with the page's revision). The
        references themselves are saved now: the import runs each item in its own
        transaction. `prepared` holds unsaved references a worker process has already made
        from the entries (`prepare_references`), keyed like `entry_texts`."""
        texts = entry_texts(entries)
        prepared = prepared or {}
        unknown = [text for text in texts if text not in self._by_text]
        if unknown:
            for reference in Reference.objects.filter(raw_text__in=unknown).order_by("-pk"):
                self._by_text[reference.raw_text] = reference  # the oldest one wins
        new = [text for text in texts if text not in self._by_text]
        if new:
            candidates = [prepared.get(text) or prepare_reference(text) for text in new]
            made = references_for_candidates(candidates)
            self._by_text.update(zip(new, made, strict=True))
        references = {}
        for text in texts:
            reference = self._by_text[text]
            references.setdefault(reference.pk, reference)
        page.literature_links = [
            ArticleReference(reference=ref, sort_order=order)
            for order, ref in enumerate(references.values())
        ]


def prepare_reference(text: str) -> Reference:
    """An unsaved reference for one entry (normalised as `entry_texts` does): read by the
    reference parser, validated and fingerprinted. No database is needed. Raises InvalidCSL."""
    item, needs_review = parse_free_text(text)
    return prepared_reference(item, raw_text=text, needs_review=needs_review, valid=True)


def prepare_references(entries: list[str]) -> dict[str, Reference]:
    """`prepare_reference` for every distinct entry; an entry the parser's item cannot be made
    into a reference is left out (the writer tries it again and reports the error)."""
    from kennisbank.literature.csl import InvalidCSL

    prepared = {}
    for text in entry_texts(entries):
        with contextlib.suppress(InvalidCSL):
            prepared[text] = prepare_reference(text)
    return prepared


def write_literature(page, entries: list[str]) -> None:
    """For one page, without a run's memory."""
    LiteratureWriter().write(page, entries)
