from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.backoffice import policy
from portal.backoffice.form_defaults import CHECKBOXES, HTTPS_URL_FIELDS
from portal.backoffice.scoping import CentreOwnedAdmin, PortalEditorsOnlyAdmin, ScopedAdmin
from portal.backoffice.verification import NeedsVerificationFilter, verification_state

from .documents import PdfUploadField, delete_document, save_document
from .forms import StaffInvitationForm
from .invitations import invite_staff_member
from .models import (
    AdviserAssignment,
    Centre,
    CentreDocument,
    CentreMembership,
    ContactPerson,
    County,
    Forum,
    Municipality,
    OfferingType,
    Region,
    ServiceArea,
    StatsforvalterOffice,
    TargetGroup,
)
from .services import mark_centres_verified


class CentreMembershipInline(admin.StackedInline):
    """The staff list: a lead changes roles and removes colleagues; new ones are invited."""

    model = CentreMembership
    extra = 0
    fields = ["user", "user_email", "role"]
    readonly_fields = ["user", "user_email"]
    verbose_name = _("staff member")
    verbose_name_plural = _("staff")

    @admin.display(description=_("email"))
    def user_email(self, membership):
        return membership.user.email

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_view_permission(self, request, obj=None):
        # Django asks without a centre when it builds the rows; the centre is checked before.
        if obj is None:
            return policy.uses_backoffice(request.user)
        return policy.can_manage_staff(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)


