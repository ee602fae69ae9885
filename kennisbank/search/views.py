"""The search page /zoeken/ and the suggestion endpoint /zoeken/suggesties/."""

import math

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from kennisbank.taxonomy.models import Sector, ThemePage

from .analyzer import get_analyzer
from .conf import search_setting
from .engine import get_engine
from .engine.base import SORT_DATE, SORT_RELEVANCE, Filters
from .highlight import highlight, matcher

MAX_PAGE = 1000
# Results change when content is published: shared caches keep a search for a short time only.
SEARCH_MAX_AGE = 30


class BadParameter(ValueError):
    pass


def _int_param(request, name: str, default=None, minimum: int = 1, maximum: int = 10**12):
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 13:
        raise BadParameter(name)
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadParameter(name)
    return value


def _content_type_names() -> dict[str, str]:
    from kennisbank.taxonomy.models.content import content_page_models

    return {
        m._meta.label_lower: str(m._meta.verbose_name_plural).capitalize()
        for m in content_page_models()
    }


def _facet_links(request, facets: dict, names: dict) -> list[dict]:
    """Facets as lists of links; each link toggles its value and goes back to page 1."""
    groups = []
    labels = {
        "content_type": (_("Content type"), "type"),
        "theme": (_("Theme"), "thema"),
        "sector": (_("Sector"), "sector"),
        "year": (_("Year"), "jaar"),
    }
    for facet, (label, param) in labels.items():
        items = []
        current = request.GET.get(param, "")
        for value, count in facets.get(facet, []):
            query = request.GET.copy()
            query.pop("pagina", None)
            selected = str(value) == current
            if selected:
                query.pop(param, None)
            else:
                query[param] = str(value)
            items.append(
                {
                    "label": names[facet].get(value, str(value)),
                    "count": count,
                    "selected": selected,
                    "url": "?" + query.urlencode(),
                }
            )
        if items:
            groups.append({"label": label, "items": items})
    return groups


def search(request):
    text = request.GET.get("q", "")[: search_setting("MAX_QUERY_LENGTH") * 5].strip()
    context = {"q": text, "hits": [], "total": 0}
    status = 200
    try:
        page = _int_param(request, "pagina", 1, maximum=MAX_PAGE)
        year = _int_param(request, "jaar", None, minimum=1000, maximum=9999)
        theme = _int_param(request, "thema", None)
        sort = request.GET.get("sortering", SORT_RELEVANCE)
        if sort not in (SORT_RELEVANCE, SORT_DATE):
            raise BadParameter("sortering")
    except BadParameter as error:
        context["error"] = _("This search link contains an invalid value (%(name)s).") % {
            "name": error.args[0]
        }
        response = render(request, "search/search.html", context, status=400)
        return response

    if text:
        per_page = search_setting("RESULTS_PER_PAGE")
        filters = Filters(
            content_type=request.GET.get("type", "")[:100],
            theme=theme,
            sector=request.GET.get("sector", "")[:20],
            year=year,
        )
        exact = request.GET.get("exact") == "1"
        engine = get_engine()
        results = engine.search(
            text,
            filters=filters,
            sort=sort,
            offset=(page - 1) * per_page,
            limit=per_page,
            repair=not exact,
        )
        pages = max(1, math.ceil(results.total / per_page))
        if page > pages and results.total:
            # Out of range: show the last page rather than an empty one.
            page = pages
            results = engine.search(
                text,
                filters=filters,
                sort=sort,
                offset=(page - 1) * per_page,
                limit=per_page,
                repair=not exact,
            )
        query_terms = set(results.query.words)
        is_hit = matcher(get_analyzer(), query_terms)
        for hit in results.hits:
            hit.snippet = highlight(hit.body or hit.summary, is_hit)
            hit.title_html = highlight(hit.title, is_hit, window=1000, max_chars=500)
        names = {
            "content_type": _content_type_names(),
            "theme": dict(ThemePage.objects.values_list("pk", "title")),
            "sector": dict(Sector.objects.values_list("code", "name")),
            "year": {},
        }
        for hit in results.hits:
            hit.type_label = names["content_type"].get(hit.content_type, "")
        base = request.GET.copy()
        base.pop("pagina", None)
        original = request.GET.copy()
        original["exact"] = "1"
        original.pop("pagina", None)
        sort_links = []
        for value, label in ((SORT_RELEVANCE, _("Relevance")), (SORT_DATE, _("Newest first"))):
            q = base.copy()
            q["sortering"] = value
            sort_links.append(
                {"label": label, "url": "?" + q.urlencode(), "current": sort == value}
            )
        context.update(
            {
                "hits": results.hits,
                "total": results.total,
                "facets": _facet_links(request, results.facets, names),
                "filtered": filters.active,
                "repaired": results.query.repaired if not exact else [],
                "repaired_text": results.query.repaired_text,
                "original_url": "?" + original.urlencode(),
                "page": page,
                "pages": pages,
                "previous_url": _page_url(base, page - 1) if page > 1 else "",
                "next_url": _page_url(base, page + 1) if page < pages else "",
                "sort_links": sort_links,
                "first": (page - 1) * per_page + 1,
                "last": (page - 1) * per_page + len(results.hits),
            }
        )
    response = render(request, "search/search.html", context, status=status)
    patch_cache_control(response, public=True, max_age=SEARCH_MAX_AGE, s_maxage=SEARCH_MAX_AGE)
    return response


def _page_url(base, number: int) -> str:
    q = base.copy()
    q["pagina"] = str(number)
    return "?" + q.urlencode()


def suggest(request):
    """Up to six titles for the words typed so far, as JSON: [{"title", "url"}]."""
    text = request.GET.get("q", "")[: search_setting("MAX_QUERY_LENGTH")].strip()
    items = []
    if len(text) >= 2:
        results = get_engine().search(text, limit=6, facets=False, rm3=False)
        items = [{"title": h.title, "url": h.url} for h in results.hits]
    response = JsonResponse({"query": text, "suggestions": items})
    patch_cache_control(response, public=True, max_age=SEARCH_MAX_AGE, s_maxage=SEARCH_MAX_AGE)
    return response
