from django.http import HttpRequest
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# The centres write their texts (descriptions, titles, roles) in Bokmål.
CONTENT_LANGUAGE = "nb"


def content_language(request: HttpRequest) -> dict:
    """`content_lang` marks Bokmål content inside a page shown in another language (WCAG 3.1.2)."""
    differs = (get_language() or CONTENT_LANGUAGE) != CONTENT_LANGUAGE
    return {"content_lang": mark_safe(f' lang="{CONTENT_LANGUAGE}"') if differs else ""}
