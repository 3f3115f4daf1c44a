from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .attention import stale_entries_for_user
from .login_throttle import ThrottledAdminAuthenticationForm


class PortalAdminSite(admin.AdminSite):
    site_header = _("Kompetanseportalen – back-office")
    site_title = _("Kompetanseportalen back-office")
    index_title = _("Back-office")
    index_template = "admin/portal/index.html"
    login_form = ThrottledAdminAuthenticationForm

    def index(self, request, extra_context=None):
        context = {"needs_attention": stale_entries_for_user(request.user), **(extra_context or {})}
        return super().index(request, context)
