"""HTML pages of the old site (or any article page): the body comes from the markup (headings,
paragraphs, lists, quotes, links, images with their alternative text), every piece of inline
HTML passes the same nh3 allow-list as Markdown, and everything that is not content (scripts,
styles, forms, frames, navigation, headers, footers, asides) is removed before reading.

The header fields are found as in saved page text, because an HTML page of the old site shows
the same header, citation block, literature list and related block: the page is rendered to
text and read by the saved-text parser. Pages of another shape fall back on their metadata
(<h1>/<title>, meta author, <time>/article:published_time, rel=canonical/og:url)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction
from django.utils.translation import gettext

from kennisbank.core.markdown_body import (
    clean_inline_html,
    heading_block,
    list_block,
    paragraphs_block,
    plain_to_html,
    quote_block,
)

from ..dutch import parse_dutch_date
from ..parsed import ImageRef, ItemError, ParsedArticle, ParsedAuthor, lead_from_body
from . import saved_text

REMOVE = [
    "script",
    "style",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "nav",
    "header",
    "footer",
    "aside",
    "svg",
    "math",
    "template",
    "button",
    "input",
    "select",
    "textarea",
    "link",
    "meta",
    "base",
    "canvas",
    "video",
    "audio",
]
CONSULTED_LINE = re.compile(r"^\s*Geraadpleegd op\b", re.I | re.M)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = HEADINGS | {
    "p",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "img",
    "table",
    "div",
    "section",
    "article",
    "main",
    "pre",
    "dl",
}


def looks_like_html(text: str) -> bool:
    head = text[:4096].lower()
    return bool(re.search(r"<(!doctype html|html|body|article|h1|p)[\s>]", head))


class _Item:
    __slots__ = ("kind", "text", "value")

    def __init__(self, kind: str, text: str, value=None):
        self.kind, self.text, self.value = kind, text, value


def _inline(element: Tag) -> str:
    html = element.decode_contents()
    html = re.sub(r"<(/?)strong\b[^>]*>", r"<\1b>", html)
    html = re.sub(r"<(/?)em\b[^>]*>", r"<\1i>", html)
    return " ".join(clean_inline_html(html).split())


def _text(element: Tag) -> str:
    """The element's text; line breaks (<br>, turned into newlines on parsing) are kept, since
    the old site's citation block and related entries are lines within one paragraph."""
    lines = (" ".join(line.split()) for line in element.get_text(" ").split("\n"))
    return "\n".join(line for line in lines if line)


def _image_item(image: Tag, caption: Tag | None) -> _Item:
    alt = " ".join(str(image.get("alt") or "").split())
    caption_text = _text(caption) if caption else ""
    return _Item("image", alt, ImageRef(str(image.get("src") or ""), alt, caption_text))


def _walk(element: Tag, items: list[_Item], warnings: list[str]) -> None:
    for child in element.children:
        if isinstance(child, Comment | Doctype | ProcessingInstruction):
            continue
        if isinstance(child, NavigableString):
            text = " ".join(str(child).split())
            if text and child.parent is not None:
                items.append(_Item("p", text, plain_to_html(text)))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in HEADINGS:
            text = _text(child)
            if text:
                items.append(
                    _Item("heading", text, "h3" if name in ("h3", "h4", "h5", "h6") else name)
                )
        elif name == "p" or (
            name in ("div", "section", "span", "center", "font") and not child.find(BLOCK_TAGS)
        ):
            text = _text(child)
            if text:
                items.append(_Item("p", text, _inline(child)))
            # Images inside a paragraph would be dropped by the inline allow-list.
            for image in child.find_all("img"):
                items.append(_image_item(image, None))
        elif name in ("ul", "ol"):
            entries = [(_text(li), _inline(li)) for li in child.find_all("li") if _text(li)]
            if entries:
                style = "numbered" if name == "ol" else "bulleted"
                items.append(_Item("list", "\n".join(t for t, _ in entries), (style, entries)))
        elif name == "blockquote":
            paragraphs = [_inline(p) for p in child.find_all("p")] or [_inline(child)]
            items.append(_Item("quote", _text(child), [p for p in paragraphs if p]))
        elif name in ("img", "figure"):
            image = child if name == "img" else child.find("img")
            if image is None:
                _walk(child, items, warnings)
                continue
            items.append(_image_item(image, child.find("figcaption") if name == "figure" else None))
        elif name == "table":
            warnings.append(gettext("a table was flattened into paragraphs"))
            for row in child.find_all("tr"):
                text = " | ".join(_text(cell) for cell in row.find_all(["td", "th"]))
                if text.strip(" |"):
                    items.append(_Item("p", text, plain_to_html(text)))
        elif name == "pre":
            text = child.get_text()
            if text.strip():
                items.append(_Item("p", text.strip(), plain_to_html(text.strip())))
        elif name in ("br", "hr"):
            continue
        else:
            _walk(child, items, warnings)


def _as_text(items: list[_Item]) -> str:
    """The page as saved page text, for the header parser."""
    parts = []
    for item in items:
        if item.kind == "list":
            parts.append("\n".join(f" • {line}" for line in item.text.split("\n")))
        else:
            parts.append(item.text)
    return "\n\n".join(parts)


