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

    for line in text.split("\n"):
        stripped = line.strip()
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
        else:
            current.append(stripped)
        blank_before = False
    flush()
    return [re.sub(r"\s+", " ", e).strip() for e in entries if e.strip()]


def _ends_entry(line: str) -> bool:
    line = line.rstrip()
    return line.endswith((".", ")", "]")) or bool(re.search(r"(?:https?://|www\.)\S+$", line))
