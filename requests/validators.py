import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .identity_numbers import contains_identity_number

# Line breaks and tabs are ordinary in a description; other control characters only come from
# pasting binary junk or from attempts to forge log lines and mail headers.
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def no_control_characters(text: str) -> None:
    if any(
        unicodedata.category(char) in ("Cc", "Cs") and char not in _ALLOWED_CONTROLS
        for char in text
    ):
        raise ValidationError(
            _(
                "The text contains invisible control characters. "
                "Write or paste it again as plain text."
            ),
            code="control_characters",
        )


def no_identity_number(text: str) -> None:
    # The message never repeats the number, so it is not copied into logs or error reports.
    if contains_identity_number(text):
        raise ValidationError(
            _(
                "The text seems to contain a national identity number (fødselsnummer, D-number or "
                "H-number). Remove it: we must not receive information that identifies a person."
            ),
            code="identity_number",
        )
