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
import mmap
import os
import sys
import zlib
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from .stopwords import STOPWORDS

WORDLIST = Path(__file__).resolve().parent.parent / "data" / "wordlist_nl.txt.gz"
LINKERS = ("", "s", "e", "en", "er")
# Part of the cached lexicon file's name: raise it when _build_lexicon changes what it holds.
LEXICON_FORMAT = 2
# Extra function words that are valid words but never useful compound parts.
_BAD_PARTS = STOPWORDS | {"onder", "boven", "tussen", "achter", "langs", "sinds", "zonder"}
# Words that are also derivational suffixes or inflections: as the last part they are the
# word's own ending, not a second word ("gebruik|elijk", "werk|ende", "kalm|eren",
# "mogelijk|heden", "regel|matige", "hetero|gene", "burger|schap").
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
        "schap",
        "schappen",
    ]
)


def _cache_path() -> Path | None:
    """A local cache of the joined table under the site's var directory, generated on the
    machine, never committed (wordfreq's data is CC-BY-SA). Every worker maps the same file."""
    try:
        from importlib.metadata import version as package_version

        from django.conf import settings

        version = package_version("wordfreq")
        return Path(settings.VAR_DIR) / "search" / f"lexicon-nl-{version}-{LEXICON_FORMAT}.bin"
    except Exception:
        return None


def _build_lexicon() -> dict[str, float]:
    import wordfreq

    from .text import fold

    # The word list and the analyzer's tokens are accent-folded ("coordinator"), wordfreq's
    # keys are not ("coördinator"): fold them too, adding up the spellings that fold together.
    freqs: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("nl", wordlist="large").items():
        folded = fold(word)
        freqs[folded] = freqs.get(folded, 0.0) + frequency
    words = gzip.decompress(WORDLIST.read_bytes()).decode().split("\n")
    table = {w: math.log(freqs[w]) for w in words if w in freqs and w not in _BAD_PARTS}
    del freqs
    wordfreq.get_frequency_dict.cache_clear()
    return table


class CompactLexicon:
    """Word -> log frequency without a Python object per word: sorted 64-bit word hashes and
    their values (rounded to 4 decimals) in one buffer, looked up by binary search. About
    2 MB for ~150,000 words instead of ~25 MB for a dict (~35 MB at its peak while loading),
    and when the buffer is a mapped file its pages are shared by every worker process.

    The hash is CRC-32 and Adler-32 side by side: both are in zlib (fast), and two words
    would have to collide in both. A build with a colliding pair keeps neither (never seen)."""

    HEADER = 8

    def __init__(self, buffer):
        view = memoryview(buffer)
        n = int.from_bytes(view[: self.HEADER], "little")
        self._n = n
        self._keys = view[self.HEADER : self.HEADER + 8 * n].cast("Q")
        self._values = view[self.HEADER + 8 * n : self.HEADER + 16 * n].cast("d")
        self._buffer = buffer  # keeps a mapped file open

    @staticmethod
    def key(word: str) -> int:
        data = word.encode()
        return zlib.crc32(data) << 32 | zlib.adler32(data)

    @classmethod
    def encode(cls, table: dict[str, float]) -> bytes:
        pairs: dict[int, float | None] = {}
        for word, value in table.items():
            k = cls.key(word)
            pairs[k] = None if k in pairs else round(value, 4)
        items = sorted((k, v) for k, v in pairs.items() if v is not None)
        keys = array("Q", (k for k, _ in items))
        values = array("d", (v for _, v in items))
        if sys.byteorder != "little":  # pragma: no cover
            keys.byteswap()
            values.byteswap()
        return len(items).to_bytes(cls.HEADER, "little") + keys.tobytes() + values.tobytes()

    def get(self, word: str, default=None):
        k = self.key(word)
        i = bisect_left(self._keys, k)
        if i < self._n and self._keys[i] == k:
            return self._values[i]
        return default

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> float:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __len__(self) -> int:
        return self._n


def _map_file(path: Path):
    with path.open("rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


@lru_cache(maxsize=1)
def lexicon() -> CompactLexicon:
    """Word -> log frequency for words in both the word list and wordfreq's Dutch list, built
    once per machine (see _cache_path) and mapped once per process."""
    path = _cache_path()
    if path is not None and path.exists():
        try:
            table = CompactLexicon(_map_file(path))
            if len(table):
                return table
        except (OSError, ValueError, TypeError):
            pass
    data = CompactLexicon.encode(_build_lexicon())
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")  # parallel workers write apart
            tmp.write_bytes(data)
            tmp.replace(path)
            return CompactLexicon(_map_file(path))
        except OSError:
            pass  # a read-only var directory only costs memory
    return CompactLexicon(data)


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
                    # Nor does a suffix-like word start a tail ("burger|schap|s|onderwijs").
                    if parts_left < self.max_parts and part in _SUFFIX_PARTS:
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
