"""How the API answers: JSON bodies that caches can validate, and every error as JSON too."""

from __future__ import annotations

import hashlib
import json
from calendar import timegm
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.csrf import csrf_exempt

from .documents import ERRORS

JSON_CONTENT_TYPE = "application/json"
MAX_AGE_SECONDS = 300
ALLOWED_METHODS = ("GET", "HEAD")

Errors = dict[str, list[str]]
View = Callable[..., HttpResponse]


class ApiError(Exception):
    """Ends a view with an error answer: an HTTP status and messages keyed by parameter."""

    def __init__(self, status: int, errors: Errors) -> None:
        super().__init__(errors)
        self.status = status
        self.errors = errors


def encode(payload: Any) -> bytes:
    # Compact and stable: the ETag is a hash of exactly these bytes.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _open_to_every_origin(response: HttpResponse) -> HttpResponse:
    # Open data: any web page may read it, and no credentials are involved.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(status: int, errors: Errors) -> HttpResponse:
    response = HttpResponse(
        encode(ERRORS.build(errors)), status=status, content_type=JSON_CONTENT_TYPE
    )
    return _open_to_every_origin(response)


def cached_json(
    request: HttpRequest, payload: Any, *, last_modified: datetime | None = None
) -> HttpResponse:
    """200 with ETag (and Last-Modified when known), or 304 when the client's copy is current."""
    body = encode(payload)
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    response = HttpResponse(body, content_type=JSON_CONTENT_TYPE)
    response["ETag"] = etag
    timestamp = None
    if last_modified is not None:
        timestamp = timegm(last_modified.utctimetuple())
        response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    conditional = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    return _open_to_every_origin(conditional)


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    response = error_response(
        405, {"method": [f"{request.method} is not allowed: this API is read-only."]}
    )
    response["Allow"] = ", ".join(ALLOWED_METHODS)
    return response


def api_view(view: View) -> View:
    """GET and HEAD only, and an ApiError raised anywhere in the view becomes its JSON answer."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            return method_not_allowed(request)
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return error_response(error.status, error.errors)

    # Nothing here changes state, so a POST should meet the 405 above rather than a CSRF 403.
    return csrf_exempt(wrapper)
