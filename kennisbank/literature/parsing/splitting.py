"""Splitting a pasted literature list into single references."""

import re

_BULLET_RE = re.compile(r"^\s*(?:[•·▪‣◦●○■□\-–—*]|\(?\d{1,3}[.)\]]|\[\d{1,3}\])\s+")
# A line that opens a new reference: "Surname, I." / "Surname, I.M. van" / "Org (2019)" /
# "Surname (2019)" / "I. Surname" -- anything else is taken as a wrapped continuation.
_START_RE = re.compile(
    r"^(?:[A-ZÀ-ÞĲ'][\w'’\-]+(?:\s+[\w'’\-]+){0,3},\s*(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][a-zà-ÿ]+\b)"
    r"|(?:[Vv]an|[Dd]e|[Tt]er|[Tt]en|[Ii]n 't|'t)\s+[A-ZÀ-ÞĲ]"
    r"|[^\s(]+(?:\s+[^\s(]+){0,8}\s*\((?:\d{4}|z\.\s?d\.|n\.\s?d\.)"
    r"|[A-ZÀ-Þ]\.\s*(?:[A-ZÀ-Þ]\.\s*)*[A-ZÀ-ÞĲ])"
)


# A line that surely opens a reference: "Surname, I." (or an organisation) with a year after it.
_STRONG_START_RE = re.compile(
    r"^(?!In:?\s)(?:[A-ZÀ-ÞĲ'][\w'’\-]+(?:\s+[\w'’\-]+){0,3},\s*(?:[A-ZÀ-Þ]\.\s*-?)+"
    r"|[A-ZÀ-ÞĲ][^\s(]*(?:\s+[^\s(]+){0,6}\s*\()"
    r".{0,200}?\(?\b(?:1[5-9]|20)\d\d[a-z]?\b|^.{0,120}\((?:z\.\s?d|n\.\s?d)\.\)"
)
_HEADER_RE = re.compile(
    r"^\s*(?:literatuur(?:lijst)?|bronnen(?:lijst)?|bronvermelding|referenties|references|"
    r"bibliografie|bibliography|geraadpleegde literatuur|gebruikte literatuur)\s*:?\s*$",
    re.IGNORECASE,
)


def split_list(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Bullets pasted inline (" • A ... • B ...") become line starts.
    text = re.sub(r"\s+[•▪●]\s+", "\n• ", text)
    entries: list[str] = []
    current: list[str] = []
    blank_before = True

    def flush():
        if current:
            entries.append(" ".join(current))
            current.clear()

    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _HEADER_RE.match(stripped):
            flush()
            blank_before = True
            continue
        if not stripped:
            flush()
            blank_before = True
            continue
        bullet = _BULLET_RE.match(line)
        if bullet:
            flush()
            current.append(line[bullet.end() :].strip())
        elif blank_before or not current:
            flush()
            current.append(stripped)
        elif line[:1].isspace() and not bullet:
            # Hanging indent: an indented line continues the entry above.
            current.append(stripped)
        elif _START_RE.match(stripped) and _ends_entry(current[-1]):
            flush()
            current.append(stripped)
        elif _strong_start(stripped, lines[index + 1 : index + 2]) and not _open_ended(current[-1]):
            # Entries without a closing full stop, one per line.
            flush()
            current.append(stripped)
        else:
            current.append(stripped)
        blank_before = False
    flush()
    return [re.sub(r"\s+", " ", e).strip() for e in entries if e.strip()]


def _strong_start(line: str, following: list[str]) -> bool:
    """A line that surely opens a reference, also when its year is on the next line."""
    if _STRONG_START_RE.match(line):
        return True
    if following and _START_RE.match(line) and line.rstrip().endswith(","):
        return bool(_STRONG_START_RE.match(line + " " + following[0].strip()))
    return False


def _open_ended(line: str) -> bool:
    """The line stops mid-way through an author list or a place."""
    return line.rstrip().endswith((",", "&", " en", " and", ":", "("))


def _ends_entry(line: str) -> bool:
    line = line.rstrip()
    return line.endswith((".", ")", "]")) or bool(re.search(r"(?:https?://|www\.)\S+$", line))
