"""The in-repo crispy `designsystemet` pack renders accessible fields on the server."""

import re

import pytest
from crispy_forms.utils import render_crispy_form

from portal.finder.forms import FinderForm

pytestmark = pytest.mark.django_db


def render(data=None) -> str:
    return render_crispy_form(FinderForm(data))


def test_label_help_text_and_described_by_are_linked():
    html = render()
    assert '<label class="ds-label" for="id_municipality">' in html
    assert 'id="id_municipality_helptext"' in html
    assert 'aria-describedby="id_municipality_helptext"' in html
    assert "aria-invalid" not in html
    assert "ds-error-summary" not in html


def test_errors_are_summarised_linked_and_announced_on_the_field():
    html = render({"municipality": "Atlantis"})
    assert 'class="ds-error-summary"' in html
    assert 'href="#id_municipality"' in html
    assert 'id="id_municipality_error"' in html
    field = re.search(r"<input[^>]*id=\"id_municipality\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_municipality_helptext id_municipality_error"' in field
    assert 'value="Atlantis"' in field


def test_get_forms_carry_no_csrf_token_and_have_a_real_button():
    html = render()
    assert 'method="get"' in html
    assert "csrfmiddlewaretoken" not in html
    assert '<button class="ds-button" data-variant="primary" type="submit"' in html
