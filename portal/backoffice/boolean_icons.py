"""Yes/no icons in the admin whose text alternative is in the reader's language.

Django's admin draws a boolean as an icon with the alternative text "True", "False" or "None",
untranslated, so a screen reader reads English on a Norwegian page. Django looks the drawing
function up in `admin_list` each time it draws one, so replacing it there (once, when the admin
app is ready) reaches every list column and read-only field.
"""

from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

_ICONS = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(value: bool | None) -> SafeString:
    text = {True: _("Yes"), False: _("No"), None: _("Unknown")}[value]
    icon = static(f"admin/img/icon-{_ICONS[value]}.svg")
    return format_html('<img src="{}" alt="{}">', icon, text)


def use_translated_boolean_icons() -> None:
    admin_list._boolean_icon = boolean_icon
