from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.models import County, ServiceArea
from portal.core.forms import get_form_helper

from .scope import Scope

# A longer period says little more and only makes the page slower.
MAX_PERIOD = timedelta(days=366 * 10)
EARLIEST = date(2000, 1, 1)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def last_twelve_months(today: date) -> tuple[date, date]:
    """The current month and the eleven before it."""
    start = month_start(today)
    for _month in range(11):
        start = month_start(start - timedelta(days=1))
    return start, month_end(today)


@dataclass(frozen=True)
class Selection:
    """What the figures are computed for, after the filters have been checked."""

    start: date
    end: date
    counties: list[County]
    county: County | None
    topic: ServiceArea | None

    @property
    def query(self) -> dict[str, str]:
        """The filters as URL parameters, for links (CSV) that must show the same figures."""
        query = {"from": self.start.isoformat(), "to": self.end.isoformat()}
        if self.county:
            query["county"] = self.county.number
        if self.topic:
            query["topic"] = self.topic.slug
        return query


class OverviewFilterForm(forms.Form):
    office = forms.ChoiceField(label=_("County governor office"), required=False)
    county = forms.ChoiceField(label=_("County"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        today = timezone.localdate()
        self.latest = month_end(today.replace(year=today.year + 1))
        # "from" is a Python keyword, so these two are added by name. Periods are whole months:
        # with single days, comparing two periods a day apart would give away one request.
        self.fields["from"] = forms.DateField(
            label=_("From"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text=_("Counted from the first day of that month. Default: twelve months back."),
        )
        self.fields["to"] = forms.DateField(
            label=_("To"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text=_("Counted to the last day of that month. Default: this month."),
        )
        self.default_start, self.default_end = last_twelve_months(today)
        if scope.office_choices:
            self.fields["office"].choices = [
                ("", _("The whole country")),
                *((office.slug, office.name) for office in scope.office_choices),
            ]
        else:
            del self.fields["office"]
        self.fields["county"].choices = [
            ("", _("All counties in the overview")),
            *((county.number, county.name) for county in scope.counties),
        ]
        self.helper = get_form_helper(submit_label=_("Show"), form_id="overview-filters")
        self.fields["county"].error_messages["invalid_choice"] = _(
            "That county is not part of your overview. Choose one of the counties in the list."
        )

    def clean_from(self) -> date | None:
        return self._within_bounds(self.cleaned_data.get("from"))

    def clean_to(self) -> date | None:
        return self._within_bounds(self.cleaned_data.get("to"))

    def _within_bounds(self, day: date | None) -> date | None:
        if day is not None and not EARLIEST <= day <= self.latest:
            raise forms.ValidationError(
                _("Choose a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={"earliest": EARLIEST.isoformat(), "latest": self.latest.isoformat()},
            )
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "from" not in self.errors and "to" not in self.errors:
            start, end = self._period(cleaned)
            if start > end:
                self.add_error("to", _("The end of the period must be on or after its start."))
            elif end - start > MAX_PERIOD:
                self.add_error("from", _("Choose a period of at most ten years."))
        return cleaned

    def _period(self, data: dict[str, Any]) -> tuple[date, date]:
        start = month_start(data.get("from") or self.default_start)
        end = month_end(data.get("to") or self.default_end)
        return start, end

    def selection(self) -> Selection:
        """The checked filters; a filter with an error falls back to its default."""
        data = dict(self.cleaned_data) if self.is_bound else {}
        period_ok = not ({"from", "to"} & set(self.errors))
        start, end = self._period(data if period_ok else {})
        county_number = data.get("county") if "county" not in self.errors else ""
        county = next((c for c in self.scope.counties if c.number == county_number), None)
        return Selection(
            start=start,
            end=end,
            counties=[county] if county else self.scope.counties,
            county=county,
            topic=data.get("topic") if "topic" not in self.errors else None,
        )
