"""The regional forum pages and a centre's published documents in a real browser."""

import json

import pytest
from django.utils import translation

from centres.choices import DocumentKind
from tests.centres.test_documents import pdf_bytes, publish_document
from tests.factories import centre

from .conftest import axe_violations

pytestmark = pytest.mark.browser


def assert_no_axe_violations(page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{where}: {json.dumps(violations, indent=1)}"


def test_the_forum_list_and_a_forum_page_are_accessible(page, demo_site):
    page.goto(f"{demo_site.url}/forum/")
    assert_no_axe_violations(page, "/forum/")
    page.get_by_role("link", name="Nordflanken", exact=True).click()
    page.wait_for_url(f"{demo_site.url}/forum/nordflanken/")
    assert page.locator("h1").inner_text() == "Nordflanken"
    # The demo has joint offerings in the north (RVTS Nord with RKBU Nord, among others).
    joint = page.locator("section[aria-labelledby=joint-heading]")
    assert joint.locator("article").count() >= 1
    assert (
        page.locator("section[aria-labelledby=members-heading]")
        .get_by_role("link", name="RKBU Nord", exact=True)
        .is_visible()
    )
    assert_no_axe_violations(page, "/forum/nordflanken/")


def test_a_centre_page_with_documents_is_accessible_and_downloads_the_pdf(page, demo_site):
    rvts = centre("rvts-nord")
    publish_document(rvts, title="Tilskuddsbrev 2025", year=2025)
    publish_document(rvts, title="Årsrapport 2024", year=2024, kind=DocumentKind.ANNUAL_REPORT)
    publish_document(rvts, title="Strategi 2024–2027", year=2024, kind=DocumentKind.STRATEGY)
    page.goto(f"{demo_site.url}/sentre/rvts-nord/")
    documents = page.locator("section[aria-labelledby=documents-heading]")
    with translation.override(page.locator("html").get_attribute("lang")):
        kinds = [str(label) for label in DocumentKind.labels]
    assert documents.locator("h3").all_inner_texts() == kinds
    assert_no_axe_violations(page, "/sentre/rvts-nord/")

    with page.expect_download() as download_info:
        documents.get_by_role("link", name="Årsrapport 2024").click()
    download = download_info.value
    assert download.suggested_filename == "arsrapport-2024.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == pdf_bytes("Årsrapport 2024")
