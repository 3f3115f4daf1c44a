from django.contrib import admin

from portal.admin_defaults import HTTPS_URL_FIELDS

from .models import Offering, OfferingSession


class OfferingSessionInline(admin.TabularInline):
    formfield_overrides = HTTPS_URL_FIELDS
    model = OfferingSession
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(Offering)
class OfferingAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "centre", "offering_type", "format", "status", "last_verified_at"]
    list_filter = ["status", "format", "offering_type", "centre"]
    list_select_related = ["centre", "offering_type"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["co_hosts", "service_areas", "target_groups", "eligible_counties"]
    raw_id_fields = ["contact"]
    readonly_fields = ["last_verified_by"]
    inlines = [OfferingSessionInline]
