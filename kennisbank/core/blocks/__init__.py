"""StreamField blocks shared by the content types; split by kind, assembled here."""

from wagtail import blocks

from .media import CaptionedImageBlock
from .table import CaptionedTableBlock
from .text import HeadingBlock, ItemListBlock, QuoteBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "superscript", "subscript"]


class BodyBlock(blocks.StreamBlock):
    """The body of an article and of other long-form content."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, icon="pilcrow")
    list = ItemListBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    table = CaptionedTableBlock()

    class Meta:
        block_counts = {}


__all__ = [
    "BodyBlock",
    "CaptionedImageBlock",
    "CaptionedTableBlock",
    "HeadingBlock",
    "ItemListBlock",
    "PARAGRAPH_FEATURES",
    "QuoteBlock",
]
