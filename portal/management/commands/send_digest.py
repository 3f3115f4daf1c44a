from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.digest.sending import send_digests


class Command(BaseCommand):
    help = (
        "Queue for each confirmed digest subscriber the offerings published since their last "
        "digest (run weekly). Safe to run again: nobody gets two digests on the same day."
    )

    def handle(self, *args, **options):
        run = send_digests(now=timezone.now())
        # Counts only: the addresses stay out of cron's mail and the logs.
        self.stdout.write(
            f"Digests sent: {run.sent}; nothing new: {run.nothing_new}; "
            f"already sent today: {run.already_sent_today}; "
            f"expired unconfirmed subscriptions deleted: {run.forgotten}."
        )
