from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from requests.models import Notification
from requests.notifications import deliver_due

# Sent emails hold replies and addresses; the outbox keeps them only long enough to look into a
# complaint that a message never arrived.
KEEP_SENT_FOR = timedelta(days=30)


class Command(BaseCommand):
    help = "Send the request emails that are due, retrying failed ones. Run every few minutes."

    def handle(self, *args, **options):
        sent, failed = deliver_due()
        removed, _ = Notification.objects.filter(
            sent_at__lt=timezone.now() - KEEP_SENT_FOR
        ).delete()
        self.stdout.write(f"Sent {sent}, failed {failed}, removed {removed} old sent email(s).")
