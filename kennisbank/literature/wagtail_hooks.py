from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Reference
from .paste import paste_view


class ReferenceViewSet(SnippetViewSet):
    model = Reference
    icon = "doc-full"
    menu_label = _("References")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["__str__", "csl_type", "needs_review", "updated_at"]
    list_filter = ["csl_type", "needs_review"]
    search_fields = ["title", "raw_text", "container_title"]
    copy_view_enabled = False


register_snippet(ReferenceViewSet)


@hooks.register("register_admin_urls")
def register_paste_url():
    return [path("literatuur/plakken/", paste_view, name="literature_paste")]


class PasteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("literature.add_reference")


@hooks.register("register_admin_menu_item")
def register_paste_menu_item():
    return PasteMenuItem(
        _("Paste literature"), reverse("literature_paste"), icon_name="doc-full", order=221
    )
