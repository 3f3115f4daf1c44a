from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The admin, with the portal's own site: scoped dashboard, throttled login, language switch."""

    default_site = "portal.backoffice.site.PortalAdminSite"
