from django.core.management.base import BaseCommand

from portal.backoffice.reminders import send_verification_reminders


class Command(BaseCommand):
    help = "Email each centre's staff the entries nobody has verified for six months."

    def handle(self, *args, **options):
        sent = send_verification_reminders()
        self.stdout.write(f"Sent {sent} reminder email(s).")
