"""The suggested citation of an article, in APA 7 as written in Dutch.

A deliberately small formatter for the article's own citation; the literature work replaces it
with a full CSL processor. It already follows the Dutch particle convention ("Wit, A. de")."""

from django.utils.html import format_html


def format_author_list(names: list[str]) -> str:
    """APA 7: "A", "A, & B", "A, B, & C"; 21 or more authors: first 19, an ellipsis, the last."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) > 20:
        return ", ".join(names[:19]) + ", … " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def citation_parts(article) -> dict:
    return {
        "authors": format_author_list([author.citation_name for author in article.authors]),
        "year": article.published_date.year if article.published_date else None,
        "title": article.title,
        "site": article.get_site_name(),
    }


def citation_html(article) -> str:
    """Author (Year). <em>Title</em>. Site. — the retrieval phrase with date and URL is added by
    the template, because the date is the reader's."""
    parts = citation_parts(article)
    year = parts["year"] or "z.d."
    return format_html(
        "{} ({}). <cite>{}</cite>. {}.",
        parts["authors"],
        year,
        parts["title"],
        parts["site"],
    )
