from django.core.management.base import BaseCommand, CommandError

from kennisbank.demo.loader import DemoContentError, load_demo


class Command(BaseCommand):
    help = "Load the original demo content (themes, topics, authors, articles). Idempotent."

    def handle(self, *args, **options):
        try:
            report = load_demo()
        except DemoContentError as error:
            raise CommandError(str(error)) from error
        created, present = len(report.created), len(report.unchanged)
        message = f"Demo content: {created} created, {present} already present."
        self.stdout.write(self.style.SUCCESS(message))
