"""Typo repair over the index's own vocabulary with SymSpell, rebuilt per process when the
vocabulary changes (SearchState.vocabulary_version)."""

import threading

_lock = threading.Lock()
_cached: tuple[int, object] | None = None

MAX_EDIT_DISTANCE = 2


def _build(version: int):
    from symspellpy import SymSpell

    from ..models import SearchWord

    sym = SymSpell(max_dictionary_edit_distance=MAX_EDIT_DISTANCE, prefix_length=7)
    for word, df in SearchWord.objects.values_list("word", "df").iterator(chunk_size=5000):
        if word.isalpha() and 3 <= len(word) <= 30:
            sym.create_dictionary_entry(word, df)
    return sym


def _dictionary(version: int):
    global _cached
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is None or _cached[0] != version:
            _cached = (version, _build(version))
        return _cached[1]


def speller_for(version: int):
    """A correct(token) function. The dictionary (the index's whole vocabulary with its
    deletes, several MB) is built on the first token that needs a repair, not for every
    query: a worker that never sees a typo never holds it."""

    def correct(token: str) -> str | None:
        from symspellpy import Verbosity

        sym = _dictionary(version)
        # Short words get one edit, longer ones two: "hoogbegaafheid", "begeleding".
        distance = 1 if len(token) < 8 else MAX_EDIT_DISTANCE
        suggestions = sym.lookup(token, Verbosity.CLOSEST, max_edit_distance=distance)
        return suggestions[0].term if suggestions else None

    return correct
