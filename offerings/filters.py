from datetime import date

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from centres.choices import Scale
from centres.coverage import Area
from centres.fields import MunicipalityField, ShowsMunicipalityLabel
from centres.filters import (
    FilterForm,
    FiltersByTopicAndTargetGroup,
    county_filter,
    region_filter,
    search_filter,
    target_group_filter,
    topic_filter,
)
from centres.models import OfferingType
from portal.core.search import search_terms

from .choices import OfferingFormat
from .models import Offering


class OfferingFilterForm(ShowsMunicipalityLabel, FilterForm):
    submit_label = _("Show offerings")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("The end date must be on or after the start date."))
        places = [name for name in PLACES if cleaned.get(name)]
        if len(places) > 1:
            # Two places at once would silently narrow to neither.
            self.add_error(places[-1], _("Choose only one of municipality, county and region."))
        elif held := cleaned.get("held"):
            if not places:
                self.add_error(
                    "held", _("Choose a municipality, county or region to see what is held there.")
                )
            elif PLACES.index(places[0]) > PLACES.index(held):
                self.add_error(
                    "held",
                    _("“%(held)s” needs a smaller place: choose a municipality.")
                    % {"held": Scale(held).label},
                )
        return cleaned


# The places one can ask about, smallest first; `held` widens a place to one of these scales.
PLACES = (Scale.MUNICIPALITY, Scale.COUNTY, Scale.REGION)


def chosen_place(criteria: dict):
    """The municipality, county or region the filter asks about, if any."""
    return next((criteria[name] for name in PLACES if criteria.get(name)), None)


def held_area(criteria: dict) -> Area | None:
    """Where offerings must be held ("held in my county"), or None for "open to"."""
    place = chosen_place(criteria)
    if place is None or not criteria.get("held"):
        return None
    return Area.around(place, criteria["held"])


# Dates outside this range are typing mistakes (and too far out for the database's time zones).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DATE_RANGE = [MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class MunicipalityFilter(django_filters.Filter):
    field_class = MunicipalityField


HELD_CHOICES = [
    ("", _("Open to the chosen place")),
    (Scale.MUNICIPALITY, _("Held in the municipality")),
    (Scale.COUNTY, _("Held in the county")),
    (Scale.REGION, _("Held in the region")),
]


class OfferingFilter(FiltersByTopicAndTargetGroup, django_filters.FilterSet):
    q = search_filter(_("Search offerings"))
    # The place (one of the three) is applied by `filter_by_place`, with `held`.
    municipality = MunicipalityFilter(label=_("Municipality"), method="keep")
    county = county_filter(method="keep")
    region = region_filter(method="keep")
    held = django_filters.ChoiceFilter(
        label=_("Open to or held in"),
        choices=HELD_CHOICES[1:],
        empty_label=HELD_CHOICES[0][1],
        widget=forms.RadioSelect,
        method="keep",
        help_text=_(
            "“Open to” lists what people in the chosen place may take part in, wherever it is "
            "held. “Held in” lists what takes place in a room there."
        ),
    )
    topic = topic_filter()
    target_group = target_group_filter()
    type = django_filters.ModelChoiceFilter(
        label=_("Type of offering"),
        queryset=OfferingType.objects.all(),
        to_field_name="slug",
        field_name="offering_type",
        empty_label=_("All types"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=OfferingFormat.choices, empty_label=_("All formats")
    )
    free = django_filters.BooleanFilter(
        label=_("Only free offerings"),
        widget=forms.CheckboxInput,
        method="filter_free",
    )
    # The period narrows the calendar itself (see filter_queryset), not the offerings.
    start = django_filters.DateFilter(
        label=_("From date"), widget=DateInput(), method="keep", validators=DATE_RANGE
    )
    end = django_filters.DateFilter(
        label=_("To date"), widget=DateInput(), method="keep", validators=DATE_RANGE
    )

    class Meta:
        model = Offering
        fields = [
            "q",
            "municipality",
            "county",
            "region",
            "held",
            "topic",
            "target_group",
            "type",
            "format",
            "free",
            "start",
            "end",
        ]
        form = OfferingFilterForm

    def filter_queryset(self, queryset):
        """The filtered offerings as the calendar shows them: by next date in the period (held
        in the area, when asked), or by relevance when searching."""
        criteria = self.form.cleaned_data
        area = held_area(criteria)
        period = (criteria.get("from"), criteria.get("to"), area)
        offerings = self.filter_by_place(super().filter_queryset(queryset), criteria)
        offerings = offerings.in_calendar(*period).with_card_data(*period)
        if search_terms(criteria.get("q") or ""):
            offerings = offerings.order_by(
                F("search_rank").desc(), F("next_starts_at").asc(nulls_last=True), "pk"
            )
        return offerings

    @staticmethod
    def filter_by_place(queryset, criteria: dict):
        """Open to the chosen place, or held in the area around it."""
        place = chosen_place(criteria)
        if place is None:
            return queryset
        if area := held_area(criteria):
            return queryset.held_in(area)
        return queryset.open_to(Area.of(place).counties())

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    @staticmethod
    def with_topics(queryset, topics):
        return queryset.about_any_of(topics)

    def filter_free(self, queryset, name, value):
        return queryset.filter(price=0) if value else queryset

    def keep(self, queryset, name, value):
        return queryset


def _rename_filters(filterset: type[django_filters.FilterSet], names: dict[str, str]) -> None:
    """Give filters public names that are Python keywords (`from`) while keeping their order."""
    filterset.base_filters = {
        names.get(name, name): declared for name, declared in filterset.base_filters.items()
    }


_rename_filters(OfferingFilter, {"start": "from", "end": "to"})
