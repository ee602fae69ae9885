"""Markdown with YAML front matter, for authors who write outside the admin.

Front matter keys: title (required), short_title, lead, slug, authors (names, or mappings with
name, bio_line, organisation), date (or published), themes, topics, sectors (codes such as
"vo"), source_url, literature (one string per entry). The body goes through the same converter
as the demo content (`kennisbank.core.markdown_body`)."""

from __future__ import annotations

import datetime
import re

import yaml
from django.utils.translation import gettext as _

from kennisbank.core.markdown_body import markdown_to_body

from ..parsed import ItemError, ParsedArticle, ParsedAuthor, lead_from_body

MAX_FRONT_MATTER = 64 * 1024
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")


def looks_like_markdown(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("---")


def split_front_matter(text: str) -> tuple[dict, str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise ItemError(_("unknown layout: Markdown needs YAML front matter between --- lines"))
    end = text.find("\n---", 4)
    if end == -1:
        raise ItemError(_("unknown layout: the front matter is not closed with ---"))
    if end > MAX_FRONT_MATTER:
        raise ItemError(_("front matter too large"))
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError as error:
        raise ItemError(
            _("front matter is not valid YAML (%(error)s)") % {"error": error.__class__.__name__}
        ) from error
    if not isinstance(meta, dict):
        raise ItemError(_("front matter is not a mapping of keys to values"))
    body = text[end + 4 :]
    return meta, body.split("\n", 1)[1] if "\n" in body else ""


def _strings(meta: dict, key: str) -> list[str]:
    value = meta.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ItemError(_("front matter: %(key)s must be a list") % {"key": key})
    return [str(item).strip() for item in value if str(item).strip()]


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise ItemError(
            _("front matter: date %(value)r is not YYYY-MM-DD") % {"value": value}
        ) from error


def parse_markdown(text: str, source_name: str) -> ParsedArticle:
    meta, body = split_front_matter(text)
    title = str(meta.get("title") or "").strip()
    if not title:
        raise ItemError(_("no title: the front matter has no title"))
    article = ParsedArticle(source_format="markdown", source_name=source_name, title=title)
    article.short_title = str(meta.get("short_title") or title).strip()
    article.slug = str(meta.get("slug") or "").strip()
    article.published_date = _date(meta.get("date", meta.get("published")))
    article.source_url = str(meta.get("source_url") or "").strip()
    article.themes = _strings(meta, "themes")
    article.topics = _strings(meta, "topics")
    article.sectors = [code.lower() for code in _strings(meta, "sectors")]
    article.literature = _strings(meta, "literature")
    for entry in meta.get("authors") or []:
        if isinstance(entry, dict) and entry.get("name"):
            name = str(entry["name"]).strip()
            article.authors.append(
                ParsedAuthor(
                    name=name,
                    bio_line=str(entry.get("bio_line") or "").strip(),
                    organisation=str(entry.get("organisation") or "").strip(),
                    initials=str(entry.get("initials") or "").strip(),
                )
            )
        elif isinstance(entry, str) and entry.strip():
            article.authors.append(ParsedAuthor(name=entry.strip()))
        else:
            article.warnings.append(_("author entry %(entry)r ignored: no name") % {"entry": entry})
    article.body = markdown_to_body(body)
    for alt, src in MARKDOWN_IMAGE.findall(body):
        article.warnings.append(
            _("Markdown image %(src)r not imported (alt text: %(alt)r)")
            % {"src": src[:100], "alt": alt}
        )
    if not article.body:
        article.warnings.append(_("the body is empty"))
    article.lead = str(meta.get("lead") or "").strip() or lead_from_body(article.body)
    return article
