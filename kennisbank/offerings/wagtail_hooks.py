from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Provider


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "group"
    menu_label = _("Providers")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "website", "contact_email"]
    search_fields = ["name"]


register_snippet(ProviderViewSet)
