"""One counter for "published content changed". Fragments built from many pages (the theme menu,
listings) put it in their cache key, so a publish anywhere makes them stale at once without
tracking which page touched which fragment.

A request reads the counter once (ContentVersionMiddleware) instead of once per cache key: with
the file-based cache each read is a file read."""

import threading
from contextlib import contextmanager

from django.core.cache import cache

CONTENT_VERSION_KEY = "kennisbank:content-version"

_request_state = threading.local()


def content_version() -> int:
    version = getattr(_request_state, "version", None)
    if version is not None:
        return version
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(CONTENT_VERSION_KEY, version, timeout=None)
    return version


def bump_content_version() -> None:
    if getattr(_request_state, "holding", False):
        _request_state.held_bump = True
        return
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)
    # The rest of this request (e.g. the redirect after publishing) sees the new version.
    _request_state.version = None


@contextmanager
def holding_content_version():
    """Inside the block, this thread's bumps are noted, not written: a bulk job (an import
    publishing thousands of pages) would otherwise write the counter once per page, and with
    the file-based cache each write is a file replaced. `release_held_bump()` writes one bump
    for all of them; leaving the block releases it too."""
    previous = getattr(_request_state, "holding", False)
    _request_state.holding = True
    try:
        yield
    finally:
        _request_state.holding = previous
        if not previous:
            release_held_bump()


def release_held_bump() -> None:
    if getattr(_request_state, "held_bump", False):
        _request_state.held_bump = False
        holding, _request_state.holding = getattr(_request_state, "holding", False), False
        try:
            bump_content_version()
        finally:
            _request_state.holding = holding


def versioned_key(name: str) -> str:
    return f"kennisbank:{name}:v{content_version()}"


class ContentVersionMiddleware:
    """Reads the content version once at the start of a request and forgets it at the end."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request_state.version = None
        _request_state.version = content_version()
        try:
            return self.get_response(request)
        finally:
            _request_state.version = None
