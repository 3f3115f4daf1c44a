from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.backoffice import policy
from portal.backoffice.form_defaults import CHECKBOXES, HTTPS_URL_FIELDS, https_url_formfield
from portal.backoffice.scoping import CentreOwnedAdmin
from portal.backoffice.verification import NeedsVerificationFilter, verification_state

from .choices import OfferingStatus
from .models import Offering, OfferingSession
from .services import (
    change_offering_status,
    change_offerings_status,
    duplicate_offering,
    mark_offerings_verified,
)
from .views import offering_page_queryset, render_offering_page

Status = OfferingStatus


class OfferingForm(forms.ModelForm):
    class Meta:
        model = Offering
        fields = [
            "centre",
            "title",
            "summary",
            "description",
            "offering_type",
            "format",
            "service_areas",
            "target_groups",
            "eligible_counties",
            "price",
            "price_note",
            "registration_url",
            "contact",
            "co_hosts",
        ]
        formfield_callback = https_url_formfield

    def clean(self):
        cleaned = super().clean()
        centre, contact = cleaned.get("centre"), cleaned.get("contact")
        if centre and contact and contact.centre_id != centre.pk:
            self.add_error("contact", _("Choose a contact person from the offering's own centre."))
        co_hosts = cleaned.get("co_hosts")
        if centre and co_hosts and centre in co_hosts:
            self.add_error("co_hosts", _("The organising centre cannot also be a co-host."))
        return cleaned


