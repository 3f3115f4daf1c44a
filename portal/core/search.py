"""Full-text search behind one function: PostgreSQL's `norwegian` configuration, or a fallback.

PostgreSQL stems Norwegian words ("traume" and "traumer" meet at "traum") and every term is
matched as a prefix, so "rus" finds "rusmidler". SQLite has no text search: there each term,
cut back to a rough stem, must occur in one of the fields.
"""

import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import FloatField, Q, QuerySet, Value

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
# Longest first, so that "-ene" goes before "-e".
_NORWEGIAN_ENDINGS = ("ene", "ane", "er", "en", "et", "ar", "e")


def search_terms(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    return [word[:MAX_TERM_LENGTH] for word in words][:MAX_TERMS]


def rough_stem(word: str) -> str:
    for ending in _NORWEGIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def search_vector(*fields: str) -> SearchVector:
    """The expression both the GIN index and the query use; they must stay identical."""
    return SearchVector(*fields, config="norwegian")


def text_search(queryset: QuerySet, text: str, fields: tuple[str, ...]) -> QuerySet:
    """Narrow `queryset` to rows matching every term and annotate `search_rank`."""
    terms = search_terms(text)
    if not terms:
        # Nothing searchable (only punctuation): no narrowing, but callers may still sort by rank.
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connections[queryset.db].vendor == "postgresql":
        vector = search_vector(*fields)
        query = SearchQuery(
            " & ".join(f"{term}:*" for term in terms), config="norwegian", search_type="raw"
        )
        return queryset.annotate(
            search_document=vector, search_rank=SearchRank(vector, query)
        ).filter(search_document=query)
    per_term = (
        reduce(or_, (Q(**{f"{field}__icontains": rough_stem(term)}) for field in fields))
        for term in terms
    )
    return queryset.filter(reduce(and_, per_term)).annotate(
        search_rank=Value(0.0, output_field=FloatField())
    )
