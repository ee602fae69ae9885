"""CSL-JSON items: validation against the official schema, names, and a matching key.

A reference is stored as one CSL-JSON item (the format citeproc processors and reference managers
exchange). Everything that creates references goes through `validate_item`, so an invalid item is
refused with a message that names the field, before anything is written."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    import jsonschema

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "csl-data.json"

# The types offered in the admin form; the schema allows more, and items of other types that
# arrive through an import keep theirs.
COMMON_TYPES = [
    ("book", "Book"),
    ("chapter", "Chapter in an edited book"),
    ("article-journal", "Journal article"),
    ("article-magazine", "Magazine article"),
    ("article-newspaper", "Newspaper article"),
    ("report", "Report"),
    ("thesis", "Thesis"),
    ("webpage", "Web page"),
    ("paper-conference", "Conference paper"),
    ("software", "Software"),
    ("document", "Other document"),
]

NAME_ROLES = ("author", "editor")

# Lower-case name particles (Dutch, Flemish, German, French) that precede a family name.
PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "in",
        "op",
        "'t",
        "'s",
        "von",
        "zu",
        "du",
        "la",
        "le",
        "des",
        "da",
        "di",
        "dos",
        "del",
        "d'",
        "l'",
        "aan",
    ]
)


class InvalidCSL(ValidationError):
    """An item that does not conform to the CSL-JSON schema."""


@cache
def _validator() -> jsonschema.Draft7Validator:
    # Imported here, not at the top: models import this module, and jsonschema (~8 MB) is only
    # needed when an item is validated (editing, importing), never by a page view.
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def validate_item(item: dict) -> dict:
    """Return the item if it is valid CSL-JSON; raise InvalidCSL naming every problem."""
    if not isinstance(item, dict):
        raise InvalidCSL(
            _("A CSL-JSON item must be an object, not %(kind)s.") % {"kind": type(item).__name__}
        )
    errors = sorted(_validator().iter_errors([item]), key=lambda e: list(e.path))
    if errors:
        messages = []
        for error in errors:
            # The schema is for a list of items: drop the leading index from the path.
            path = ".".join(str(part) for part in list(error.path)[1:]) or _("(item)")
            messages.append(f"{path}: {error.message}")
        raise InvalidCSL(_("Invalid CSL-JSON: %(errors)s") % {"errors": "; ".join(messages)})
    for required in ("type", "id"):
        if required not in item:
            raise InvalidCSL(_("Invalid CSL-JSON: %(field)s is missing.") % {"field": required})
    return item


def split_particle(family: str) -> tuple[str, str]:
    """Split "van der Berg" into ("van der", "Berg"); a capitalised particle ("Van der Berg",
    the Flemish and the start-of-sentence form) is taken as part of the family name only when
    nothing lower-case marks it as a particle."""
    words = family.split()
    particles = []
    while len(words) > 1 and words[0] in PARTICLES:
        particles.append(words.pop(0))
    return " ".join(particles), " ".join(words)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def issued_year(item: dict) -> int | None:
    try:
        return int(item["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def first_family(item: dict) -> str:
    for role in NAME_ROLES:
        for name in item.get(role) or []:
            return name.get("family") or name.get("literal") or ""
    return ""


def fingerprint(item: dict) -> str:
    """The key two records of one work share: the DOI when there is one, else the ISBN, else
    first author, year and the start of the title. Case, accents and punctuation are ignored,
    so "Jong, W. de (2013)" typed twice is recognised."""
    doi = (item.get("DOI") or "").strip().lower()
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi)
    if doi:
        return f"doi:{doi}"[:255]
    isbn = re.sub(r"[^0-9x]", "", (item.get("ISBN") or "").lower())
    if isbn:
        return f"isbn:{isbn}"[:255]
    title = normalise(item.get("title", ""))[:80]
    return f"work:{normalise(first_family(item))}|{issued_year(item) or ''}|{title}"[:255]


def name_text(name: dict) -> str:
    """A name as written in running text: "Willem de Jong", "Nederlands Jeugdinstituut"."""
    if name.get("literal"):
        return name["literal"]
    parts = (
        name.get("given"),
        name.get("dropping-particle"),
        name.get("non-dropping-particle"),
        name.get("family"),
    )
    return " ".join(p for p in parts if p)


def plain_text(item: dict) -> str:
    """A short plain description (admin listings, fallbacks): author (year) title."""
    names = [name_text(n) for n in item.get("author") or item.get("editor") or []]
    year = issued_year(item)
    bits = [", ".join(names[:3]) + (" e.a." if len(names) > 3 else "")]
    if year:
        bits.append(f"({year})")
    bits.append(item.get("title") or item.get("note") or "")
    return " ".join(b for b in bits if b).strip()
