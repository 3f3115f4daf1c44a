from django.urls import path

from . import activation

app_name = "accounts"

urlpatterns = [
    # The same pattern serves the emailed link and, with "sett-passord" as token, the form itself.
    path("aktiver/<uidb64>/<token>/", activation.activate_account, name="activate"),
]
