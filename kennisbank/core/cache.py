"""One counter for "published content changed". Fragments built from many pages (the theme menu,
listings) put it in their cache key, so a publish anywhere makes them stale at once without
tracking which page touched which fragment.

A request reads the counter once (ContentVersionMiddleware) instead of once per cache key: with
the file-based cache each read is a file read."""

import threading

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
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)
    # The rest of this request (e.g. the redirect after publishing) sees the new version.
    _request_state.version = None


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
