"""Read AnyStyle's labelled reference set (core.xml) into token/label sequences."""

import xml.etree.ElementTree as ET  # noqa: S405 - a trusted local data file, not user input
from pathlib import Path

from ..tokens import tokenize

# AnyStyle's labels mapped onto ours; the parser works with one label per CSL field (or a
# helper label such as "location" that post-processing turns into publisher-place).
LABEL_MAP = {
    "journal": "container-title",
    "source": "note",
    "medium": "note",
    "dataset": "note",
    "director": "author",
    "producer": "author",
}


def load_core(path: Path) -> list[tuple[list[str], list[str]]]:
    tree = ET.parse(path)  # noqa: S314
    sequences = []
    for seq in tree.getroot().iter("sequence"):
        tokens, labels = [], []
        for el in seq:
            label = LABEL_MAP.get(el.tag, el.tag)
            for tok in tokenize(el.text or ""):
                tokens.append(tok)
                labels.append(label)
        if tokens:
            sequences.append((tokens, labels))
    return sequences
