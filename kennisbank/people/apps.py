from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "kennisbank.people"
    label = "people"
    verbose_name = _("Authors")

    def ready(self):
        from kennisbank.core.signals import bump_on_save_and_delete

        from .models import Author

        bump_on_save_and_delete(Author)
