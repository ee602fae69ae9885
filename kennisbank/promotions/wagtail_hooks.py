from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Promotion


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = _("Promotions")
    menu_order = 230
    add_to_admin_menu = True
    list_display = [
        "title",
        "label",
        "starts_at",
        "ends_at",
        "enabled",
        "total_impressions",
        "total_clicks",
    ]
    list_filter = ["label", "enabled"]
    search_fields = ["title", "advertiser"]


register_snippet(PromotionViewSet)
