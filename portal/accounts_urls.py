from django.urls import path

from . import accounts

app_name = "accounts"

urlpatterns = [
    # The same pattern serves the emailed link and, with "sett-passord" as token, the form itself.
    path("aktiver/<uidb64>/<token>/", accounts.activate_account, name="activate"),
]
