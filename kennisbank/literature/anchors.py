"""In-text citations in an article's body, such as "(Wallin, 2010)", "(De Jong & De Jong, 2013)",
"(Belsky & Pluess, 2009; Boyce & Ellis, 2005)" or "Wallin (2010)", linked to their entry in the
literature list.

The key of an entry is the first author's family name without particle, lower-cased and without
accents, and the year label as rendered (with its 2015a/2015b suffix). Citations that match no
entry are left as they are."""

from __future__ import annotations

import re

from .csl import PARTICLES, normalise

YEAR = r"(?:\d{4}[a-z]?|z\.d\.)"
PARENTHETICAL_RE = re.compile(rf"\((?P<inner>[^()<>]*?{YEAR}[^()<>]*?)\)")
CITE_RE = re.compile(
    rf"(?P<names>[A-Z\u00c0-\u024f'][^;,()<>]*?(?:,\s*[^;,()<>]*?)*?),\s*(?P<years>{YEAR}(?:,\s*{YEAR})*)"
)
# In running text a particle is capitalised when no given name precedes it ("Van IJzendoorn
# (2008)", "De Jong en De Jong (2013)"); lower-case "ten", "de" are ordinary Dutch words.
_LEAD = r"(?:(?:Van|De|Den|Der|Ten|Ter|Te|Op|In|'t)\s+(?:(?:de|der|den|het|van)\s+)*)?"
_FAMILY = r"[A-Z\u00c0-\u024f][\w'\u00c0-\u024f-]+"
NARRATIVE_RE = re.compile(
    rf"(?<![\w'\u00c0-\u024f])(?P<names>{_LEAD}{_FAMILY}(?:\s+(?:et\s+al\.|e\.a\.|(?:&|en)\s+{_LEAD}{_FAMILY}))?)"
    rf"\s+\((?P<year>{YEAR})\)"
)


def family_key(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in PARTICLES:
        words.pop(0)
    return normalise(" ".join(words))


def entry_key(family: str, year_label: str) -> str:
    return f"{family_key(family)}|{year_label}"


def _first_family(names: str) -> str:
    first = re.split(r"\s+(?:&|en|et al\.|e\.a\.)(?:\s|$)|,", names.strip(), maxsplit=1)[0]
    # Drop leading prompts such as "zie" or "bijvoorbeeld".
    words = [w for w in first.split() if w[:1].isupper() or w.lower() in PARTICLES]
    return " ".join(words)


def _link(text: str, anchor: str) -> str:
    return f'<a class="in-text-citation" href="#{anchor}">{text}</a>'


def link_citations(html: str, anchors: dict[str, str]) -> str:
    """Wrap every in-text citation that matches an entry in a link to it. Only text outside tags
    is touched, and never text that is already inside a link."""
    if not anchors or not html:
        return html
    parts = re.split(r"(<[^>]+>)", html)
    inside_link = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            tag = part[1:].split(None, 1)[0].lower() if len(part) > 2 else ""
            if tag == "a":
                inside_link += 1
            elif tag == "/a":
                inside_link = max(0, inside_link - 1)
            continue
        if inside_link or not part:
            continue
        parts[index] = _link_text(part, anchors)
    return "".join(parts)


def _link_text(text: str, anchors: dict[str, str]) -> str:
    def parenthetical(match: re.Match) -> str:
        inner = match["inner"]
        pieces = []
        for segment in re.split(r"(;\s*)", inner):
            cite = CITE_RE.search(segment)
            if not cite:
                pieces.append(segment)
                continue
            family = _first_family(cite["names"])
            years = re.split(r",\s*", cite["years"])
            anchor = anchors.get(entry_key(family, years[0]))
            if anchor:
                start, end = cite.span()
                segment = segment[:start] + _link(segment[start:end], anchor) + segment[end:]
            pieces.append(segment)
        return "(" + "".join(pieces) + ")"

    def narrative(match: re.Match) -> str:
        anchor = anchors.get(entry_key(_first_family(match["names"]), match["year"]))
        return _link(match.group(0), anchor) if anchor else match.group(0)

    # Narrative citations first, on the text outside parentheses' citation links.
    text = PARENTHETICAL_RE.sub(parenthetical, text)
    pieces = re.split(r"(<a [^>]*>.*?</a>)", text)
    return "".join(
        piece if piece.startswith("<a ") else NARRATIVE_RE.sub(narrative, piece) for piece in pieces
    )
