"""Edit panels for a page's related-content curation, added as a tab by each content type."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import HelpPanel, InlinePanel

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
