"""Rate limits on subscribing, kept in Django's cache. Keys hold a keyed hash, never the
address or IP itself, so the cache stores no personal data in the clear."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

HOUR = 3600
DAY = 86400


def _key(kind: str, value: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
    return f"newsletter:rate:{kind}:{digest[:32]}"


def _hit(key: str, window: int) -> int:
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def client_ip(request) -> str:
    # Behind a proxy, configure it to set REMOTE_ADDR (see docs/newsletter.md); a client-chosen
    # X-Forwarded-For header would let bots pick a fresh "IP" per request.
    return request.META.get("REMOTE_ADDR", "")


def ip_allowed(request) -> bool:
    return _hit(_key("ip", client_ip(request)), HOUR) <= settings.NEWSLETTER_RATE_PER_IP


def address_allowed(email: str) -> bool:
    return _hit(_key("address", email), DAY) <= settings.NEWSLETTER_RATE_PER_ADDRESS
