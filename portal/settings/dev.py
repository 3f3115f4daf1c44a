"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
DEMO_CONTENT_ALLOWED = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Serve straight from static/ and node_modules/ so no collectstatic is needed while developing.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
