from dataclasses import asdict

from django.core.management.base import BaseCommand

from centres.reference import load_reference_data


class Command(BaseCommand):
    help = "Load or update counties, municipalities, vocabularies and the real centres."

    def handle(self, *args, **options) -> None:
        summary = load_reference_data()
        counts = ", ".join(
            f"{name.replace('_', ' ')}: {count}" for name, count in asdict(summary).items()
        )
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({counts})."))
