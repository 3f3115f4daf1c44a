from django import forms, template
from django.forms import BoundField
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*url_label_pairs: str) -> dict:
    """{% breadcrumbs url1 "Label 1" "" "Current page" %}: an empty url marks the current page."""
    return {"trail": list(zip(url_label_pairs[::2], url_label_pairs[1::2], strict=True))}


def described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.simple_tag
def ds_widget(field: BoundField) -> str:
    """The widget with Designsystemet's class and the ARIA links to help text and errors."""
    attrs = {"class": "ds-input"}
    if ids := described_by(field):
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def ds_group_attrs(field: BoundField) -> dict:
    return {"describedby": described_by(field)}


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_group(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def price(amount) -> str:
    if not amount:
        return _("Free")
    return _("NOK %(amount)s") % {
        "amount": number_format(amount, decimal_pos=0, force_grouping=True)
    }


@register.filter
def pairs(items) -> list[tuple]:
    """[a, b, c, d] → [(a, b), (c, d)]: the coverage table's centres/offerings cells."""
    items = list(items)
    return list(zip(items[::2], items[1::2], strict=True))
