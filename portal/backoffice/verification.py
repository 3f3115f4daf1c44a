"""How the back-office shows and filters entries nobody has verified for a long time."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.core.freshness import is_stale


def verification_state(obj) -> str:
    """The list column staff scan for entries to check."""
    if is_stale(obj.last_verified_at):
        return format_html('<span class="needs-verification">{}</span>', _("Needs verification"))
    return _("Verified")


class NeedsVerificationFilter(admin.SimpleListFilter):
    """For querysets with `needs_verification()` (portal.core.freshness.VerifiableQuerySet)."""

    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("stale", _("Needs verification"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.needs_verification()
        return queryset
