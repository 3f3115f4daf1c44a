from django.urls import path

from . import views
from .feeds import OfferingFeed

app_name = "offerings"
urlpatterns = [
    path("", views.offering_list, name="list"),
    path("kalender.ics", views.offering_calendar, name="calendar"),
    path("feed/", OfferingFeed(), name="feed"),
    path("<int:pk>-<slug:slug>/", views.offering_detail, name="detail"),
    path(
        "<int:pk>-<slug:slug>/kalender/<int:session_pk>.ics",
        views.session_calendar,
        name="session-calendar",
    ),
]
