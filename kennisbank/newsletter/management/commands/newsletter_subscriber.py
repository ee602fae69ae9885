import json

from django.core.management.base import BaseCommand, CommandError

from kennisbank.newsletter.models import Subscriber
from kennisbank.newsletter.privacy import erase_subscriber, export_subscriber


class Command(BaseCommand):
    help = "Export (as JSON) or erase everything stored about one newsletter subscriber."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Erase without asking.")

    def handle(self, action, email, yes=False, **options):
        subscriber = Subscriber.objects.filter(email__iexact=email.strip()).first()
        if subscriber is None:
            raise CommandError(f"No subscriber with the address {email!r}.")
        if action == "export":
            self.stdout.write(
                json.dumps(export_subscriber(subscriber), indent=2, ensure_ascii=False)
            )
            return
        if not yes:
            raise CommandError("Erasing cannot be undone: add --yes to confirm.")
        erase_subscriber(subscriber)
        self.stdout.write(f"Erased {email}.")
