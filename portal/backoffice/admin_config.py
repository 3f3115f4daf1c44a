from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The admin, with the portal's own site: scoped dashboard, throttled login, language switch."""

    default_site = "portal.backoffice.site.PortalAdminSite"

    def ready(self) -> None:
        super().ready()
        from .boolean_icons import use_translated_boolean_icons

        use_translated_boolean_icons()
