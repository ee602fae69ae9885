"""Saved page text: an article page of the old platform saved as plain text, markup lost.

The layout, top to bottom: the theme menu (theme names, each followed by a line of run-together
short titles), the header (short title, then per author a name and a one-line bio, then
"Geplaatst op <date>"), the suggested citation ("<authors> (<year>) <title>." / "Geraadpleegd op
<date>," / "van <url>"), the body, "Literatuur" with one entry per line, the citation again,
"Gerelateerd", and boilerplate (newsletter prompts, promotion slots, social links).

Nothing here relies on line numbers: every part is found by its own shape, so pages with more
authors, no menu, no literature or no related block still parse."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from ..dutch import looks_like_person_name, parse_dutch_date
from ..parsed import ItemError, ParsedArticle, ParsedAuthor, RelatedEntry, lead_from_body
from .saved_body import BULLET, build_body, groups_of

POSTED = re.compile(r"^\s*Geplaatst op\b", re.I)
CONSULTED = re.compile(r"^\s*Geraadpleegd op\b", re.I)
CITATION = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>\d{4}[a-z]?|z\.\s?d\.|n\.\s?d\.)\)\.?\s*(?P<title>.+)$"
)
URL = re.compile(r"https?://[^\s<>\"]+")
LITERATURE_HEADINGS = {"literatuur", "literatuurlijst", "bronnen", "referenties", "bronvermelding"}
RELATED_HEADINGS = {"gerelateerd", "gerelateerde artikelen", "zie ook"}
BOILERPLATE = [
    re.compile(pattern, re.I)
    for pattern in (
        r"^schrijf (je )?in voor (de|onze) nieuwsbrief",
        r"inschrijven nieuwsbrief\s*$",
        r"^meld je aan voor de nieuwsbrief",
        r"^\[[a-z0-9_\-]+\]$",  # promotion slot placeholder
        r"^volg (ons|\S+\.(nl|com|org|be))\b",
        r"^mis geen bijdragen",
        r"^(deel|delen)( dit| deze)?( artikel| pagina)?( op)?:?$",
        r"^(lees ook|terug naar boven)$",
    )
]
NEWSLETTER_SUFFIX = re.compile(r"^(?P<crumb>.+?)\s*Inschrijven nieuwsbrief\s*$", re.I)
HEADER_MAX_LINES = 9
TAIL_LONG_LINE = 100


@dataclass
class _Citation:
    index: int  # line of "<authors> (<year>) <title>"
    end: int  # last line of the block
    title: str
    authors: list[tuple[str, str]]  # (family name, initials)
    url: str


def looks_like_saved_text(text: str) -> bool:
    return bool(re.search(r"^\s*(Geplaatst op|Geraadpleegd op)\b", text, re.M))


def parse_saved_text(text: str, source_name: str) -> ParsedArticle:
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    posted = next((i for i, line in enumerate(stripped) if POSTED.match(line)), None)
    citations = _citations(stripped)
    if posted is None and not citations:
        raise ItemError(
            gettext(
                "unknown layout: saved page text needs a 'Geplaatst op' line or a citation block"
            )
        )
    article = ParsedArticle(source_format="text", source_name=source_name)
    header_end = posted if posted is not None else citations[0].index
    first_citation = next((c for c in citations if c.index > header_end - 1), None)

    menu, header = _menu_and_header(stripped[:header_end])
    if posted is not None:
        article.published_date = parse_dutch_date(stripped[posted])
        if article.published_date is None:
            article.warnings.append(
                gettext("no valid date in %(line)r") % {"line": stripped[posted]}
            )
    if first_citation:
        article.title = first_citation.title
        article.source_url = first_citation.url
    if header:
        article.short_title = header[0]
        article.authors = _authors(header[1:], first_citation)
    if not article.title:
        article.title = article.short_title
    if not article.title:
        raise ItemError(gettext("no title: neither a citation block nor a short title was found"))
    if not article.short_title:
        article.short_title = article.title

    body_start = (first_citation.end + 1) if first_citation else (header_end + 1)
    related_at = _first(stripped, body_start, lambda line: line.lower() in RELATED_HEADINGS)
    literature_at = _first(stripped, body_start, lambda line: line.lower() in LITERATURE_HEADINGS)
    later_citation = next((c.index for c in citations if c.index >= body_start), None)
    markers = [x for x in (literature_at, later_citation, related_at) if x is not None]
    # Boilerplate inside the body is dropped line by line; without any of the markers above,
    # the body ends where only boilerplate and short promotional lines remain.
    body_end = min(markers) if markers else _tail_start(stripped, body_start)
    article.body = build_body(stripped[body_start:body_end], _is_boilerplate)
    if not article.body:
        article.warnings.append(gettext("the body is empty"))
    if literature_at is not None and literature_at == body_end:
        literature_end = min(
            x
            for x in (
                later_citation,
                related_at,
                _first(stripped, literature_at, _is_boilerplate),
                len(lines),
            )
            if x is not None and x > literature_at
        )
        article.literature = [
            BULLET.sub("", line).strip()
            for line in stripped[literature_at + 1 : literature_end]
            if BULLET.sub("", line).strip() and not _is_boilerplate(line)
        ]
    if related_at is not None:
        related_end = _first(stripped, related_at, _is_boilerplate) or len(lines)
        article.related = _related(lines[related_at + 1 : related_end])
    crumb = _breadcrumb(stripped[body_start:])
    if crumb:
        article.topics = [crumb]
        theme = _theme_of(crumb, menu)
        if theme:
            article.themes = [theme]
    if not article.source_url:
        article.warnings.append(gettext("no source URL: the old address cannot be redirected"))
    article.lead = lead_from_body(article.body)
    return article


def _citations(stripped: list[str]) -> list[_Citation]:
    found = []
    for index, line in enumerate(stripped):
        if not CONSULTED.match(line):
            continue
        start = index - 1
        while start >= 0 and not stripped[start]:
            start -= 1
        match = CITATION.match(stripped[start]) if start >= 0 else None
        if not match:
            continue
        url_match, end = URL.search(line), index
        if not url_match and index + 1 < len(stripped):
            url_match, end = URL.search(stripped[index + 1]), index + 1
        title = match.group("title").strip()
        if title.endswith(".") and not title.endswith(".."):
            title = title[:-1].rstrip()
        found.append(
            _Citation(
                index=start,
                end=end,
                title=title,
                authors=_citation_authors(match.group("authors")),
                url=url_match.group().rstrip(".,;") if url_match else "",
            )
        )
    return found


def _citation_authors(text: str) -> list[tuple[str, str]]:
    authors = []
    for family, initials in re.findall(r"([^,&]+?),\s*((?:[A-ZÀ-Ý][a-z]?\.\s?-?)+)", text):
        family = re.sub(r"^(?:[&\s]|(?:van|de|der|den|ten|ter|het|'t)\b)+", "", family).strip()
        if family:
            authors.append((family, initials.replace(" ", "")))
    return authors


def _menu_and_header(stripped: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """The menu is the run of multi-line groups at the top; the header is the single lines
    after it."""
    groups = groups_of(stripped)
    menu_lines: list[str] = []
    header: list[str] = []
    for group in groups:
        if len(group) > 1 and not header:
            menu_lines.extend(group)
        else:
            header.extend(group)
    if not header and groups and len(groups[-1]) <= HEADER_MAX_LINES:
        # No blank lines between the header's lines: the last group is the header.
        header = groups[-1]
        menu_lines = [line for group in groups[:-1] for line in group]
    menu = list(zip(menu_lines[0::2], menu_lines[1::2], strict=False))
    return menu, [line for line in header if not _is_boilerplate(line)]


def _authors(lines: list[str], citation: _Citation | None) -> list[ParsedAuthor]:
    """Names and bio lines alternate. A line is a name when it ends on the family name of a
    citation author not matched yet (so a bio such as "Directeur van Bureau Galenkamp" after
    "Henk Galenkamp" stays a bio); without a citation, when it is shaped like a name."""
    unmatched = list(citation.authors) if citation else []

    def matching_author(line: str) -> tuple[str, str] | None:
        if len(line.split()) > 6:
            return None
        return next((pair for pair in unmatched if line.endswith(pair[0])), None)

    authors: list[ParsedAuthor] = []
    for line in lines:
        pair = matching_author(line)
        expecting_bio = bool(authors) and not authors[-1].bio_line
        is_name = pair is not None if citation else looks_like_person_name(line)
        if is_name or (not authors and not citation):
            if pair:
                unmatched.remove(pair)
            authors.append(ParsedAuthor(name=line, initials=pair[1] if pair else ""))
        elif expecting_bio:
            bio, _, organisation = line.rpartition(" bij ")
            if bio:
                authors[-1].bio_line, authors[-1].organisation = bio.strip(), organisation.strip()
            else:
                authors[-1].bio_line = line
    return authors


def _first(stripped: list[str], start: int, predicate) -> int | None:
    return next((i for i in range(start, len(stripped)) if predicate(stripped[i])), None)


def _tail_start(stripped: list[str], start: int) -> int:
    """The first boilerplate line after which no paragraph-length line follows."""
    last_long = max(
        (i for i in range(start, len(stripped)) if len(stripped[i]) > TAIL_LONG_LINE),
        default=start,
    )
    tail = _first(stripped, last_long, _is_boilerplate)
    return tail if tail is not None else len(stripped)


def _is_boilerplate(line: str) -> bool:
    return any(pattern.search(line) for pattern in BOILERPLATE)


def _related(lines: list[str]) -> list[RelatedEntry]:
    """Entries come in three shapes: an offering repeats its title and ends on the provider
    (the old site left a trailing space after it); an article is short title, full title and
    author; a research summary is a short title and the question it answers."""
    entries: list[RelatedEntry] = []
    rows = [(line.strip(), line) for line in lines]
    index = 0

    def next_filled(position: int) -> int:
        while position < len(rows) and not rows[position][0]:
            position += 1
        return position

    while (index := next_filled(index)) < len(rows):
        line = rows[index][0]
        if _is_boilerplate(line):
            break
        after = next_filled(index + 1)
        if after < len(rows) and rows[after][0] == line:
            middle, position = [], after + 1
            attribution = ""
            for _ in range(4):
                position = next_filled(position)
                if position >= len(rows):
                    break
                text, raw = rows[position]
                position += 1
                if raw != raw.rstrip():
                    attribution = text
                    break
                middle.append(text)
            if attribution:
                entries.append(RelatedEntry("offering", line, " — ".join(middle), attribution))
                index = position
                continue
        third = next_filled(after + 1)
        if (
            after < len(rows)
            and third < len(rows)
            and after == index + 1
            and looks_like_person_name(rows[third][0])
        ):
            entries.append(RelatedEntry("article", line, rows[after][0], rows[third][0]))
            index = third + 1
        elif after < len(rows):
            entries.append(RelatedEntry("research", line, rows[after][0]))
            index = after + 1
        else:
            entries.append(RelatedEntry("unknown", line))
            index = after
    return entries


def _breadcrumb(stripped: list[str]) -> str:
    for line in stripped:
        if match := NEWSLETTER_SUFFIX.match(line):
            return match.group("crumb").strip()
    return ""


def _theme_of(crumb: str, menu: list[tuple[str, str]]) -> str:
    pattern = re.compile(rf"(^|\s){re.escape(crumb)}(\s|$)")
    for theme, items in menu:
        if pattern.search(items):
            return theme
    return ""
