from django.core.management.base import BaseCommand

from portal.core.outbox import deliver_due, prune_sent


class Command(BaseCommand):
    help = "Send the emails that are due, retrying failed ones, and prune old sent ones."

    def handle(self, *args, **options):
        sent, failed = deliver_due()
        removed = prune_sent()
        self.stdout.write(f"Sent {sent}, failed {failed}, removed {removed} old sent email(s).")
