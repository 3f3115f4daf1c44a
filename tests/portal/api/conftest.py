import json

import pytest

from portal.api.openapi import openapi_description


def get_json(client, path: str, params: dict | None = None, status: int = 200):
    response = client.get(path, params or {})
    assert response.status_code == status, (path, params, response.content[:500])
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


@pytest.fixture
def openapi() -> dict:
    return openapi_description()
