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


def infinitive_candidates(verb_stem: str) -> list[str]:
    """Possible infinitives of a Dutch verb stem ("reken" -> "rekenen", "leer" -> "leren",
    "lees" -> "lezen", "zit" -> "zitten")."""
    if len(verb_stem) < 3 or not verb_stem.isalpha():
        return []
    out = [verb_stem + "en"]
    head, last = verb_stem[:-1], verb_stem[-1]
    voiced = {"f": "v", "s": "z"}.get(last)
    # a long vowel written double before one consonant is written once before -en
    if len(head) >= 2 and head[-1] == head[-2] and head[-1] in "aeou":
        undoubled = head[:-1]
        out.append(undoubled + last + "en")
        if voiced:
            out.append(undoubled + voiced + "en")
    elif voiced:
        out.append(head + voiced + "en")  # kies -> kiezen, geef is handled above
    if (
        last not in _VOWELS
        and head
        and head[-1] in _VOWELS
        and (len(head) < 2 or head[-2] not in _VOWELS)
    ):
        out.append(verb_stem + last + "en")  # zit -> zitten, pak -> pakken
    return out


def verb_infinitive(token: str, log_frequency, margin: float = 0.0) -> str | None:
    """The infinitive of a present-tense verb form in -t ("rekent", "leest", "speelt") or of a
    verb stem used as a compound part ("reken" in "rekenproblemen"), when the lexicon knows it
    and it is at least as common as the form itself. Snowball `dutch` leaves "rekent" and
    "leest" unstemmed and stems "reken" to `reek` while "rekenen" becomes `rekeen`: stemming
    the infinitive instead brings the forms together. The frequency test keeps nouns in -t
    apart ("best" is not "bessen", "start" not "staren"); `margin` (natural log) lets the
    infinitive be that much rarer, for a form known to be a verb's (a participle's)."""
    own = log_frequency(token)
    stem = token[:-1] if token.endswith("t") and not token.endswith("dt") else token
    best, best_value = None, None
    for candidate in infinitive_candidates(stem):
        value = log_frequency(candidate)
        passes = value is not None and (own is None or value >= own - margin)
        if passes and (best_value is None or value > best_value):  # "kapt": kappen, not kapen
            best, best_value = candidate, value
    return best


def _lengthened(stem: str) -> str | None:
    """ "problem" -> "probleem", "schol" -> "school", "lez" -> "lees": the long vowel of an
    open syllable written double, a voiced final consonant devoiced."""
    match = _OPEN_SYLLABLE.search(stem + "e")
    if not match:
        return None
    vowel, consonant = match.groups()
    return stem[: match.start(1)] + vowel * 2 + _DEVOICE.get(consonant, consonant)


def singular_candidates(token: str) -> list[str]:
    """Possible singular forms of a Dutch plural (or stems of an infinitive)."""
    out = []
    if token.endswith("eren") and len(token) >= 7:
        out.append(token[:-4])  # kinderen -> kind, liederen -> lied
    if token.endswith("en") and len(token) >= 5:
        stem = token[:-2]
        out += [token[:-1], stem]  # methoden -> methode; woorden -> woord, dagen -> dag
        if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            out.append(stem[:-1])  # klassen -> klas
        longer = _lengthened(stem)
        if longer:
            out.append(longer)  # problemen -> probleem, scholen -> school
        if stem[-1] in "vz":
            out.append(stem[:-1] + _DEVOICE[stem[-1]])  # brieven -> brief, huizen -> huis
    elif token.endswith("s") and len(token) >= 6:
        out.append(token[:-1])  # examens -> examen, niveaus -> niveau
    return out


def singular(token: str, log_frequency, margin: float) -> str | None:
    """The most common singular candidate the lexicon knows, if it is at most `margin` (natural
    log) rarer than the token itself: "reden" is no plural of "red", "buiten" none of "buit"."""
    own = log_frequency(token)
    best, best_value = None, None
    for candidate in singular_candidates(token):
        value = log_frequency(candidate)
        if value is not None and (best_value is None or value > best_value):
            best, best_value = candidate, value
    if best is None or (own is not None and best_value < own - margin):
        return None
    return best
