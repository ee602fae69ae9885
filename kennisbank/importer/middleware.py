"""Old URLs keyed by their query string ("/artikel.php?id=12") still redirect when links in the
wild add tracking parameters or stray separators ("?id=12&utm_source=nieuwsbrief", "?id=12&").

Wagtail's RedirectMiddleware tries the full path and then the path without any query string, so
the first case misses it and the second finds no redirect. This middleware runs only on a 404
with a query string, drops the parameters that never identify a page, and looks again."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from django import http
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

TRACKING_PREFIXES = ("utm_", "mc_", "_ga", "_gl", "pk_", "mtm_")
TRACKING_NAMES = {"fbclid", "gclid", "msclkid", "dclid", "yclid", "igshid", "ref", "source"}


def without_tracking(query: str) -> str:
    pairs = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if name
        and name.lower() not in TRACKING_NAMES
        and not name.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlencode(pairs)


class LegacyQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        if response.status_code != 404 or not query:
            return response
        cleaned = without_tracking(query)
        if not cleaned or cleaned == query:
            return response  # nothing dropped: Wagtail's own lookup already had its chance
        path = Redirect.normalise_path(f"{request.path}?{cleaned}", decode_unicode=False)
        redirect = get_redirect(request, path)
        if redirect is None or redirect.link is None:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(redirect.link)
        return http.HttpResponseRedirect(redirect.link)