def parse_html(text: str, source_name: str) -> ParsedArticle:
    soup = BeautifulSoup(text, "html.parser")
    meta = _metadata(soup)
    for element in soup.find_all(REMOVE):
        element.decompose()
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    root = (
        soup.find("article") or soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body
    )
    root = root or soup
    items: list[_Item] = []
    warnings: list[str] = []
    _walk(root, items, warnings)
    if not items:
        raise ItemError(gettext("empty: the HTML page has no readable content"))

    flat = _as_text(items)
    if saved_text.looks_like_saved_text(flat):
        article = saved_text.parse_saved_text(flat, source_name)
        start, end = _body_range(items)
    else:
        article = ParsedArticle(source_format="html", source_name=source_name)
        h1 = next((item for item in items if item.kind == "heading" and item.value == "h1"), None)
        article.title = (h1.text if h1 else "") or meta["title"]
        article.short_title = meta["short_title"] or article.title
        article.authors = [ParsedAuthor(name=name) for name in meta["authors"]]
        article.published_date = meta["date"]
        start = items.index(h1) + 1 if h1 else 0
        end = _first_index(items, start, _ends_body)
        literature_at = _first_index(items, start, _is_literature_heading)
        if literature_at < len(items):
            article.literature = _literature(items[literature_at + 1 :])
    article.source_format = "html"
    article.source_url = article.source_url or meta["source_url"]
    if not article.title:
        raise ItemError(gettext("no title: the page has no <h1>, <title> or citation block"))
    article.body, article.images = _blocks(items[start:end], warnings)
    article.lead = meta["description"] or lead_from_body(article.body)
    article.warnings.extend(warnings)
    return article


def _metadata(soup: BeautifulSoup) -> dict:
    def meta_content(**attrs) -> str:
        tag = soup.find("meta", attrs=attrs)
        return " ".join(str(tag.get("content") or "").split()) if tag else ""

    canonical = soup.find("link", rel="canonical")
    time = soup.find("time", attrs={"datetime": True})
    date_text = meta_content(property="article:published_time") or (
        str(time["datetime"]) if time else ""
    )
    date = None
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})", date_text):
        import datetime

        try:
            date = datetime.date(*map(int, match.groups()))
        except ValueError:
            date = None
    elif date_text:
        date = parse_dutch_date(date_text)
    authors = re.split(r"\s*(?:,|&| en )\s*", meta_content(name="author"))
    source_url = (str(canonical.get("href") or "") if canonical else "") or meta_content(
        property="og:url"
    )
    return {
        # "Article title | Site name": the site's name is not part of the article's title.
        "title": re.split(r"\s+[|–—]\s+", " ".join(soup.title.get_text().split()))[0]
        if soup.title
        else "",
        "short_title": meta_content(name="kennisbank:short_title"),
        "authors": [name for name in authors if name],
        "date": date,
        "source_url": source_url if source_url.startswith(("http://", "https://", "/")) else "",
        "description": meta_content(name="description")[:600],
    }


def _first_index(items: list[_Item], start: int, predicate) -> int:
    return next((i for i in range(start, len(items)) if predicate(items[i])), len(items))


def _consulted(item: _Item) -> bool:
    return bool(CONSULTED_LINE.search(item.text))


def _is_literature_heading(item: _Item) -> bool:
    return item.kind in ("heading", "p") and item.text.lower() in saved_text.LITERATURE_HEADINGS


def _ends_body(item: _Item) -> bool:
    text = item.text.lower()
    return (
        _is_literature_heading(item)
        or (item.kind in ("heading", "p") and text in saved_text.RELATED_HEADINGS)
        or _consulted(item)
        or saved_text._is_boilerplate(item.text)
    )


def _body_range(items: list[_Item]) -> tuple[int, int]:
    """After the citation block (or the "Geplaatst op" line), up to the literature, the
    citation's repeat, the related block or the boilerplate."""
    start = 0
    for index, item in enumerate(items):
        if _consulted(item):
            start = index + 1
            if start < len(items) and re.match(r"^van https?://", items[start].text):
                start += 1
            break
        if saved_text.POSTED.match(item.text):
            start = index + 1
    if start and start < len(items) and saved_text.CITATION.match(items[start].text):
        start += 1
    end = _first_index(items, start, _ends_body)
    # A citation block's first line ("<authors> (<year>) <title>.") precedes "Geraadpleegd op".
    if (
        start < end < len(items)
        and _consulted(items[end])
        and not saved_text.CITATION.match(items[end].text.split("\n")[0])
        and saved_text.CITATION.match(items[end - 1].text)
    ):
        end -= 1
    return start, end


def _literature(items: list[_Item]) -> list[str]:
    entries = []
    for item in items:
        if item.kind == "list":
            entries.extend(line for line in item.text.split("\n") if line)
        elif item.kind == "p" and not _ends_body(item):
            entries.append(item.text)
        else:
            break
    return entries


def _blocks(items: list[_Item], warnings: list[str]) -> tuple[list[dict], list[ImageRef]]:
    blocks: list[dict] = []
    images: list[ImageRef] = []
    paragraphs: list[str] = []

    def flush():
        if paragraphs:
            blocks.append(paragraphs_block(paragraphs.copy()))
            paragraphs.clear()

    for item in items:
        if item.kind == "p":
            if item.value:
                paragraphs.append(item.value)
            continue
        flush()
        if item.kind == "heading":
            blocks.append(heading_block(item.text, "h3" if item.value == "h3" else "h2"))
        elif item.kind == "list":
            style, entries = item.value
            blocks.append(list_block([html for _, html in entries if html], style))
        elif item.kind == "quote" and item.value:
            blocks.append(quote_block(item.value))
        elif item.kind == "image":
            ref: ImageRef = item.value
            if not ref.alt and not ref.caption:
                warnings.append(
                    gettext("image %(src)r skipped: it has no alternative text")
                    % {"src": ref.src[:80]}
                )
                continue
            ref.position = len(blocks)
            images.append(ref)
    flush()
    return blocks, images
