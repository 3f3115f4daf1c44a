from django.urls import path

from . import views

app_name = "requests"
urlpatterns = [
    path("ny/", views.new_request, name="new"),
    path("mottatt/<str:token>/", views.receipt, name="receipt"),
    path("status/<str:token>/", views.status, name="status"),
]
