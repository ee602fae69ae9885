from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiteratureConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kennisbank.literature"
    verbose_name = _("Literature")

    def ready(self):
        from . import signals  # noqa: F401
