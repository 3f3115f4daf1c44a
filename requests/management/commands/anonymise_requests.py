from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.core.rate_limit import forget_old_hits
from requests.retention import anonymise_closed_requests


class Command(BaseCommand):
    help = (
        "Erase the requester's contact details and all free text of requests for help closed "
        "longer ago than HELP_REQUEST_RETENTION_DAYS, and the network addresses noted by the "
        "request form's rate limit. Run daily."
    )

    def handle(self, *args, **options):
        count = anonymise_closed_requests()
        window = timedelta(seconds=settings.HELP_REQUEST_RATE_WINDOW_SECONDS)
        forgotten = forget_old_hits(older_than=window)
        self.stdout.write(f"Anonymised {count} request(s); forgot {forgotten} network address(es).")
