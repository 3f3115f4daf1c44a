"""A list's query parameters are read off the filter sets and forms its view checks."""

import django_filters
import pytest
from django import forms
from django.utils import translation

from centres.choices import Network, Scale
from centres.filters import CentreFilter
from offerings.choices import OfferingFormat
from offerings.filters import OfferingFilter
from portal.api import openapi as description_module
from portal.api.openapi import openapi_description
from portal.api.parameters import DEFAULT_PER_PAGE, MAX_PER_PAGE
from portal.api.query_parameters import SLUG_PATTERN, field_schema

from .conftest import get_json

API = "/api/v1"
LISTS = ["/organizations/", "/services/", "/contacts/", "/taxonomies/", "/taxonomy_terms/"]


def parameters(description: dict, path: str) -> dict[str, dict]:
    return {p["name"]: p for p in description["paths"][path]["get"]["parameters"]}


def test_a_filter_added_to_the_calendar_is_described_without_another_edit(monkeypatch):
    level = django_filters.ChoiceFilter(
        label="Level",
        help_text="How much one should know beforehand.",
        choices=[("basic", "Basic"), ("advanced", "Advanced")],
        field_name="title",
    )
    monkeypatch.setitem(OfferingFilter.base_filters, "level", level)
    described = parameters(openapi_description(), "/services/")["level"]
    assert described == {
        "name": "level",
        "in": "query",
        "required": False,
        "description": "Level. How much one should know beforehand.",
        "schema": {"type": "string", "enum": ["basic", "advanced"]},
    }


def test_choices_are_described_as_enums(openapi):
    services = parameters(openapi, "/services/")
    assert services["format"]["schema"]["enum"] == list(OfferingFormat.values)
    assert services["held"]["schema"]["enum"] == list(Scale.values)
    assert parameters(openapi, "/organizations/")["network"]["schema"]["enum"] == list(
        Network.values
    )


def test_dates_are_described_as_dates_and_a_checkbox_as_a_boolean(openapi):
    services = parameters(openapi, "/services/")
    assert services["from"]["schema"] == {"type": "string", "format": "date"}
    assert services["to"]["schema"] == {"type": "string", "format": "date"}
    assert services["free"]["schema"] == {"type": "boolean"}


def test_a_model_choice_is_described_by_the_key_it_takes(openapi):
    services = parameters(openapi, "/services/")
    assert services["topic"]["schema"] == {
        "type": "string",
        "pattern": SLUG_PATTERN,
        "maxLength": 50,
    }
    assert services["county"]["schema"] == {"type": "string", "maxLength": 2}
    assert "The value is the topic's slug." in services["topic"]["description"]
    assert "The value is a county number." in services["county"]["description"]


def test_paging_is_described_with_its_bounds_and_defaults(openapi):
    paging = parameters(openapi, "/contacts/")
    assert paging["page"]["schema"] == {"type": "integer", "minimum": 1, "default": 1}
    assert paging["per_page"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_PER_PAGE,
        "default": DEFAULT_PER_PAGE,
    }


def test_search_keeps_its_length_limit(openapi):
    assert parameters(openapi, "/services/")["q"]["schema"] == {"type": "string", "maxLength": 200}


def test_labels_and_help_texts_are_the_descriptions_in_english_whatever_the_language():
    with translation.override("nb"):
        held = parameters(openapi_description(), "/services/")["held"]["description"]
    assert held.startswith("Open to or held in. “Open to” lists what people in the chosen place")
    with translation.override("en"):
        assert str(OfferingFilter.base_filters["held"].extra["help_text"]) in held


@pytest.mark.django_db
def test_the_served_description_does_not_change_with_the_readers_language(client):
    in_bokmal = client.get(f"{API}/openapi.json", HTTP_ACCEPT_LANGUAGE="nb").content
    assert client.get(f"{API}/openapi.json", HTTP_ACCEPT_LANGUAGE="en").content == in_bokmal
    assert b"Municipality" in in_bokmal


def test_every_note_is_on_a_parameter_its_list_has(openapi):
    notes = {
        "/organizations/": description_module.ORGANIZATION_NOTES,
        "/services/": description_module.SERVICE_NOTES,
        "/contacts/": description_module.CONTACT_NOTES,
    }
    for path, by_name in notes.items():
        assert set(by_name) <= set(parameters(openapi, path)), path
        for name, note in by_name.items():
            assert parameters(openapi, path)[name]["description"].endswith(note)


def test_the_filter_sets_are_described_in_their_own_order(openapi):
    assert list(parameters(openapi, "/organizations/"))[2:] == list(CentreFilter.base_filters)


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
def test_every_documented_parameter_is_one_its_list_checks(client, openapi, path):
    # A NUL character is wrong for every kind of parameter but a checkbox (which reads any text
    # as ticked), so the 400 shows that the list reads the parameter the description names.
    for name, parameter in parameters(openapi, path).items():
        if parameter["schema"]["type"] == "boolean":
            continue
        body = get_json(client, f"{API}{path}", {name: "\x00"}, status=400)
        assert list(body["errors"]) == [name], (path, name)


def test_a_kind_of_field_not_foreseen_is_refused_rather_than_described_wrongly():
    with pytest.raises(TypeError, match="FileField"):
        field_schema(forms.FileField())
