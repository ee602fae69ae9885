from django.core.management.base import BaseCommand

from kennisbank.core.cache import bump_content_version
from kennisbank.literature import services


class Command(BaseCommand):
    help = (
        "Render and store the citation and literature list of every live article now (after an "
        "upgrade; publishing, editing references and the setting do this by themselves)."
    )

    def handle(self, *args, **options):
        from kennisbank.articles.models import ArticlePage

        total = 0.0
        ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
        for page_id in ids:
            total += services.render_article(page_id) or 0.0
        bump_content_version()
        average = total / len(ids) if ids else 0.0
        self.stdout.write(f"Rendered {len(ids)} articles in {total:.1f} s ({average:.2f} s each).")
