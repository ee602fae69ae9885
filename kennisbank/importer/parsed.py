"""What every input format is parsed into, before anything touches the database."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field


class ItemError(ValueError):
    """An item that cannot be imported; the message is the reason shown in the report."""


@dataclass
class ParsedAuthor:
    name: str
    bio_line: str = ""
    organisation: str = ""
    initials: str = ""


@dataclass
class RelatedEntry:
    """One entry of the old page's "Gerelateerd" block."""

    kind: str  # "article", "research" or "offering": a guess from the entry's shape
    short_title: str
    title: str = ""
    attribution: str = ""


@dataclass
class ImageRef:
    src: str
    alt: str
    caption: str = ""
    position: int = 0  # index in the body where the image block goes


@dataclass
class ParsedArticle:
    source_format: str
    source_name: str
    title: str = ""
    short_title: str = ""
    lead: str = ""
    slug: str = ""
    authors: list[ParsedAuthor] = field(default_factory=list)
    published_date: datetime.date | None = None
    source_url: str = ""
    body: list[dict] = field(default_factory=list)
    literature: list[str] = field(default_factory=list)
    related: list[RelatedEntry] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        """A hash of everything that ends up on the page, without the random block ids, so an
        unchanged source is recognised on re-import."""
        data = asdict(self)
        data.pop("warnings")
        data.pop("source_name")
        data["body"] = [_without_ids(block) for block in self.body]
        data["published_date"] = self.published_date.isoformat() if self.published_date else None
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def lead_from_body(body: list[dict], limit: int = 300) -> str:
    """The opening sentences of the first paragraph, for pages that have no lead of their own."""
    import re

    from django.utils.html import strip_tags

    for block in body:
        if block["type"] == "paragraph":
            text = " ".join(strip_tags(block["value"].replace("</p>", "</p> ")).split())
            if not text:
                continue
            if len(text) <= limit:
                return text
            sentences = re.split(r"(?<=[.!?])\s+", text)
            lead = ""
            for sentence in sentences:
                candidate = f"{lead} {sentence}".strip()
                if len(candidate) > limit:
                    break
                lead = candidate
            return lead or text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return ""
