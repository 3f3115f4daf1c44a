from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_migrate

        # Imported here because it imports models, which are not ready at module import time.
        from .backoffice import login_throttle
        from .core.search_index import restore_sqlite_search_tables

        user_login_failed.connect(
            login_throttle.on_user_login_failed,
            dispatch_uid="login_throttle.failed",
        )
        user_logged_in.connect(
            login_throttle.on_user_logged_in,
            dispatch_uid="login_throttle.logged_in",
        )
        # Once per `migrate`, after every app's migrations (so `sender` is just this app).
        post_migrate.connect(
            restore_sqlite_search_tables, sender=self, dispatch_uid="search.sqlite_tables"
        )
