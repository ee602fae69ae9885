"""Builds wordlist_nl.txt.gz, the compound-part lexicon, from Debian's `wdutch` word list
(OpenTaal, BSD or CC-BY 3.0; see README.md beside this file).

Run by a maintainer after `apt-get install wdutch`; the result is committed so that neither
installing nor running Kennisbank needs the Debian package. Only the word list is used here:
no word frequencies are redistributed (those come from the `wordfreq` package at run time).
"""

import gzip
import sys
import unicodedata
from pathlib import Path

SOURCE = Path("/usr/share/dict/dutch")
TARGET = Path(__file__).with_name("wordlist_nl.txt.gz")


def fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def main(source: Path = SOURCE) -> int:
    words = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        # Lower-case entries only: capitalised ones are names and abbreviations, which make
        # bad compound parts.
        if not word or word != word.lower():
            continue
        word = fold(word)
        if word.isascii() and word.isalpha() and 4 <= len(word) <= 24:
            words.add(word)
    TARGET.write_bytes(gzip.compress("\n".join(sorted(words)).encode(), 9, mtime=0))
    print(f"{len(words)} words -> {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE))
