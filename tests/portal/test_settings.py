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


def production_setting(expression: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    environment.update(
        env,
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.no",
        DJANGO_SETTINGS_MODULE="portal.settings.prod",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({expression})",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    database = "settings.DATABASES['default']"
    url = "postgres://portal@db.example.no:5432/portal"
    assert production_setting(f"{database}['CONN_MAX_AGE']", DATABASE_URL=url) == "60"
    assert production_setting(f"{database}['CONN_HEALTH_CHECKS']", DATABASE_URL=url) == "True"
    assert (
        production_setting(
            f"{database}['CONN_MAX_AGE']", DATABASE_URL=url, DATABASE_CONN_MAX_AGE="0"
        )
        == "0"
    )


def test_the_cache_is_redis_when_redis_url_is_set_and_local_memory_otherwise():
    backend = "settings.CACHES['default']['BACKEND']"
    assert production_setting(backend, REDIS_URL="redis://127.0.0.1:6379/3").endswith("RedisCache")
    assert production_setting(backend).endswith("LocMemCache")


def test_tests_never_share_a_cache():
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
