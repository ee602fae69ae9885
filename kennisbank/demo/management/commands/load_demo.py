from django.core.management.base import BaseCommand, CommandError

from kennisbank.demo.loader import DemoContentError, load_demo


class Command(BaseCommand):
    help = "Load the original demo content (themes, topics, authors, articles). Safe to run twice."

    def handle(self, *args, **options):
        try:
            report = load_demo()
        except DemoContentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {len(report.created)} created, {len(report.unchanged)} already present."
            )
        )
