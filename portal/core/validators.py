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


# Line separators, and the bidirectional overrides that make a name display as something else.
_NOT_IN_ONE_LINE = {"\n", "\r", "\u2028", "\u2029", *map(chr, range(0x202A, 0x202F))}
_NOT_IN_ONE_LINE |= set(map(chr, range(0x2066, 0x206A)))


def single_line(text: str) -> None:
    if any(char in _NOT_IN_ONE_LINE for char in text):
        raise ValidationError(
            _("Write this on one line, without line breaks or text-direction characters."),
            code="not_single_line",
        )


def has_visible_text(text: str) -> None:
    """Zero-width and other format characters survive strip(); text of only those is empty."""
    if text and not any(unicodedata.category(char)[0] in "LNPS" for char in text):
        raise ValidationError(_("This field is required."), code="required")


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
