"""Centres' published documents: the upload checks, who may manage them, and the download."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from centres.choices import DocumentKind
from centres.documents import download_name, save_document
from centres.models import Centre, CentreDocument
from tests.factories import UserFactory, centre, portal_editor, staff_member

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/centres/centredocument/add/"


def pdf_bytes(text: str = "Tilskuddsbrev") -> bytes:
    """A tiny but well-formed PDF: header, one object, trailer and the end-of-file marker."""
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj\n<< /Type /Catalog /Title (" + text.encode("ascii", "replace") + b") >>\n"
        b"endobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
    )


def publish_document(
    centre: Centre,
    *,
    title: str = "Tilskuddsbrev 2024",
    year: int = 2024,
    kind: str = DocumentKind.GRANT_LETTER,
    content: bytes | None = None,
) -> CentreDocument:
    """A document stored as an upload through the admin would be."""
    document = CentreDocument(
        centre=centre,
        kind=kind,
        year=year,
        title=title,
        file=ContentFile(content or pdf_bytes(title), name="opplastet.pdf"),
    )
    return save_document(document=document, by=UserFactory())


def upload(client, centre: Centre, content: bytes, *, name: str = "brev.pdf", **fields):
    data = {
        "centre": centre.pk,
        "kind": DocumentKind.GRANT_LETTER,
        "year": 2024,
        "title": "Tilskuddsbrev 2024",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "_save": "Save",
        **fields,
    }
    return client.post(ADD_URL, data)


def file_errors(response) -> list[str]:
    return response.context["adminform"].form.errors.get("file", [])


def stored_path(document: CentreDocument) -> Path:
    return Path(settings.MEDIA_ROOT) / document.file.name


# Uploads


def test_staff_upload_a_real_pdf_for_their_own_centre(client):
    user = staff_member("rvts-nord")
    client.force_login(user)
    content = pdf_bytes()
    response = upload(client, centre("rvts-nord"), content, name="Tilskuddsbrev RVTS Nord.pdf")
    assert response.status_code == 302
    document = CentreDocument.objects.get()
    assert document.centre.slug == "rvts-nord"
    assert document.uploaded_by == user
    assert document.file_size == len(content)
    assert stored_path(document).read_bytes() == content


def test_the_stored_file_gets_a_random_name_not_the_uploaded_one(client):
    client.force_login(staff_member("rvts-nord"))
    upload(client, centre("rvts-nord"), pdf_bytes(), name="Kari Nordmann sitt brev.pdf")
    name = CentreDocument.objects.get().file.name
    assert "Kari" not in name
    assert name.startswith("dokumenter/")
    assert name.endswith(".pdf")
    assert len(Path(name).stem) == 32


def test_a_renamed_windows_program_is_refused_with_a_clear_message(client, in_english):
    client.force_login(staff_member("rvts-nord"))
    program = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS"
    response = upload(client, centre("rvts-nord"), program, name="tilskuddsbrev.pdf")
    assert response.status_code == 200
    assert file_errors(response) == [
        "The file is a Windows program, not a PDF. Only PDF documents can be published."
    ]
    assert not CentreDocument.objects.exists()


def test_the_windows_program_message_is_in_bokmal_by_default(client):
    client.force_login(staff_member("rvts-nord"))
    response = upload(client, centre("rvts-nord"), b"MZ" + b"\x00" * 100)
    assert response.status_code == 200
    assert len(file_errors(response)) == 1
    assert "Windows" in file_errors(response)[0]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Dette er bare tekst, ikke en PDF.\n", id="plain text"),
        pytest.param(b"<html><script>alert(1)</script></html>", id="html"),
        pytest.param(b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n", id="truncated pdf without %%EOF"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 100 + b"%%EOF", id="zip ending in %%EOF"),
        pytest.param(
            b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n",
            id="html behind a pdf header, without a cross-reference",
        ),
    ],
)
def test_a_file_named_pdf_that_is_not_a_pdf_is_refused(client, in_english, content):
    client.force_login(staff_member("rvts-nord"))
    response = upload(client, centre("rvts-nord"), content, name="rapport.pdf")
    assert response.status_code == 200
    assert file_errors(response) == [
        "The file is not a PDF document (or it is damaged). Save or export the document as PDF "
        "and upload it again."
    ]
    assert not CentreDocument.objects.exists()


def test_a_pdf_whose_end_marker_is_followed_by_a_little_padding_is_accepted(client):
    client.force_login(staff_member("rvts-nord"))
    response = upload(client, centre("rvts-nord"), pdf_bytes() + b"\r\n" + b" " * 200)
    assert response.status_code == 302


def test_a_file_over_the_size_limit_is_refused(client, in_english, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    client.force_login(staff_member("rvts-nord"))
    too_large = b"%PDF-1.4\n" + b"0" * 988 + b"\nstartxref\n0\n%%EOF\n"
    response = upload(client, centre("rvts-nord"), too_large)
    assert response.status_code == 200
    assert file_errors(response) == [
        "The file is 1016\xa0bytes; the largest file allowed is 1000\xa0bytes."
    ]
    assert not CentreDocument.objects.exists()


def test_the_default_size_limit_is_ten_megabytes():
    assert settings.DOCUMENT_MAX_UPLOAD_BYTES == 10 * 1024 * 1024


def test_a_pdf_with_another_extension_is_refused(client, in_english):
    client.force_login(staff_member("rvts-nord"))
    response = upload(client, centre("rvts-nord"), pdf_bytes(), name="brev.exe")
    assert response.status_code == 200
    assert "File extension “exe” is not allowed" in file_errors(response)[0]


def test_the_form_asks_the_browser_for_pdf_files_and_states_the_limit(client, in_english):
    client.force_login(staff_member("rvts-nord"))
    html = client.get(ADD_URL).content.decode()
    assert 'accept="application/pdf,.pdf"' in html
    assert "PDF only, at most 10.0\xa0MB." in html


def test_a_staff_member_of_one_centre_gets_it_chosen_already(client):
    client.force_login(staff_member("rvts-nord"))
    form = client.get(ADD_URL).context["adminform"].form
    assert form.initial["centre"] == centre("rvts-nord").pk
    assert list(form.fields["centre"].queryset) == [centre("rvts-nord")]


# Who may manage which documents


def admin_url(document: CentreDocument, page: str = "change") -> str:
    return f"/admin/centres/centredocument/{document.pk}/{page}/"


@pytest.mark.parametrize("page", ["change", "delete", "history"])
def test_staff_of_another_centre_cannot_see_or_change_a_document(client, page):
    document = publish_document(centre("rvts-nord"))
    client.force_login(staff_member("korus-vest-stavanger"))
    assert client.get(admin_url(document, page)).status_code == 404
    assert client.post(admin_url(document, page), {"post": "yes"}).status_code == 404
    assert CentreDocument.objects.filter(pk=document.pk).exists()


def test_the_document_list_shows_only_the_users_own_documents(client):
    own = publish_document(centre("korus-vest-stavanger"), title="Årsrapport")
    foreign = publish_document(centre("rvts-nord"), title="Strategi")
    client.force_login(staff_member("korus-vest-stavanger"))
    listed = client.get("/admin/centres/centredocument/").context["cl"].result_list
    assert list(listed) == [own]
    found = client.get("/admin/centres/centredocument/", {"q": foreign.title}).context["cl"]
    assert list(found.result_list) == []


def test_staff_cannot_upload_for_another_centre_by_tampering_with_the_form(client):
    client.force_login(staff_member("korus-vest-stavanger"))
    response = upload(client, centre("rvts-nord"), pdf_bytes())
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["centre"]
    assert not CentreDocument.objects.exists()


def test_staff_cannot_move_their_document_to_another_centre(client):
    document = publish_document(centre("korus-vest-stavanger"))
    client.force_login(staff_member("korus-vest-stavanger"))
    response = client.post(
        admin_url(document),
        {
            "centre": centre("rvts-nord").pk,
            "kind": document.kind,
            "year": document.year,
            "title": document.title,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["centre"]
    document.refresh_from_db()
    assert document.centre.slug == "korus-vest-stavanger"


def test_the_bulk_delete_action_leaves_other_centres_documents_alone(client):
    own = publish_document(centre("korus-vest-stavanger"))
    foreign = publish_document(centre("rvts-nord"))
    client.force_login(staff_member("korus-vest-stavanger"))
    client.post(
        "/admin/centres/centredocument/",
        {"action": "delete_selected", "_selected_action": [own.pk, foreign.pk], "post": "yes"},
    )
    assert list(CentreDocument.objects.all()) == [foreign]


def test_portal_editors_manage_every_centres_documents(client):
    document = publish_document(centre("rvts-nord"))
    client.force_login(portal_editor())
    assert client.get(admin_url(document)).status_code == 200
    response = upload(client, centre("napha"), pdf_bytes())
    assert response.status_code == 302
    assert CentreDocument.objects.filter(centre__slug="napha").exists()


def test_advisers_and_anonymous_users_have_no_document_admin(client):
    document = publish_document(centre("rvts-nord"))
    assert client.get(admin_url(document)).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get("/admin/centres/centredocument/").status_code == 403


def test_changing_the_title_keeps_the_file_and_who_uploaded_it(client):
    document = publish_document(centre("rvts-nord"))
    uploaded_by, name = document.uploaded_by, document.file.name
    client.force_login(staff_member("rvts-nord"))
    response = client.post(
        admin_url(document),
        {"centre": document.centre_id, "kind": "annual-report", "year": 2023, "title": "Ny"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.title, document.file.name, document.uploaded_by) == ("Ny", name, uploaded_by)


def test_a_replaced_file_is_removed_from_storage(client, django_capture_on_commit_callbacks):
    document = publish_document(centre("rvts-nord"))
    old_path = stored_path(document)
    user = staff_member("rvts-nord")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url(document),
            {
                "centre": document.centre_id,
                "kind": document.kind,
                "year": document.year,
                "title": document.title,
                "file": SimpleUploadedFile("ny.pdf", pdf_bytes("Ny versjon")),
            },
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert not old_path.exists()
    assert stored_path(document).read_bytes() == pdf_bytes("Ny versjon")
    assert document.uploaded_by == user


def test_a_deleted_document_takes_its_file_along(client, django_capture_on_commit_callbacks):
    document = publish_document(centre("rvts-nord"))
    path = stored_path(document)
    client.force_login(staff_member("rvts-nord"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url(document, "delete"), {"post": "yes"})
    assert not CentreDocument.objects.exists()
    assert not path.exists()


def test_the_same_title_twice_for_one_year_is_a_form_error(client, in_english):
    publish_document(centre("rvts-nord"), title="Tilskuddsbrev 2024")
    client.force_login(staff_member("rvts-nord"))
    response = upload(client, centre("rvts-nord"), pdf_bytes(), title="Tilskuddsbrev 2024")
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Centre document with this Centre, Kind, Year and Title already exists."
    ]
    assert CentreDocument.objects.count() == 1


# The public side


def test_download_is_an_attachment_with_a_safe_file_name(client):
    document = publish_document(centre("rvts-nord"), title="Årsrapport for «RVTS Nord»")
    response = client.get(f"/sentre/rvts-nord/dokumenter/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        'attachment; filename="arsrapport-for-rvts-nord-2024.pdf"'
    )
    assert b"".join(response.streaming_content) == pdf_bytes("Årsrapport for «RVTS Nord»")


def test_a_document_under_another_centres_address_is_not_found(client):
    document = publish_document(centre("rvts-nord"))
    assert client.get(f"/sentre/korus-vest-stavanger/dokumenter/{document.pk}/").status_code == 404
    assert client.get(f"/sentre/rvts-nord/dokumenter/{document.pk + 1000}/").status_code == 404


def test_a_document_whose_file_is_gone_is_not_found_rather_than_an_error(client):
    document = publish_document(centre("rvts-nord"))
    stored_path(document).unlink()
    assert client.get(f"/sentre/rvts-nord/dokumenter/{document.pk}/").status_code == 404


def test_the_download_answers_only_reading_methods(client):
    document = publish_document(centre("rvts-nord"))
    assert client.post(f"/sentre/rvts-nord/dokumenter/{document.pk}/").status_code == 405


@pytest.mark.parametrize(
    ("title", "year", "expected"),
    [
        ("Tilskuddsbrev 2024", 2024, "tilskuddsbrev-2024.pdf"),
        ("Strategi for Nord-Norge", 2025, "strategi-for-nord-norge-2025.pdf"),
        ("Årsrapport Æ Ø Å", 2023, "arsrapport-ae-o-a-2023.pdf"),
        ("../../etc/passwd", 2024, "etcpasswd-2024.pdf"),
        ('"; rm -rf /; echo ".pdf', 2024, "rm-rf-echo-pdf-2024.pdf"),
        ("Ελληνικά", 2022, "dokument-2022.pdf"),
        ("x" * 300, 2024, "x" * 80 + "-2024.pdf"),
    ],
)
def test_the_download_name_is_plain_ascii_from_the_title_and_year(title, year, expected):
    assert download_name(title=title, year=year) == expected


def test_the_centre_page_lists_documents_by_kind_newest_first_with_size(client, in_english):
    rvts = centre("rvts-nord")
    publish_document(rvts, title="Tilskuddsbrev 2023", year=2023)
    publish_document(rvts, title="Tilskuddsbrev 2025", year=2025)
    publish_document(rvts, title="Strategi 2024–2027", year=2024, kind="strategy")
    publish_document(rvts, title="Årsrapport 2024", year=2024, kind="annual-report")
    publish_document(centre("rvts-vest"), title="Annen sentrals rapport")
    html = client.get("/sentre/rvts-nord/").content.decode()
    section = html[html.index('id="documents-heading"') :]
    order = [
        "Grant letter",
        "Tilskuddsbrev 2025",
        "Tilskuddsbrev 2023",
        "Annual report",
        "Årsrapport 2024",
        "Strategy document",
        "Strategi 2024–2027",
    ]
    positions = [section.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Annen sentrals rapport" not in html
    size = len(pdf_bytes("Tilskuddsbrev 2025"))
    assert f"(2025, PDF, {size}\xa0bytes)" in section
    assert "/sentre/rvts-nord/dokumenter/" in section


def test_a_centre_without_documents_says_so(client, in_english):
    html = client.get("/sentre/napha/").content.decode()
    assert "The centre has not published any documents yet." in html
