"""The analyzer: tokens -> index terms (stems and compound parts) and character grams.

Indexing and querying go through the same functions, so a query term can only ever match what
indexing produced for the same word."""

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import Stemmer

from ..conf import search_setting
from .compounds import CompoundSplitter, word_log_frequency
from .inflection import base_form, infinitive_candidates, singular, verb_infinitive
from .stopwords import STOPWORDS
from .text import grams, tokenize

GRAM_PREFIX = "#"

# Snowball `dutch` (2025) stems begeleiding/begeleiden to "beleid" (policy) and geleid to
# "leid". These prefixes keep their own stem; compound parts go through the same rule.
STEM_PREFIX_EXCEPTIONS = {"begeleid": "begeleid"}
STEM_EXCEPTIONS = {"geleid": "geleid", "geleide": "geleid"}
# A participle's infinitive (or the strong participle's part after ge-) may be at most this
# much (natural log) rarer than the participle: gemotiveerd/motiveren 0.8, gericht/richten 0.4,
# but gezond/zonen 1.0 and geheugen/heugen 4.2.
PARTICIPLE_MARGIN = 1.0
# Particles of separable verbs: the ge- of their participles comes after them.
# fmt: off
SEPARABLE_PARTICLES = (
    "terug", "samen", "tegen", "onder", "voor", "over", "door", "mee", "aan", "bij", "toe",
    "uit", "weg", "vast", "los", "neer", "af", "in", "na", "om", "op", "achter", "open",
    "dicht", "voort", "rond", "tussen", "heen", "vrij", "klaar", "goed", "bekend", "tegemoet",
    "teleur", "plaats", "deel", "les", "stil", "schoon", "kapot", "mis", "thuis", "verder",
    "terecht", "kennis", "stop", "weer",
)
# fmt: on
_PARTICLES_GE = tuple(p + "ge" for p in SEPARABLE_PARTICLES)
# One family: -isme, -ist, -isten, -istisch, -istische (longest first).
ISM_SUFFIXES = ("istische", "istisch", "isten", "isme", "ist")
# Shorter stems are too ambiguous to stand for a word ("orde" would be `or`, "ass" `as`).
MIN_STEM_LENGTH = 3


@dataclass
class AnalyzedQuery:
    text: str
    tokens: list[str]
    # term -> weight for the word field and for the gram field
    words: dict[str, float] = field(default_factory=dict)
    grams: dict[str, float] = field(default_factory=dict)
    repaired: list[tuple[str, str]] = field(default_factory=list)

    @property
    def repaired_text(self) -> str:
        return " ".join(self.tokens)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.grams


