import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.forms import get_form_helper

from .choices import Network
from .coverage import topic_family
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


def _vocabulary_filter(label, queryset, key: str, empty_label, method: str):
    """A choice by stable public key (slug or number); an unknown key is a form error."""
    return django_filters.ModelChoiceFilter(
        label=label, queryset=queryset, to_field_name=key, empty_label=empty_label, method=method
    )


def region_filter(method: str = "filter_region") -> django_filters.ModelChoiceFilter:
    return _vocabulary_filter(_("Region"), Region.objects.all(), "slug", _("All regions"), method)


def county_filter(method: str = "filter_county") -> django_filters.ModelChoiceFilter:
    return _vocabulary_filter(
        _("County"), County.objects.all(), "number", _("All counties"), method
    )


def topic_filter() -> django_filters.ModelChoiceFilter:
    return _vocabulary_filter(
        _("Topic"), ServiceArea.objects.all(), "slug", _("All topics"), "filter_topic"
    )


def target_group_filter() -> django_filters.ModelChoiceFilter:
    return _vocabulary_filter(
        _("Target group"),
        TargetGroup.objects.all(),
        "slug",
        _("All target groups"),
        "filter_target_group",
    )


class FiltersByTopicAndTargetGroup:
    """A chosen topic stands for its family; target groups match as they are."""

    def filter_topic(self, queryset, name, value):
        return self.with_topics(queryset, topic_family([value]))

    def filter_target_group(self, queryset, name, value):
        return queryset.for_target_group(value)


class CentreFilter(FiltersByTopicAndTargetGroup, django_filters.FilterSet):
    q = search_filter(_("Search centres"))
    region = region_filter()
    county = county_filter()
    topic = topic_filter()
    target_group = target_group_filter()
    network = django_filters.ChoiceFilter(
        label=_("Network"), choices=Network.choices, empty_label=_("All networks")
    )

    class Meta:
        model = Centre
        fields = ["q", "region", "county", "topic", "target_group", "network"]
        form = CentreFilterForm

    @staticmethod
    def with_topics(queryset, topics):
        return queryset.working_on_any_of(topics)

    def filter_search(self, queryset, name, value):
        return queryset.search(value).order_by("-search_rank", "short_name")

    def filter_region(self, queryset, name, value):
        return queryset.covering_counties(value.counties.all())

    def filter_county(self, queryset, name, value):
        return queryset.covering_counties([value])
