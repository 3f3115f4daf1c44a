from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .finder import views as finder_views
from .overview import views as overview_views
from .web import health
from .web import views as site_views

urlpatterns = [
    path("", finder_views.home, name="home"),
    path("sentre/", include("centres.urls")),
    path("tilbud/", include("offerings.urls")),
    path("henvendelse/", include("requests.urls")),
    path("api/v1/", include("portal.api.urls")),
    path("nyhetsbrev/", include("portal.digest.urls")),
    path("forum/", include("centres.forum_urls")),
    path("oversikt/", overview_views.overview, name="overview"),
    path("oversikt/<slug:key>.csv", overview_views.overview_csv, name="overview-csv"),
    path("personvern/", site_views.privacy, name="privacy"),
    path("kontakt/", site_views.contact, name="contact"),
    path("om-tjenesten/", site_views.about, name="about"),
    path("tilgjengelighet/", site_views.accessibility, name="accessibility"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("centres.account_urls")),
    path("konto/", include("portal.backoffice.urls")),
    path("admin/", admin.site.urls),
    path("helse/", health.health, name="health"),
]

if settings.BENCHMARK_YARDSTICK:
    from .bench.yardstick import yardstick

    urlpatterns.append(path("benchmark/yardstick/", yardstick, name="benchmark-yardstick"))
