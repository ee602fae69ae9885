"""Repairing text that was decoded with the wrong character set.

ftfy handles the common cases (UTF-8 read as Windows-1252 and the like). The pages of the old
platform suffer from a pairing ftfy leaves alone: bytes written as Windows-1252 and read back as
Mac Central European, so "Strategieën" reads "StrategieŽn" and an en dash reads "Ė". Correct
Dutch text is full of characters that the same pairing would also "repair" (é, ö, í, ‘, ’), so
the repair is decided word by word:

- a word is repaired when the repaired form is a known Dutch word and the damaged form is not
  (wordfreq's Dutch frequency list is the judge);
- a word that holds a character Dutch text does not use (Ž, Ū, Ė, ŗ…) is also repaired when the
  repaired form looks like Dutch spelling (names such as "NoŽlle"), but only in a text that has
  shown the damage at least once through a confirmed word, so a correct text with a Polish or
  Czech name in it is never touched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy

SOURCE_ENCODING = "cp1252"
MISREAD_AS = "mac_latin2"

_MISREAD_HIGH = set(bytes(range(0x80, 0x100)).decode(MISREAD_AS))
DUTCH_LETTERS = set("áàâäéèêëíìîïóòôöúùûüçñÁÀÂÄÉÈÊËÍÌÎÏÓÒÔÖÚÙÛÜÇÑ")
DUTCH_PUNCTUATION = set("‘’“”–—…•«»°§©®™£€\u00a0")
# Characters the misreading produces that Dutch text has no use for: their presence is the
# fingerprint of the damage.
SUSPECT = _MISREAD_HIGH - DUTCH_LETTERS - DUTCH_PUNCTUATION - {"ß", "¶", "†", "¨", "¬"}
DASHES = {"–", "—"}
APOSTROPHES = {"’", "'"}

_CANDIDATE = re.compile(r"\S*[^\x00-\x7f]\S*")
_EDGE_PUNCTUATION = "()[]{}.,;:!?\"'‘’“”«»…-–—/*"

FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # Dutch typography uses curly quotes; keep them.
    unescape_html=False,  # HTML is unescaped by its own parser, plain text keeps its "&".
    fix_line_breaks=True,
    normalization="NFC",
)

CONFIRM_MIN_ZIPF = 1.0
CONFIRM_MARGIN = 1.0


@dataclass
class RepairResult:
    text: str
    repairs: list[tuple[str, str]] = field(default_factory=list)


@lru_cache(maxsize=50_000)
def dutch_zipf(word: str) -> float:
    """How common `word` is in Dutch (Zipf scale, 0 = unknown); 0 unless it is one token."""
    from wordfreq import tokenize, zipf_frequency

    tokens = tokenize(word, "nl")
    if len(tokens) != 1 or tokens[0] != word.lower():
        return 0.0
    return zipf_frequency(word, "nl")


def _core(word: str) -> tuple[str, str, str]:
    """Split leading and trailing punctuation from a whitespace-delimited token."""
    start, end = 0, len(word)
    while start < end and word[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and word[end - 1] in _EDGE_PUNCTUATION:
        end -= 1
    return word[:start], word[start:end], word[end:]


def _misread_back(word: str) -> str | None:
    try:
        return word.encode(MISREAD_AS).decode(SOURCE_ENCODING)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _looks_dutch(repaired: str) -> bool:
    """Dutch spelling: accented letters only after another letter (no "üukasz"), no stray
    symbols inside a word; a token that is nothing but a dash is fine."""
    _, core, _ = _core(repaired)
    if not core:
        return all(
            char in DASHES or char in DUTCH_PUNCTUATION or ord(char) < 128 for char in repaired
        )
    if repaired.strip() in DASHES:
        return True
    for position, char in enumerate(core):
        if ord(char) < 128:
            continue
        if char in DUTCH_LETTERS:
            if position == 0 or not core[position - 1].isalpha():
                return False
        elif char in APOSTROPHES:
            continue
        else:
            return False
    return all(
        ord(char) < 128 or char in DUTCH_PUNCTUATION for char in repaired if char not in core
    )


@dataclass
class _Candidate:
    start: int
    end: int
    word: str
    repaired: str
    confirmed: bool
    suspect: bool
    plausible: bool


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for match in _CANDIDATE.finditer(text):
        word = match.group()
        if not any(char in _MISREAD_HIGH for char in word):
            continue
        repaired = _misread_back(word)
        if repaired is None or repaired == word:
            continue
        _, damaged_core, _ = _core(word)
        _, repaired_core, _ = _core(repaired)
        repaired_zipf = dutch_zipf(repaired_core) if repaired_core else 0.0
        confirmed = (
            repaired_zipf >= CONFIRM_MIN_ZIPF
            and repaired_zipf >= dutch_zipf(damaged_core) + CONFIRM_MARGIN
            and _looks_dutch(repaired)
        )
        found.append(
            _Candidate(
                match.start(),
                match.end(),
                word,
                repaired,
                confirmed,
                suspect=any(char in SUSPECT for char in word),
                plausible=_looks_dutch(repaired) and dutch_zipf(damaged_core) == 0.0,
            )
        )
    return found


def repair_misread(text: str) -> RepairResult:
    """Undo Windows-1252 read as Mac Central European, word by word (see the module doc)."""
    candidates = _candidates(text)
    damaged_text = any(candidate.confirmed for candidate in candidates)
    chosen = [
        candidate
        for candidate in candidates
        if candidate.confirmed or (damaged_text and candidate.suspect and candidate.plausible)
    ]
    if not chosen:
        return RepairResult(text)
    parts, position = [], 0
    for candidate in chosen:
        parts.append(text[position : candidate.start])
        parts.append(candidate.repaired)
        position = candidate.end
    parts.append(text[position:])
    return RepairResult("".join(parts), [(c.word, c.repaired) for c in chosen])


def repair_text(text: str) -> RepairResult:
    """ftfy for the common kinds of damage, then the Windows-1252/Mac Central European pairing."""
    fixed = ftfy.fix_text(text, config=FTFY_CONFIG)
    result = repair_misread(fixed)
    result.text = unicodedata.normalize("NFC", result.text)
    return result
