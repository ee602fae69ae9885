import time

from django.core.management.base import BaseCommand

from kennisbank.search.engine import get_engine
from kennisbank.search.indexing import all_documents


class Command(BaseCommand):
    help = "Rebuild the search index from all live, public content pages."

    def handle(self, *args, **options):
        start = time.perf_counter()
        count = get_engine().rebuild(all_documents())
        self.stdout.write(f"Indexed {count} pages in {time.perf_counter() - start:.1f} s.")
