import os
import subprocess
import sys

import pytest
from django.conf import settings


def import_production_settings(**env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings.prod")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "kompetanseportalen.no"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secret_key_or_hosts(env, missing):
    result = import_production_settings(**env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_starts_when_configured_and_never_allows_demo_content():
    result = import_production_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.no")
    assert result.returncode == 0, result.stderr


def test_time_zone_and_languages():
    assert settings.USE_TZ
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert settings.LANGUAGE_CODE == "nb"
    assert [code for code, _ in settings.LANGUAGES] == ["nb", "nn", "en"]
