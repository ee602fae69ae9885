from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ProtectedWord, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["terms", "kind"]
    list_filter = ["kind"]
    search_fields = ["terms"]
    copy_view_enabled = False


class ProtectedWordViewSet(SnippetViewSet):
    model = ProtectedWord
    icon = "lock"
    menu_label = _("Protected words")
    list_display = ["word"]
    search_fields = ["word"]
    copy_view_enabled = False


class SearchViewSetGroup(SnippetViewSetGroup):
    items = (SynonymViewSet, ProtectedWordViewSet)
    menu_icon = "search"
    menu_label = _("Search")
    menu_order = 250


register_snippet(SearchViewSetGroup)
