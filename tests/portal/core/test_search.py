"""One table of queries and the rows they must find, run on SQLite and on PostgreSQL alike."""

import pytest
from django.db import connection

from centres.models import Centre
from offerings.models import Offering
from portal.core.search import MAX_TERMS, search_document, search_terms
from portal.core.search_index import restore_sqlite_search_tables
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

OFFERINGS = {
    "alta": (
        "Traumebevisst omsorg – grunnkurs i Alta",
        "For ansatte i barnehage, skole og barnevern i Finnmark.",
    ),
    "tromso": ("VIVAT førstehjelp ved selvmordsfare – Tromsø", "Todagers kurs."),
    "children": ("Samtaler med barn – grunnkurs", "For ansatte i skole og helsestasjon."),
    "child_welfare": ("Traumebevisst omsorg i barnevernet", "Et program over tre samlinger."),
    "gambling": ("Når spill blir et problem", "Webinar om spilleavhengighet for NAV."),
    "nynorsk": ("Førebygging av sjølvmord i kommunane", "Fagdag for tilsette i tenestene."),
    "honour": ("Webinar: Æresrelatert vold og negativ sosial kontroll", "Innføring."),
    "interviewing": (
        "Motiverende intervju – grunnkurs i Bodø",
        "Todagers grunnkurs i motiverende intervju for ansatte som snakker med folk om endring.",
    ),
    "drugs": ("Rusmidler og ungdom i Sogn", "Regional samling om lokale tiltak."),
    "cafe": ("Café for ruskoordinatorer", "Uformelle møter."),
}
EVERY_OFFERING = set(OFFERINGS)
# Nine words that all begin a word of "interviewing", but for the last.
TOO_LONG = "motiverende intervju grunnkurs bodø todagers ansatte snakker folk fotball"

OFFERING_QUERIES = [
    # Inflected forms meet at their stem, and a stem begins longer words.
    ("barna", {"alta", "children", "child_welfare"}),
    ("barnevernets", {"alta", "child_welfare"}),
    ("spilleavhengighet", {"gambling"}),
    ("spilleavhengige", {"gambling"}),
    ("rusmidlene", {"drugs"}),
    ("rus", {"drugs", "cafe"}),
    # A word typed halfway still finds the whole word, even past its stem.
    ("spilleavhengigh", {"gambling"}),
    # Nynorsk and Bokmål are different words, each found as written.
    ("sjølvmord", {"nynorsk"}),
    ("selvmord", {"tromso"}),
    # Norwegian letters and accents are folded, both ways.
    ("tromso", {"tromso"}),
    ("TROMSØ", {"tromso"}),
    ("sjolvmord", {"nynorsk"}),
    ("aeresrelatert", {"honour"}),
    ("Æresrelatert", {"honour"}),
    ("cafe", {"cafe"}),
    ("café", {"cafe"}),
    # Every word must match, in any order; small words such as "om" are not needed.
    ("motiverende intervju", {"interviewing"}),
    ("intervju motiverende", {"interviewing"}),
    ("samtaler om barn", {"children"}),
    ("traumebevisst fotball", set()),
    ("motiverende, intervju!", {"interviewing"}),
    # Beyond the first MAX_TERMS terms nothing more is asked for.
    (TOO_LONG, {"interviewing"}),
    # Nothing to search for narrows nothing.
    ("& | ! ( ' :*", EVERY_OFFERING),
    ("", EVERY_OFFERING),
    # A query of small words only searches for them ("om" begins "omsorg").
    ("om", {"alta", "child_welfare", "gambling", "interviewing", "drugs"}),
]

CENTRE_QUERIES = [
    ("sjølvmord", {"rvts-vest"}),
    ("selvmord", {"rvts-nord", "rvts-midt", "rvts-sor", "rvts-ost"}),
    ("sor ost", {"rbup-ost-og-sor"}),
    ("korus vest", {"korus-vest-bergen", "korus-vest-stavanger"}),
    ("Trondheim", {"napha"}),
    ("barna", {"rkbu-nord", "rkbu-midt-norge", "rkbu-vest", "rbup-ost-og-sor"}),
    ("psykiske", {"rbup-ost-og-sor", "napha", "sanks"}),
]


