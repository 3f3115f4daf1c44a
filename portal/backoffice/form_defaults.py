from django import forms
from django.db import models

# Vocabularies are short lists: checkboxes read better than a multiple select.
CHECKBOXES = {"widget": forms.CheckboxSelectMultiple}

# Links typed without a scheme become https:// (Django 6's default, asked for explicitly now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def https_url_formfield(field: models.Field, **kwargs):
    """Meta.formfield_callback for model forms declared outside the admin's own factory."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)
