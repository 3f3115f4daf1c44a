from django.urls import path

from . import views

app_name = "requests"
urlpatterns = [
    path("ny/", views.new_request, name="new"),
    # Tokens are URL-safe base64, which the slug converter matches; anything else is a 404.
    path("mottatt/<slug:token>/", views.receipt, name="receipt"),
    path("status/<slug:token>/", views.status, name="status"),
]
