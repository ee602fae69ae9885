from django.core.management.base import BaseCommand
from wagtail.models import Page

from kennisbank.core.cache import bump_content_version
from kennisbank.related.services import compute_many


class Command(BaseCommand):
    help = "Recompute the stored 'Related' block of every live page (after an upgrade or import)."

    def handle(self, *args, **options):
        ids = list(Page.objects.live().values_list("pk", flat=True))
        rows = compute_many(ids)
        bump_content_version()
        self.stdout.write(f"Related blocks computed for {len(ids)} pages ({rows} rows).")
