from wagtail.models import Site


def relative_url_for_path(url_path: str) -> str | None:
    """The site-relative URL of a page from its `url_path`, without loading the page. Lets
    listings built from `values()` rows link to pages; None when no site serves the path."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None
