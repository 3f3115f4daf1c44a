import pytest

from portal.demo.loader import ensure_demo_logins

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/",
    "/admin/centres/centre/",
    "/admin/centres/centre/add/",
    "/admin/centres/municipality/?q=time",
    "/admin/offerings/offering/",
    "/admin/offerings/offering/add/",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_portal_editor_reaches_the_admin(client, demo_content, path):
    ensure_demo_logins(password="et-langt-demo-passord")
    client.login(username="portaladmin", password="et-langt-demo-passord")
    assert client.get(path).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get("/admin/offerings/offering/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
