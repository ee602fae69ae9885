"""The body of saved page text: paragraphs, bulleted lists, headings and cases, found from the
text's shape (the markup that said which was which is lost).

Blocks of text between blank lines ("groups") are the unit. A group of one short line shaped
like a title is a heading; lines starting with a bullet are list items; the rest are
paragraphs.

Heading levels. The text does not say which headings were subsections, so a heading is h2
unless the text itself shows it is one level down:

1. a numbered heading takes its level from its number: "2 Aanpak" or "2. Aanpak" is h2,
   "2.1 Voorbereiding" (two or more parts) is h3;
2. an unnumbered heading that directly follows another heading, with no text between them,
   is h3: the first opens a section, the second its first subsection;
3. every other heading is h2 (a later sibling of rule 2's subsection cannot be told from a new
   section, so it stays h2).

Cases. A case ("casus") is recognised only by an explicit marker at the start of a group:
"Casus", "Case", "Praktijkvoorbeeld", "Praktijksituatie", "Voorbeeld uit de praktijk" or
"Voorbeeld", optionally numbered ("Casus 2"):

- the marker with text after a colon or dash in a paragraph ("Casus: Tom is acht …") makes
  that paragraph a case block titled by the marker;
- a group of one heading-shaped line that is the marker, alone or with a short name
  ("Casus", "Casus 2: Jesse") makes a case block titled by that line, holding the
  paragraphs that follow up to the next heading, list or marker (the line took the place of
  a heading, so the case runs as a section would). Without a paragraph after it, it stays a
  heading.

A case with no marker (a story told in a paragraph) stays a paragraph: nothing in the text
tells it apart from the argument around it."""

from __future__ import annotations

import re
from collections.abc import Callable

from kennisbank.core.markdown_body import (
    heading_block,
    list_block,
    paragraphs_block,
    plain_to_html,
    quote_block,
)

BULLET = re.compile(r"^\s*[•·▪◦]\s*")
MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 10
NUMBERED_HEADING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
NUMBER_PREFIX = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
CASE_MARKER = re.compile(
    r"^(?P<marker>(?:casus|case|praktijkvoorbeeld|praktijksituatie|voorbeeld uit de praktijk"
    r"|voorbeeld)(?:\s+\d{1,2})?)\b(?P<separator>\s*:|\s+[–—-])?\s*(?P<rest>.*)$",
    re.I,
)
MAX_CASE_TITLE = 200


def groups_of(stripped: list[str]) -> list[list[str]]:
    """The blocks of non-empty lines between blank lines."""
    groups, current = [], []
    for line in stripped:
        if line:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def is_heading(line: str) -> bool:
    return (
        len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and (line[0].isupper() or line[0].isdigit())
        and line[-1] not in ".,;:"
        # a sentence inside is a paragraph; the dot of a section number ("2. Aanpak") is not
        and not re.search(r"[.!?]\s", NUMBER_PREFIX.sub("", line))
        and not BULLET.match(line)
    )


def heading_level(line: str, follows_heading: bool) -> str:
    """h2 or h3 by the rules in this module's docstring."""
    if match := NUMBERED_HEADING.match(line):
        return "h3" if "." in match.group("number") else "h2"
    return "h3" if follows_heading else "h2"


def case_title_line(line: str) -> str | None:
    """The case's title when the line is a case marker standing alone (as a heading would),
    e.g. "Casus", "Casus 2", "Casus: Jesse"; otherwise None."""
    match = CASE_MARKER.match(line)
    if not match:
        return None
    if not match.group("rest"):
        return match.group("marker")  # "Casus", "Casus 2", "Casus:"
    if match.group("separator") and is_heading(line):
        return line[:MAX_CASE_TITLE]  # "Casus 2: Jesse"
    # "Casus bespreken in teams" is a heading about cases; "Casus: Tom is acht jaar en …"
    # is a case told in a paragraph (see case_paragraph).
    return None


def case_paragraph(lines: list[str]) -> tuple[str, list[str]] | None:
    """(title, paragraphs) when the group starts with a marker line of its own followed by
    text, or with a marker, a separator and text."""
    if len(lines) > 1 and (title := case_title_line(lines[0])):
        return title, lines[1:]
    match = CASE_MARKER.match(lines[0])
    if not match or not match.group("separator") or not match.group("rest"):
        return None
    return match.group("marker")[:MAX_CASE_TITLE], [match.group("rest"), *lines[1:]]


def build_body(stripped: list[str], is_boilerplate: Callable[[str], bool]) -> list[dict]:
    groups = [g for g in groups_of(stripped) if not all(is_boilerplate(line) for line in g)]
    blocks: list[dict] = []
    paragraphs: list[str] = []
    follows_heading = False

    def flush():
        if paragraphs:
            blocks.append(paragraphs_block(paragraphs.copy()))
            paragraphs.clear()

    number = 0
    while number < len(groups):
        group = groups[number]
        is_last = number == len(groups) - 1
        number += 1
        single = len(group) == 1 and not is_last
        if single and (title := case_title_line(group[0])):
            taken = _case_section(groups, number, is_boilerplate)
            if taken:
                flush()
                text = [line for g in groups[number : number + taken] for line in g]
                blocks.append(_case_block(title, text, is_boilerplate))
                number += taken
                follows_heading = False
                continue
        if single and is_heading(group[0]):
            flush()
            blocks.append(heading_block(group[0], heading_level(group[0], follows_heading)))
            follows_heading = True
            continue
        follows_heading = False
        if not BULLET.match(group[0]) and (case := case_paragraph(group)):
            flush()
            blocks.append(_case_block(case[0], case[1], is_boilerplate))
            continue
        items: list[str] = []
        for line in group:
            if is_boilerplate(line):
                continue
            if BULLET.match(line):
                flush()
                items.append(plain_to_html(BULLET.sub("", line)))
                continue
            if items:
                blocks.append(list_block(items))
                items = []
            paragraphs.append(plain_to_html(line))
        if items:
            blocks.append(list_block(items))
    flush()
    return blocks


def _case_section(groups: list[list[str]], start: int, is_boilerplate) -> int:
    """How many groups from `start` belong to a case opened by a marker line: paragraphs up
    to the next heading, list or marker."""
    taken = 0
    for position in range(start, len(groups)):
        group = groups[position]
        is_last = position == len(groups) - 1
        if (
            (len(group) == 1 and not is_last and is_heading(group[0]))
            or any(BULLET.match(line) for line in group)
            or case_title_line(group[0])
            or case_paragraph(group)
        ):
            break
        taken += 1
    return taken


def _case_block(title: str, lines: list[str], is_boilerplate) -> dict:
    block = quote_block([plain_to_html(line) for line in lines if not is_boilerplate(line)])
    block["value"]["kind"] = "case"
    block["value"]["title"] = title
    return block
