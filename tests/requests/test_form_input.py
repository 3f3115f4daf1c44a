"""The public request form at /henvendelse/ny/ against hostile, odd and merely unusual input.

Every field gets a table of values it must refuse and values it must accept. A refusal re-renders
the form (200, never 500) with the error on the right field and saves nothing at all; an
acceptance redirects to the receipt and stores the text as plain text, escaped wherever shown.
"""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.db.models import F
from django.urls import reverse
from django.utils.html import escape

from centres.models import Centre, ServiceArea
from offerings.choices import OfferingStatus
from offerings.models import Offering
from portal.core.models import OutboxEmail, RateLimitHit
from requests.choices import EventKind, HelpRequestStatus, Timeframe
from requests.models import Candidate, Event, HelpRequest
from tests.factories import OfferingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

URL = "/henvendelse/ny/"
SCRIPT = "<script>alert(1)</script>"
# A synthetic national identity number (month + 80) with correct check digits.
IDENTITY_NUMBER = "01819912323"
MISSING = object()

BASELINE = {
    "requester_name": "Kari Nordmann",
    "requester_role": "Helsesykepleier, Time helsestasjon",
    "requester_email": "kari.nordmann@time.kommune.no",
    "requester_phone": "+47 51 23 45 67",
    "municipality": "1121",
    "topics": ["rus"],
    "target_groups": ["barn-og-unge"],
    "help_wanted": ["veiledning"],
    "timeframe": Timeframe.WITHIN_3_MONTHS.value,
    "staff_count": "12",
    "description": "Vi trenger veiledning i å kartlegge rusbruk blant ungdom.",
    "preferred_centre": "korus-vest-stavanger",
    "offering": "",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    """Fuzzing posts many times from one address; only the rate-limit tests lower this."""
    settings.HELP_REQUEST_RATE_LIMIT = 1000


def payload(**changes) -> dict:
    data = {**BASELINE, **changes}
    return {key: value for key, value in data.items() if value is not MISSING}


def assert_nothing_saved() -> None:
    assert HelpRequest.objects.count() == 0
    assert Candidate.objects.count() == 0
    assert Event.objects.count() == 0
    assert OutboxEmail.objects.count() == 0


class FormState(HTMLParser):
    """What a browser would show in the form: input values, checked boxes, textareas, selects."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self.checked: dict[str, set[str]] = {}
        self.textareas: dict[str, str] = {}
        self.selected: dict[str, set[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.checked.setdefault(name, set()).add(attributes.get("value", "on"))
            else:
                self.values.setdefault(name, []).append(attributes.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.textareas[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.selected[name] = set()
        elif tag == "option" and self._select and "selected" in attributes:
            self.selected[self._select].add(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.textareas[self._textarea] += data

    def textarea(self, name: str) -> str:
        # Django writes a newline straight after <textarea>, which browsers drop.
        return self.textareas[name].removeprefix("\n").removeprefix("\r\n")


# 1. Bad input, field by field


def bad(field: str, value, *codes: str, id: str):
    return pytest.param(field, value, set(codes), id=f"{field}-{id}")


REFUSED = [
    # Name and role: required single-line text without control characters or identity numbers.
    bad("requester_name", MISSING, "required", id="missing"),
    bad("requester_name", "", "required", id="empty"),
    bad("requester_name", "   ", "required", id="spaces"),
    bad("requester_name", "\t\n\u00a0\u2003", "required", id="unicode-whitespace"),
    bad("requester_name", "x" * 201, "max_length", id="201-chars"),
    bad("requester_name", "x" * 100_000, "max_length", id="100000-chars"),
    bad("requester_name", "Kari\x00Nordmann", "null_characters_not_allowed", id="nul"),
    bad("requester_name", "Kari\x07", "control_characters", id="bell"),
    bad("requester_name", "\x1b[31mKari\x1b[0m", "control_characters", id="ansi-escape"),
    bad("requester_name", "Kari\x7f", "control_characters", id="delete"),
    bad("requester_name", "Kari\x85Nordmann", "control_characters", id="c1-next-line"),
    bad("requester_name", f"Kari {IDENTITY_NUMBER}", "identity_number", id="identity-number"),
    bad("requester_role", MISSING, "required", id="missing"),
    bad("requester_role", "", "required", id="empty"),
    bad("requester_role", " \t ", "required", id="spaces"),
    bad("requester_role", "x" * 100_000, "max_length", id="100000-chars"),
    bad("requester_role", "Leder\x00", "null_characters_not_allowed", id="nul"),
    bad("requester_role", "Leder\x07", "control_characters", id="bell"),
    bad("requester_role", "\x1b[31mLeder", "control_characters", id="ansi-escape"),
    bad("requester_role", "Leder 018199 12323", "identity_number", id="spaced-identity-number"),
    # Email.
    bad("requester_email", MISSING, "required", id="missing"),
    bad("requester_email", "", "required", id="empty"),
    bad("requester_email", "   ", "required", id="spaces"),
    bad("requester_email", "kari", "invalid", id="no-at"),
    bad("requester_email", "kari@", "invalid", id="no-domain"),
    bad("requester_email", "@time.kommune.no", "invalid", id="no-user"),
    bad("requester_email", "kari@@time.kommune.no", "invalid", id="double-at"),
    bad(
        "requester_email",
        "kari@time.kommune.no\r\nBcc: all@evil.example",
        "invalid",
        id="header-injection",
    ),
    bad(
        "requester_email",
        "kari@time.kommune.no\x00",
        "null_characters_not_allowed",
        "invalid",
        id="nul",
    ),
    bad("requester_email", f"{SCRIPT}@example.no", "invalid", id="script"),
    bad("requester_email", "' OR '1'='1@example.no", "invalid", id="sql"),
    bad("requester_email", "x" * 100_000 + "@example.no", "max_length", id="100000-chars"),
    bad("requester_email", "kari😀@example.no", "invalid", id="emoji"),
    # Phone (optional, but if given it must look like a phone number).
    bad("requester_phone", "abc", "invalid", id="letters"),
    bad("requester_phone", "1234", "invalid", id="too-short"),
    bad("requester_phone", "1" * 31, "max_length", id="31-digits"),
    bad("requester_phone", "9" * 100_000, "max_length", id="100000-digits"),
    bad("requester_phone", "51234567\x00", "null_characters_not_allowed", id="nul"),
    bad("requester_phone", "\x1b[31m51234567", "invalid", id="ansi-escape"),
    bad("requester_phone", SCRIPT, "invalid", id="script"),
    bad("requester_phone", "51234567; DROP TABLE x", "invalid", id="sql"),
    bad("requester_phone", "٥١٢٣٤٥٦٧", "invalid", id="arabic-indic-digits"),
    bad("requester_phone", "📞 51 23 45 67", "invalid", id="emoji"),
    bad("requester_phone", "++47 51234567", "invalid", id="double-plus"),
    # Municipality: a number, a name or "Name (1234)" that names exactly one municipality.
    bad("municipality", MISSING, "required", id="missing"),
    bad("municipality", "", "required", id="empty"),
    bad("municipality", "   ", "required", id="spaces"),
    bad("municipality", "9999", "unknown", id="unknown-number"),
    bad("municipality", "0000", "unknown", id="zero-number"),
    bad("municipality", "Atlantis", "unknown", id="unknown-name"),
    bad("municipality", "Oslo (1121)", "unknown", id="name-and-number-disagree"),
    bad("municipality", "Herøy", "ambiguous", id="ambiguous-name"),
    bad("municipality", "x" * 100_000, "max_length", id="100000-chars"),
    bad("municipality", "Time\x00", "null_characters_not_allowed", id="nul"),
    bad("municipality", "\x1b[31mTime", "unknown", id="ansi-escape"),
    bad("municipality", SCRIPT, "unknown", id="script"),
    bad("municipality", "1121' OR '1'='1", "unknown", id="sql"),
    bad("municipality", "\u202eemiT", "unknown", id="right-to-left-override"),
    # Topics and the other vocabularies: known slugs only.
    bad("topics", MISSING, "required", id="missing"),
    bad("topics", [], "required", id="none"),
    bad("topics", [""], "invalid_choice", id="empty-slug"),
    bad("topics", ["nope"], "invalid_choice", id="unknown-slug"),
    bad("topics", ["rus", "nope"], "invalid_choice", id="one-unknown-among-known"),
    bad("topics", ["1"], "invalid_choice", id="primary-key-not-slug"),
    bad("topics", ["RUS"], "invalid_choice", id="wrong-case"),
    bad("topics", [SCRIPT], "invalid_choice", id="script"),
    bad("topics", ["rus' OR '1'='1"], "invalid_choice", id="sql"),
    bad("topics", ["rus\x00"], "null_characters_not_allowed", id="nul"),
    bad("topics", ["x" * 100_000], "invalid_choice", id="100000-chars"),
    bad("target_groups", ["nope"], "invalid_choice", id="unknown-slug"),
    bad("target_groups", ["foreldre", "foreldre", "nope"], "invalid_choice", id="dupes-and-bad"),
    bad("target_groups", [SCRIPT], "invalid_choice", id="script"),
    bad("target_groups", ["x" * 100_000], "invalid_choice", id="100000-chars"),
    bad("help_wanted", MISSING, "required", id="missing"),
    bad("help_wanted", [], "required", id="none"),
    bad("help_wanted", ["nope"], "invalid_choice", id="unknown-slug"),
    bad("help_wanted", ["rus"], "invalid_choice", id="topic-slug-in-wrong-field"),
    bad("help_wanted", ["kurs", "nope"], "invalid_choice", id="one-unknown-among-known"),
    bad("help_wanted", [SCRIPT], "invalid_choice", id="script"),
    # Timeframe: one of the choices, spelled exactly.
    bad("timeframe", MISSING, "required", id="missing"),
    bad("timeframe", "", "required", id="empty"),
    bad("timeframe", "   ", "invalid_choice", id="spaces"),
    bad("timeframe", "never", "invalid_choice", id="unknown"),
    bad("timeframe", "FLEXIBLE", "invalid_choice", id="wrong-case"),
    bad("timeframe", "No particular time", "invalid_choice", id="label-not-value"),
    bad("timeframe", "flexible\x00", "invalid_choice", id="nul"),
    bad("timeframe", SCRIPT, "invalid_choice", id="script"),
    bad("timeframe", "x" * 100_000, "invalid_choice", id="100000-chars"),
    bad("timeframe", ["flexible", "never"], "invalid_choice", id="last-of-several-is-bad"),
    # Staff count: a whole number from 1 to 100,000.
    bad("staff_count", MISSING, "required", id="missing"),
    bad("staff_count", "", "required", id="empty"),
    bad("staff_count", "   ", "required", "invalid", id="spaces"),
    bad("staff_count", "0", "min_value", id="zero"),
    bad("staff_count", "-1", "min_value", id="negative"),
    bad("staff_count", "-0", "min_value", id="negative-zero"),
    bad("staff_count", "100001", "max_value", id="one-too-many"),
    bad("staff_count", "99999999999999999999", "max_value", id="beyond-64-bit"),
    bad("staff_count", "9" * 100_000, "invalid", id="100000-digits"),
    bad("staff_count", "12.5", "invalid", id="fraction"),
    bad("staff_count", "1e3", "invalid", id="exponent"),
    bad("staff_count", "0x10", "invalid", id="hexadecimal"),
    bad("staff_count", "NaN", "invalid", id="nan"),
    bad("staff_count", "Infinity", "invalid", id="infinity"),
    bad("staff_count", "abc", "invalid", id="letters"),
    bad("staff_count", "12 ansatte", "invalid", id="number-and-words"),
    bad("staff_count", "😀", "invalid", id="emoji"),
    bad("staff_count", SCRIPT, "invalid", id="script"),
    bad("staff_count", "1; DROP TABLE requests_helprequest", "invalid", id="sql"),
    # Description: free text, at most 5,000 characters, no control characters or ID numbers.
    bad("description", MISSING, "required", id="missing"),
    bad("description", "", "required", id="empty"),
    bad("description", " \r\n\t ", "required", id="whitespace"),
    bad("description", "\u00a0\u2003\u3000", "required", id="unicode-whitespace"),
    bad("description", "x" * 5001, "max_length", id="5001-chars"),
    bad("description", "x" * 100_000, "max_length", id="100000-chars"),
    bad("description", "Hjelp\x00", "null_characters_not_allowed", id="nul"),
    bad("description", "Hjelp\x07", "control_characters", id="bell"),
    bad("description", "\x1b[31mHjelp\x1b[0m", "control_characters", id="ansi-escape"),
    bad("description", "Hjelp\x0b\x0cmer", "control_characters", id="vertical-tab-form-feed"),
    bad(
        "description",
        f"Gjelder gutten med fnr {IDENTITY_NUMBER}",
        "identity_number",
        id="identity-number",
    ),
    bad("description", "Gjelder 01.81.99 12323", "identity_number", id="dotted-identity-number"),
    bad(
        "description", "Gjelder ０１８１９９１２３２３", "identity_number", id="fullwidth-id-number"
    ),
    # Preferred centre: the slug of a centre that accepts requests, or nothing.
    bad("preferred_centre", "nope", "invalid_choice", id="unknown-slug"),
    bad("preferred_centre", "1", "invalid_choice", id="primary-key-not-slug"),
    bad("preferred_centre", SCRIPT, "invalid_choice", id="script"),
    bad("preferred_centre", "korus-vest-stavanger\x00", "null_characters_not_allowed", id="nul"),
    bad("preferred_centre", "x" * 100_000, "invalid_choice", id="100000-chars"),
    # Offering (hidden): the id of a published offering, or nothing.
    # Consent: the box must be ticked.
    bad("consent", MISSING, "required", id="missing"),
    bad("consent", "", "required", id="empty"),
    bad("consent", "false", "required", id="false"),
    bad("consent", "False", "required", id="false-capitalised"),
]


@pytest.mark.parametrize(("field", "value", "codes"), REFUSED)
def test_a_bad_value_in_one_field_is_refused_on_that_field_and_nothing_is_saved(
    client, field, value, codes
):
    response = client.post(URL, payload(**{field: value}))

    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.as_data()
    assert set(errors) == {field}, errors
    found = {error.code for error in errors[field]}
    assert found & codes, f"expected one of {codes}, got {found}"
    html = response.content.decode()
    for message in form.errors[field]:
        assert escape(message) in html
    assert SCRIPT not in html
    assert_nothing_saved()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("requester_name", "\u200b\u200b", id="name-of-zero-width-spaces"),
        pytest.param("requester_role", "\u2060\ufeff", id="role-of-word-joiner-and-bom"),
        pytest.param("description", "\u200b\u200c\u200d", id="description-of-zero-widths"),
    ],
)
def test_required_text_made_only_of_invisible_characters_counts_as_empty(client, field, value):
    response = client.post(URL, payload(**{field: value}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert_nothing_saved()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("requester_name", "Kari\r\nBcc: all@evil.example", id="name"),
        pytest.param("requester_role", "Leder\nFAKE LOG LINE", id="role"),
    ],
)
def test_a_line_break_in_a_single_line_field_is_refused(client, field, value):
    response = client.post(URL, payload(**{field: value}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert_nothing_saved()


def test_an_offering_that_is_not_published_is_dropped_from_the_request(client):
    draft = OfferingFactory(status=OfferingStatus.DRAFT)

    response = client.post(URL, payload(offering=str(draft.pk)))

    assert response.status_code == 302
    assert HelpRequest.objects.get().about_offering is None


def test_a_centre_that_does_not_accept_requests_cannot_be_chosen(client):
    Centre.objects.filter(slug="korus-vest-stavanger").update(accepts_requests=False)

    response = client.post(URL, payload(preferred_centre="korus-vest-stavanger"))

    assert response.status_code == 200
    assert "preferred_centre" in response.context["form"].errors
    assert_nothing_saved()


def good(field: str, value, check, *, id: str):
    return pytest.param(field, value, check, id=f"{field}-{id}")


ACCEPTED = [
    good("requester_name", SCRIPT, lambda r: r.requester_name == SCRIPT, id="script-as-text"),
    good("requester_name", "Kari 😀 Nordmann", lambda r: "😀" in r.requester_name, id="emoji"),
    good("requester_name", "مريم الحسيني", lambda r: r.requester_name == "مريم الحسيني", id="rtl"),
    good("requester_name", "Máret Ánne Gaup-Ŋuolla", lambda r: "Ŋ" in r.requester_name, id="sami"),
    good(
        "requester_name",
        "  Kari Nordmann \t",
        lambda r: r.requester_name == "Kari Nordmann",
        id="surrounding-spaces-trimmed",
    ),
    good(
        "requester_name",
        "O'Brien'); DROP TABLE requests_helprequest; --",
        lambda r: r.requester_name.startswith("O'Brien'); DROP"),
        id="sql-as-text",
    ),
    good("requester_name", "x" * 200, lambda r: len(r.requester_name) == 200, id="200-chars"),
    good(
        "requester_role",
        'Leder <b onmouseover="alert(1)">barnevern</b>',
        lambda r: r.requester_role.startswith("Leder <b"),
        id="html-as-text",
    ),
    good(
        "requester_email",
        "Kari.Nordmann+hjelp@time.kommune.no",
        lambda r: r.requester_email == "Kari.Nordmann+hjelp@time.kommune.no",
        id="plus-address",
    ),
    good(
        "requester_email",
        "  kari@time.kommune.no\n",
        lambda r: r.requester_email == "kari@time.kommune.no",
        id="surrounding-whitespace-trimmed",
    ),
    good("requester_phone", "", lambda r: r.requester_phone == "", id="empty"),
    good("requester_phone", MISSING, lambda r: r.requester_phone == "", id="missing"),
    good("requester_phone", "   ", lambda r: r.requester_phone == "", id="spaces"),
    good(
        "requester_phone",
        "0047 (51) 23-45-67",
        lambda r: r.requester_phone == "0047 (51) 23-45-67",
        id="punctuated",
    ),
    good("municipality", "Time", lambda r: r.municipality.number == "1121", id="name"),
    good("municipality", "  TIME kommune ", lambda r: r.municipality.number == "1121", id="loose"),
    good("municipality", "Time (1121)", lambda r: r.municipality.number == "1121", id="label"),
    good(
        "topics",
        ["rus", "rus", "rus"],
        lambda r: list(r.topics.values_list("slug", flat=True)) == ["rus"],
        id="duplicates-collapse",
    ),
    good(
        "topics",
        lambda: list(ServiceArea.objects.values_list("slug", flat=True)),
        lambda r: r.topics.count() == ServiceArea.objects.count(),
        id="all-of-them",
    ),
    good("target_groups", MISSING, lambda r: not r.target_groups.exists(), id="missing"),
    good("target_groups", [], lambda r: not r.target_groups.exists(), id="none"),
    good(
        "target_groups",
        ["nav", "nav"],
        lambda r: list(r.target_groups.values_list("slug", flat=True)) == ["nav"],
        id="duplicates-collapse",
    ),
    good(
        "help_wanted",
        ["kurs", "veiledning", "kurs"],
        lambda r: set(r.help_wanted.values_list("slug", flat=True)) == {"kurs", "veiledning"},
        id="duplicates-collapse",
    ),
    *(
        good("timeframe", choice, lambda r, choice=choice: r.timeframe == choice, id=choice)
        for choice in Timeframe.values
    ),
    good("staff_count", "1", lambda r: r.staff_count == 1, id="one"),
    good("staff_count", "100000", lambda r: r.staff_count == 100_000, id="maximum"),
    good("staff_count", " 12 ", lambda r: r.staff_count == 12, id="spaces-around"),
    good("staff_count", "١٢", lambda r: r.staff_count == 12, id="arabic-indic-digits"),
    good("description", SCRIPT, lambda r: r.description == SCRIPT, id="script-as-text"),
    good(
        "description",
        "<img src=x onerror=alert(1)> & <b>fet</b>",
        lambda r: r.description.startswith("<img src=x"),
        id="html-as-text",
    ),
    good(
        "description",
        "'; DROP TABLE requests_helprequest; --",
        lambda r: r.description == "'; DROP TABLE requests_helprequest; --",
        id="sql-as-text",
    ),
    good(
        "description",
        "{{ settings.SECRET_KEY }} {% debug %}",
        lambda r: r.description == "{{ settings.SECRET_KEY }} {% debug %}",
        id="template-syntax-as-text",
    ),
    good(
        "description", "Vi trenger hjelp 🙏🏽👨‍👩‍👧", lambda r: "🙏🏽" in r.description, id="emoji"
    ),
    good(
        "description",
        "نحتاج إلى مساعدة في \u200fالتدريب",
        lambda r: "التدريب" in r.description,
        id="rtl-with-mark",
    ),
    good(
        "description",
        "Linje én\r\nLinje to\n\tinnrykket",
        lambda r: "\tinnrykket" in r.description,
        id="line-breaks-and-tabs",
    ),
    good(
        "description",
        "Telefon 51 23 45 67, org.nr. 964 965 226, 12345678901",
        lambda r: "964 965 226" in r.description,
        id="digits-that-are-not-identity-numbers",
    ),
    good("description", "x" * 5000, lambda r: len(r.description) == 5000, id="5000-chars"),
    good("preferred_centre", "", lambda r: r.preferred_centre is None, id="empty"),
    good("preferred_centre", MISSING, lambda r: r.preferred_centre is None, id="missing"),
    good("offering", MISSING, lambda r: r.about_offering is None, id="missing"),
    # The hidden offering comes from a link; a stale or forged one is dropped, not an error the
    # person could not see or fix.
    good("offering", "99999999999", lambda r: r.about_offering is None, id="dropped-unknown-id"),
    good("offering", "9" * 30, lambda r: r.about_offering is None, id="dropped-beyond-64-bit"),
    good("offering", "0", lambda r: r.about_offering is None, id="dropped-zero"),
    good("offering", "-1", lambda r: r.about_offering is None, id="dropped-negative"),
    good("offering", "1.5", lambda r: r.about_offering is None, id="dropped-fraction"),
    good("offering", "abc", lambda r: r.about_offering is None, id="dropped-letters"),
    good("offering", "²", lambda r: r.about_offering is None, id="dropped-superscript-digit"),
    good("offering", SCRIPT, lambda r: r.about_offering is None, id="dropped-script"),
    good("offering", "1 OR 1=1", lambda r: r.about_offering is None, id="dropped-sql"),
    good("consent", "true", lambda r: r.consent_given_at is not None, id="true"),
    good("consent", "1", lambda r: r.consent_given_at is not None, id="one"),
    good("website", "   ", lambda r: True, id="honeypot-with-only-spaces"),
]


@pytest.mark.parametrize(("field", "value", "check"), ACCEPTED)
def test_an_unusual_but_acceptable_value_is_saved_as_plain_text_and_escaped_on_the_pages(
    client, field, value, check
):
    if callable(value):
        value = value()

    response = client.post(URL, payload(**{field: value}))

    assert response.status_code == 302, response.context and response.context["form"].errors
    help_request = HelpRequest.objects.get()
    assert response["Location"] == reverse(
        "requests:receipt", kwargs={"token": help_request.status_token}
    )
    assert check(help_request)
    for page in ("requests:receipt", "requests:status"):
        page_response = client.get(reverse(page, kwargs={"token": help_request.status_token}))
        assert page_response.status_code == 200
        assert SCRIPT not in page_response.content.decode()
        assert "<img src=x" not in page_response.content.decode()


def test_a_published_offering_is_accepted_and_remembered(client):
    offering = OfferingFactory()

    response = client.post(URL, payload(offering=str(offering.pk)))

    assert response.status_code == 302
    assert HelpRequest.objects.get().about_offering == offering


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            urlencode(payload(), doseq=True).replace("Kari", "%FF%FEKari"),
            id="invalid-utf8-in-name",
        ),
        pytest.param(
            urlencode(payload(), doseq=True).replace("staff_count=12", "staff_count=%FF"),
            id="invalid-utf8-in-staff-count",
        ),
        pytest.param(
            urlencode(payload(), doseq=True) + "&%FF%FE=junk&=&&&topics",
            id="junk-keys",
        ),
    ],
)
def test_a_malformed_body_never_causes_a_server_error(client, body):
    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            payload(topics=["rus"] * (django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)),
            id="too-many-fields",
        ),
        pytest.param(
            payload(description="x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)),
            id="body-too-big",
        ),
    ],
)
def test_an_oversized_post_is_a_bad_request_not_a_server_error(client, data):
    response = client.post(URL, data)

    assert response.status_code == 400
    assert_nothing_saved()


# 2. An invalid submission keeps what the person typed


def typed_payload(offering: Offering) -> dict:
    return {
        "requester_name": 'Kari "K" Nordmann <b>',
        "requester_role": "Helsesykepleier & leder",
        "requester_email": "kari.nordmann@time.kommune.no",
        "requester_phone": "+47 51 23 45 67",
        "municipality": "1121",
        "topics": ["rus", "folkehelse"],
        "target_groups": ["barn-og-unge", "nav"],
        "help_wanted": ["veiledning", "kurs"],
        "timeframe": Timeframe.WITHIN_6_MONTHS.value,
        "staff_count": "37",
        "description": "Linje én & <b>to</b>\nLinje tre 😀",
        "preferred_centre": "korus-vest-stavanger",
        "offering": str(offering.pk),
        "consent": "on",
    }


def assert_form_shows(state: FormState, typed: dict, *, skip: str) -> None:
    for name in ("requester_name", "requester_role", "requester_email", "requester_phone"):
        if name != skip:
            assert state.values[name] == [typed[name]], name
    if skip != "municipality":
        # A found municipality is written back as its label, so the box reads well.
        assert state.values["municipality"] == ["Time (1121)"]
    if skip != "staff_count":
        assert state.values["staff_count"] == [typed["staff_count"]]
    if skip != "offering":
        assert state.values["offering"] == [typed["offering"]]
    for name in ("topics", "target_groups", "help_wanted"):
        if name != skip:
            assert state.checked.get(name) == set(typed[name]), name
    if skip != "timeframe":
        assert state.checked.get("timeframe") == {typed["timeframe"]}
    if skip != "consent":
        assert state.checked.get("consent") == {"on"}
    if skip != "description":
        assert state.textarea("description") == typed["description"]
    if skip != "preferred_centre":
        assert state.selected["preferred_centre"] == {typed["preferred_centre"]}


@pytest.mark.parametrize(
    ("field", "bad_value", "shown_as"),
    [
        ("requester_name", "Kari\x07", None),
        ("requester_role", "", ""),
        ("requester_email", "kari@", "kari@"),
        ("requester_phone", "ring meg", "ring meg"),
        ("municipality", "Atlantis <b>", "Atlantis <b>"),
        ("topics", ["nope"], None),
        ("target_groups", ["nope"], None),
        ("help_wanted", [], None),
        ("timeframe", "never", None),
        ("staff_count", "0", "0"),
        ("description", "x" * 5001, None),
        ("preferred_centre", "nope", None),
        ("consent", "", None),
    ],
)
def test_an_invalid_submission_keeps_every_other_typed_value_in_the_form(
    client, field, bad_value, shown_as
):
    typed = typed_payload(OfferingFactory())

    response = client.post(URL, {**typed, field: bad_value})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {field}
    html = response.content.decode()
    state = FormState(html)
    assert_form_shows(state, typed, skip=field)
    if shown_as is not None:
        assert state.values[field] == [shown_as]
    # Typed markup comes back as text, never as markup.
    for raw in ("<b>to</b>", "Nordmann <b>", "Atlantis <b>"):
        assert raw not in html
    assert_nothing_saved()


# 3. Honeypot


@pytest.mark.parametrize(
    "website", ["https://spam.example", "x", SCRIPT, "0"], ids=["url", "letter", "script", "zero"]
)
def test_filling_in_the_hidden_website_field_is_refused_and_saves_nothing(client, website):
    response = client.post(URL, payload(website=website))

    assert response.status_code == 200
    form = response.context["form"]
    assert [e.code for e in form.non_field_errors().as_data()] == ["honeypot"]
    assert set(form.errors) == {"__all__"}
    html = response.content.decode()
    assert escape(form.non_field_errors()[0]) in html
    assert "Leave this field empty" in html
    assert SCRIPT not in html
    assert_nothing_saved()


# 4. Rate limit

RATE_LIMIT_MESSAGE = "Many requests have been sent from your network in a short time"


def post_from(client, address: str, **changes):
    return client.post(URL, payload(**changes), REMOTE_ADDR=address)


def test_the_third_post_from_one_address_within_the_hour_is_refused_with_429(client, settings):
    settings.HELP_REQUEST_RATE_LIMIT = 2

    assert post_from(client, "203.0.113.5").status_code == 302
    assert post_from(client, "203.0.113.5").status_code == 302
    response = post_from(client, "203.0.113.5", requester_name="Tredje Forsøk")

    assert response.status_code == 429
    html = response.content.decode()
    assert RATE_LIMIT_MESSAGE in html
    assert "wait 60 minutes" in html
    state = FormState(html)
    assert state.values["requester_name"] == ["Tredje Forsøk"]
    assert state.values["requester_email"] == [BASELINE["requester_email"]]
    assert state.checked["topics"] == {"rus"}
    assert state.textarea("description") == BASELINE["description"]
    assert HelpRequest.objects.count() == 2


def test_the_rate_limit_of_one_address_does_not_affect_another(client, settings):
    settings.HELP_REQUEST_RATE_LIMIT = 2
    for _ in range(3):
        post_from(client, "203.0.113.5")

    response = post_from(client, "198.51.100.7")

    assert response.status_code == 302
    assert HelpRequest.objects.count() == 3


def test_ipv6_addresses_in_one_slash_64_share_a_limit_and_other_networks_do_not(client, settings):
    settings.HELP_REQUEST_RATE_LIMIT = 2
    assert post_from(client, "2001:db8:1:2::1").status_code == 302
    assert post_from(client, "2001:db8:1:2::ffff").status_code == 302

    assert post_from(client, "2001:db8:1:2:abcd::9").status_code == 429
    assert post_from(client, "2001:db8:1:3::1").status_code == 302


def test_posting_works_again_once_the_window_has_passed(client, settings):
    settings.HELP_REQUEST_RATE_LIMIT = 2
    for _ in range(2):
        post_from(client, "203.0.113.5")
    assert post_from(client, "203.0.113.5").status_code == 429

    window = timedelta(seconds=settings.HELP_REQUEST_RATE_WINDOW_SECONDS)
    RateLimitHit.objects.update(hit_at=F("hit_at") - window - timedelta(seconds=1))
    response = post_from(client, "203.0.113.5")

    assert response.status_code == 302
    assert HelpRequest.objects.count() == 3
    # Hits older than the window are deleted: addresses are personal data.
    assert RateLimitHit.objects.count() == 1


# 5. A valid submission


def test_a_valid_baseline_creates_exactly_one_request_and_redirects_to_its_receipt(client):
    response = client.post(URL, payload())

    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/henvendelse/mottatt/{help_request.status_token}/"
    assert help_request.requester_name == "Kari Nordmann"
    assert help_request.requester_email == "kari.nordmann@time.kommune.no"
    assert help_request.municipality.number == "1121"
    assert list(help_request.topics.values_list("slug", flat=True)) == ["rus"]
    assert list(help_request.target_groups.values_list("slug", flat=True)) == ["barn-og-unge"]
    assert list(help_request.help_wanted.values_list("slug", flat=True)) == ["veiledning"]
    assert help_request.timeframe == Timeframe.WITHIN_3_MONTHS
    assert help_request.staff_count == 12
    assert help_request.preferred_centre.slug == "korus-vest-stavanger"
    assert help_request.status == HelpRequestStatus.RECEIVED
    assert help_request.language == "en"
    assert help_request.candidates.first().centre.slug == "korus-vest-stavanger"
    assert list(Event.objects.values_list("kind", flat=True)) == [EventKind.SUBMITTED]
    assert OutboxEmail.objects.filter(recipient="kari.nordmann@time.kommune.no").count() == 1

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert help_request.reference in receipt.content.decode()


# 6. Prefill from the query string


def test_the_query_string_prefills_municipality_topic_type_and_centre(client):
    response = client.get(
        URL,
        {
            "municipality": "1121",
            "topic": "rus",
            "type": "veiledning",
            "centre": "korus-vest-stavanger",
        },
    )

    assert response.status_code == 200
    state = FormState(response.content.decode())
    assert state.values["municipality"] == ["Time (1121)"]
    assert state.checked["topics"] == {"rus"}
    assert state.checked["help_wanted"] == {"veiledning"}
    assert state.selected["preferred_centre"] == {"korus-vest-stavanger"}
    assert "timeframe" not in state.checked
    assert "consent" not in state.checked
    assert state.values["requester_name"] == [""]


def test_an_offering_in_the_query_string_prefills_its_topics_type_and_centre(client):
    offering = OfferingFactory(title="Kurs i <kartlegging>")

    response = client.get(URL, {"offering": str(offering.pk)})

    html = response.content.decode()
    state = FormState(html)
    assert state.values["offering"] == [str(offering.pk)]
    assert state.checked["topics"] == {"rus"}
    assert state.checked["help_wanted"] == {"kurs"}
    assert state.selected["preferred_centre"] == {"korus-vest-stavanger"}
    assert "Kurs i &lt;kartlegging&gt;" in html


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("municipality=abc&topic=<x>&offering=99999999999&centre=nope", id="garbage"),
        pytest.param("municipality=9999&topic=nope&type=nope&target_group=nope", id="unknown"),
        pytest.param("municipality=11211&offering=-1&centre=", id="wrong-lengths"),
        pytest.param("municipality=%00&topic=%00&centre=%00&offering=%00", id="nul"),
        pytest.param("municipality=%D9%A1%D9%A1%D9%A2%D9%A1", id="arabic-indic-municipality"),
        pytest.param("offering=1.5&offering=abc", id="non-numeric-offering"),
        pytest.param("offering=" + "9" * 9, id="nine-digit-offering"),
        pytest.param("offering=" + "9" * 100, id="huge-offering"),
        pytest.param("centre=" + "x" * 100_000 + "&topic=" + "y" * 100_000, id="huge-values"),
        pytest.param("&".join(["topic=rus"] * 500), id="many-repeats"),
        pytest.param("municipality=%FF%FE&topic=%FF", id="invalid-utf8"),
        pytest.param(f"centre={SCRIPT}&topic={SCRIPT}", id="script"),
        pytest.param("offering=%C2%B2", id="superscript-digit-offering"),
    ],
)
def test_garbage_in_the_query_string_is_ignored(client, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    initial = response.context["form"].initial
    assert not any(initial.get(key) for key in ("municipality", "offering", "preferred_centre"))
    assert initial.get("help_wanted", []) == []
    assert SCRIPT not in response.content.decode()


def test_a_draft_offering_or_a_centre_not_taking_requests_in_the_query_string_is_ignored(client):
    draft = OfferingFactory(status=OfferingStatus.DRAFT)
    Centre.objects.filter(slug="korus-vest-stavanger").update(accepts_requests=False)

    response = client.get(URL, {"offering": str(draft.pk), "centre": "korus-vest-stavanger"})

    assert response.status_code == 200
    assert not any(response.context["form"].initial.values())


@pytest.mark.parametrize("field", ["requester_phone", "requester_email"])
def test_an_identity_number_is_refused_in_the_phone_and_email_fields_too(client, field):
    number = IDENTITY_NUMBER
    value = f"{number[:6]} {number[6:]}" if field == "requester_phone" else f"{number}@example.no"
    response = client.post(URL, payload(**{field: value}))
    assert response.status_code == 200
    assert "identity_number" in {e.code for e in response.context["form"].errors.as_data()[field]}
    assert_nothing_saved()
