"""The overview's figures: coverage, reach, needs and offerings, counted in the database.

Every figure is an aggregate. Nothing here reads a requester's name, contact details or free
text, and any count built from one or two requests is shown as "< 3", so that a small
municipality's single request cannot be singled out. The number of queries depends on the
geography (at most one per county for the coverage matrix), never on the number of requests or
offerings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Case, Count, Q, QuerySet, When
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from centres.coverage import TopicVocabulary, covering_condition
from centres.models import Centre, County, Municipality, OfferingType, ServiceArea
from offerings.choices import OfferingFormat
from offerings.models import Offering, OfferingSession
from requests.choices import HelpRequestStatus, OutcomeReason
from requests.models import HelpRequest

from .filters import Selection
from .sql import HoursBetween, Percentile

SMALLEST_SHOWN = 3
SUPPRESSED = "< 3"
# With three answers, the median is one request's own waiting time.
SMALLEST_FOR_PERCENTILES = 5
TOO_FEW_FOR_PERCENTILES = "n < 5"


@dataclass(frozen=True)
class Figure:
    """One number as the page shows it; `value` is None where it is not shown."""

    value: int | float | None
    display: str

    @property
    def hidden(self) -> bool:
        return self.value is None and self.display != "–"


def plain(count: int) -> Figure:
    return Figure(count, number_format(count, force_grouping=True))


def from_requests(count: int) -> Figure:
    if 0 < count < SMALLEST_SHOWN:
        return Figure(None, SUPPRESSED)
    return plain(count)


def days(hours: float | None, requests: int) -> Figure:
    if 0 < requests < SMALLEST_FOR_PERCENTILES:
        return Figure(None, TOO_FEW_FOR_PERCENTILES)
    if hours is None:
        return Figure(None, "–")
    value = round(hours / 24, 1)
    return Figure(value, number_format(value, decimal_pos=1))


def protect(figures: list[Figure]) -> list[Figure]:
    """Hide one more count where a column (adding up to a total shown elsewhere) has exactly one
    "< 3": otherwise the total minus the visible counts would give the hidden one away."""
    if sum(1 for figure in figures if figure.display == SUPPRESSED) != 1:
        return figures
    visible = [f for f in figures if isinstance(f.value, int) and f.value > 0]
    if not visible:
        return figures
    smallest = min(visible, key=lambda figure: figure.value)
    return [Figure(None, _("hidden")) if figure is smallest else figure for figure in figures]


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[str | Figure]] = field(default_factory=list)

    def column(self, index: int) -> list[Figure]:
        return [row[index] for row in self.rows]

    def protect_columns(self, *indexes: int) -> Table:
        for index in indexes:
            for row, figure in zip(self.rows, protect(self.column(index)), strict=True):
                row[index] = figure
        return self


@dataclass(frozen=True)
class TopicRow:
    topic: ServiceArea
    family: frozenset[int]  # the topic and its children: what counting it means


def topic_rows(vocabulary: TopicVocabulary, chosen: ServiceArea | None) -> list[TopicRow]:
    def row(topic: ServiceArea) -> TopicRow:
        return TopicRow(topic, vocabulary.family(topic))

    topics = vocabulary.topics
    if chosen is None:
        return [row(topic) for topic in topics]
    return [row(chosen), *(row(t) for t in topics if t.parent_id == chosen.pk)]


def period_bounds(selection: Selection) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(selection.start, time.min))
    end = timezone.make_aware(datetime.combine(selection.end + timedelta(days=1), time.min))
    return start, end


def requests_in(selection: Selection, rows: list[TopicRow] | None = None) -> QuerySet:
    start, end = period_bounds(selection)
    requests = HelpRequest.objects.filter(
        submitted_at__gte=start,
        submitted_at__lt=end,
        municipality__county__in=selection.counties,
    )
    if selection.topic is not None and rows:
        through = HelpRequest.topics.through.objects.filter(servicearea__in=rows[0].family)
        requests = requests.filter(pk__in=through.values("helprequest_id"))
    return requests


def offerings_in(selection: Selection, counties: Iterable[County], rows: list[TopicRow]):
    """Offerings open to `counties` in the period (`OfferingQuerySet.reached_between`)."""
    start, end = period_bounds(selection)
    offerings = Offering.objects.reached_between(counties, start, end)
    if selection.topic is not None:
        through = Offering.service_areas.through.objects.filter(servicearea__in=rows[0].family)
        offerings = offerings.filter(pk__in=through.values("offering_id"))
    return offerings


def _per_topic(queryset: QuerySet, relation: str, rows: list[TopicRow]) -> dict[int, int]:
    """Distinct rows of `queryset` per topic row (a parent counts its children), one query."""
    counts = queryset.aggregate(
        **{
            f"topic_{row.topic.pk}": Count(
                "pk", distinct=True, filter=Q(**{f"{relation}__in": row.family})
            )
            for row in rows
        }
    )
    return {row.topic.pk: counts[f"topic_{row.topic.pk}"] for row in rows}


# Coverage


@dataclass
class Coverage:
    rows: list[TopicRow]
    columns: list[County] | list[Municipality]
    centres: dict[tuple[int, int], int]  # (topic, column) → centres covering it
    offerings: dict[tuple[int, int], int]  # (topic, column) → offerings open to it

    def table(self) -> Table:
        table = Table(
            "coverage",
            _("Coverage: centres covering and offerings open to, per topic"),
            [_("Topic")]
            + [
                label
                for column in self.columns
                for label in (
                    _("%(place)s: centres") % {"place": column.name},
                    _("%(place)s: offerings open to") % {"place": column.name},
                )
            ],
        )
        for row in self.rows:
            cells: list[str | Figure] = [row.topic.name]
            for column in self.columns:
                cells += [
                    plain(self.centres[row.topic.pk, column.pk]),
                    plain(self.offerings[row.topic.pk, column.pk]),
                ]
            table.rows.append(cells)
        return table


def coverage(selection: Selection, rows: list[TopicRow]) -> Coverage:
    """Topics × counties, or × the municipalities of the chosen county: the centres covering
    each (the finder's rule) and the offerings open to it in the period. "Open to" is decided
    per county, so the municipalities of one county share their figures."""
    counties = [selection.county] if selection.county is not None else selection.counties
    centre_counts = Centre.objects.aggregate(
        **{
            f"c{county.pk}_t{row.topic.pk}": Count(
                "pk", filter=covering_condition([county], row.family)
            )
            for county in counties
            for row in rows
        }
    )
    offering_counts = {}
    for county in counties:
        per_topic = _per_topic(offerings_in(selection, [county], rows), "service_areas", rows)
        offering_counts.update({(topic, county.pk): n for topic, n in per_topic.items()})

    def cells(values: dict, key) -> dict[tuple[int, int], int]:
        return {
            (row.topic.pk, column.pk): values[key(row, county)]
            for row in rows
            for county in counties
            for column in columns_of(county)
        }

    def columns_of(county: County) -> list:
        return municipalities if selection.county is not None else [county]

    municipalities = (
        list(selection.county.municipalities.order_by("name")) if selection.county else []
    )
    return Coverage(
        rows,
        municipalities if selection.county is not None else counties,
        cells(centre_counts, lambda row, county: f"c{county.pk}_t{row.topic.pk}"),
        cells(offering_counts, lambda row, county: (row.topic.pk, county.pk)),
    )


# Reach


@dataclass
class Reach:
    table: Table
    unreached: list[Municipality]


def reach(selection: Selection, requests: QuerySet, topic_family: frozenset[int]) -> Reach:
    municipalities = list(
        Municipality.objects.filter(county__in=selection.counties).order_by("name")
    )
    start, end = period_bounds(selection)
    asked = dict(
        requests.order_by()
        .values("municipality")
        .annotate(n=Count("pk"))
        .values_list("municipality", "n")
    )
    sessions = (
        OfferingSession.objects.took_place_between(start, end)
        .in_rooms()
        .filter(municipality__in=municipalities)
    )
    if selection.topic is not None:
        sessions = sessions.filter(offering__service_areas__in=topic_family)
    held = dict(
        sessions.order_by()
        .values("municipality")
        .annotate(n=Count("offering", distinct=True))
        .values_list("municipality", "n")
    )
    table = Table(
        "reach",
        _("Reach per municipality"),
        [_("Municipality"), _("Requests"), _("Offerings held there")],
    )
    unreached = []
    for place in municipalities:
        table.rows.append(
            [place.name, from_requests(asked.get(place.pk, 0)), plain(held.get(place.pk, 0))]
        )
        if not asked.get(place.pk) and not held.get(place.pk):
            unreached.append(place)
    return Reach(table.protect_columns(1), unreached)


# Needs


def requests_per_topic(requests: QuerySet, rows: list[TopicRow]) -> Table:
    counts = _per_topic(requests, "topics", rows)
    table = Table("requests-topic", _("Requests per topic"), [_("Topic"), _("Requests")])
    table.rows = [[row.topic.name, from_requests(counts[row.topic.pk])] for row in rows]
    return table


def requests_per_kind(requests: QuerySet) -> Table:
    kinds = list(OfferingType.objects.all())
    counts = requests.aggregate(
        **{
            f"kind_{kind.pk}": Count("pk", distinct=True, filter=Q(help_wanted=kind))
            for kind in kinds
        }
    )
    table = Table(
        "requests-kind", _("Requests per kind of help wanted"), [_("Kind of help"), _("Requests")]
    )
    table.rows = [[kind.name, from_requests(counts[f"kind_{kind.pk}"])] for kind in kinds]
    return table


def requests_per_status(requests: QuerySet) -> Table:
    counts = dict(
        requests.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    table = Table("requests-status", _("Requests per status"), [_("Status"), _("Requests")])
    table.rows = [
        [status.label, from_requests(counts.get(status.value, 0))] for status in HelpRequestStatus
    ]
    return table.protect_columns(1)


def response_times(requests: QuerySet) -> Table:
    """Per lead centre and for all requests: median and 90th percentile, in days."""
    first = HoursBetween("submitted_at", "first_response_at")
    completion = Case(
        When(status=HelpRequestStatus.COMPLETED, then=HoursBetween("submitted_at", "closed_at"))
    )
    measures = {
        "n": Count("pk"),
        "answered": Count("first_response_at"),
        "first_50": Percentile(first, 0.5),
        "first_90": Percentile(first, 0.9),
        "completed": Count("pk", filter=Q(status=HelpRequestStatus.COMPLETED)),
        "done_50": Percentile(completion, 0.5),
        "done_90": Percentile(completion, 0.9),
    }
    per_centre = list(
        requests.order_by()
        .filter(lead_centre__isnull=False)
        .values("lead_centre")
        .annotate(**measures)
    )
    overall = requests.aggregate(**measures)
    names = dict(Centre.objects.values_list("pk", "short_name"))
    table = Table(
        "response-times",
        _("Time to first response and to completion (days)"),
        [
            _("Lead centre"),
            _("Requests"),
            _("Median to first response"),
            _("90th percentile to first response"),
            _("Completed"),
            _("Median to completion"),
            _("90th percentile to completion"),
        ],
    )
    for label, entry in [
        *sorted(((names[row["lead_centre"]], row) for row in per_centre), key=lambda pair: pair[0]),
        (_("All requests"), overall),
    ]:
        table.rows.append(
            [
                label,
                from_requests(entry["n"]),
                days(entry["first_50"], entry["answered"]),
                days(entry["first_90"], entry["answered"]),
                from_requests(entry["completed"]),
                days(entry["done_50"], entry["completed"]),
                days(entry["done_90"], entry["completed"]),
            ]
        )
    return table


def outcomes(requests: QuerySet) -> Table:
    closed_elsewhere = [HelpRequestStatus.REFERRED, HelpRequestStatus.DECLINED]
    counts = (
        requests.order_by()
        .filter(status__in=closed_elsewhere)
        .values("status", "outcome_reason")
        .annotate(n=Count("pk"))
    )
    found = {(entry["status"], entry["outcome_reason"]): entry["n"] for entry in counts}
    table = Table(
        "outcomes",
        _("Requests referred or declined, by reason"),
        [_("Reason"), _("Referred"), _("Declined")],
    )
    for reason in OutcomeReason:
        referred = found.get((HelpRequestStatus.REFERRED, reason.value), 0)
        declined = found.get((HelpRequestStatus.DECLINED, reason.value), 0)
        table.rows.append([reason.label, from_requests(referred), from_requests(declined)])
    return table.protect_columns(1, 2)


def quarter_label(year: int, quarter: int) -> str:
    return _("%(year)d Q%(quarter)d") % {"year": year, "quarter": quarter}


def requests_per_quarter(requests: QuerySet, selection: Selection) -> Table:
    counts = {
        (entry["quarter"].year, (entry["quarter"].month - 1) // 3 + 1): entry["n"]
        for entry in requests.order_by()
        .annotate(quarter=TruncQuarter("submitted_at"))
        .values("quarter")
        .annotate(n=Count("pk"))
    }
    table = Table("requests-quarter", _("Requests per quarter"), [_("Quarter"), _("Requests")])
    for year, quarter in quarters_between(selection):
        label = quarter_label(year, quarter)
        first_month, last_month = 3 * quarter - 2, 3 * quarter
        starts_inside = (year, first_month) >= (selection.start.year, selection.start.month)
        ends_inside = (year, last_month) <= (selection.end.year, selection.end.month)
        if not (starts_inside and ends_inside):
            # A quarter the period only partly covers must not read as a drop in demand.
            label = _("%(quarter)s (part)") % {"quarter": label}
        table.rows.append([label, from_requests(counts.get((year, quarter), 0))])
    return table.protect_columns(1)


def quarters_between(selection: Selection) -> list[tuple[int, int]]:
    quarters = []
    year, quarter = selection.start.year, (selection.start.month - 1) // 3 + 1
    last = (selection.end.year, (selection.end.month - 1) // 3 + 1)
    while (year, quarter) <= last:
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


# Offerings


def offerings_per_topic(offerings: QuerySet, rows: list[TopicRow]) -> Table:
    counts = _per_topic(offerings, "service_areas", rows)
    table = Table("offerings-topic", _("Offerings per topic"), [_("Topic"), _("Offerings")])
    table.rows = [[row.topic.name, plain(counts[row.topic.pk])] for row in rows]
    return table


def _grouped(offerings: QuerySet, field_name: str) -> dict:
    return dict(
        offerings.order_by()
        .values(field_name)
        .annotate(n=Count("pk", distinct=True))
        .values_list(field_name, "n")
    )


def offerings_per_type(offerings: QuerySet) -> Table:
    counts = _grouped(offerings, "offering_type")
    table = Table("offerings-type", _("Offerings per type"), [_("Type"), _("Offerings")])
    table.rows = [[kind.name, plain(counts.get(kind.pk, 0))] for kind in OfferingType.objects.all()]
    return table


def offerings_per_format(offerings: QuerySet) -> Table:
    counts = _grouped(offerings, "format")
    table = Table("offerings-format", _("Offerings per format"), [_("Format"), _("Offerings")])
    table.rows = [[choice.label, plain(counts.get(choice.value, 0))] for choice in OfferingFormat]
    return table


def offerings_per_cost(offerings: QuerySet) -> Table:
    counts = offerings.aggregate(
        free=Count("pk", distinct=True, filter=Q(price=0)),
        paid=Count("pk", distinct=True, filter=Q(price__gt=0)),
    )
    table = Table("offerings-cost", _("Offerings by cost"), [_("Cost"), _("Offerings")])
    table.rows = [[_("Free"), plain(counts["free"])], [_("Paid"), plain(counts["paid"])]]
    return table


def offerings_per_centre(offerings: QuerySet, centres: list[Centre]) -> Table:
    counts = _grouped(offerings, "centre")
    table = Table("offerings-centre", _("Offerings per centre"), [_("Centre"), _("Offerings")])
    table.rows = [
        [centre.short_name, plain(counts[centre.pk])]
        for centre in sorted(centres, key=lambda c: c.short_name)
        if counts.get(centre.pk)
    ]
    return table


# Everything together


@dataclass
class Overview:
    selection: Selection
    coverage: Coverage
    reach: Reach
    tables: dict[str, Table]


class _Inputs:
    """What the tables are computed from, each read once and only when a table needs it."""

    def __init__(self, selection: Selection) -> None:
        self.selection = selection
        self.rows = topic_rows(TopicVocabulary(), selection.topic)
        self.requests = requests_in(selection, self.rows)
        self.offerings = offerings_in(selection, selection.counties, self.rows)
        self._centres: list[Centre] | None = None

    @property
    def centres(self) -> list[Centre]:
        if self._centres is None:
            self._centres = list(Centre.objects.only("pk", "short_name"))
        return self._centres


# Table key → how to build it; the page builds them all, a CSV download only its own.
TABLE_BUILDERS = {
    "coverage": lambda i: coverage(i.selection, i.rows).table(),
    "reach": lambda i: reach(i.selection, i.requests, i.rows[0].family).table,
    "requests-topic": lambda i: requests_per_topic(i.requests, i.rows),
    "requests-kind": lambda i: requests_per_kind(i.requests),
    "requests-status": lambda i: requests_per_status(i.requests),
    "response-times": lambda i: response_times(i.requests),
    "outcomes": lambda i: outcomes(i.requests),
    "requests-quarter": lambda i: requests_per_quarter(i.requests, i.selection),
    "offerings-topic": lambda i: offerings_per_topic(i.offerings, i.rows),
    "offerings-type": lambda i: offerings_per_type(i.offerings),
    "offerings-format": lambda i: offerings_per_format(i.offerings),
    "offerings-cost": lambda i: offerings_per_cost(i.offerings),
    "offerings-centre": lambda i: offerings_per_centre(i.offerings, i.centres),
}


def build_table(selection: Selection, key: str) -> Table | None:
    builder = TABLE_BUILDERS.get(key)
    return builder(_Inputs(selection)) if builder else None


def build_overview(selection: Selection) -> Overview:
    inputs = _Inputs(selection)
    matrix = coverage(selection, inputs.rows)
    reached = reach(selection, inputs.requests, inputs.rows[0].family)
    tables = {"coverage": matrix.table(), "reach": reached.table}
    for key, builder in TABLE_BUILDERS.items():
        if key not in tables:
            tables[key] = builder(inputs)
    return Overview(selection, matrix, reached, tables)
