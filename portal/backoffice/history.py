"""History pages in words: labels instead of stored values, in the reader's language.

django-simple-history shows each change as the stored values ("received → accepted", "None",
"2026-12-01 22:29:24.057455+00:00", "True"); here they become what the forms show: a choice's
label, "Yes"/"No", a local date and time, "(empty)". The status change reason that
`requests.services` writes ("received → accepted") is translated the same way when shown.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

STATUS_ARROW = " → "


def _empty(value: Any) -> bool:
    # A foreign key that was empty arrives as a "deleted object" without a primary key.
    if isinstance(value, DeletedObject):
        return value.pk is None
    return value is None or value == "" or value == []


def readable_value(field: models.Field, value: Any) -> Any:
    """The value as a person reads it, for one field of the model."""
    if _empty(value):
        return _("(empty)")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field.flatchoices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return value


class ReadableHistory(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        prepared = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), prepared)


def readable_change_reason(model: type[models.Model], reason: str | None) -> str:
    """ "received → accepted" → "Received → Accepted" in the active language; other reasons as
    they are, and none as a dash."""
    if not reason:
        return "–"
    try:
        labels = dict(model._meta.get_field("status").flatchoices)
    except FieldDoesNotExist:
        return reason
    parts = reason.split(STATUS_ARROW)
    if all(part in labels for part in parts):
        return STATUS_ARROW.join(str(labels[part]) for part in parts)
    return reason
