"""Messages of Django's admin, django.contrib.auth and django-simple-history, listed so that
`makemessages` keeps them in the project's catalogues (`locale/`), which take precedence over
the packages' own.

They are here because the packages' Bokmål and Nynorsk catalogues lack them (newer strings such
as "Show counts", the screen-reader-only column headers on the start page, the theme toggle), or
have them in a form that reads wrong: "Legg til ny tilbud" (the adjective does not agree with a
neuter noun, so the Bokmål "Add …" strings drop it), Bokmål words on Nynorsk pages ("valgte",
"Velg"; the history pages of django-simple-history, which has no Nynorsk catalogue, so Django
falls back to Bokmål), and the admin's messages after saving with Norwegian quotation marks «…»
instead of "…" (Bokmål) or “…” (Nynorsk). `tests/portal/backoffice/test_admin_language.py`
renders the admin and finds none of the English or Bokmål leftovers.

Nothing imports this module; the strings only have to be found by `makemessages`. Keep each
msgid exactly as the package writes it (typographic apostrophes and the ellipsis included).
The admin's JavaScript strings (calendar, selector) are in `locale/*/LC_MESSAGES/djangojs.po`.
"""

from django.utils.translation import gettext_lazy, ngettext_lazy

DJANGO_ADMIN = (
    gettext_lazy("Add %(name)s"),
    gettext_lazy("Add %s"),
    gettext_lazy("Add another %(verbose_name)s"),
    gettext_lazy("Add another %(model)s"),
    gettext_lazy("Add link"),
    gettext_lazy("Added:"),
    gettext_lazy("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_lazy("Breadcrumbs"),
    gettext_lazy("Change or view list link"),
    gettext_lazy("Changed:"),
    gettext_lazy("Delete selected %(verbose_name_plural)s"),
    gettext_lazy("Deleted:"),
    gettext_lazy("Disable password-based authentication"),
    gettext_lazy("Enable password-based authentication"),
    gettext_lazy("Error:"),
    gettext_lazy("Filter navigation items"),
    gettext_lazy("Forgotten your login credentials?"),
    gettext_lazy("Hide counts"),
    gettext_lazy("Model name"),
    gettext_lazy("Please correct the error below."),
    gettext_lazy("Select %s"),
    gettext_lazy("Select %s to change"),
    gettext_lazy("Select %s to view"),
    gettext_lazy("Select all %(total_count)s %(module_name)s"),
    gettext_lazy("Select all objects on this page for an action"),
    gettext_lazy("Select this object for an action - {}"),
    gettext_lazy("Set password"),
    gettext_lazy("Show counts"),
    gettext_lazy("Sidebar"),
    gettext_lazy("Sorting priority: %(priority_number)s"),
    gettext_lazy("Start typing to filter…"),
    gettext_lazy("Thanks for spending some quality time with the web site today."),
    gettext_lazy(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_lazy("Toggle sorting"),
    gettext_lazy("Toggle theme (current theme: auto)"),
    gettext_lazy("Toggle theme (current theme: dark)"),
    gettext_lazy("Toggle theme (current theme: light)"),
    gettext_lazy("View selected %(model)s"),
    gettext_lazy("Your password was changed."),
    ngettext_lazy("entry", "entries", "count"),
)

DJANGO_ADMIN_MESSAGES = (
    gettext_lazy("Added “%(object)s”."),
    gettext_lazy("Changed “%(object)s” — %(changes)s"),
    gettext_lazy("Deleted “%(object)s.”"),
    gettext_lazy("Added {name} “{object}”."),
    gettext_lazy("Changed {fields} for {name} “{object}”."),
    gettext_lazy("Deleted {name} “{object}”."),
    gettext_lazy("The {name} “{obj}” was added successfully."),
    gettext_lazy("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_lazy("The {name} “{obj}” was added successfully. You may edit it again below."),
    gettext_lazy("The {name} “{obj}” was changed successfully."),
    gettext_lazy("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_lazy("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_lazy("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_lazy("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_lazy(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the '
        "following related items will be deleted:"
    ),
)

DJANGO_AUTH = (
    gettext_lazy("Conflicting form data submitted. Please try again."),
    gettext_lazy("Disabled"),
    gettext_lazy("Enable password-based authentication for this user by setting a password."),
    gettext_lazy("Enabled"),
    gettext_lazy("Password-based authentication"),
    gettext_lazy("Password-based authentication was disabled."),
    gettext_lazy("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_lazy("Reset password"),
    gettext_lazy("Set password: %s"),
    gettext_lazy(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On or "
        "LDAP."
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
)

SIMPLE_HISTORY = (
    gettext_lazy("Change history: %s"),
    gettext_lazy("Change reason"),
    gettext_lazy("Changed"),
    gettext_lazy("Changed by"),
    gettext_lazy("Changes"),
    gettext_lazy("Close"),
    gettext_lazy("Comment"),
    gettext_lazy("Created"),
    gettext_lazy("Date/time"),
    gettext_lazy("Deleted"),
    gettext_lazy("Deleted %(type_name)s"),
    gettext_lazy("History"),
    gettext_lazy("None"),
    gettext_lazy("Object"),
    gettext_lazy("This object doesn't have a change history."),
    gettext_lazy("View %(verbose_name)s"),
    gettext_lazy("View %s"),
    gettext_lazy("View history: %s"),
)
