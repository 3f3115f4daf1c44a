"""The regional overview for county governor advisers, in a real browser: scope, heat map and
tables, filtering to one topic, a CSV export without personal data, and the print stylesheet."""

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

from centres.models import ServiceArea
from portal.demo.loader import ensure_demo_logins

from .conftest import DEMO_PASSWORD, axe_violations, log_in

pytestmark = pytest.mark.browser
ADVISER = "radgiver-vestland"
FILTERS = "#overview-filters"
SUBMIT = "#overview-filters-submit"
HEAT_MAP = "svg#coverage-chart[role=img]"
COVERAGE_ROWS = "table.coverage-table tbody tr th[scope=row]"
TOPIC_CSV = 'a[href*="/oversikt/requests-topic.csv"]'
BYTE_ORDER_MARK = b"\xef\xbb\xbf"
# What the demo requests' requesters are called; none of it may leave the overview.
REQUESTER_NAME = "Demo Demosen"
REQUESTER_EMAIL = re.compile(r"demo[^@\s]*@kommune\.example\.no")


def assert_no_axe_violations(page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{where}: {json.dumps(violations, indent=1)}"


def assert_no_requester_details(text: str, where: str) -> None:
    assert REQUESTER_NAME not in text, where
    assert "kommune.example.no" not in text, where
    assert not REQUESTER_EMAIL.search(text), where


def topic_names(page, slug: str) -> list[str]:
    """The topic and its children, named in the page's language."""
    topic = ServiceArea.objects.get(slug=slug)
    with translation.override(page.locator("html").get_attribute("lang")):
        return [topic.name, *(child.name for child in topic.children.order_by("position"))]


def test_an_adviser_sees_their_county_filters_to_one_topic_exports_it_and_prints_it(
    page, demo_site
):
    base_url = demo_site.url
    ensure_demo_logins(password=DEMO_PASSWORD)
    log_in(page, base_url, ADVISER, lands_on="/oversikt/")
    page.goto(f"{base_url}/oversikt/")
    assert page.url == f"{base_url}/oversikt/"

    # The scope is the adviser's office, which covers Vestland.
    main = page.locator("main")
    assert "Vestland" in page.locator(".overview__scope").inner_text()
    county_options = page.locator(f"{FILTERS} select[name=county] option")
    assert [o.strip() for o in county_options.all_inner_texts()][1:] == ["Vestland"]

    # The heat map is a named graphic, and every table has a caption.
    heat_map = page.locator(HEAT_MAP)
    assert heat_map.count() == 1
    assert heat_map.locator("> title").text_content().strip()
    tables = main.locator("table")
    assert tables.count() >= 10
    captions = [caption.strip() for caption in main.locator("table > caption").all_inner_texts()]
    assert len(captions) == tables.count() and all(captions), captions
    assert page.locator(COVERAGE_ROWS).count() > len(topic_names(page, "rus"))
    assert_no_requester_details(page.content(), "overview page")
    assert_no_axe_violations(page, "overview page")

    # Filtered to one topic: the coverage table has that topic and its children only.
    page.select_option(f"{FILTERS} select[name=topic]", "rus")
    with page.expect_navigation():
        page.click(SUBMIT)
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/oversikt/"
    assert query["topic"] == ["rus"], page.url
    expected = topic_names(page, "rus")
    assert len(expected) >= 2  # rus has spilleavhengighet as a child
    rows = [name.strip() for name in page.locator(COVERAGE_ROWS).all_inner_texts()]
    assert rows == expected
    assert page.input_value(f"{FILTERS} select[name=topic]") == "rus"
    assert page.locator(HEAT_MAP).count() == 1
    assert_no_requester_details(page.content(), "overview filtered to rus")
    assert_no_axe_violations(page, "overview filtered to rus")

    # The CSV keeps the filter, opens in Excel (byte-order mark) and names nobody.
    link = page.locator(TOPIC_CSV)
    assert link.count() == 1
    assert link.get_attribute("download") is not None
    href = link.get_attribute("href")
    assert parse_qs(urlsplit(href).query)["topic"] == ["rus"], href
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.failure() is None
    assert re.fullmatch(r"oversikt-requests-topic-\d{8}-\d{8}\.csv", download.suggested_filename)
    content = Path(download.path()).read_bytes()
    assert content.startswith(BYTE_ORDER_MARK)
    text = content.decode("utf-8-sig")
    # The page is in Bokmål, so the file is split on ";" as Norwegian Excel expects.
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))
    header, *body = table
    assert len(header) == 2, header
    assert [row[0] for row in body] == expected
    assert all(len(row) == 2 for row in body), body
    assert_no_requester_details(text, "requests-topic CSV")

    # Printed: the header and the filters give way to the figures.
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(FILTERS).is_hidden()
    assert page.locator(TOPIC_CSV).is_hidden()
    assert page.locator(HEAT_MAP).is_visible()
    assert page.locator("table.coverage-table").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".site-header").is_visible()
    assert page.locator(FILTERS).is_visible()
