"""Parsing free-text references (Dutch and APA forms) into CSL-JSON.

    from kennisbank.literature.parsing import parse_reference, parse_reference_list

A linear-chain CRF (python-crfsuite) labels the words of a reference; rules in fields.py and
names.py turn the labelled words into a CSL-JSON item. See docs/reference-parsing.md.
"""

import re

from .fields import build_item
from .model import ModelMissingError, tag
from .splitting import split_list
from .tokens import normalise_text, tokenize

__all__ = [
    "MAX_REFERENCE_LENGTH",
    "ReferenceParseError",
    "csl_only",
    "parse_reference",
    "parse_reference_list",
]

MAX_REFERENCE_LENGTH = 2000
MAX_LIST_LENGTH = 500_000
REVIEW_BELOW = 0.9


class ReferenceParseError(ValueError):
    """The text cannot be read as a reference (empty, binary, far too long, no fields)."""


def _check_text(text, limit: int) -> str:
    if not isinstance(text, str):
        raise ReferenceParseError(f"Expected text, got {type(text).__name__}.")
    if "\x00" in text or sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t") > 2:
        raise ReferenceParseError("The text contains control characters; is it binary data?")
    if "\ufffd" in text and text.count("\ufffd") > max(3, len(text) // 50):
        raise ReferenceParseError("The text is not valid text (many replacement characters).")
    text = normalise_text(text) if limit == MAX_REFERENCE_LENGTH else text.strip()
    if not text:
        raise ReferenceParseError("The reference is empty.")
    if len(text) > limit:
        raise ReferenceParseError(
            f"The text is {len(text)} characters long; a single reference is at most {limit}."
        )
    return text


def parse_reference(text: str) -> dict:
    """One reference string -> a CSL-JSON item with `_confidence` and `_needs_review`."""
    text = _check_text(text, MAX_REFERENCE_LENGTH)
    letters = sum(c.isalpha() for c in text)
    words = re.findall(r"[^\W\d_]{2,}", text)
    if letters < 0.4 * len(text.replace(" ", "")) or len(words) < 2:
        raise ReferenceParseError("The text does not look like a reference (too few words).")
    tokens = tokenize(text)
    try:
        labels, marginals = tag(tokens)
    except ModelMissingError as exc:
        raise ReferenceParseError(str(exc)) from exc
    item = build_item(text, tokens, labels)
    if not any(k in item for k in ("title", "container-title", "author", "editor", "URL")):
        raise ReferenceParseError("No title or author could be found in the reference.")
    item["_confidence"], item["_needs_review"] = _confidence(item, marginals)
    return item


def _confidence(item: dict, marginals: list[float]) -> tuple[float, bool]:
    """The CRF's certainty, lowered for items lacking what every reference has."""
    mean = sum(marginals) / len(marginals)
    low = sorted(marginals)[: max(1, len(marginals) // 10)]
    score = 0.5 * mean + 0.5 * (sum(low) / len(low))
    if "title" not in item:
        score *= 0.6
    if "issued" not in item:
        score *= 0.9
    if "author" not in item and "editor" not in item:
        score *= 0.85
    if item["type"] == "book" and "publisher" not in item:
        score *= 0.85
    score = round(max(0.0, min(1.0, score)), 3)
    return score, score < REVIEW_BELOW


def csl_only(item: dict) -> dict:
    """The item without the parser's own keys (`_confidence`, `_needs_review`, `_text`, ...),
    ready for CSL-JSON validation."""
    return {k: v for k, v in item.items() if not k.startswith("_")}


def parse_reference_list(text: str) -> list[dict]:
    """A pasted list (bullets, numbering, blank lines, hanging lines) -> parsed items.

    An entry that cannot be parsed does not stop the rest: it comes back as
    {"_error": message, "_text": entry, "_needs_review": True, "_confidence": 0.0}, so nothing
    pasted is lost. Every item carries its source text as "_text". Raises ReferenceParseError
    when the input is empty, binary or too long, or when no entry at all is a reference.
    """
    text = _check_text(text, MAX_LIST_LENGTH)
    out = []
    for entry in split_list(text):
        try:
            item = parse_reference(entry)
        except ReferenceParseError as exc:
            item = {"_error": str(exc), "_needs_review": True, "_confidence": 0.0}
        item["_text"] = entry
        out.append(item)
    if not out:
        raise ReferenceParseError("No references found in the text.")
    if all("_error" in item for item in out):
        reasons = "; ".join(sorted({item["_error"] for item in out}))[:300]
        raise ReferenceParseError(f"None of the {len(out)} entries is a reference: {reasons}")
    return out
