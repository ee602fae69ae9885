from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import admin_views
from .models import Edition, Subscriber


class EditionEditView(EditView):
    """Once sending has started, the content is frozen: the edit form would only mislead."""

    def dispatch(self, request, *args, **kwargs):
        edition = Edition.objects.filter(pk=kwargs.get("pk")).first()
        if edition is not None and not edition.editable:
            messages.info(request, _("This edition is being sent or was sent; it cannot change."))
            return redirect("newsletter_admin:send", pk=edition.pk)
        return super().dispatch(request, *args, **kwargs)


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "mail"
    menu_label = gettext_lazy("Editions")
    list_display = ["subject", "status", "scheduled_at", "sent_at"]
    list_filter = ["status"]
    copy_view_enabled = True
    edit_view_class = EditionEditView


class SubscriberCreateView(CreateView):
    def dispatch(self, request, *args, **kwargs):
        messages.error(request, _("Subscribers sign up themselves, with double opt-in."))
        return redirect("wagtailsnippets_newsletter_subscriber:list")


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = gettext_lazy("Subscribers")
    list_display = ["email", "status", "created_at", "consent_at"]
    list_filter = ["status", "all_themes"]
    search_fields = ["email"]
    copy_view_enabled = False
    add_view_class = SubscriberCreateView
    # Address and status are not editable: addresses arrive, and become active, only through
    # double opt-in; an editor can change choices, export or erase.
    panels = [
        FieldPanel("all_themes"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sector"),
    ]


class NewsletterGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Newsletter")
    menu_icon = "mail"
    menu_order = 220
    items = (EditionViewSet, SubscriberViewSet)


register_snippet(NewsletterGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("edition/<int:pk>/send/", admin_views.send_page, name="send"),
        path(
            "edition/<int:pk>/preview/<str:mode>/",
            admin_views.preview,
            name="preview",
        ),
        path("subscriber/<int:pk>/export/", admin_views.export, name="export"),
        path("subscriber/<int:pk>/erase/", admin_views.erase, name="erase"),
    ]
    return [path("newsletter/", include((urls, "newsletter_admin")))]


@hooks.register("register_snippet_listing_buttons")
def listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Edition) and user.has_perm("newsletter.change_edition"):
        yield MenuItem(
            _("Preview and send"),
            reverse("newsletter_admin:send", args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )
    if isinstance(snippet, Subscriber):
        if user.has_perm("newsletter.view_subscriber"):
            yield MenuItem(
                _("Export data"),
                reverse("newsletter_admin:export", args=[snippet.pk]),
                icon_name="download",
                priority=20,
            )
        if user.has_perm("newsletter.delete_subscriber"):
            yield MenuItem(
                _("Erase all data"),
                reverse("newsletter_admin:erase", args=[snippet.pk]),
                icon_name="bin",
                priority=30,
            )
