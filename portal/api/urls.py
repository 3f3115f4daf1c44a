"""Open data: read-only JSON at `/api/v1/`, shaped after Open Referral HSDS 3.

Path parameters are all called `id`, as in the OpenAPI description (a test compares the two).
"""

from django.urls import path, re_path

from . import views

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("organizations/", views.organization_list, name="organizations-list"),
    path("organizations/<slug:id>/", views.organization_detail, name="organization-detail"),
    path("services/", views.service_list, name="services-list"),
    path("services/<int:id>/", views.service_detail, name="service-detail"),
    path("contacts/", views.contact_list, name="contacts-list"),
    path("contacts/<int:id>/", views.contact_detail, name="contact-detail"),
    path("taxonomies/", views.taxonomy_list, name="taxonomies-list"),
    path("taxonomies/<slug:id>/", views.taxonomy_detail, name="taxonomy-detail"),
    path("taxonomy_terms/", views.taxonomy_term_list, name="taxonomy-terms-list"),
    path("taxonomy_terms/<slug:id>/", views.taxonomy_term_detail, name="taxonomy-term-detail"),
    # Anything else under the API, given with its trailing slash, is a JSON 404 too. (Without the
    # slash, CommonMiddleware first redirects to it.)
    re_path(r"^.+/$", views.not_found, name="not-found"),
]
