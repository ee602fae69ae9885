"""One counter for "published content changed". Fragments built from many pages (the theme menu,
listings) put it in their cache key, so a publish anywhere makes them stale at once without
tracking which page touched which fragment."""

from django.core.cache import cache

CONTENT_VERSION_KEY = "kennisbank:content-version"


def content_version() -> int:
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


def versioned_key(name: str) -> str:
    return f"kennisbank:{name}:v{content_version()}"
