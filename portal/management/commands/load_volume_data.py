import time

from django.core.management.base import BaseCommand, CommandError

from centres.models import Centre, Municipality, OfferingType, ServiceArea
from portal.demo.volume import load_volume_data


class Command(BaseCommand):
    help = (
        "Add large synthetic volumes of offerings and requests for help, spread over the last "
        "years, for measuring pages such as the regional overview. Never in production; no "
        "history rows and no emails are written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--requests", type=int, default=200_000, help="Requests for help to add."
        )
        parser.add_argument("--offerings", type=int, default=50_000, help="Offerings to add.")
        parser.add_argument(
            "--centres",
            type=int,
            default=500,
            help="Add synthetic centres until there are this many centres in all.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="The same seed gives the same rows."
        )
        parser.add_argument(
            "--years", type=int, default=2, help="How many years back the rows are spread."
        )

    def handle(
        self, *args, requests: int, offerings: int, centres: int, seed: int, years: int, **options
    ):
        if not all(
            model.objects.exists() for model in (Centre, Municipality, ServiceArea, OfferingType)
        ):
            raise CommandError("Load the reference data first: manage.py load_reference_data")
        if requests < 0 or offerings < 0 or centres < 0:
            raise CommandError("--requests, --offerings and --centres cannot be negative.")
        if years < 1:
            raise CommandError("--years must be 1 or more.")
        started = time.monotonic()
        summary = load_volume_data(
            requests=requests,
            offerings=offerings,
            centres=centres,
            seed=seed,
            years=years,
            report=self.stdout.write,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Volume data loaded in {time.monotonic() - started:.0f} s: "
                f"{summary.centres} centres, {summary.offerings} offerings, "
                f"{summary.sessions} sessions, "
                f"{summary.requests} requests for help, {summary.candidates} candidate rows."
            )
        )
