from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelatedConfig(AppConfig):
    name = "kennisbank.related"
    label = "related"
    verbose_name = _("Related content")

    def ready(self):
        from . import signals  # noqa: F401
