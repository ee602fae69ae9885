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


def fallback_citation_html(page) -> str:
    """Until the background task has rendered the citation (right after an upgrade, or in a
    preview), a plain APA form without the CSL processor: "Jong, W. de (2021). Title. Site."."""
    from django.utils.html import format_html

    names = [author.citation_name for author in page.authors]
    return format_html(
        "{} ({}). <em>{}</em>. {}.",
        _author_list(names),
        _year(page),
        page.title,
        page.get_site_name(),
    )


def _year(page):
    date = page.updated_date or page.published_date
    return date.year if date else "z.d."


def _author_list(names: list[str]) -> str:
    """APA 7: "A", "A, & B", "A, B, & C"; 21 or more: the first 19, an ellipsis, the last."""
    if len(names) > 20:
        return ", ".join(names[:19]) + ", … " + names[-1]
    if len(names) > 1:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return "".join(names)
