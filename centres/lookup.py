"""Reads what a person typed in a municipality box back into a municipality."""

import re
from difflib import get_close_matches

from portal.core.folding import fold as fold_letters
from portal.core.query_values import is_number

from .models import Municipality

_NUMBER = re.compile(r"^\d{4}$")
_LABEL = re.compile(r"^(?P<name>.*?)\s*\((?P<number>\d{4})\)$")
_DISAMBIGUATOR = re.compile(r"\s*\([^)]*\)$")
_MUNICIPALITY_WORD = re.compile(r"\s+(kommune|municipality)$", re.IGNORECASE)


def fold(text: str) -> str:
    """Folded letters, with hyphens and runs of spaces read as one space ("Nord-Fron")."""
    return " ".join(fold_letters(text).replace("-", " ").split())


def _name_forms(name: str) -> set[str]:
    # "Kárášjohka - Karasjok" can be found as the whole or as either parallel name, and
    # "Herøy (Nordland)" also as plain "Herøy" (which then matches two municipalities).
    plain = _DISAMBIGUATOR.sub("", name)
    forms = {name, plain, *(part.strip() for part in plain.split(" - "))}
    return {fold(form) for form in forms}


def _clean(text: str) -> str:
    return _MUNICIPALITY_WORD.sub("", " ".join(text.split()))


def find_municipalities(text: str) -> list[Municipality]:
    """Exact matches for a number, a "Name (1234)" label or a name; empty when nothing fits."""
    text = _clean(text)
    if not text:
        return []
    municipalities = Municipality.objects.select_related("county")
    if _NUMBER.match(text):
        return list(municipalities.filter(number=text))
    if label := _LABEL.match(text):
        found = list(municipalities.filter(number=label["number"]))
        # "Oslo (1121)" is a contradiction, not Time: the name must fit the number too.
        return [m for m in found if fold(label["name"]) in _name_forms(m.name)]
    wanted = fold(text)
    return [m for m in municipalities if wanted in _name_forms(m.name)]


def suggest_municipalities(text: str, limit: int = 5) -> list[Municipality]:
    """Names that contain the text or are spelled close to it, for a helpful error message."""
    wanted = fold(_LABEL.sub(r"\g<name>", _clean(text)))[:100]
    if len(wanted) < 2:
        return []
    municipalities = list(Municipality.objects.all())
    by_form = {form: m for m in municipalities for form in _name_forms(m.name)}
    containing = [m for m in municipalities if wanted in fold(m.name)]
    close = [by_form[form] for form in get_close_matches(wanted, by_form, n=limit, cutoff=0.7)]
    suggestions = list(dict.fromkeys(containing + close))
    return suggestions[:limit]


def municipality_by_number(number: str) -> Municipality | None:
    """The municipality a link or cookie names by number; None for anything else."""
    if not is_number(number, digits=4):
        return None
    return Municipality.objects.select_related("county").filter(number=number).first()
