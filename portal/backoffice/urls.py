from django.urls import path

from . import accounts

urlpatterns = [
    path("", accounts.landing, name="landing"),
    path("logg-inn/", accounts.login, name="login"),
    path("logg-ut/", accounts.logout, name="logout"),
]
