import os

from django.core.management.base import BaseCommand, CommandError

from centres.models import Centre
from offerings.models import Offering
from portal.demo.loader import DEMO_LOGINS, ensure_demo_logins, load_demo_content


class Command(BaseCommand):
    help = (
        "Load fictional demo content (contacts, offerings, requests for help) and the demo "
        "logins. "
        "Never in production. The password comes from DEMO_PASSWORD, else a new one is printed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load offerings only when there are none yet (safe to run on every start).",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Copies of every offering, for measuring pages with more data.",
        )

    def handle(self, *args, if_empty: bool, scale: int, **options) -> None:
        if not Centre.objects.exists():
            raise CommandError("Load the reference data first: manage.py load_reference_data")
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if if_empty and Offering.objects.exists():
            self.stdout.write("Demo content is already loaded; offerings were left as they are.")
        else:
            summary = load_demo_content(scale=scale)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content loaded: {summary.offerings} offerings, "
                    f"{summary.sessions} sessions, {summary.contacts} contact persons, "
                    f"{summary.requests} requests for help."
                )
            )
        password = ensure_demo_logins(password=os.environ.get("DEMO_PASSWORD") or None)
        self.stdout.write("\nDemo logins for the back-office (/admin/):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<32} {login.description}")
        shown = "from DEMO_PASSWORD" if os.environ.get("DEMO_PASSWORD") else password
        self.stdout.write(f"  password: {shown}\n")
