"""Compound splitting from a word list and word frequencies.

Dutch writes compounds as one word ("hechtingsproblemen", "schoolbestuur"), so a query for
"hechting" must find it and a query for "hechtingsproblemen" must find "problemen met
hechting". We index each compound and its parts. The parts come from the OpenTaal word list
(data/wordlist_nl.txt.gz); among possible splits we take the one whose parts have the highest
geometric mean frequency (wordfreq, Dutch). Guards against over-splitting ("schoolbestuur" ->
school|best|uur): parts of at least four letters, no function words as parts, at most three
parts, and a split only when its parts are together more common than the whole word.
"""

import gzip
import math
import os
from functools import lru_cache
from pathlib import Path

from .stopwords import STOPWORDS

WORDLIST = Path(__file__).resolve().parent.parent / "data" / "wordlist_nl.txt.gz"
LINKERS = ("", "s", "e", "en", "er")
# Extra function words that are valid words but never useful compound parts.
_BAD_PARTS = STOPWORDS | {"onder", "boven", "tussen", "achter", "langs", "sinds", "zonder"}
# Words that are also derivational suffixes or inflections: as the last part they are the
# word's own ending, not a second word ("gebruik|elijk", "werk|ende", "kalm|eren",
# "mogelijk|heden", "regel|matige", "hetero|gene").
_SUFFIX_PARTS = frozenset(
    [
        "lijk",
        "lijke",
        "baar",
        "bare",
        "heden",
        "ende",
        "enden",
        "eren",
        "eden",
        "oren",
        "meren",
        "leren",
        "rijen",
        "matig",
        "matige",
        "gene",
        "genen",
    ]
)


def _cache_path() -> Path | None:
    """A local cache of the joined table under the site's var directory: loading it costs a
    fraction of the memory of loading wordfreq's full table in every worker. It is generated
    on the machine, never committed (wordfreq's data is CC-BY-SA)."""
    try:
        from importlib.metadata import version as package_version

        from django.conf import settings

        version = package_version("wordfreq")
        return Path(settings.VAR_DIR) / "search" / f"lexicon-nl-{version}.tsv"
    except Exception:
        return None


def _build_lexicon() -> dict[str, float]:
    import wordfreq

    freqs = wordfreq.get_frequency_dict("nl", wordlist="large")
    words = gzip.decompress(WORDLIST.read_bytes()).decode().split("\n")
    table = {w: math.log(freqs[w]) for w in words if w in freqs and w not in _BAD_PARTS}
    del freqs
    wordfreq.get_frequency_dict.cache_clear()
    return table


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """Word -> log frequency for words in both the word list and wordfreq's Dutch list, built
    once per machine (see _cache_path) and loaded once per process."""
    path = _cache_path()
    if path is not None and path.exists():
        try:
            table = {}
            for line in path.read_text(encoding="utf-8").splitlines():
                word, _, value = line.partition("\t")
                table[word] = float(value)
            if table:
                return table
        except (OSError, ValueError):
            pass
    table = _build_lexicon()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")  # parallel workers write apart
            tmp.write_text("".join(f"{w}\t{v:.4f}\n" for w, v in table.items()), encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass  # a read-only var directory only costs memory
    return table


def word_log_frequency(word: str) -> float | None:
    return lexicon().get(word)


class CompoundSplitter:
    def __init__(self, min_part: int = 4, max_parts: int = 3, lex: dict[str, float] | None = None):
        self.min_part = min_part
        self.max_parts = max_parts
        self._lex = lex

    @property
    def lex(self) -> dict[str, float]:
        if self._lex is None:
            self._lex = lexicon()
        return self._lex

    def _freq(self, word: str) -> float | None:
        return self.lex.get(word)

    def split(self, word: str) -> list[str]:
        """The parts of `word`, or [] when it is not a compound we trust."""
        if len(word) < 2 * self.min_part or not word.isalpha() or len(word) > 40:
            return []
        best = self._best(word, self.max_parts)
        if best is None or len(best[1]) < 2:
            return []
        score, parts = best
        whole = self._freq(word)
        if whole is not None and score <= whole:
            return []
        return list(parts)

    @lru_cache(maxsize=50_000)  # noqa: B019 - one splitter per process; words repeat a lot
    def _best(self, word: str, parts_left: int) -> tuple[float, tuple[str, ...]] | None:
        """Best (mean log frequency, parts) over splits of `word` into at most `parts_left`."""
        freq = self._freq
        candidates = []
        # A tail (parts_left below the maximum) is never a suffix-like word.
        whole = freq(word)
        if whole is not None and (parts_left == self.max_parts or word not in _SUFFIX_PARTS):
            candidates.append((whole, (word,)))
        if parts_left > 1:
            for i in range(self.min_part, len(word) - self.min_part + 1):
                head, rest = word[:i], word[i:]
                for linker in LINKERS:
                    if linker and not head.endswith(linker):
                        continue
                    part = head[: len(head) - len(linker)]
                    # "acht|er|stand": a function word is no part, even read as part+linker
                    if len(part) < self.min_part or head in _BAD_PARTS:
                        continue
                    part_freq = freq(part)
                    if part_freq is None:
                        continue
                    tail = self._best(rest, parts_left - 1)
                    if tail is None:
                        continue
                    n_tail = len(tail[1])
                    mean = (part_freq + tail[0] * n_tail) / (1 + n_tail)
                    candidates.append((mean, (part, *tail[1])))
        if not candidates:
            return None
        # Prefer fewer parts when scores tie: the first maximum among (score, -parts).
        return max(candidates, key=lambda c: (c[0], -len(c[1])))
