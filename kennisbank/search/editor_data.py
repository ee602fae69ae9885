"""Synonyms, abbreviations and protected words from the admin, cached per process until an
editor changes them (SearchState.editor_version)."""

import threading
from dataclasses import dataclass
from functools import cached_property

from .analyzer.text import rich_tokens


@dataclass(frozen=True)
class EditorData:
    version: int
    protected: frozenset[str]
    # (kind, phrases) where each phrase is a tuple of normalised tokens
    groups: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]

    @cached_property
    def listed_tokens(self) -> frozenset[str]:
        """Every token of every group's phrases: typo repair leaves these alone."""
        return frozenset(t for _kind, phrases in self.groups for phrase in phrases for t in phrase)


_lock = threading.Lock()
_cached: EditorData | None = None


def phrase_tokens(text: str) -> tuple[str, ...]:
    return tuple(joined for joined, _parts in rich_tokens(text))


def current_editor_version() -> int:
    from .models import SearchState

    return SearchState.objects.filter(pk=1).values_list("editor_version", flat=True).first() or 0


def editor_data(version: int | None = None) -> EditorData:
    global _cached
    from .models import ProtectedWord, Synonym

    if version is None:
        version = current_editor_version()
    cached = _cached
    if cached is not None and cached.version == version:
        return cached
    with _lock:
        protected = frozenset(
            token
            for word in ProtectedWord.objects.values_list("word", flat=True)
            for token in phrase_tokens(word)
        )
        groups = []
        for kind, terms in Synonym.objects.values_list("kind", "terms"):
            phrases = tuple(p for p in (phrase_tokens(t) for t in terms.split(",")) if p)
            if len(phrases) >= 2:
                groups.append((kind, phrases))
        _cached = EditorData(version=version, protected=protected, groups=tuple(groups))
        return _cached


def bump_editor_version() -> None:
    from django.db.models import F

    from .models import SearchState

    SearchState.objects.get_or_create(pk=1)
    SearchState.objects.filter(pk=1).update(editor_version=F("editor_version") + 1)
