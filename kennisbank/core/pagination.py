from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import SimpleLazyObject

PAGE_PARAMETER = "pagina"


def requested_page_number(request) -> int:
    """The page number asked for, as a positive int; anything else counts as page 1."""
    try:
        return max(1, int(request.GET.get(PAGE_PARAMETER, 1)))
    except (TypeError, ValueError):
        return 1


def paginate(queryset, number: int, per_page: int, prepare=None):
    """One page of `queryset`; a number past the end gives the last page. `prepare` runs over
    the page's objects (e.g. taxonomy.listing.as_cards) and may return a new list."""
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(number)
    except (EmptyPage, PageNotAnInteger):
        page = paginator.page(paginator.num_pages)
    if prepare is not None:
        page.object_list = prepare(page.object_list)
    return page


def lazy_page(queryset_factory, number: int, per_page: int, prepare=None):
    """`paginate`, evaluated only when a template uses it: listings rendered inside a cached
    fragment then cost no queries on a cache hit."""
    return SimpleLazyObject(lambda: paginate(queryset_factory(), number, per_page, prepare))
