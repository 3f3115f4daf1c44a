"""Reading values from links (`?municipality=1121&topic=rus`) and cookies before any query.

A link or cookie can hold anything; these checks keep odd text (NUL characters, which PostgreSQL
refuses outright, "²" that isdigit() accepts) away from the database. Unknown values are ignored.
"""

from __future__ import annotations

import re

SLUG = re.compile(r"[-a-z0-9_]{1,50}")


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def slugs(values: list[str], *, limit: int = 50) -> list[str]:
    """The well-formed slugs among `values`; more than `limit` would only be a crafted link."""
    return [value for value in values[:limit] if is_slug(value)]


def is_number(text: str, *, digits: int) -> bool:
    """Exactly `digits` ASCII digits, as municipality (4) and county (2) numbers are written."""
    return len(text) == digits and text.isascii() and text.isdigit()
