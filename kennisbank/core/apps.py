from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kennisbank.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from wagtail.models import PageViewRestriction, Site

        from . import signals
        from .models import SiteSettings

        for model in (Site, SiteSettings, PageViewRestriction):
            signals.bump_on_save_and_delete(model)