class OfferingSessionInline(admin.StackedInline):
    model = OfferingSession
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS
    fields = [
        ("starts_at", "ends_at"),
        "is_online",
        "online_url",
        ("venue", "municipality"),
        "registration_deadline",
        ("capacity", "places_left"),
        "is_cancelled",
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField):
            # The admin's date and time boxes share one label that points at neither box.
            date_box, time_box = field.widget.widgets
            name = capfirst(db_field.verbose_name)
            date_box.attrs["aria-label"] = format_lazy("{}: {}", name, _("date"))
            time_box.attrs["aria-label"] = format_lazy("{}: {}", name, _("time"))
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "municipality":
            # Read the 357 municipalities once for all session forms, not once per form.
            field.choices = list(field.choices)
        return field

    def has_view_permission(self, request, obj=None):
        return policy.uses_backoffice(request.user)

    def has_add_permission(self, request, obj=None):
        return obj is None or policy.can_edit_offering(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


class DuplicateForm(forms.Form):
    weeks = forms.IntegerField(
        label=_("Move the dates by this many weeks"),
        min_value=0,
        max_value=156,
        initial=26,
        help_text=_("26 weeks moves an autumn course to the spring. Use 0 to keep the dates."),
    )


@admin.register(Offering)
class OfferingAdmin(CentreOwnedAdmin):
    form = OfferingForm
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["title", "centre", "offering_type", "format", "status", "verification"]
    list_filter = [
        "status",
        NeedsVerificationFilter,
        "format",
        "offering_type",
        ("centre", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["centre", "offering_type"]
    search_fields = ["title", "summary"]
    readonly_fields = ["status", "last_verified_at", "last_verified_by"]
    actions = ["mark_verified", "publish", "unpublish", "cancel", "archive"]
    inlines = [OfferingSessionInline]
    change_form_template = "admin/offerings/offering/change_form.html"
    fieldsets = [
        (
            None,
            {"fields": ["centre", "title", "summary", "description", "offering_type", "format"]},
        ),
        (_("Who it is for"), {"fields": ["service_areas", "target_groups", "eligible_counties"]}),
        (
            _("Price, registration and contact"),
            {"fields": ["price", "price_note", "registration_url", "contact", "co_hosts"]},
        ),
        (_("Status and verification"), {"fields": readonly_fields}),
    ]

    def visible(self, request, queryset):
        return policy.offerings_visible_to(request.user, queryset)

    def editable(self, request, queryset):
        return policy.offerings_editable_by(request.user, queryset)

    def can_edit(self, request, obj):
        return policy.can_edit_offering(request.user, obj)

    def can_see(self, request, obj):
        if self.can_edit(request, obj):
            return True
        centre_ids = policy.member_centre_ids(request.user)
        return obj.co_hosts.filter(pk__in=centre_ids).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contact":
            kwargs["queryset"] = policy.contacts_for(request.user).select_related("centre")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **{**CHECKBOXES, **kwargs})

    @admin.display(description=_("verification"))
    def verification(self, offering):
        return verification_state(offering)

    # Saving from the change form: "Publish" and "Preview" are extra submit buttons.

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def _after_save(self, request, offering):
        if "_publish" in request.POST:
            try:
                change_offering_status(offering=offering, status=Status.PUBLISHED, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("“%(title)s” is published.") % {"title": offering},
                    messages.SUCCESS,
                )
            return redirect("admin:offerings_offering_change", offering.pk)
        if "_preview" in request.POST:
            return redirect("admin:offerings_offering_preview", offering.pk)
        return None

    # Extra pages: preview and duplicate.

    def get_urls(self):
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="offerings_offering_preview",
            ),
            path(
                "<path:object_id>/duplicate/",
                self.admin_site.admin_view(self.duplicate_view),
                name="offerings_offering_duplicate",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        offering = self.get_visible_object(request, object_id)
        if offering.status == Status.PUBLISHED:
            return redirect(offering)
        offering = offering_page_queryset().get(pk=offering.pk)
        return render_offering_page(
            request, offering, preview_of_status=offering.get_status_display()
        )

    def duplicate_view(self, request, object_id):
        offering = self.get_visible_object(request, object_id)
        if not self.can_edit(request, offering):
            raise PermissionDenied
        form = DuplicateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            copy = duplicate_offering(
                offering=offering,
                shift=timedelta(weeks=form.cleaned_data["weeks"]),
                by=request.user,
            )
            self.message_user(
                request,
                _("This is a draft copy of “%(title)s”. Check it, then publish it.")
                % {"title": offering},
                messages.SUCCESS,
            )
            return redirect("admin:offerings_offering_change", copy.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Duplicate “%(title)s”") % {"title": offering},
            "opts": self.opts,
            "original": offering,
            "form": form,
            "session_count": offering.sessions.count(),
        }
        return TemplateResponse(request, "admin/offerings/offering/duplicate.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is None:
            context["can_publish"] = True
        else:
            context |= {
                "can_publish": obj.status != Status.PUBLISHED and self.can_edit(request, obj),
                "preview_url": reverse("admin:offerings_offering_preview", args=[obj.pk]),
                "duplicate_url": reverse("admin:offerings_offering_duplicate", args=[obj.pk]),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Bulk actions (ScopedAdmin hands them only the rows the user may change).

    @admin.action(description=_("Mark selected offerings as verified"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = mark_offerings_verified(offerings=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d offering marked as verified.",
                "%(count)d offerings marked as verified.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def _bulk_status(self, request, queryset, status):
        moved, skipped = change_offerings_status(
            offerings=queryset.prefetch_related("sessions"), status=status, by=request.user
        )
        label = Status(status).label
        self.message_user(
            request,
            ngettext(
                "%(count)d offering is now “%(status)s”.",
                "%(count)d offerings are now “%(status)s”.",
                moved,
            )
            % {"count": moved, "status": label},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d offering could not become “%(status)s” and was left as it was.",
                    "%(count)d offerings could not become “%(status)s” and were left as they were.",
                    skipped,
                )
                % {"count": skipped, "status": label},
                messages.WARNING,
            )

    @admin.action(description=_("Publish selected offerings"), permissions=["change"])
    def publish(self, request, queryset):
        self._bulk_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Take selected offerings back to draft"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._bulk_status(request, queryset, Status.DRAFT)

    @admin.action(description=_("Cancel selected offerings"), permissions=["change"])
    def cancel(self, request, queryset):
        self._bulk_status(request, queryset, Status.CANCELLED)

    @admin.action(description=_("Archive selected offerings"), permissions=["change"])
    def archive(self, request, queryset):
        self._bulk_status(request, queryset, Status.ARCHIVED)
