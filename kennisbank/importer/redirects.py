"""Old URLs keep working: every imported page's source URL becomes a permanent redirect.

Wagtail's redirect middleware (wagtail.contrib.redirects) already covers most variants seen in
the wild once the path is stored in its normalised form: a trailing slash is dropped on both
sides, query parameters are sorted, and a request whose full path has no redirect is tried
again without its query string (so "?utm_source=…" or "?fbclid=…" tracking still lands).
It does not fold case, and it does not know that a folder's index page and the folder are the
same address, so for those variants a second redirect is stored. Old URLs that need their
query string ("/artikel.php?id=12") lose the fallback when tracking parameters are added;
`kennisbank.importer.middleware` covers that case."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect

from kennisbank.core.bulk import bulk_create_with_signals

MAX_PATH = 255
INDEX_FILES = ("index.php", "index.html", "index.htm", "default.aspx")


def old_paths(source_url: str) -> list[str]:
    """The normalised paths that should lead to the page imported from `source_url`."""
    if not source_url:
        return []
    parts = urlsplit(source_url)
    path = parts.path or "/"
    if path == "/" and not parts.query:
        return []  # never redirect the old home page to one article
    variants = [path + (f"?{parts.query}" if parts.query else "")]
    if path.lower() != path:
        variants.append(path.lower() + (f"?{parts.query}" if parts.query else ""))
    for index in INDEX_FILES:
        if path.lower().endswith("/" + index) and not parts.query:
            folder = path[: -len(index)]
            if folder != "/":
                variants.append(folder)
    result = []
    for variant in variants:
        normalised = Redirect.normalise_path(variant)
        if normalised not in result:
            result.append(normalised)
    return result


def point_old_urls(page, source_url: str, warnings: list[str]) -> list[str]:
    """Create or update the permanent redirects for `source_url` (site-independent, so every
    host name the old site had is covered)."""
    # The page's own address under the site root ("/home/artikel/x/" → "/artikel/x"): a
    # redirect from there to itself would loop.
    own_path = Redirect.normalise_path("/" + page.url_path.split("/", 2)[-1])
    paths = []
    for path in old_paths(source_url):
        if len(path) > MAX_PATH:
            warnings.append(
                _("old URL %(path)s… is longer than %(limit)s characters: no redirect")
                % {"path": path[:60], "limit": MAX_PATH}
            )
        elif path != own_path:
            paths.append(path)
    if not paths:
        return []
    # One query for what exists, one insert for what does not (rather than an
    # update_or_create with its savepoints per path).
    existing = {r.old_path: r for r in Redirect.objects.filter(old_path__in=paths, site=None)}
    for redirect in existing.values():
        if (
            redirect.redirect_page_id != page.pk
            or redirect.redirect_link
            or not redirect.is_permanent
        ):
            redirect.redirect_page, redirect.redirect_link, redirect.is_permanent = page, "", True
            redirect.save(update_fields=["redirect_page", "redirect_link", "is_permanent"])
    new = [
        Redirect(old_path=path, site=None, redirect_page=page, redirect_link="", is_permanent=True)
        for path in paths
        if path not in existing
    ]
    bulk_create_with_signals(Redirect, new)
    return paths
