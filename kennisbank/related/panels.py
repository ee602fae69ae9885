"""Edit panels for a page's related-content curation, added as a tab by each content type."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import HelpPanel, InlinePanel, ObjectList, TabbedInterface

related_panels = [
    HelpPanel(
        content=_(
            "<p>The related block is computed from shared topics and similar text when the "
            "page is published. Pinned pages always come first; excluded pages never appear. "
            "Changes take effect when you publish.</p>"
        )
    ),
    InlinePanel("related_pins", label=_("Pinned"), heading=_("Always show")),
    InlinePanel("related_exclusions", label=_("Excluded"), heading=_("Never show")),
]


def content_edit_handler(content_panels, promote_panels, settings_panels) -> TabbedInterface:
    """The editor's tabs for every content type: content, topics, related, promote, settings."""
    from kennisbank.taxonomy.models import ContentPage

    return TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(ContentPage.taxonomy_panels, heading=_("Topics")),
            ObjectList(related_panels, heading=_("Related")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )
