"""Uninflected forms of Dutch adjectives and participles, before stemming.

Snowball `dutch` (2025) leaves many inflected adjectives apart from their base form:
"interne" stays `interne` while "intern" is `intern`, "hoogbegaafde" becomes `hoogbegaaf`
while "hoogbegaafd(heid)" is `hoogbegaafd`, "goede", "grote", "hoge" keep their -e. Dutch
spelling makes the base form predictable: drop the -e, undouble a doubled consonant
("zwakke" -> "zwak"), restore the long vowel of an open syllable ("grote" -> "groot",
"hoge" -> "hoog") and the voiceless final consonant ("dove" -> "doof", "boze" -> "boos").
A candidate counts only when the lexicon knows it as a word, so nouns that merely end in -e
("orde", "functie", "ziekte") are left alone. Verb forms in -dt ("houdt", "wordt") lose the t.
"""

import re

_VOWELS = set("aeiou")
# consonant, one vowel that doubles when long (a, e, o, u), consonant, final e
_OPEN_SYLLABLE = re.compile(r"(?:^|[^aeiou])([aeou])([^aeiou])e$")
_DEVOICE = {"v": "f", "z": "s"}
MIN_LENGTH = 4


def base_form_candidates(token: str) -> list[str]:
    """Possible uninflected forms of `token`, most specific first (may be empty)."""
    if len(token) < MIN_LENGTH or not token.isalpha():
        return []
    if token.endswith("dt"):
        return [token[:-1]]
    if not token.endswith("e") or token[-2] in _VOWELS:
        return []
    stem = token[:-1]
    out = []
    if len(stem) >= 3 and stem[-1] == stem[-2]:
        out.append(stem[:-1])  # zwakke -> zwak, snelle -> snel
    match = _OPEN_SYLLABLE.search(token)
    if match:
        vowel, consonant = match.groups()
        out.append(token[: match.start(1)] + vowel * 2 + _DEVOICE.get(consonant, consonant))
    if stem[-1] in _DEVOICE:
        out.append(stem[:-1] + _DEVOICE[stem[-1]])  # lieve -> lief, halve -> half
    out.append(stem)  # interne -> intern, hoogbegaafde -> hoogbegaafd
    return out


def base_form(token: str, is_word) -> str:
    """The uninflected form of `token` when the lexicon (`is_word`) confirms one, else the
    token itself."""
    if len(token) >= MIN_LENGTH and token.endswith("dt") and token.isalpha():
        return token[:-1]
    return next((c for c in base_form_candidates(token) if is_word(c)), token)
