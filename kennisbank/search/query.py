"""Query analysis: hostile input in, weighted word and gram terms out.

The parser never raises on any string: it normalises, drops everything that is not a word
(quotes, brackets, FTS and SQL operators are just punctuation here), caps the length, repairs
typos the index cannot know and adds synonyms from the editors' list."""

import math
from collections.abc import Callable, Iterable

from .analyzer import AnalyzedQuery, Analyzer
from .analyzer.stopwords import QUERY_STOPWORDS as STOPWORDS
from .analyzer.text import rich_tokens
from .conf import search_setting
from .editor_data import EditorData


def query_tokens(text: str) -> list[str]:
    """The joined tokens of a query, capped, stopwords kept (phrases need them)."""
    text = (text or "")[: search_setting("MAX_QUERY_LENGTH")]
    return [joined for joined, _parts in rich_tokens(text)][: search_setting("MAX_QUERY_TOKENS")]


def analyze_query(
    text: str,
    analyzer: Analyzer,
    editor: EditorData,
    *,
    known: Callable[[Iterable[str]], set[str]] | None = None,
    speller=None,
    repair: bool = True,
) -> AnalyzedQuery:
    tokens = query_tokens(text)
    repaired: list[tuple[str, str]] = []
    if repair and known is not None and speller is not None and search_setting("TYPO_REPAIR"):
        tokens, repaired = _repair(tokens, analyzer, known, speller, editor)

    part_weight = search_setting("COMPOUND_PART_WEIGHT")
    gram_norm = search_setting("GRAM_QUERY_WORD_NORM")
    words: dict[str, float] = {}
    grams: dict[str, float] = {}

    def add_word(token: str, weight: float) -> None:
        terms = analyzer.word_terms(token)
        words[terms[0]] = words.get(terms[0], 0.0) + weight
        for term in terms[1:]:
            words[term] = words.get(term, 0.0) + weight * part_weight

    for joined, parts in (item for token in tokens for item in rich_tokens(token)):
        if joined in STOPWORDS:
            continue
        add_word(joined, 1.0)
        for part in parts:
            if part != joined and part not in STOPWORDS:
                add_word(part, part_weight)
        token_grams = analyzer.token_grams(joined)
        gram_weight = len(token_grams) ** -gram_norm if gram_norm else 1.0
        for gram in token_grams:
            grams[gram] = grams.get(gram, 0.0) + gram_weight

    synonym_words, synonym_grams = _synonym_terms(tokens, analyzer, editor)
    for term, weight in synonym_words.items():
        if term not in words:
            words[term] = weight
    for gram, weight in synonym_grams.items():
        grams[gram] = grams.get(gram, 0.0) + weight
    return AnalyzedQuery(text=text, tokens=tokens, words=words, grams=grams, repaired=repaired)


