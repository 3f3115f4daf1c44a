from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    # The folder is called `requests` by design; the label keeps it apart from the PyPI package.
    name = "requests"
    label = "helprequests"
    verbose_name = _("Requests for help")
