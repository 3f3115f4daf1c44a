"""Every free-text field, public and back-office, refuses text holding a national identity number.

The number is synthetic (15 March with the +80 month, 85, individual number 101; check digits from
tests/synthetic_identity_numbers.py), written in each of the spellings a hostile tester got past
the check. The refusal's message never repeats the number, so it cannot reach a log or an email.
"""

import pytest

from requests.choices import EventKind, Timeframe
from requests.forms import HelpRequestForm
from requests.models import HelpRequest
from requests.staff_forms import (
    CompleteForm,
    NoteForm,
    PriorityForm,
    ReasonForm,
    ReferForm,
    ReplyForm,
)
from tests.factories import HelpRequestFactory, centre, staff_member
from tests.synthetic_identity_numbers import in_script, spell, synthetic_number

pytestmark = pytest.mark.django_db

NUMBER = synthetic_number("158385", "101")
EN_DASHED = spell("######–#####", NUMBER)

REPORTED_SPELLINGS = [
    pytest.param(EN_DASHED, id="en-dash"),
    pytest.param(spell("###### – #####", NUMBER), id="spaced-en-dash"),
    pytest.param(spell("######\t#####", NUMBER), id="tab"),
    pytest.param(spell("######\n#####", NUMBER), id="line-break"),
    pytest.param(spell("######    #####", NUMBER), id="four-spaces"),
    pytest.param(spell("###### ### ##", NUMBER), id="split-individual-part"),
    pytest.param(spell("##,##,## #####", NUMBER), id="commas"),
    pytest.param(spell("######:#####", NUMBER), id="colon"),
    pytest.param(spell("######\u200b#####", NUMBER), id="zero-width-space"),
    pytest.param(spell("######\u00ad#####", NUMBER), id="soft-hyphen"),
    pytest.param(in_script(spell("######-#####", NUMBER), "\u0660"), id="arabic-indic-digits"),
    pytest.param(spell("### ## ### ###", NUMBER), id="phone-style-groups"),
    pytest.param(spell("(######)-#####", NUMBER), id="parentheses"),
]


def identity_number_messages(form, field: str) -> list[str]:
    assert not form.is_valid()
    return [
        message
        for error in form.errors.as_data().get(field, [])
        if error.code == "identity_number"
        for message in error.messages
    ]


def assert_refused_without_repeating_the_number(form, field: str) -> None:
    messages = identity_number_messages(form, field)
    assert messages, f"{field} accepted an identity number"
    assert not any(char.isdecimal() for message in messages for char in message)


# The public request form


def public_form(**changes) -> HelpRequestForm:
    data = {
        "requester_name": "Kari Nordmann",
        "requester_role": "Helsesykepleier, Time helsestasjon",
        "requester_email": "kari.nordmann@time.kommune.no",
        "requester_phone": "+47 51 23 45 67",
        "municipality": "1121",
        "topics": ["rus"],
        "help_wanted": ["veiledning"],
        "timeframe": Timeframe.WITHIN_3_MONTHS.value,
        "staff_count": "12",
        "description": "Vi trenger veiledning i å kartlegge rusbruk blant ungdom.",
        "consent": "on",
    }
    return HelpRequestForm(data={**data, **changes})


def test_the_public_form_without_a_number_is_valid() -> None:
    form = public_form()
    assert form.is_valid(), form.errors


PUBLIC_TEXT_FIELDS = [
    pytest.param("requester_name", "Kari {}", id="name"),
    pytest.param("requester_role", "Helsesykepleier {}", id="role"),
    pytest.param("description", "Det gjelder eleven med nummer {}, se vedlegg.", id="description"),
    pytest.param("requester_phone", "{}", id="phone"),
    pytest.param("requester_email", "{}@example.no", id="email"),
]


@pytest.mark.parametrize(("field", "template"), PUBLIC_TEXT_FIELDS)
@pytest.mark.parametrize("spelt", REPORTED_SPELLINGS)
def test_every_text_field_of_the_public_form_refuses_the_reported_spellings(
    field: str, template: str, spelt: str
) -> None:
    form = public_form(**{field: template.format(spelt)})
    assert_refused_without_repeating_the_number(form, field)
    assert set(form.errors) == {field}


