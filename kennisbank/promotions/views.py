"""Counting promotion impressions and clicks on pages that proxies cache whole.

The page HTML is the same for every reader and may come from a shared cache, so it cannot count
anything itself. Each promotion card carries a 1×1 image served by `impression` (never cached,
so every view of the page asks for it, also without JavaScript) and links through `click`, a
redirect. Neither sets a cookie or stores anything about the reader."""

import base64

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.cache import never_cache

from .models import Promotion, count

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@never_cache
def impression(request, pk: int):
    promotion = Promotion.objects.filter(pk=pk).only("pk", "enabled", "starts_at", "ends_at")
    promotion = promotion.first()
    if promotion is not None and promotion.is_active():
        count(promotion.pk, "impressions")
    return HttpResponse(PIXEL, content_type="image/gif")


@never_cache
def click(request, pk: int):
    promotion = Promotion.objects.filter(pk=pk).first()
    if promotion is None:
        raise Http404
    # Old links to an expired promotion still lead to its target, uncounted.
    if promotion.is_active():
        count(promotion.pk, "clicks")
    return HttpResponseRedirect(promotion.target_url)
