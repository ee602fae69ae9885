"""Response policies that apply site-wide: cache headers for public pages, CSP for the admin."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

ADMIN_PREFIXES = ("/admin/",)


class PublicCacheMiddleware:
    """Marks successful anonymous GET responses of the public site as cacheable by browsers and
    shared caches, so a whole page can be served from a CDN or reverse proxy.

    A response that already says something about caching (Wagtail's private pages, previews,
    views that set `never_cache`) is left alone, as is anything for a signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIXES):
            response._csp_config = settings.KENNISBANK_ADMIN_CSP["DIRECTIVES"]
            return response
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Cache-Control")
            and not response.cookies
            and not getattr(request, "is_preview", False)
            and not _is_authenticated(request)
        ):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.KENNISBANK_PAGE_MAX_AGE,
                s_maxage=settings.KENNISBANK_PAGE_SHARED_MAX_AGE,
            )
            # Signed-in editors see the same URLs with their own session cookie.
            patch_vary_headers(response, ("Cookie",))
        return response


def _is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class CachedSiteMiddleware:
    """Finds the Wagtail site for a request from the cache instead of a query per request, with
    its root page already resolved to its specific type (Wagtail's router starts there).

    Wagtail looks for `request._wagtail_site` before querying; the cached value is kept until
    published content or a site record changes (core.cache, core.signals)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ADMIN_PREFIXES):
            request._wagtail_site = _cached_site_for(request)
        return self.get_response(request)


def _cached_site_for(request):
    from django.core.cache import cache
    from wagtail.models import Site

    from .cache import versioned_key

    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: let Django's own handling answer 400 later.
        return Site._find_for_request(request)
    key = versioned_key(f"site:{host}")
    found = cache.get(key)
    if found is None:
        site = Site._find_for_request(request)
        if site is not None and site.root_page_id:
            site.root_page.specific  # noqa: B018 — resolve now so the cached copy carries it
        found = (site,)
        cache.set(key, found, timeout=60 * 60)
    return found[0]
