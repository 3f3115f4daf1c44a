"""Admin base classes that take every permission decision from `portal.backoffice.policy`.

A subclass says which objects a user may see (`visible`) and change (`editable`); everything the
admin derives from the queryset (lists, search, filters, autocomplete, bulk actions, the change,
delete and history pages) then shows nothing else, and an object outside it is a 404.
"""

from __future__ import annotations

import functools

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from . import policy
from .history import ReadableHistory, readable_change_reason


class ForeignObjectsAreNotFound:
    """Django's admin answers an unknown object with a redirect; a foreign one must be a 404."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


class ScopedAdmin(ForeignObjectsAreNotFound, SimpleHistoryAdmin):
    def visible(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        raise NotImplementedError

    def editable(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        return self.visible(request, queryset)

    def can_see(self, request: HttpRequest, obj: models.Model) -> bool:
        raise NotImplementedError

    def can_edit(self, request: HttpRequest, obj: models.Model) -> bool:
        raise NotImplementedError

    def get_visible_object(self, request: HttpRequest, object_id: str) -> models.Model:
        """For the extra pages (preview, duplicate, invite): the object, or 403/404 as usual."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj

    def get_queryset(self, request):
        return self.visible(request, super().get_queryset(request))

    def has_module_permission(self, request):
        return policy.uses_backoffice(request.user)

    def has_view_permission(self, request, obj=None):
        return policy.uses_backoffice(request.user) and (obj is None or self.can_see(request, obj))

    def has_add_permission(self, request):
        return policy.uses_backoffice(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.uses_backoffice(request.user) and (obj is None or self.can_edit(request, obj))

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_actions(self, request):
        # Bulk actions get the rows the user ticked that they may change, never more: a
        # co-hosted offering is visible in the list but cannot be deleted or published from it.
        actions = super().get_actions(request)
        return {
            name: (self._acting_on_editable_rows(func), name, description)
            for name, (func, name, description) in actions.items()
        }

    def _acting_on_editable_rows(self, func):
        @functools.wraps(func)
        def action(modeladmin, request, queryset):
            return func(modeladmin, request, self.editable(request, queryset))

        return action

    def _require_visible(self, request, object_id) -> None:
        try:
            visible = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            visible = False
        if not visible:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        # Without this, the history of an object outside the queryset falls back to its
        # historical rows; only objects the user may see have a history page.
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            record.readable_change_reason = readable_change_reason(
                self.model, record.history_change_reason
            )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_visible(request, object_id)
        if request.method == "POST":
            # Reverting is switched off; the history form is for reading an old version only.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class PortalEditorsOnlyAdmin(ForeignObjectsAreNotFound, admin.ModelAdmin):
    """Reference data and accounts: portal editors only, centre staff never see them."""

    def has_module_permission(self, request):
        return policy.is_portal_editor(request.user)

    def has_view_permission(self, request, obj=None):
        return policy.is_portal_editor(request.user)

    def has_add_permission(self, request):
        return policy.is_portal_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.is_portal_editor(request.user)

    def has_delete_permission(self, request, obj=None):
        return policy.is_portal_editor(request.user)


class CentreOwnedAdmin(ScopedAdmin):
    """For entries a centre owns (a `centre` foreign key): staff choose among their own centres,
    and a member of a single centre does not have to choose at all."""

    def get_changeform_initial_data(self, request):
        centre_ids = policy.member_centre_ids(request.user)
        own = {"centre": next(iter(centre_ids))} if len(centre_ids) == 1 else {}
        return {**own, **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "centre":
            kwargs["queryset"] = policy.centres_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
