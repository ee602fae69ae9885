"""Markdown to the body StreamField's raw JSON. Used by the demo loader; the importer reuses it
for Markdown with front matter.

Raw HTML in the Markdown is not rendered, and everything that becomes rich text passes through
an nh3 allow-list, so a hostile document cannot bring markup into the page."""

from __future__ import annotations

import re
import uuid

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_INLINE_TAGS = {"b", "i", "a", "br", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
CASE_MARKER = re.compile(r"^\s*<b>\s*(Casus|Case|Praktijkvoorbeeld)\s*:?\s*</b>\s*:?\s*", re.I)

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown_to_body(text: str) -> list[dict]:
    """Blocks for `kennisbank.core.blocks.BodyBlock` in raw JSON form."""
    tokens = _markdown.parse(text)
    blocks: list[dict] = []
    pending_paragraphs: list[str] = []

    def flush_paragraphs():
        if pending_paragraphs:
            blocks.append(_block("paragraph", "".join(pending_paragraphs)))
            pending_paragraphs.clear()

    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            flush_paragraphs()
            level = "h3" if token.tag in ("h3", "h4", "h5", "h6") else "h2"
            heading = _plain_text(tokens[index + 1])
            if heading:
                blocks.append(_block("heading", {"text": heading, "level": level}))
            index = _skip_to_close(tokens, index)
        elif token.type == "paragraph_open":
            html = _inline_html(tokens[index + 1])
            if html:
                pending_paragraphs.append(f"<p>{html}</p>")
            index = _skip_to_close(tokens, index)
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            flush_paragraphs()
            end = _skip_to_close(tokens, index)
            items = [f"<p>{html}</p>" for html in _list_items(tokens[index:end])]
            if items:
                style = "numbered" if token.type == "ordered_list_open" else "bulleted"
                blocks.append(
                    _block("list", {"style": style, "items": [_item(value) for value in items]})
                )
            index = end
        elif token.type == "blockquote_open":
            flush_paragraphs()
            end = _skip_to_close(tokens, index)
            blocks.append(_quote_block(tokens[index:end]))
            index = end
        elif token.type in ("fence", "code_block"):
            pending_paragraphs.append(f"<p>{_clean(_escape(token.content.strip()))}</p>")
        index += 1
    flush_paragraphs()
    return blocks


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _item(value) -> dict:
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def _skip_to_close(tokens: list[Token], index: int) -> int:
    """Index of the token that closes the one at `index`."""
    opening = tokens[index]
    if opening.nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def _inline_html(token: Token) -> str:
    html = _markdown.renderer.renderInline(token.children or [], _markdown.options, {})
    html = html.replace("<strong>", "<b>").replace("</strong>", "</b>")
    html = html.replace("<em>", "<i>").replace("</em>", "</i>")
    html = re.sub(r"</?code>", "", html)
    return _clean(html).strip()


def _plain_text(token: Token) -> str:
    return "".join(
        child.content for child in token.children or [] if child.type in ("text", "code_inline")
    ).strip()


def _list_items(tokens: list[Token]) -> list[str]:
    """The text of every item, nested lists flattened into their own items."""
    return [
        _inline_html(token) for token in tokens if token.type == "inline" and token.content.strip()
    ]


def _quote_block(tokens: list[Token]) -> dict:
    paragraphs = [_inline_html(token) for token in tokens if token.type == "inline"]
    paragraphs = [text for text in paragraphs if text]
    kind, title = "quote", ""
    if paragraphs and (match := CASE_MARKER.match(paragraphs[0])):
        kind, title = "case", match.group(1).capitalize()
        paragraphs[0] = paragraphs[0][match.end() :]
        paragraphs = [text for text in paragraphs if text]
    text = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return _block("quote", {"kind": kind, "title": title, "text": text, "attribution": ""})


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_INLINE_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


# Building blocks for the importer's other converters (saved page text, HTML), so every route
# into the body produces the same block shapes and passes the same nh3 allow-list.


def clean_inline_html(html: str) -> str:
    """Inline rich text through the allow-list (`b i a br sup sub`, safe link schemes)."""
    return _clean(html).strip()


def plain_to_html(text: str) -> str:
    """Plain text as safe inline HTML."""
    return _clean(_escape(text)).strip()


def heading_block(text: str, level: str = "h2") -> dict:
    return _block("heading", {"text": text.strip()[:200], "level": level})


def paragraphs_block(paragraphs_html: list[str]) -> dict:
    """One paragraph block holding several paragraphs of inline HTML."""
    return _block("paragraph", "".join(f"<p>{html}</p>" for html in paragraphs_html))


def list_block(items_html: list[str], style: str = "bulleted") -> dict:
    return _block("list", {"style": style, "items": [_item(f"<p>{h}</p>") for h in items_html]})


def quote_block(paragraphs_html: list[str], attribution: str = "") -> dict:
    text = "".join(f"<p>{html}</p>" for html in paragraphs_html)
    return _block(
        "quote", {"kind": "quote", "title": "", "text": text, "attribution": attribution[:200]}
    )


def image_block(image_id: int, alt_text: str, caption: str = "") -> dict:
    return _block(
        "image",
        {"image": image_id, "alt_text": alt_text[:250], "caption": caption[:300], "credit": ""},
    )
