"""Search engines behind one small interface (base.SearchEngine)."""

from django.utils.module_loading import import_string

from ..conf import search_setting
from .base import IndexDocument, SearchEngine, SearchHit, SearchResults

_engine: SearchEngine | None = None


def get_engine() -> SearchEngine:
    global _engine
    if _engine is None:
        _engine = import_string(search_setting("ENGINE"))()
    return _engine


__all__ = ["IndexDocument", "SearchEngine", "SearchHit", "SearchResults", "get_engine"]
