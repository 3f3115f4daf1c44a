"""Reads what a person typed in a municipality box back into a municipality."""

import re

from .models import Municipality

_NUMBER = re.compile(r"^\d{4}$")
_LABEL = re.compile(r"\((\d{4})\)\s*$")
_DISAMBIGUATOR = re.compile(r"\s*\([^)]*\)$")


def _name_forms(name: str) -> set[str]:
    # "Kárášjohka - Karasjok" can be found as the whole or as either parallel name, and
    # "Herøy (Nordland)" also as plain "Herøy" (which then matches two municipalities).
    plain = _DISAMBIGUATOR.sub("", name)
    parts = {part.strip().casefold() for part in plain.split(" - ")}
    return parts | {name.casefold(), plain.casefold()}


def find_municipalities(text: str) -> list[Municipality]:
    """Exact matches for a number, a "Name (1234)" label or a name; empty when nothing fits."""
    text = " ".join(text.split())
    if not text:
        return []
    label = _LABEL.search(text)
    number = label.group(1) if label else (text if _NUMBER.match(text) else None)
    municipalities = Municipality.objects.select_related("county")
    if number:
        return list(municipalities.filter(number=number))
    wanted = text.casefold()
    # SQLite compares only ASCII case-insensitively, so names with æøå are matched in Python.
    return [m for m in municipalities if wanted in _name_forms(m.name)]


def suggest_municipalities(text: str, limit: int = 5) -> list[Municipality]:
    """Municipalities whose name contains the typed text, for a helpful error message."""
    wanted = " ".join(text.split()).casefold()[:100]
    if len(wanted) < 2:
        return []
    return [m for m in Municipality.objects.all() if wanted in m.name.casefold()][:limit]
