"""OpenAPI query parameters read off the forms and filter sets that a list endpoint validates.

A list answers with the filter set of the page it mirrors, so a filter added to that page is
documented here without a second edit: its name, a JSON Schema from its form field (choices
become an enum, dates `format: date`), and its label and help text as the description.
"""

from __future__ import annotations

from collections.abc import Mapping

import django_filters
from django import forms
from django.db import models
from django.forms.utils import pretty_name
from django.utils import translation

from .schemas import BOOLEAN, DATE, Schema

# Django's slug validator, written as the JSON Schema (ECMA 262) pattern it amounts to.
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"

Readable = type[forms.Form] | type[django_filters.FilterSet]


def unbound_form(readable: Readable) -> forms.Form:
    """The form to read parameters off: a filter set's own form, or the form itself."""
    if issubclass(readable, django_filters.FilterSet):
        # Unbound and never evaluated, so no query: model choices are not listed.
        return readable().form
    return readable()


def query_parameters(readable: Readable, notes: Mapping[str, str]) -> list[Schema]:
    """A query parameter for each field, in the form's order; `notes` add what the API says
    beyond the page's labels (by parameter name)."""
    fields = unbound_form(readable).fields
    # The description is English, whoever asks: one ETag serves every reader.
    with translation.override("en"):
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": _description(name, field, notes.get(name, "")),
                "schema": field_schema(field),
            }
            for name, field in fields.items()
        ]


def field_schema(field: forms.Field) -> Schema:
    """What a form field accepts, as JSON Schema. An unforeseen kind of field is an error, so
    that it is taught here rather than described wrongly."""
    if isinstance(field, forms.ModelChoiceField):
        return _key_schema(_key(field))
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [str(key) for key, _ in field.choices if key != ""]}
    if isinstance(field, forms.BooleanField):
        return BOOLEAN
    if isinstance(field, forms.DateField):
        return DATE
    if isinstance(field, forms.IntegerField):
        return _integer_schema(field)
    if isinstance(field, forms.CharField):
        return _with_max_length({"type": "string"}, field.max_length)
    raise TypeError(f"No JSON Schema is known for {type(field).__name__}.")


def _key(field: forms.ModelChoiceField) -> models.Field:
    """The model field a choice is given by (a slug, a number): its `to_field_name`, or the pk."""
    options = field.queryset.model._meta
    return options.get_field(field.to_field_name) if field.to_field_name else options.pk


def _key_schema(key: models.Field) -> Schema:
    if isinstance(key, models.IntegerField):
        return {"type": "integer"}
    schema: Schema = {"type": "string"}
    if isinstance(key, models.SlugField):
        schema["pattern"] = SLUG_PATTERN
    return _with_max_length(schema, key.max_length)


def _integer_schema(field: forms.IntegerField) -> Schema:
    schema: Schema = {"type": "integer"}
    bounds = {"minimum": field.min_value, "maximum": field.max_value, "default": field.initial}
    schema.update({keyword: value for keyword, value in bounds.items() if value is not None})
    return schema


def _with_max_length(schema: Schema, max_length: int | None) -> Schema:
    return {**schema, "maxLength": max_length} if max_length else schema


def _description(name: str, field: forms.Field, note: str) -> str:
    parts = [str(field.label or pretty_name(name)), str(field.help_text or "")]
    if isinstance(field, forms.ModelChoiceField):
        parts.append(_key_description(field))
    parts.append(note)
    return " ".join(_sentence(part) for part in parts if part)


def _key_description(field: forms.ModelChoiceField) -> str:
    """What identifies the choice: "The value is the topic's slug", "… is a county number"."""
    model, key_name = str(field.queryset.model._meta.verbose_name), str(_key(field).verbose_name)
    if key_name.startswith(model):
        return f"The value is a {key_name}"
    return f"The value is the {model}'s {key_name}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."
