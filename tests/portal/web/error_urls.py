"""The site's URLs plus two that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns


def refused(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("broken on purpose by a test")


urlpatterns = [path("nektet/", refused), path("feil/", broken), *site_urlpatterns]
