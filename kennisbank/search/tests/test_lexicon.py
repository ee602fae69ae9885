"""The compact lexicon answers like the dict it replaces."""

import random

from kennisbank.search.analyzer import compounds
from kennisbank.search.analyzer.compounds import CompactLexicon, CompoundSplitter


def _table(n=2000, seed=7):
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzë"
    words = {"".join(rng.choices(letters, k=rng.randint(3, 14))) for _ in range(n)}
    return {w: -rng.uniform(5, 20) for w in sorted(words)}


def test_lookups_match_the_dict():
    table = _table()
    lex = CompactLexicon(CompactLexicon.encode(table))
    assert len(lex) == len(table)
    for word, value in table.items():
        assert word in lex
        assert lex[word] == round(value, 4)
        assert lex.get(word) == round(value, 4)
    for word in ("", "zzzzzzzzzzzzzzzz", "onderwijsx", next(iter(table)) + "q"):
        if word not in table:
            assert word not in lex
            assert lex.get(word, -1.0) == -1.0


def test_colliding_words_are_left_out(monkeypatch):
    monkeypatch.setattr(CompactLexicon, "key", staticmethod(lambda word: len(word)))
    lex = CompactLexicon(CompactLexicon.encode({"aaaa": -1.0, "bbbb": -2.0, "ccccc": -3.0}))
    assert "aaaa" not in lex and "bbbb" not in lex
    assert lex["ccccc"] == -3.0


def test_splitter_gives_the_same_parts_with_either(tmp_path, monkeypatch):
    table = {"school": -8.0, "bestuur": -9.0, "hechting": -11.0, "problemen": -9.5}
    as_dict = CompoundSplitter(lex=table)
    path = tmp_path / "lexicon.bin"
    monkeypatch.setattr(compounds, "_cache_path", lambda: path)
    monkeypatch.setattr(compounds, "_build_lexicon", lambda: dict(table))
    compounds.lexicon.cache_clear()
    try:
        mapped = compounds.lexicon()
        assert path.exists()  # written once, then mapped by every process
        as_compact = CompoundSplitter(lex=mapped)
        for word in ("schoolbestuur", "hechtingsproblemen", "schoolhechting", "bestuurschool"):
            assert as_compact.split(word) == as_dict.split(word)
        assert as_compact.split("hechtingsproblemen") == ["hechting", "problemen"]
    finally:
        compounds.lexicon.cache_clear()
