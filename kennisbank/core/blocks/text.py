from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

INLINE_FEATURES = ["bold", "italic", "link", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    """A section heading. Level 2 starts a section, level 3 a subsection; the page title is the
    only h1, so readers of a screen reader get a correct outline."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (h2)")), ("h3", _("Subsection (h3)"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"])
        return context


class ItemListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bulleted", _("Bulleted")), ("numbered", _("Numbered"))],
        default="bulleted",
        label=_("Style"),
    )
    items = blocks.ListBlock(
        blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Item")),
        min_num=1,
        label=_("Items"),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/item_list.html"
        label = _("List")


class QuoteBlock(blocks.StructBlock):
    """A quotation, or a case ("casus") described as an example in the text."""

    kind = blocks.ChoiceBlock(
        choices=[("quote", _("Quote")), ("case", _("Case"))],
        default="quote",
        label=_("Kind"),
    )
    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Text"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quote or case")
