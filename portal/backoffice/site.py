from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from requests.queues import QueueSizes, queue_sizes

from . import accounts, policy
from .attention import stale_entries_for_user
from .landing import landing_url


def request_queues(user: policy.User) -> QueueSizes | None:
    """The user's request queues for the start page; None for users without queues."""
    if not policy.uses_backoffice(user):
        return None
    return queue_sizes(
        policy.help_requests_visible_to(user), centre_ids=policy.member_centre_ids(user)
    )


class PortalAdminSite(admin.AdminSite):
    site_header = _("Kompetanseportalen – back-office")
    site_title = _("Kompetanseportalen back-office")
    index_title = _("Back-office")
    index_template = "admin/portal/index.html"

    def login(self, request, extra_context=None):
        return accounts.admin_login(request)

    def logout(self, request, extra_context=None):
        return accounts.logout(request)

    def index(self, request, extra_context=None):
        if not policy.uses_backoffice(request.user) and policy.is_adviser(request.user):
            # Nothing here is theirs: the overview is where an adviser's work is.
            return redirect(landing_url(request.user))
        context = {
            "needs_attention": stale_entries_for_user(request.user),
            "request_queues": request_queues(request.user),
            "reply_working_days": settings.HELP_REQUEST_REPLY_WORKING_DAYS,
            **(extra_context or {}),
        }
        return super().index(request, context)

    def get_urls(self):
        # Placed first, so it answers instead of Django's own "view on site" redirect.
        return [
            path(
                "r/<path:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's redirect would reveal any object's public address (and a draft's title)."""
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
            model_admin = self._registry[model]
            visible = model_admin.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, KeyError, ValidationError, ContentType.DoesNotExist):
            raise Http404 from None
        if not visible:
            raise Http404
        return shortcut(request, content_type_id, object_id)
