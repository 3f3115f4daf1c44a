"""Full-text search that behaves the same on SQLite and PostgreSQL.

Each searchable row keeps a stored search text: its words stemmed with the Snowball Norwegian
stemmer ("barna" and "barnet" both become "barn", "spilleavhengighet" becomes "spilleavheng") and
folded ("Tromsø" is stored as "tromso"), each word also as written, folded, so a word typed halfway
still meets it. A query is read the same way, and every term must begin a stored word (AND, as
prefixes, so "rus" finds "rusmidler"). The databases only index and rank those plain words:

- SQLite: an FTS5 table over the stored text (kept in step by triggers, see `search_index`),
  ranked by bm25;
- PostgreSQL: a GIN index on `to_tsvector('simple', search_text)`, the exact expression the query
  uses, ranked by ts_rank.
"""

from __future__ import annotations

import re
import threading
from typing import ClassVar

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, models
from django.db.models import F, FloatField, Func, Value
from django.db.models.expressions import RawSQL

from .folding import fold

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
# Letters and digits; underscores and everything else separate words, on both databases.
_WORD = re.compile(r"[^\W_]+")
# Small words that say nothing on their own; dropped from a query (unless it has nothing else), so
# "kurs om traumer hos barn" needs neither "om" nor "hos" in the text. Kept in the stored text.
_STOP_WORDS = """
    og i på til for med av om hos fra som er en et ei den det de dei du vi eg jeg meg seg
    å at ikkje ikke eller men så når der her da no nå kva hva kan skal vil ved mot under over etter
    før inn ut opp mellom uten utan deg dere dykk han ho hun hen dem oss sin sitt sine
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


_local = threading.local()


def _stem(word: str) -> str:
    # A stemmer keeps state while it works: one per thread (`runserver` serves in threads).
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("norwegian")
    return stemmer.stemWord(word)


def _words(text: str) -> list[str]:
    return [word[:MAX_TERM_LENGTH] for word in _WORD.findall(text.casefold())]


def _forms(word: str) -> list[str]:
    """The stem, then the word as written; both folded, without repeats."""
    stem = fold(_stem(word))
    whole = fold(word)
    return [stem] if stem == whole else [stem, whole]


def search_document(*values: str) -> str:
    """The stored search text of a row whose searchable fields hold `values`."""
    words = (word for value in values if value for word in _words(value))
    return " ".join(form for word in words for form in _forms(word))


def search_terms(text: str) -> list[str]:
    """The terms a query searches for: at most MAX_TERMS stems, folded; empty for punctuation."""
    words = _words(text)
    meaningful = [word for word in words if word not in STOP_WORDS] or words
    terms = []
    for word in meaningful:
        term = fold(_stem(word))
        # Folding may leave a sign that is not a letter ("½" becomes "1⁄2"); the databases split
        # the stored text there, so the term is split the same way.
        for part in _WORD.findall(term):
            if part not in terms:
                terms.append(part)
    return terms[:MAX_TERMS]


class SearchableModel(models.Model):
    """A model whose `search_fields` are found by `text_search`; the stored text follows them."""

    search_fields: ClassVar[tuple[str, ...]] = ()
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.search_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_text(self) -> None:
        """Call before a bulk insert or bulk update, which skip `save()`."""
        self.search_text = search_document(*(getattr(self, name) for name in self.search_fields))


def fts_table(model: type[models.Model]) -> str:
    """The SQLite FTS5 table that indexes `model`'s search text."""
    return f"{model._meta.db_table}_fts"


def search_vector() -> SearchVector:
    """The expression both PostgreSQL's GIN index and the query use; they must stay identical."""
    return SearchVector("search_text", config="simple")


class _Bm25(Func):
    """SQLite: how well the row matches, higher is better (bm25 counts down from zero)."""

    output_field = FloatField()

    def __init__(self, table: str, match: str) -> None:
        super().__init__(F("pk"))
        self.table, self.match = table, match

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        table = self.table
        sql = f"(SELECT -bm25({table}) FROM {table} WHERE {table} MATCH %s AND rowid = {pk_sql})"
        return sql, [self.match, *pk_params]


def text_search(queryset: models.QuerySet, text: str) -> models.QuerySet:
    """Narrow `queryset` to rows matching every term of `text` and annotate `search_rank`."""
    terms = search_terms(text)
    if not terms:
        # Nothing searchable (only punctuation): no narrowing, but callers may still sort by rank.
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connections[queryset.db].vendor == "postgresql":
        vector = search_vector()
        query = SearchQuery(
            " & ".join(f"{term}:*" for term in terms), config="simple", search_type="raw"
        )
        return (
            queryset.alias(search_document=vector)
            .filter(search_document=query)
            .annotate(search_rank=SearchRank(vector, query))
        )
    table = fts_table(queryset.model)
    match = " ".join(f'"{term}"*' for term in terms)
    matching = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])
    return queryset.filter(pk__in=matching).annotate(search_rank=_Bm25(table, match))
