from django.contrib import admin
from django.utils.translation import gettext_lazy as _


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
