from django.http import HttpRequest
from django.utils.http import urlencode


def query_without_empty_values(request: HttpRequest) -> str | None:
    """The same address without empty parameters, or None when there are none to drop.

    A GET form sends every field, filled or not; the shorter address is the one worth sharing.
    """
    pairs = [(key, value) for key, value in request.GET.items() if value != ""]
    if len(pairs) == len(request.GET):
        return None
    return f"{request.path}?{urlencode(pairs)}" if pairs else request.path
