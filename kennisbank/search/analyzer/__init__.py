"""The Dutch text analyzer: one pipeline for indexing and querying."""

from .analyzer import AnalyzedQuery, Analyzer, get_analyzer
from .text import fold, grams, normalise, tokenize

__all__ = ["Analyzer", "AnalyzedQuery", "fold", "get_analyzer", "grams", "normalise", "tokenize"]
