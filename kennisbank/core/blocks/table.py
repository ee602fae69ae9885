from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        max_length=300,
        label=_("Caption"),
        help_text=_("Says what the table shows; read out first by screen readers."),
    )
    table = TableBlock(
        label=_("Table"),
        table_options={
            "contextMenu": [
                "row_above",
                "row_below",
                "col_left",
                "col_right",
                "remove_row",
                "remove_col",
                "undo",
                "redo",
            ]
        },
    )

    class Meta:
        icon = "table"
        template = "blocks/table.html"
        label = _("Table")
