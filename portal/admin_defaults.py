from django.db import models

# Links typed without a scheme become https:// (Django 6's default, asked for explicitly now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