@pytest.mark.parametrize(
    "spelt",
    [
        pytest.param(spell("### ## ### ###", NUMBER), id="phone-style-groups"),
        pytest.param(spell("(######)-#####", NUMBER), id="parentheses"),
    ],
)
def test_a_number_that_looks_like_a_phone_number_is_refused_by_the_identity_check(
    spelt: str,
) -> None:
    form = public_form(requester_phone=spelt)
    assert_refused_without_repeating_the_number(form, "requester_phone")
    # The phone format itself accepts these: the identity check is what refuses them.
    assert {error.code for error in form.errors.as_data()["requester_phone"]} == {"identity_number"}


def test_the_public_form_saves_nothing_when_the_description_holds_a_number(client) -> None:
    data = {**public_form().data, "description": f"Gjelder {EN_DASHED}."}
    response = client.post("/henvendelse/ny/", data)
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not HelpRequest.objects.exists()


# The back-office forms centre staff act with

STAFF_TEXT_FIELDS = [
    pytest.param(NoteForm, "text", {}, id="note"),
    pytest.param(ReplyForm, "text", {}, id="reply"),
    pytest.param(CompleteForm, "message", {}, id="completion-message"),
    pytest.param(PriorityForm, "rationale", {"priority": "high"}, id="priority-rationale"),
    pytest.param(ReasonForm, "explanation", {"reason": "other-service"}, id="decline-explanation"),
    pytest.param(
        ReferForm,
        "explanation",
        {"reason": "other-service", "to_elsewhere": "Statped via PPT"},
        id="referral-explanation",
    ),
    pytest.param(
        ReferForm,
        "to_elsewhere",
        {"reason": "other-service", "explanation": "PPT kan hjelpe."},
        id="referral-to-another-service",
    ),
]


def staff_form(form_class, field: str, value: str, other_fields: dict):
    acting_for = centre("korus-vest-stavanger")
    data = {"centre": acting_for.pk, **other_fields, field: value}
    return form_class(data=data, centres=[acting_for])


@pytest.mark.parametrize(("form_class", "field", "other_fields"), STAFF_TEXT_FIELDS)
def test_each_back_office_text_field_accepts_ordinary_text(form_class, field, other_fields):
    form = staff_form(
        form_class, field, "Ring 51 23 45 67 etter 01.01.2026 kl. 10:00.", other_fields
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(("form_class", "field", "other_fields"), STAFF_TEXT_FIELDS)
@pytest.mark.parametrize("spelt", REPORTED_SPELLINGS)
def test_each_back_office_text_field_refuses_the_reported_spellings(
    form_class, field, other_fields, spelt
):
    form = staff_form(form_class, field, f"Gjelder {spelt}", other_fields)
    assert_refused_without_repeating_the_number(form, field)


@pytest.fixture
def help_request():
    return HelpRequestFactory()  # Time + rus: KoRus Vest Stavanger is a candidate


@pytest.fixture
def signed_in_staff(client):
    client.force_login(staff_member("korus-vest-stavanger"))
    return client


def act(client, help_request, action: str, **fields):
    url = f"/admin/helprequests/helprequest/{help_request.pk}/act/{action}/"
    return client.post(url, {"centre": centre("korus-vest-stavanger").pk, **fields})


def test_an_internal_note_holding_a_number_is_not_saved(signed_in_staff, help_request) -> None:
    notes_before = help_request.events.filter(kind=EventKind.NOTE).count()
    response = act(signed_in_staff, help_request, "note", text=f"Eleven har {EN_DASHED}.")
    assert response.status_code == 200
    assert help_request.events.filter(kind=EventKind.NOTE).count() == notes_before


def test_a_reply_holding_a_number_is_not_sent(signed_in_staff, help_request) -> None:
    response = act(signed_in_staff, help_request, "reply", text=f"Gjelder {EN_DASHED}?")
    assert response.status_code == 200
    assert not help_request.events.filter(kind=EventKind.REPLY).exists()


def test_a_priority_rationale_holding_a_number_is_not_saved(signed_in_staff, help_request) -> None:
    response = act(signed_in_staff, help_request, "priority", priority="high", rationale=EN_DASHED)
    assert response.status_code == 200
    help_request.refresh_from_db()
    assert help_request.priority_rationale == ""
    assert not help_request.events.filter(kind=EventKind.PRIORITY_SET).exists()
