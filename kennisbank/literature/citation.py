"""The article's own citation, as a CSL-JSON item (rendered in APA by render.py, exported by
exports.py)."""

from __future__ import annotations

import datetime


def author_name(author) -> dict:
    name = {"family": author.family_name, "given": author.initials or author.given_name}
    if author.particle:
        name["non-dropping-particle"] = author.particle
    return name


def article_item(page, *, url: str = "", issued: datetime.date | None = None) -> dict:
    """An article is a web page in APA terms: author, date of the latest update, title, site.
    The URL is left out of the rendered citation (the template adds the reader's "Geraadpleegd
    op <date>, van <URL>") but is part of the exports."""
    issued = issued or page.updated_date or page.published_date
    item = {
        "id": f"article-{page.pk}",
        "type": "webpage",
        "title": page.title,
        "container-title": page.get_site_name(),
        "author": [author_name(author) for author in page.authors],
        "language": "nl",
    }
    if issued:
        item["issued"] = {"date-parts": [[issued.year, issued.month, issued.day]]}
    if page.lead:
        item["abstract"] = page.lead
    if url:
        item["URL"] = url
    return item
