# Portal editors' admin. Centre staff scoping and the permission policy arrive with the
# back-office issue; until then only superusers and users given model permissions see anything.
from django.contrib import admin

from portal.admin_defaults import HTTPS_URL_FIELDS

from .models import (
    AdviserAssignment,
    Centre,
    CentreMembership,
    ContactPerson,
    County,
    Municipality,
    OfferingType,
    Region,
    ServiceArea,
    StatsforvalterOffice,
    TargetGroup,
)


class ContactPersonInline(admin.StackedInline):
    model = ContactPerson
    extra = 0
    autocomplete_fields = ["topics", "counties"]


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["short_name", "network", "is_national", "accepts_requests", "last_verified_at"]
    list_filter = ["network", "is_national", "accepts_requests"]
    search_fields = ["short_name", "name", "host_organisation"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["catchment", "service_areas", "target_groups"]
    readonly_fields = ["last_verified_by"]
    inlines = [ContactPersonInline]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "parallel_name", "region", "office"]
    list_select_related = ["region", "office"]
    search_fields = ["number", "name", "parallel_name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county"]
    list_select_related = ["county"]
    list_filter = ["county"]
    search_fields = ["number", "name"]


@admin.register(ServiceArea, TargetGroup, OfferingType)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_nb", "name_nn", "name_en"]
    search_fields = ["slug", "name_nb", "name_nn", "name_en"]


admin.site.register(Region, search_fields=["slug", "name"])
admin.site.register(StatsforvalterOffice, search_fields=["slug", "name"])
admin.site.register(CentreMembership, list_display=["user", "centre", "role"])
admin.site.register(AdviserAssignment, list_display=["user", "office"])
