"""Free-text references to CSL-JSON.

The real parser (a trained sequence model) lives in `kennisbank.literature.parsing` and is built
separately. Until it is installed, `parse_free_text` falls back to `simple_convert`: a few
regular expressions for the APA-like strings of the demo content and the reference page
("Author, A. (Year). Title. Container, 1(2), 3–4." and "… Title. Place: Publisher."). What those
cannot read is kept whole as the title, with the raw text, and flagged for review."""

from __future__ import annotations

import re

from .csl import PARTICLES, InvalidCSL, validate_item

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maart", "march", "mrt", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augustus", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

HEAD_RE = re.compile(
    r"^(?P<names>.+?)\s*\((?P<year>\d{4})[a-z]?(?:,\s*(?P<date>[^)]+))?\)\.?\s+(?P<rest>.+)$", re.S
)
INITIALS = r"(?:[A-Z][a-zà-ÿ]?\.(?:[\s-]*[A-Z][a-zà-ÿ]?\.)*)"
PARTICLE_WORDS = "|".join(sorted((re.escape(p) for p in PARTICLES), key=len, reverse=True))
PERSON_RE = re.compile(
    rf"(?P<family>[^,&]+?),\s*(?P<given>{INITIALS})(?:\s+(?P<particle>(?:(?:{PARTICLE_WORDS})\s?)+))?"
    r"(?=\s*,|\s*&|\s*$)"
)
DOI_RE = re.compile(r"\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(?P<doi>10\.\S+?)\.?$", re.I)
URL_RE = re.compile(
    r"\s*(?:Geraadpleegd[^,]*,\s*van\s+|Retrieved[^,]*,\s*from\s+)?(?P<url>https?://\S+?)\.?$"
)
JOURNAL_RE = re.compile(
    r"^(?P<title>.+?[.?!])\s+(?P<container>[^.]+?),\s*(?P<volume>\d+)"
    r"(?:\((?P<issue>[^)]+)\))?(?:,\s*(?P<page>[\d\u2013\-, ]+?))?\.?$",
    re.S,
)
EDITION_RE = re.compile(r"\s*\((?P<edition>\d+)(?:st|nd|rd|th|e|de|ste)?\.? (?:ed|dr|druk)\.?\)")


def parse_free_text(text: str) -> tuple[dict, bool]:
    """(CSL-JSON item, needs review) for one free-text reference. Uses the trained parser when
    it is installed, otherwise `simple_convert`."""
    try:
        from kennisbank.literature.parsing import parse_reference
    except ImportError:
        parse_reference = None
    if parse_reference is not None:
        try:
            parsed = parse_reference(text)
            # The parser marks its own keys with "_" (_confidence, _needs_review).
            needs_review = bool(parsed.get("_needs_review", True))
            item = {k: v for k, v in parsed.items() if not k.startswith("_")}
            item = validate_item({"id": "new", **item})
            item.pop("id")
            return item, needs_review
        except (InvalidCSL, ValueError, TypeError):
            pass  # unreadable for the parser: the fallback keeps the text for review
    return simple_convert(text)


def _names(text: str) -> list[dict] | None:
    text = text.strip()
    people = list(PERSON_RE.finditer(text))
    if not people:
        # An organisation as author: "American Psychiatric Association."
        literal = text.rstrip(".").strip()
        if literal and "," not in literal and len(literal) < 200:
            return [{"literal": literal}]
        return None
    covered = re.sub(r"[\s,&]", "", PERSON_RE.sub("", text))
    if covered and covered not in ("etal.", "e.a."):
        return None
    names = []
    for match in people:
        name = {"family": match["family"].strip().lstrip("&").strip(), "given": match["given"]}
        if match["particle"]:
            name["non-dropping-particle"] = match["particle"].strip()
        names.append(name)
    return names


def _fallback(text: str) -> tuple[dict, bool]:
    return {"type": "document", "title": text.strip()[:1000], "note": "needs review"}, True


def simple_convert(text: str) -> tuple[dict, bool]:
    text = " ".join(text.split())
    head = HEAD_RE.match(text)
    if not head:
        return _fallback(text)
    names_text = head["names"]
    role = "author"
    editors = re.search(r"\s*\((?:Eds?|Red)\.\)\.?$", names_text)
    if editors:
        role = "editor"
        names_text = names_text[: editors.start()]
    names = _names(names_text)
    if names is None:
        return _fallback(text)
    item: dict = {role: names}
    date = [int(head["year"])]
    if head["date"]:
        bits = head["date"].lower().replace(",", " ").split()
        month = next((MONTHS[b] for b in bits if b in MONTHS), None)
        day = next((int(b) for b in bits if b.isdigit() and int(b) <= 31), None)
        if month:
            date.append(month)
            if day:
                date.append(day)
    item["issued"] = {"date-parts": [date]}
    rest = head["rest"].strip()
    doi = DOI_RE.search(rest)
    if doi:
        item["DOI"] = doi["doi"]
        rest = rest[: doi.start()].strip()
    else:
        url = URL_RE.search(rest)
        if url:
            item["URL"] = url["url"]
            rest = rest[: url.start()].strip()
    if " In " in rest:
        # Chapters in edited books are left to the real parser.
        item.update({"type": "chapter", "title": rest.rstrip(".")})
        return item, True
    journal = JOURNAL_RE.match(rest)
    if journal:
        item["type"] = "article-journal"
        item["title"] = journal["title"].rstrip(".").strip()
        item["container-title"] = journal["container"].strip()
        item["volume"] = journal["volume"]
        if journal["issue"]:
            item["issue"] = journal["issue"]
        if journal["page"]:
            item["page"] = journal["page"].strip().rstrip(",")
        return item, False
    rest = rest.rstrip(".").strip()
    edition = EDITION_RE.search(rest)
    if edition:
        item["edition"] = edition["edition"]
        rest = (rest[: edition.start()] + rest[edition.end() :]).strip()
    sentences = re.split(r"(?<=[.?!])\s+(?=[A-Z0-9\"'‘“])", rest)
    if len(sentences) < 2:
        item.update({"type": "webpage" if "URL" in item else "book", "title": rest})
        return item, "URL" not in item
    publisher = sentences[-1].rstrip(".").strip()
    place = re.match(r"^(?P<place>[^:]{2,40}):\s*(?P<publisher>.+)$", publisher)
    if place:
        item["publisher-place"] = place["place"].strip()
        publisher = place["publisher"].strip()
    title_parts = [s.rstrip(".").strip() for s in sentences[:-1]]
    title = title_parts[0]
    for part in title_parts[1:]:
        title = f"{title}{' ' if title.endswith(('?', '!', ':')) else ': '}{part}"
    item.update({"type": "book", "title": title, "publisher": publisher})
    return item, False
