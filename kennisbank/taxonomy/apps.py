from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "kennisbank.taxonomy"
    label = "taxonomy"
    verbose_name = _("Themes and topics")

    def ready(self):
        from kennisbank.core.signals import bump_on_save_and_delete

        from .models import Sector

        bump_on_save_and_delete(Sector)
