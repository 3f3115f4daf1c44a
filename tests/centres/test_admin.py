import pytest
from django.core import mail

from centres.choices import MembershipRole
from centres.models import Centre, CentreMembership
from tests.factories import UserFactory, centre, portal_editor, staff_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def centre_url(slug: str, page: str = "change") -> str:
    return f"/admin/centres/centre/{centre(slug).pk}/{page}/"


def test_staff_edit_the_profile_but_not_network_catchment_or_names(client):
    client.force_login(staff_member("rvts-nord"))
    form = client.get(centre_url("rvts-nord")).context["adminform"].form
    assert "description" in form.fields
    assert "service_areas" in form.fields
    for owned_by_portal_editors in ["network", "catchment", "short_name", "is_national"]:
        assert owned_by_portal_editors not in form.fields


def test_portal_editors_edit_the_structure_too(client):
    client.force_login(portal_editor())
    form = client.get(centre_url("rvts-nord")).context["adminform"].form
    assert {"network", "catchment", "short_name"} <= set(form.fields)


def test_the_centre_page_links_to_its_contacts_and_offerings(client):
    client.force_login(staff_member("rvts-nord"))
    content = client.get(centre_url("rvts-nord")).content.decode()
    pk = centre("rvts-nord").pk
    assert f"/admin/centres/contactperson/?centre__id__exact={pk}" in content
    assert f"/admin/offerings/offering/?centre__id__exact={pk}" in content


def test_only_a_lead_sees_the_staff_list_and_the_invite_link(client):
    client.force_login(staff_member("rvts-nord", MembershipRole.EDITOR))
    response = client.get(centre_url("rvts-nord"))
    assert "Invite a colleague" not in response.content.decode()
    assert client.get(centre_url("rvts-nord", "invite")).status_code == 403

    client.force_login(staff_member("rvts-nord", MembershipRole.LEAD))
    response = client.get(centre_url("rvts-nord"))
    assert "Invite a colleague" in response.content.decode()
    assert len(response.context["inline_admin_formsets"]) == 1


def test_a_lead_invites_a_colleague_from_the_admin(client, django_capture_on_commit_callbacks):
    client.force_login(staff_member("rvts-nord", MembershipRole.LEAD))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            centre_url("rvts-nord", "invite"), {"email": "ny.kollega@example.no", "role": "editor"}
        )
    assert response.status_code == 302
    membership = CentreMembership.objects.get(user__email="ny.kollega@example.no")
    assert membership.centre.slug == "rvts-nord"
    assert not membership.user.is_active
    assert mail.outbox[0].to == ["ny.kollega@example.no"]


def test_inviting_a_current_member_again_is_explained(client):
    colleague = staff_member("rvts-nord", email="kollega@example.no")
    client.force_login(staff_member("rvts-nord", MembershipRole.LEAD))
    response = client.post(
        centre_url("rvts-nord", "invite"), {"email": colleague.email, "role": "editor"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_a_lead_removes_a_colleague_from_the_staff_list(client):
    lead = staff_member("rvts-nord", MembershipRole.LEAD)
    leaving = staff_member("rvts-nord")
    client.force_login(lead)
    response = client.get(centre_url("rvts-nord"))
    formset = response.context["inline_admin_formsets"][0].formset
    data = {
        key: value for key, value in formset.management_form.initial.items() if value is not None
    }
    data = {f"{formset.prefix}-{key}": value for key, value in data.items()}
    for index, form in enumerate(formset.forms):
        data[f"{formset.prefix}-{index}-id"] = form.instance.pk
        data[f"{formset.prefix}-{index}-centre"] = centre("rvts-nord").pk
        data[f"{formset.prefix}-{index}-role"] = form.instance.role
        if form.instance.user == leaving:
            data[f"{formset.prefix}-{index}-DELETE"] = "on"
    rvts = centre("rvts-nord")
    data.update(
        {
            "description": rvts.description,
            "email": "post@rvts-nord.example.no",
            "phone": "",
            "website": "",
            "accepts_requests": "on",
            "service_areas": [t.pk for t in rvts.service_areas.all()],
            "_continue": "1",
        }
    )
    response = client.post(centre_url("rvts-nord"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not CentreMembership.objects.filter(user=leaving).exists()
    assert Centre.objects.get(slug="rvts-nord").email == "post@rvts-nord.example.no"


def test_an_adviser_without_membership_has_no_centre_admin(client):
    client.force_login(UserFactory())
    assert client.get("/admin/centres/centre/").status_code == 403
