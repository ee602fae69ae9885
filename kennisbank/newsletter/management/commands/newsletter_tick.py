from django.core.management.base import BaseCommand

from kennisbank.newsletter.sending import tick


class Command(BaseCommand):
    help = (
        "Run every minute (cron or a systemd timer): starts due editions, resumes editions "
        "after a worker died, and deletes unconfirmed and long-unsubscribed addresses."
    )

    def handle(self, *args, **options):
        result = tick()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in result.items()))
