"""The trained CRF: loading it once and tagging tokens with labels and marginals."""

import threading
from pathlib import Path

import pycrfsuite

from .tokens import token_features

MODEL_PATH = Path(__file__).resolve().parent / "data" / "reference-crf.crfsuite"

_local = threading.local()


class ModelMissingError(RuntimeError):
    pass


def _tagger() -> pycrfsuite.Tagger:
    # A Tagger is not thread-safe, so each thread opens its own (the file is small).
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        if not MODEL_PATH.exists():
            raise ModelMissingError(
                f"Reference-parsing model not found at {MODEL_PATH}; "
                "run `make reference-model` to train it."
            )
        tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL_PATH))
        _local.tagger = tagger
    return tagger


def tag(tokens: list[str]) -> tuple[list[str], list[float]]:
    """Labels for the tokens, and for each the model's marginal probability of its label."""
    tagger = _tagger()
    labels = tagger.tag(token_features(tokens))
    marginals = [tagger.marginal(label, i) for i, label in enumerate(labels)]
    return labels, marginals
