from django.urls import path

from . import views

app_name = "digest"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("sendt/", views.check_email, name="check-email"),
    # Any text is taken as a token, so that a mangled link gets the friendly page, not the bare
    # 404. Confirmation tokens are looked up by hash; unsubscribe tokens ("key:signature") are
    # checked against the signature before the database is asked.
    path("bekreft/<str:token>/", views.confirm, name="confirm"),
    path("avmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("avmeldt/", views.unsubscribed, name="unsubscribed"),
]
