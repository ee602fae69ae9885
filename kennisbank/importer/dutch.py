"""Small pieces of Dutch: dates as the old site wrote them, and personal names with particles."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_DATE = re.compile(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", re.I)
_NUMERIC_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")

# Longest first, so "van der" wins over "van".
PARTICLES = sorted(
    [
        "van der",
        "van den",
        "van de",
        "van het",
        "van 't",
        "in 't",
        "in het",
        "op de",
        "op den",
        "uit de",
        "uit den",
        "van",
        "de",
        "den",
        "der",
        "het",
        "'t",
        "ten",
        "ter",
        "te",
        "la",
        "le",
        "du",
        "da",
        "von",
    ],
    key=lambda particle: -len(particle.split()),
)
_PARTICLE_WORDS = {word for particle in PARTICLES for word in particle.split()}


def parse_dutch_date(text: str) -> datetime.date | None:
    """'1 juni 2015' or '20-10-2017'; None when there is no valid date in the text."""
    if match := _DATE.search(text):
        month = MONTHS.get(match.group(2).lower())
        if month:
            try:
                return datetime.date(int(match.group(3)), month, int(match.group(1)))
            except ValueError:
                return None
    if match := _NUMERIC_DATE.search(text):
        try:
            return datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return None
    return None


@dataclass
class PersonName:
    given_name: str
    particle: str
    family_name: str
    initials: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.particle, self.family_name) if part)


def split_name(name: str) -> PersonName:
    """'Marion van Olst' → given 'Marion', particle 'van', family 'Olst'. The first word is the
    given name; a particle is the run of particle words right after the given names."""
    words = name.split()
    if not words:
        return PersonName("", "", "", "")
    if len(words) == 1:
        return PersonName("", "", words[0], "")
    for start in range(1, len(words) - 1):
        for particle in PARTICLES:
            size = len(particle.split())
            if start + size < len(words) and (
                " ".join(words[start : start + size]).lower() == particle
            ):
                given = " ".join(words[:start])
                return PersonName(
                    given,
                    particle,
                    " ".join(words[start + size :]),
                    initials_of(given),
                )
    given = " ".join(words[:-1])
    return PersonName(given, "", words[-1], initials_of(given))


def initials_of(given_names: str) -> str:
    parts = []
    for word in given_names.replace("-", " ").split():
        if word.endswith(".") and len(word) <= 4:
            parts.append(word)  # already initials, e.g. "M.H."
        elif word[:1].isalpha():
            parts.append(word[0].upper() + ".")
    return "".join(parts)


def looks_like_person_name(line: str) -> bool:
    """'Willem de Jong', 'Arja Kerpel': two to five words, capitalised except for particles,
    ending on a capitalised word; no digits or sentence punctuation."""
    words = line.split()
    if not 2 <= len(words) <= 5 or re.search(r"[\d?!:;,()|]", line):
        return False
    if not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    return all(word[:1].isupper() or word.lower() in _PARTICLE_WORDS for word in words)
