"""Settings come from the environment; bad values stop start-up and name the variable."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from forum import settings as medius_settings

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env=None, tmp_path=None):
    ignored = {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in ignored}
    if tmp_path is not None:
        base["MEDIUS_VAR_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | (env or {}),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://localhost/medius"),
        ("DATABASE_URL", "not a url"),
        ("EMAIL_URL", "carrier-pigeon://loft"),
        ("CACHE_URL", "memcached://127.0.0.1"),
        ("NUM_PROXIES", "two"),
        ("SITE_URL", "medius.example"),
        ("SECRET_KEY", "short"),
    ],
)
def test_bad_value_stops_startup_naming_the_variable(name, value, tmp_path):
    result = run_manage("check", env={name: value}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr.splitlines()[-1]


def test_production_values_pass_the_deploy_check(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SITE_URL": "https://medius.example",
            "ALLOWED_HOSTS": "medius.example",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_development_defaults_fail_the_deploy_check(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr


def test_default_sqlite_uses_wal_immediate_transactions_and_a_busy_timeout(tmp_path):
    script = (
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0])\n"
        "print(cursor.execute('PRAGMA busy_timeout').fetchone()[0])\n"
        "print(connection.transaction_mode)\n"
        "print(connection.settings_dict['NAME'])\n"
    )
    result = run_manage("shell", "--verbosity", "0", "-c", script, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    journal, busy_ms, mode, name = result.stdout.split()
    assert (journal, mode) == ("wal", "IMMEDIATE")
    assert int(busy_ms) >= 5000
    assert name == str(tmp_path / "medius.sqlite3")


def test_secret_key_is_generated_once_per_machine_and_kept(tmp_path):
    first = medius_settings.persistent_secret_key(tmp_path / "key")
    second = medius_settings.persistent_secret_key(tmp_path / "key")
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "key").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp+tls://user%40x:p%2Fw@mail.example:2525",
            {
                "EMAIL_HOST": "mail.example",
                "EMAIL_PORT": 2525,
                "EMAIL_HOST_USER": "user@x",
                "EMAIL_HOST_PASSWORD": "p/w",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtps://mail.example", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ],
)
def test_email_url_maps_to_django_settings(url, expected):
    config = medius_settings.parse_email_url("EMAIL_URL", url)
    assert config.items() >= expected.items()


def test_cache_url_maps_to_backends():
    assert medius_settings.parse_cache_url("CACHE_URL", "db://medius_cache") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "medius_cache",
    }
    redis = medius_settings.parse_cache_url("CACHE_URL", "redis://127.0.0.1:6379/1")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        medius_settings.parse_cache_url("CACHE_URL", "db://not a table")


def test_env_helpers_name_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "sure")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        medius_settings.env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_NUMBER", "-3")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be at least 0"):
        medius_settings.env_int("SOME_NUMBER", 1)