@admin.register(Centre)
class CentreAdmin(ScopedAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["short_name", "network", "is_national", "last_verified_at", "verification"]
    list_filter = ["network", "is_national", NeedsVerificationFilter]
    search_fields = ["short_name", "name", "host_organisation"]
    prepopulated_fields = {"slug": ["short_name"]}
    actions = ["mark_verified"]
    inlines = [CentreMembershipInline]
    change_form_template = "admin/centres/centre/change_form.html"
    staff_fields = [
        "description",
        "email",
        "phone",
        "website",
        "accepts_requests",
        "service_areas",
        "target_groups",
    ]
    structure_fields = [
        "short_name",
        "slug",
        "name",
        "network",
        "is_national",
        "host_organisation",
        "catchment",
    ]

    def visible(self, request, queryset):
        return policy.centres_for(request.user, queryset)

    def can_see(self, request, obj):
        return policy.can_edit_centre(request.user, obj)

    can_edit = can_see

    def has_add_permission(self, request):
        return policy.can_edit_centre_structure(request.user)

    def has_delete_permission(self, request, obj=None):
        return policy.can_edit_centre_structure(request.user)

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": self.structure_fields}),
            (_("What municipalities see"), {"fields": self.staff_fields}),
            (_("Verification"), {"fields": ["last_verified_at", "last_verified_by"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_verified_at", "last_verified_by"]
        if not policy.can_edit_centre_structure(request.user):
            readonly += self.structure_fields
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if policy.can_edit_centre_structure(request.user) else {}

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **{**CHECKBOXES, **kwargs})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("last_verified_by")
            .annotate(
                contact_count=Count("contacts", distinct=True),
                offering_count=Count("offerings", distinct=True),
            )
            .order_by(*Centre._meta.ordering)
        )

    @admin.display(description=_("verification"))
    def verification(self, centre):
        return verification_state(centre)

    @admin.action(description=_("Mark selected centres as verified"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = mark_centres_verified(centres=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d centre marked as verified.",
                "%(count)d centres marked as verified.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context |= {
                "contacts_url": reverse("admin:centres_contactperson_changelist")
                + f"?centre__id__exact={obj.pk}",
                "offerings_url": reverse("admin:offerings_offering_changelist")
                + f"?centre__id__exact={obj.pk}",
                "add_offering_url": reverse("admin:offerings_offering_add") + f"?centre={obj.pk}",
                "can_invite": policy.can_manage_staff(request.user, obj),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/invite/",
                self.admin_site.admin_view(self.invite_view),
                name="centres_centre_invite",
            ),
            *super().get_urls(),
        ]

    def invite_view(self, request, object_id):
        centre = self.get_visible_object(request, object_id)
        if not policy.can_manage_staff(request.user, centre):
            raise PermissionDenied
        form = StaffInvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = invite_staff_member(
                    centre=centre,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,
                )
            except ValidationError as error:
                form.add_error("email", error)
            else:
                done = (
                    _("%(email)s has been invited to %(centre)s.")
                    if result.link
                    else _("%(email)s already had an account and now has access to %(centre)s.")
                )
                self.message_user(
                    request,
                    done % {"email": form.cleaned_data["email"], "centre": centre},
                    messages.SUCCESS,
                )
                return redirect("admin:centres_centre_change", centre.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invite a colleague to %(centre)s") % {"centre": centre},
            "opts": self.opts,
            "original": centre,
            "form": form,
            "link_days": settings.STAFF_INVITATION_MAX_AGE // (24 * 60 * 60),
        }
        return TemplateResponse(request, "admin/centres/centre/invite.html", context)


@admin.register(ContactPerson)
class ContactPersonAdmin(CentreOwnedAdmin):
    list_display = ["name", "role", "centre", "email", "is_general_contact", "is_public"]
    list_filter = [("centre", admin.RelatedOnlyFieldListFilter), "is_general_contact", "is_public"]
    list_select_related = ["centre"]
    search_fields = ["name", "role", "email"]
    fields = [
        "centre",
        "name",
        "role",
        "email",
        "phone",
        "topics",
        "counties",
        "is_general_contact",
        "is_public",
        "position",
    ]

    def visible(self, request, queryset):
        return policy.contacts_for(request.user, queryset)

    def can_see(self, request, obj):
        return policy.can_edit_contact(request.user, obj)

    can_edit = can_see

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **{**CHECKBOXES, **kwargs})


@admin.register(County)
class CountyAdmin(PortalEditorsOnlyAdmin):
    list_display = ["number", "name", "parallel_name", "region", "office"]
    list_select_related = ["region", "office"]
    search_fields = ["number", "name", "parallel_name"]


@admin.register(Municipality)
class MunicipalityAdmin(PortalEditorsOnlyAdmin):
    list_display = ["number", "name", "county"]
    list_select_related = ["county"]
    list_filter = ["county"]
    search_fields = ["number", "name"]


@admin.register(ServiceArea, TargetGroup, OfferingType)
class VocabularyAdmin(PortalEditorsOnlyAdmin):
    list_display = ["slug", "name_nb", "name_nn", "name_en"]
    search_fields = ["slug", "name_nb", "name_nn", "name_en"]


@admin.register(CentreMembership)
class CentreMembershipAdmin(PortalEditorsOnlyAdmin):
    list_display = ["user", "centre", "role"]
    list_select_related = ["user", "centre"]
    list_filter = ["role", "centre"]
    search_fields = ["user__username", "user__email", "centre__short_name"]
    autocomplete_fields = ["user"]


@admin.register(AdviserAssignment)
class AdviserAssignmentAdmin(PortalEditorsOnlyAdmin):
    list_display = ["user", "office"]
    list_select_related = ["user", "office"]
    autocomplete_fields = ["user"]


@admin.register(Region, StatsforvalterOffice)
class NamedPlaceAdmin(PortalEditorsOnlyAdmin):
    search_fields = ["slug", "name"]


@admin.register(CentreDocument)
class CentreDocumentAdmin(CentreOwnedAdmin):
    """Staff publish their own centre's PDFs; the file is checked on upload (see documents.py)."""

    formfield_overrides = {
        models.FileField: {
            "form_class": PdfUploadField,
            # The stored file is not served from MEDIA_URL, so no "Currently: <link>" widget;
            # the download link is shown as a read-only field instead.
            "widget": forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        }
    }
    list_display = ["title", "centre", "kind", "year", "size", "uploaded_at"]
    list_filter = [("centre", admin.RelatedOnlyFieldListFilter), "kind", "year"]
    list_select_related = ["centre"]
    search_fields = ["title"]
    readonly_fields = ["download", "size", "uploaded_at", "uploaded_by"]

    def visible(self, request, queryset):
        return policy.documents_for(request.user, queryset)

    def can_see(self, request, obj):
        return policy.can_edit_document(request.user, obj)

    can_edit = can_see

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("centre", "uploaded_by")

    def get_fields(self, request, obj=None):
        fields = ["centre", "kind", "year", "title", "file"]
        return fields if obj is None else [*fields, *self.readonly_fields]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "file":
            kwargs["help_text"] = _("PDF only, at most %(limit)s.") % {
                "limit": filesizeformat(settings.DOCUMENT_MAX_UPLOAD_BYTES)
            }
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("size"))
    def size(self, document):
        return filesizeformat(document.file_size)

    @admin.display(description=_("download"))
    def download(self, document):
        url = reverse("centres:document", kwargs={"slug": document.centre.slug, "pk": document.pk})
        return format_html('<a href="{}">{}</a>', url, _("Download the published file"))

    def save_model(self, request, obj, form, change):
        save_document(document=obj, by=request.user)

    def delete_model(self, request, obj):
        delete_document(document=obj)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            delete_document(document=document)


@admin.register(Forum)
class ForumAdmin(PortalEditorsOnlyAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "region", "member_count", "position"]
    list_select_related = ["region"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name",
        "slug",
        "region",
        "description",
        "member_centres",
        "offices",
        "website",
        "position",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("member_centres"))

    @admin.display(description=_("member centres"), ordering="member_count")
    def member_count(self, forum):
        return forum.member_count

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **{**CHECKBOXES, **kwargs})
