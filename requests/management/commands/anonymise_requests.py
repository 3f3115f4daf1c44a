from django.core.management.base import BaseCommand

from requests.retention import anonymise_closed_requests


class Command(BaseCommand):
    help = (
        "Erase the requester's contact details and all free text of requests for help closed "
        "longer ago than HELP_REQUEST_RETENTION_DAYS. Run daily."
    )

    def handle(self, *args, **options):
        count = anonymise_closed_requests()
        self.stdout.write(f"Anonymised {count} request(s).")
