"""The back-office pages' SQL query counts are bounded and do not grow with the data."""

import pytest

from centres.models import Centre, ContactPerson
from offerings.models import Offering
from requests.models import HelpRequest
from tests.query_counts import Page

# The measuring fixture uses the test database; so does each test's small transaction.
pytestmark = pytest.mark.django_db

# (page, login) → queries measured with the demo data; a change that adds one must say why here.
BUDGETS = {
    # The index also counts the request queues (one aggregate query).
    Page("/admin/", "redaktor-rvts-nord"): 14,
    Page("/admin/centres/centre/", "redaktor-rvts-nord"): 11,
    Page("CENTRE", "redaktor-rvts-nord"): 16,
    Page("/admin/centres/contactperson/", "redaktor-rvts-nord"): 12,
    Page("CONTACT", "redaktor-rvts-nord"): 15,
    Page("/admin/offerings/offering/", "redaktor-rvts-nord"): 13,
    Page(
        "/admin/offerings/offering/?verification=stale&status=published", "redaktor-rvts-nord"
    ): 13,
    Page("OFFERING", "redaktor-rvts-nord"): 25,
    Page("/admin/offerings/offering/add/", "redaktor-rvts-nord"): 17,
    # … and for an editor, reads the memberships that "mine" needs.
    Page("/admin/", "portaladmin"): 12,
    Page("/admin/centres/centre/", "portaladmin"): 8,
    Page("CENTRE", "portaladmin"): 14,
    Page("/admin/centres/contactperson/", "portaladmin"): 9,
    Page("/admin/offerings/offering/", "portaladmin"): 10,
    Page("OFFERING", "portaladmin"): 22,
    Page("/admin/helprequests/helprequest/", "redaktor-korus-vest-stavanger"): 11,
    Page("/admin/helprequests/helprequest/?queue=mine", "redaktor-korus-vest-stavanger"): 11,
    Page("REQUEST", "redaktor-korus-vest-stavanger"): 16,
    Page("/admin/helprequests/helprequest/", "portaladmin"): 9,
    Page("REQUEST", "portaladmin"): 17,
}


def resolve(page: str) -> str:
    centre = Centre.objects.get(slug="rvts-nord")
    if page == "CENTRE":
        return f"/admin/centres/centre/{centre.pk}/change/"
    if page == "CONTACT":
        contact = ContactPerson.objects.filter(centre=centre).order_by("pk").first()
        return f"/admin/centres/contactperson/{contact.pk}/change/"
    if page == "OFFERING":
        offering = (
            Offering.objects.filter(centre=centre, sessions__isnull=False).order_by("pk").first()
        )
        return f"/admin/offerings/offering/{offering.pk}/change/"
    if page == "REQUEST":
        # The demo's request led by RVTS Vest, with a priority, a reply and a partner-less log.
        help_request = (
            HelpRequest.objects.routed_to([Centre.objects.get(slug="korus-vest-stavanger").pk])
            .filter(lead_centre__isnull=False)
            .order_by("pk")
            .first()
        )
        return f"/admin/helprequests/helprequest/{help_request.pk}/change/"
    return page


@pytest.mark.query_budget
@pytest.mark.parametrize("page", BUDGETS, ids=str)
def test_admin_page_query_count_is_the_same_at_1x_and_10x_demo_data(page, measured_queries):
    at_1x, at_10x = measured_queries[__name__, page]
    assert at_1x == at_10x
    assert at_10x <= BUDGETS[page]
