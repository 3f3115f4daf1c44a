from django.urls import path

from . import views

app_name = "offerings"
urlpatterns = [
    path("", views.offering_list, name="list"),
    path("<int:pk>-<slug:slug>/", views.offering_detail, name="detail"),
]
