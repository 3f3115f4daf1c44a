from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from centres.models import County, ServiceArea
from portal.forms import get_form_helper

from .scope import Scope

# A longer period says little more and only makes the page slower.
MAX_PERIOD = timedelta(days=366 * 10)


def twelve_months_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + timedelta(days=1)


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
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = forms.DateField(
            label=_("From"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text=_("Default: twelve months back."),
        )
        self.fields["to"] = forms.DateField(
            label=_("To"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text=_("Default: today."),
        )
        self.default_start, self.default_end = twelve_months_before(today), today
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start = cleaned.get("from") or self.default_start
        end = cleaned.get("to") or self.default_end
        if "from" not in self.errors and "to" not in self.errors:
            if start > end:
                self.add_error("to", _("The end of the period must be on or after its start."))
            elif end - start > MAX_PERIOD:
                self.add_error("from", _("Choose a period of at most ten years."))
        return cleaned

    def selection(self) -> Selection:
        """The checked filters; a filter with an error falls back to its default."""
        data = self.cleaned_data if self.is_bound else {}
        valid = not self.errors
        start = (valid and data.get("from")) or self.default_start
        end = (valid and data.get("to")) or self.default_end
        county_number = data.get("county") if "county" not in self.errors else ""
        county = next((c for c in self.scope.counties if c.number == county_number), None)
        return Selection(
            start=start,
            end=end,
            counties=[county] if county else self.scope.counties,
            county=county,
            topic=data.get("topic") if "topic" not in self.errors else None,
        )