def _stems(analyzer: Analyzer, tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(analyzer.stem(t) for t in tokens)


def _synonym_terms(
    tokens: list[str], analyzer: Analyzer, editor: EditorData
) -> tuple[dict[str, float], dict[str, float]]:
    """Word terms and grams of the other members of every synonym group a query phrase
    belongs to. A member's compound parts come in at COMPOUND_PART_WEIGHT of its weight,
    as for a typed word, and its grams at SYNONYM_GRAM_WEIGHT of it: "tos" then also finds
    "taalstoornis" through "taalontwikkelingsstoornis"."""
    query = _stems(analyzer, tokens)
    part_weight = search_setting("COMPOUND_PART_WEIGHT")
    use_parts = search_setting("SYNONYM_PARTS")
    gram_weight = search_setting("SYNONYM_GRAM_WEIGHT")
    weights = {
        "abbreviation": search_setting("ABBREVIATION_WEIGHT"),
        "synonym": search_setting("SYNONYM_WEIGHT"),
    }
    stemmed_groups, by_first_stem = _stemmed_groups(editor, analyzer)
    words: dict[str, float] = {}
    grams: dict[str, float] = {}
    # Only groups with a phrase that starts with one of the query's stems can match: with
    # some 400 groups, stemming and comparing them all cost about 2 ms a query.
    candidates = sorted({g for stem in query for g in by_first_stem.get(stem, ())})
    for g in candidates:
        kind, phrases = editor.groups[g]
        weight = weights["abbreviation" if kind == "abbreviation" else "synonym"]
        matched = {
            i
            for i, (stems, prefix) in enumerate(stemmed_groups[g])
            if _phrase_in_query(query, tokens, stems, prefix)
        }
        if not matched:
            continue
        for i, phrase in enumerate(phrases):
            if i in matched:
                continue
            content = [t for t in phrase if t not in STOPWORDS] or list(phrase)
            share = weight / len(content)
            for token in content:
                terms = analyzer.word_terms(token)
                for n, term in enumerate(terms if use_parts else terms[:1]):
                    value = share if n == 0 else share * part_weight
                    words[term] = max(words.get(term, 0.0), value)
                if gram_weight > 0:
                    for gram in analyzer.token_grams(token):
                        grams[gram] = max(grams.get(gram, 0.0), share * gram_weight)
    return words, grams


# A one-word member this short matches a query word only if that word starts with it, as
# well as sharing its stem: "oop" (onderwijsondersteunend personeel) is also the stem of
# "open", "eed" of "eden".
SHORT_MEMBER = 4
_stemmed_cache: tuple = (None, None, None)


def _stemmed_groups(editor: EditorData, analyzer: Analyzer):
    """Each group's phrases as (stems, prefix), where prefix is the word a short one-word
    member must start the query word with (else None); and the groups each phrase's first stem
    starts. Kept until the editors' data or the analyzer (its protected words) change."""
    global _stemmed_cache
    cached_editor, cached_analyzer, value = _stemmed_cache
    if cached_editor is editor and cached_analyzer is analyzer:
        return value
    stemmed = [
        [
            (_stems(analyzer, p), p[0] if len(p) == 1 and len(p[0]) <= SHORT_MEMBER else None)
            for p in phrases
        ]
        for _kind, phrases in editor.groups
    ]
    by_first_stem: dict[str, set[int]] = {}
    for g, phrases in enumerate(stemmed):
        for stems, _prefix in phrases:
            if stems:
                by_first_stem.setdefault(stems[0], set()).add(g)
    value = (stemmed, by_first_stem)
    _stemmed_cache = (editor, analyzer, value)
    return value


def _phrase_in_query(query, tokens, stems, prefix) -> bool:
    if prefix is None:
        return _contains(query, stems)
    return any(q == stems[0] and t.startswith(prefix) for q, t in zip(query, tokens, strict=True))


def _contains(seq: tuple[str, ...], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return n > 0 and any(seq[i : i + n] == sub for i in range(len(seq) - n + 1))


def _repair(tokens, analyzer: Analyzer, known, speller, editor: EditorData):
    """Replace tokens the index does not know (not the word's stem, nor all its compound parts)
    and that are not common Dutch words by the closest word of the index's vocabulary. Words
    of the editors' synonym list are never "repaired": they are expanded instead."""
    listed = editor.listed_tokens
    min_length = search_setting("TYPO_MIN_LENGTH")
    real_word = search_setting("TYPO_REAL_WORD_LOG_FREQUENCY")
    candidates = [
        t
        for t in tokens
        if len(t) >= min_length and t.isalpha() and t not in STOPWORDS and t not in listed
    ]
    if not candidates:
        return tokens, []
    needed = {term for t in candidates for term in analyzer.word_terms(t)}
    present = known(needed)
    out, repaired = [], []
    for token in tokens:
        if token in candidates:
            terms = analyzer.word_terms(token)
            is_known = terms[0] in present or (
                len(terms) > 1 and all(p in present for p in terms[1:])
            )
            if not is_known and not analyzer.is_real_word(token, real_word):
                fixed = speller(token)
                if fixed and fixed != token:
                    repaired.append((token, fixed))
                    out.append(fixed)
                    continue
        out.append(token)
    return out, repaired


def idf(n_docs: int, df: int) -> float:
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