@pytest.fixture
def offerings():
    return {
        key: OfferingFactory(title=title, summary=summary).pk
        for key, (title, summary) in OFFERINGS.items()
    }


@pytest.mark.parametrize(("query", "expected"), OFFERING_QUERIES)
def test_offering_search_finds_what_the_table_says(offerings, query, expected):
    found = set(Offering.objects.search(query).values_list("pk", flat=True))
    assert found == {offerings[key] for key in expected}


@pytest.mark.parametrize(("query", "expected"), CENTRE_QUERIES)
def test_centre_search_finds_what_the_table_says(query, expected):
    found = set(Centre.objects.search(query).values_list("slug", flat=True))
    assert found == expected


def test_the_table_needs_more_words_than_a_query_may_have():
    assert len(TOO_LONG.split()) > MAX_TERMS
    assert "fotball" not in search_terms(TOO_LONG)


def test_a_query_of_small_words_only_searches_for_them():
    assert search_terms("om") == ["om"]
    assert search_terms("samtaler om barn") == ["samtal", "barn"]


def test_the_stored_text_holds_each_word_stemmed_and_as_written_folded():
    assert search_document("Barnevernets tilbud", "", "Tromsø") == (
        "barnevern barnevernets tilbud tromso"
    )


def test_the_better_match_ranks_first():
    weak = OfferingFactory(title="Nettverk", summary="Litt om traumer")
    strong = OfferingFactory(title="Traumer", summary="Traumer og traumebevisst omsorg")
    ranked = list(Offering.objects.search("traumer").order_by("-search_rank"))
    assert ranked == [strong, weak]
    assert ranked[0].search_rank > ranked[1].search_rank


def test_the_search_text_follows_every_save():
    offering = OfferingFactory(title="Webinar om rus")
    offering.title = "Webinar om vold"
    offering.save(update_fields=["title"])
    assert list(Offering.objects.search("vold")) == [offering]
    assert not Offering.objects.search("rus").exists()


def test_a_deleted_row_leaves_the_search():
    offering = OfferingFactory(title="Webinar om vold")
    offering.delete()
    assert not Offering.objects.search("vold").exists()


def test_a_search_can_be_used_inside_another_query():
    wanted = OfferingFactory(title="Webinar om vold")
    OfferingFactory(title="Webinar om rus")
    inner = Offering.objects.search("vold").values("pk")
    assert list(Offering.objects.filter(pk__in=inner).order_by("pk")) == [wanted]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")
def test_missing_triggers_are_put_back_after_migrate_and_the_index_rebuilt():
    """SQLite drops a table's triggers whenever a migration rebuilds the table."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER offerings_offering_fts_insert")
    offering = OfferingFactory(title="Webinar om vold")
    assert not Offering.objects.search("vold").exists()
    restore_sqlite_search_tables(using=connection.alias)
    assert list(Offering.objects.search("vold")) == [offering]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
@pytest.mark.parametrize("name", ["offering_search_text_gin", "centre_search_text_gin"])
def test_the_gin_index_is_on_the_stored_text(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        (definition,) = cursor.fetchone()
    assert "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text" in definition


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's GIN index")
@pytest.mark.parametrize(
    ("queryset", "index"),
    [
        (lambda: Offering.objects.search("traumer"), "offering_search_text_gin"),
        (lambda: Centre.objects.search("rus vest"), "centre_search_text_gin"),
    ],
)
def test_the_query_can_use_the_gin_index(queryset, index):
    OfferingFactory.create_batch(3)
    # A few rows are read fastest without an index; and a plain index scan in the sort order
    # (short_name) would filter row by row. Leave the planner the GIN index (bitmap scans) only.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    assert index in queryset().explain()
