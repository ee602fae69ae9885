"""Normalisation and tokenising. Pure functions, no database, no state."""

import re
import unicodedata
from functools import lru_cache

# Apostrophes and hyphens in their typographic variants, mapped to ASCII before tokenising.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_HYPHENS = str.maketrans(dict.fromkeys("‐‑‒–—−\xad", "-"))

# A token: letters/digits, optionally joined by inner hyphens or apostrophes ("leerling-leraar",
# "ib'er", "WISC-III", "3R"). Slashes and every other character separate tokens ("po/vo").
_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")

MAX_TOKEN_LENGTH = 40


# Control and format characters (C0, DEL, C1, zero-width and bidi controls, BOM) separate
# tokens; a regex is far faster than a per-character category lookup on long texts.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Other categories of the C class (private use, unassigned) are dropped as well.
    return " " if unicodedata.category(ch)[0] == "C" else folded


def fold(text: str) -> str:
    """Accent folding: "coördinator" and "coordinator" become one word; "ĳ" becomes "ij"."""
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _fold_char(ch) for ch in text)


def normalise(text: str) -> str:
    """Lower case, folded, typographic punctuation made plain, control characters removed."""
    text = _CONTROL.sub(" ", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_HYPHENS)
        text = fold(text)
    return text.lower()


def rich_tokens(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(joined, parts) per token. A hyphenated or apostrophed token is joined ("ib'er" ->
    "iber", "leerling-leraar" -> "leerlingleraar") and keeps its parts ("ib"; "leerling",
    "leraar") so that either spelling finds the other. After an apostrophe comes an inflection
    ("ib'er", "auto's"), not a word, so only the part before it is kept."""
    return [_joined_and_parts(raw[:MAX_TOKEN_LENGTH]) for raw in _TOKEN.findall(normalise(text))]


def _joined_and_parts(raw: str) -> tuple[str, tuple[str, ...]]:
    if "-" not in raw and "'" not in raw:
        return raw, ()
    pieces = [p for p in re.split(r"['-]", raw) if p]
    if "-" in raw:
        return "".join(pieces), tuple(
            p for piece in raw.split("-") for p in [piece.split("'")[0]] if p
        )
    return "".join(pieces), (pieces[0],)


def tokenize(text: str) -> list[str]:
    """The joined tokens followed by their parts, flattened."""
    normalised = normalise(text)
    raws = _TOKEN.findall(normalised)
    if "-" not in normalised and "'" not in normalised:
        # No token has parts (most texts): the indexing fast path.
        return [raw[:MAX_TOKEN_LENGTH] for raw in raws]
    out: list[str] = []
    for raw in raws:
        joined, parts = _joined_and_parts(raw[:MAX_TOKEN_LENGTH])
        out.append(joined)
        out.extend(p for p in parts if p != joined)
    return out


def surface_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised token) for each token of `text` as written, for highlighting.
    Positions refer to `text` itself, which is why this works on the original string."""
    out = []
    for match in _TOKEN.finditer(text):
        out.append(
            (match.start(), match.end(), "".join(re.split(r"['-]", normalise(match.group()))))
        )
    return out


def grams(token: str, n: int = 4) -> list[str]:
    """Character n-grams of a token padded with boundary marks; short tokens give one gram."""
    padded = f"_{token}_"
    if len(padded) <= n:
        return [padded]
    return [padded[i : i + n] for i in range(len(padded) - n + 1)]
