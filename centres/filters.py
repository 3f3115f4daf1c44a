import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import get_form_helper

from .models import Centre, County, Region, ServiceArea, TargetGroup

SEARCH_MAX_LENGTH = 200


class FilterForm(forms.Form):
    """Adds the crispy helper; the submit label says what the form does."""

    submit_label = _("Show")
    form_id = "filter-form"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = get_form_helper(submit_label=self.submit_label, form_id=self.form_id)


class CentreFilterForm(FilterForm):
    submit_label = _("Show centres")


def search_filter(label: str = "") -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label=label or _("Search"),
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
    )


class CentreFilter(django_filters.FilterSet):
    q = search_filter(_("Search centres"))
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        method="filter_region",
        empty_label=_("All regions"),
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        queryset=County.objects.all(),
        to_field_name="number",
        method="filter_county",
        empty_label=_("All counties"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        empty_label=_("All topics"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        method="filter_target_group",
        empty_label=_("All target groups"),
    )
    network = django_filters.ChoiceFilter(
        label=_("Network"), choices=Centre.Network.choices, empty_label=_("All networks")
    )

    class Meta:
        model = Centre
        fields = ["q", "region", "county", "topic", "target_group", "network"]
        form = CentreFilterForm

    def filter_search(self, queryset, name, value):
        return queryset.search(value).order_by("-search_rank", "short_name")

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)

    def filter_county(self, queryset, name, value):
        return queryset.covering(value)

    def filter_topic(self, queryset, name, value):
        return queryset.for_topic(value)

    def filter_target_group(self, queryset, name, value):
        return queryset.for_target_group(value)
