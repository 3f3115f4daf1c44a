import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from portal.overview.csv_export import safe_cell, table_as_csv
from portal.overview.figures import Figure, Table, from_requests, protect
from portal.overview.sql import HoursBetween, Percentile, percentile_cont
from requests.models import HelpRequest
from tests.factories import HelpRequestFactory


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+47 123", "'+47 123"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"),
        ("Bodø", "Bodø"),
        ("< 3", "< 3"),
    ],
)
def test_cells_that_a_spreadsheet_would_read_as_formulas_are_escaped(text, written):
    assert safe_cell(text) == written


def test_a_csv_starts_with_a_byte_order_mark_and_keeps_norwegian_letters():
    table = Table("t", "Test", ["Kommune", "Antall"], [["Bærum", Figure(1234, "1 234")]])
    exported = table_as_csv(table, language="en")
    assert exported.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(exported[1:]))) == [["Kommune", "Antall"], ["Bærum", "1234"]]


@pytest.mark.parametrize(("count", "display"), [(0, "0"), (1, "< 3"), (2, "< 3"), (3, "3")])
def test_counts_of_one_or_two_requests_are_hidden(count, display):
    assert from_requests(count).display == display


def test_the_percentile_interpolates_between_ranks():
    assert percentile_cont([6, 12, 24, 48, 72], 0.5) == 24
    assert percentile_cont([6, 12, 24, 48, 72], 0.9) == pytest.approx(62.4)
    assert percentile_cont([], 0.5) is None


@pytest.mark.django_db
def test_the_database_computes_hours_and_percentiles_like_python():
    start = datetime(2026, 3, 1, 8, tzinfo=ZoneInfo("Europe/Oslo"))
    hours = [1.5, 30, 7, 200]
    for delay in hours:
        request = HelpRequestFactory()
        HelpRequest.objects.filter(pk=request.pk).update(
            submitted_at=start, first_response_at=start + timedelta(hours=delay)
        )
    result = HelpRequest.objects.aggregate(
        median=Percentile(HoursBetween("submitted_at", "first_response_at"), 0.5),
        p90=Percentile(HoursBetween("submitted_at", "first_response_at"), 0.9),
    )
    assert result["median"] == pytest.approx(percentile_cont(sorted(hours), 0.5))
    assert result["p90"] == pytest.approx(percentile_cont(sorted(hours), 0.9))


def test_a_percentile_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError):
        Percentile("x", 1.5)


def test_a_csv_for_norwegian_excel_is_split_on_semicolons():
    table = Table("t", "Test", ["Senter", "Dager"], [["KoRus", Figure(2.5, "2,5")]])
    exported = table_as_csv(table, language="nb")
    assert exported[1:].splitlines() == ["Senter;Dager", "KoRus;2,5"]


def test_a_single_hidden_count_in_a_column_hides_the_next_smallest_too():
    column = [Figure(5, "5"), Figure(None, "< 3"), Figure(0, "0"), Figure(9, "9")]
    with translation.override("en"):
        protected = protect(column)
    assert [figure.display for figure in protected] == ["hidden", "< 3", "0", "9"]


def test_two_hidden_counts_in_a_column_are_protection_enough():
    column = [Figure(5, "5"), Figure(None, "< 3"), Figure(None, "< 3")]
    assert protect(column) == column