class Analyzer:
    def __init__(self, protected: frozenset[str] = frozenset(), gram_size: int = 4):
        self.stemmer = Stemmer.Stemmer("dutch")
        self.porter = Stemmer.Stemmer("dutch_porter")
        self.splitter = CompoundSplitter()
        self.protected = protected
        self.gram_size = gram_size
        self._stem_cache: dict[str, str] = {}
        self._word_cache: dict[str, tuple[str, ...]] = {}
        self._gram_cache: dict[str, tuple[str, ...]] = {}

    # -- single words ---------------------------------------------------------------------
    def stem(self, token: str) -> str:
        cached = self._stem_cache.get(token)
        if cached is not None:
            return cached
        if token in self.protected or not token.isalpha():
            result = token
        elif token in STEM_EXCEPTIONS:
            result = STEM_EXCEPTIONS[token]
        else:
            result = next(
                (
                    stem
                    for prefix, stem in STEM_PREFIX_EXCEPTIONS.items()
                    if token.startswith(prefix)
                ),
                None,
            ) or self._stem_word(token)
        if len(self._stem_cache) > 200_000:
            self._stem_cache.clear()
        self._stem_cache[token] = result
        return result

    def _stem_word(self, token: str) -> str:
        base = self._base(token)
        stem = self.stemmer.stemWord(base)
        leading_ge = (
            base.startswith("ge")
            and not stem.startswith("ge")
            and not self._is_strong_participle(base)
        )
        if leading_ge:
            # Snowball `dutch` takes a leading ge- for a participle's prefix wherever it is:
            # gezin -> "zin", gemeente -> "meen", gebied -> "bied", geheugen -> "heug". Weak
            # participles are already their infinitive here ("gewerkt" -> "werken"); any other
            # word whose ge- Snowball dropped keeps it, stemmed the older way.
            stem = self.porter.stemWord(base)
        if (
            base.endswith("den")
            and not base.endswith("dden")
            and len(base) >= 6
            and stem == base[:-3]
            and not self._is_past_plural(base)
        ):
            # Snowball `dutch` takes the d with the -en: melden -> "mel", aanmelden ->
            # "aanmel", while meld, melding and aanmeldt keep it ("meld", "aanmeld").
            stem = base[:-2]
        if not leading_ge:
            # It also drops a ge inside words, as if they were participles with a prefix:
            # burgerschap -> "burrschap", leerlingbegeleiding -> "leerlingbeleid",
            # management -> "manamen", vergelijken -> "verlijk". That ge goes back into its
            # stem, unless it is a participle's after all (binnengekomen, blootgesteld).
            # After the -den rule, which reads Snowball's own stem: heiligenbeelden then
            # meets heiligenbeeld (Snowball takes the d of both once it dropped the ge).
            at = self._dropped_inner_ge(base, stem)
            if at is not None and not self._is_inner_participle(base, at):
                stem = stem[:at] + "ge" + stem[at:]
        if len(stem) < MIN_STEM_LENGTH:
            # "orde" -> "or", "ass" -> "as": too short to tell words apart.
            stem = self.porter.stemWord(base)
            if len(stem) < MIN_STEM_LENGTH:
                stem = base
        if (
            base.endswith("eren")
            and stem == base[:-4] + "er"
            and word_log_frequency(base[:-4] + "eert") is not None
        ):
            # Snowball `dutch` lengthens the vowel of most -eren infinitives but not all:
            # observeren -> "observeer", motiveren -> "motiver", while motiveert, motivatie
            # and gemotiveerd give "motiveer". A verb the lexicon knows with -eert gets the
            # long spelling; the short one would meet other words (negeren "neger",
            # parkeren "parker").
            stem = base[:-4] + "eer"
        return stem

    @staticmethod
    def _dropped_inner_ge(word: str, stem: str) -> int | None:
        """Where Snowball dropped a "ge" from inside `word`, or None. It drops one at most."""
        i = 0
        while i < len(stem) and i < len(word) and stem[i] == word[i]:
            i += 1
        if i < 2 or word[i : i + 2] != "ge" or stem[i : i + 2] != word[i + 2 : i + 4]:
            return None
        return i

    @staticmethod
    def _is_inner_participle(word: str, at: int) -> bool:
        """Is the ge at `at` a participle's after a separable particle: after one we list,
        or where the word without it (binnengekomen: binnenkomen) or the particle with the
        participle's infinitive (blootgesteld: blootstellen) is a word the lexicon knows?"""
        head, rest = word[:at], word[at:]
        if head in SEPARABLE_PARTICLES or word_log_frequency(head + rest[2:]) is not None:
            return True
        infinitive = Analyzer._participle_infinitive(rest) if len(rest) >= 6 else None
        return infinitive is not None and word_log_frequency(head + infinitive) is not None

    @staticmethod
    def _participle_infinitive(token: str) -> str | None:
        """The infinitive of a weak participle ge-...-t/-d, or of its inflected -te/-de form."""
        if len(token) >= 7 and token[-2:] in ("te", "de"):
            return Analyzer._weak_infinitive(token[:-1], word_log_frequency(token))
        if token[-1] in "td":
            return Analyzer._weak_infinitive(token)
        return None

    @staticmethod
    def _is_past_plural(word: str) -> bool:
        """A weak verb's past tense in -den ("speelden", "versimpelden"): its stem without
        the -den makes an infinitive the lexicon knows, not much rarer than the word itself
        ("melen" is far rarer than "melden", so melden is no past tense of it)."""
        own = word_log_frequency(word)
        for infinitive in infinitive_candidates(word[:-3]):
            value = word_log_frequency(infinitive)
            if value is not None and (own is None or value >= own - PARTICIPLE_MARGIN):
                return True
        return False

    @staticmethod
    def _is_strong_participle(word: str) -> bool:
        """ge- ... -en whose part after ge- is a word about as common as itself: "gelezen" and
        "lezen", not "geheugen" and "heugen"."""
        if not word.endswith("en") or len(word) < 6:
            return False
        rest = word_log_frequency(word[2:])
        own = word_log_frequency(word)
        return rest is not None and (own is None or rest >= own - PARTICIPLE_MARGIN)

    @staticmethod
    def _weak_infinitive(participle: str, own: float | None = None) -> str | None:
        """The infinitive of a weak participle ("gewerkt" -> "werken", "gepest" -> "pesten")
        when the lexicon knows one that is not much rarer than the participle itself: that
        keeps "gezond" from "zonen"."""
        # The -d or -t is the participle's ending ("gespeeld": speelt, spelen; "gekend":
        # kent, kennen, the infinitive at most PARTICIPLE_MARGIN rarer than the -t form, so
        # "gekort" is not read as kort, koren) or the end of the verb's own stem ("gepest":
        # pesten; "gemeld": melden, as "melen" is far rarer than "gemeld"). That second
        # reading needs the stem's present tense in the lexicon ("pest", "meldt"): "geheid"
        # is no participle of "heiden", nor "getijde" of "tijden".
        stem = participle[2:]
        first = verb_infinitive(stem[:-1] + "t", word_log_frequency, margin=PARTICIPLE_MARGIN)
        present = stem if stem.endswith("t") else stem + "t"
        second = stem + "en" if word_log_frequency(present) is not None else None
        # The participle's frequency, or an inflected form's (`own`) when that is higher.
        known = [f for f in (own, word_log_frequency(participle)) if f is not None]
        floor = max(known) - PARTICIPLE_MARGIN if known else None
        # Where both readings pass, the more common verb ("gestort": storten, not storen).
        passing = []
        for infinitive in (first, second):
            value = word_log_frequency(infinitive) if infinitive is not None else None
            if value is not None and (floor is None or value >= floor):
                passing.append((value, infinitive))
        return max(passing)[1] if passing else None

    @staticmethod
    def _ism_family(token: str) -> str | None:
        """autisme, autist(en), autistisch(e) -> "autist", when the lexicon knows both the -isme
        and the -istisch form (realisme, toerisme; not organisme/organist). Snowball `dutch`
        stems autisme to `aut` and leaves autist and autistisch apart."""
        for suffix in ISM_SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                root = token[: -len(suffix)]
                if (
                    word_log_frequency(root + "isme") is not None
                    and word_log_frequency(root + "istisch") is not None
                ):
                    return root + "ist"
                return None
        return None

    @staticmethod
    def _base(token: str) -> str:
        """The form to stem: a verb's infinitive for its -t form ("rekent" -> "rekenen"),
        an adjective's base form for its -e form ("interne" -> "intern")."""
        family = Analyzer._ism_family(token)
        if family is not None:
            return family
        if token.startswith("ge") and len(token) >= 6:
            # A weak verb's participle meets its infinitive: gewerkt, gespeeld and gemotiveerd
            # like werkt, speelt and motiveert; gepest (stem ending in t) like pesten; an
            # inflected one ("geleerde") as its uninflected form, at the higher frequency of
            # the two.
            infinitive = Analyzer._participle_infinitive(token)
            if infinitive is not None:
                token = infinitive  # and on, as the infinitive itself would go
        else:
            # A separable verb's participle has its ge- after the particle: aangemeld,
            # afgekort, ingevuld meet aanmelden, afkorten, invullen when the lexicon knows
            # that verb (Snowball: "aanmel" against "aanmeld", "afkor" against "afkort").
            prefix = (
                next(p for p in SEPARABLE_PARTICLES if token.startswith(p + "ge"))
                if token.startswith(_PARTICLES_GE)
                else None
            )
            if prefix is not None and len(token) >= len(prefix) + 6:
                infinitive = Analyzer._participle_infinitive(token[len(prefix) :])
                if infinitive is not None and word_log_frequency(prefix + infinitive) is not None:
                    token = prefix + infinitive
        if token.endswith("t") and not token.endswith("dt") and len(token) >= 4:
            infinitive = verb_infinitive(token, word_log_frequency)
            if infinitive is not None:
                token = infinitive
        margin = search_setting("SINGULAR_MARGIN")
        if margin is not None and (token.endswith("en") or token.endswith("s")):
            one = singular(token, word_log_frequency, margin)
            if one is not None:
                # The singular goes on as the singular itself would, so both share a stem
                # ("gedachten" as "gedachte").
                return Analyzer._base(one)
        return base_form(token, lambda word: word_log_frequency(word) is not None)

    def parts(self, token: str) -> list[str]:
        if token in self.protected:
            return []
        return self.splitter.split(token)

    def word_terms(self, token: str) -> tuple[str, ...]:
        """The index terms of one token: its stem, then the stems of its compound parts."""
        cached = self._word_cache.get(token)
        if cached is not None:
            return cached
        terms = [self.stem(token)]
        for part in self.parts(token):
            stem = self.stem(part)
            if stem not in terms:
                terms.append(stem)
            # A verb stem as a part ("reken" in "rekenproblemen") also stands for its verb:
            # Snowball stems "reken" to `reek` but "rekenen" to `rekeen`.
            if not part.endswith("t") and part not in self.protected:
                infinitive = verb_infinitive(part, word_log_frequency)
                if infinitive is not None:
                    stem = self.stem(infinitive)
                    if stem not in terms:
                        terms.append(stem)
        result = tuple(terms)
        if len(self._word_cache) > 200_000:
            self._word_cache.clear()
        self._word_cache[token] = result
        return result

    def token_grams(self, token: str) -> tuple[str, ...]:
        cached = self._gram_cache.get(token)
        if cached is None:
            cached = tuple(GRAM_PREFIX + g for g in grams(token, self.gram_size))
            if len(self._gram_cache) > 200_000:
                self._gram_cache.clear()
            self._gram_cache[token] = cached
        return cached

    # -- texts ----------------------------------------------------------------------------
    def content_tokens(self, text: str) -> list[str]:
        """Joined tokens and their parts, without stopwords."""
        return [token for token in tokenize(text) if token not in STOPWORDS]

    def analyze(self, text: str) -> tuple[Counter, Counter, Counter]:
        """Word-term counts, gram counts and surface-word counts of one field's text."""
        tokens = self.content_tokens(text)
        # One count over all terms (in C) instead of a Counter.update per token: indexing
        # spends most of its time here.
        words = Counter(chain.from_iterable(map(self.word_terms, tokens)))
        grams_ = Counter(chain.from_iterable(map(self.token_grams, tokens)))
        return words, grams_, Counter(tokens)

    def is_real_word(self, token: str, min_log_frequency: float) -> bool:
        freq = word_log_frequency(token)
        return freq is not None and freq >= min_log_frequency


@lru_cache(maxsize=8)
def _analyzer_for(protected: frozenset[str]) -> Analyzer:
    return Analyzer(protected=protected)


def get_analyzer(protected: frozenset[str] | None = None) -> Analyzer:
    """A shared analyzer per set of protected words (its caches are worth keeping)."""
    if protected is None:
        from ..editor_data import editor_data

        protected = editor_data().protected
    return _analyzer_for(protected)
