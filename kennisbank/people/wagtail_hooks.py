from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["full_name", "bio_line", "organisation", "live"]
    search_fields = ["given_name", "family_name", "organisation"]
    copy_view_enabled = False


register_snippet(AuthorViewSet)
