"""Query parameters beyond the pages' own filter sets: paging and HSDS's id filters.

Every form here is checked together with the filter set, so one 400 lists all the mistakes.
Labels and help texts are what openapi.json says about each parameter (see query_parameters.py);
they are English only, as is the whole description.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.core.paginator import EmptyPage, Page, Paginator

from centres.models import Centre

from .responses import ApiError, Errors
from .sources import Listing

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100

TAXONOMY_IDS = ("topic", "target-group", "offering-type")


class PageForm(forms.Form):
    page = forms.IntegerField(
        label="Page",
        help_text="The number of the page, from 1.",
        min_value=1,
        initial=1,
        required=False,
    )
    per_page = forms.IntegerField(
        label="Entries per page",
        min_value=1,
        max_value=MAX_PER_PAGE,
        initial=DEFAULT_PER_PAGE,
        required=False,
    )


class OrganizationForm(forms.Form):
    """HSDS's `organization_id`: a centre's slug."""

    organization_id = forms.ModelChoiceField(
        label="Organization",
        queryset=Centre.objects.all(),
        to_field_name="slug",
        required=False,
    )

    @property
    def centre(self) -> Centre | None:
        return self.cleaned_data.get("organization_id")


class TaxonomyForm(forms.Form):
    taxonomy_id = forms.ChoiceField(
        label="Taxonomy", choices=[(key, key) for key in TAXONOMY_IDS], required=False
    )

    @property
    def taxonomy_ids(self) -> Sequence[str]:
        chosen = self.cleaned_data.get("taxonomy_id")
        return (chosen,) if chosen else TAXONOMY_IDS


def _errors_of(form: forms.Form) -> Errors:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def require_valid(*checked: forms.Form) -> None:
    """Raise a 400 naming every invalid parameter of every form."""
    errors: Errors = {}
    for form in checked:
        if not form.is_valid():
            errors.update(_errors_of(form))
    if errors:
        raise ApiError(400, errors)


def page_of(
    pages: PageForm, items: Any, entry: Callable[[Any], Any] = lambda item: item
) -> Listing:
    """One page of `items`, each made into its document's source by `entry`; a page past the end
    is a 404."""
    number = pages.cleaned_data.get("page") or 1
    paginator = Paginator(items, pages.cleaned_data.get("per_page") or DEFAULT_PER_PAGE)
    try:
        page: Page = paginator.page(number)
    except EmptyPage:
        raise ApiError(
            404,
            {"page": [f"There is no page {number}: the last page is {paginator.num_pages}."]},
        ) from None
    return Listing(page, [entry(item) for item in page.object_list])
