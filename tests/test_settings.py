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


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "SITE_URL": "https://medius.example",
    "ALLOWED_HOSTS": "medius.example",
}


@pytest.mark.parametrize(
    ("preload", "silenced"),
    [
        # Without preload, Django's reminder to preload (security.W021) is the one silenced.
        ({}, 1),
        ({"SECURE_HSTS_PRELOAD": "1"}, 0),
    ],
)
def test_production_values_pass_the_deploy_check(preload, silenced, tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION | preload, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert f"System check identified no issues ({silenced} silenced)." in result.stdout


def test_hsts_preload_is_opt_in_even_over_https(tmp_path):
    script = (
        "from django.conf import settings\n"
        "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_PRELOAD)\n"
    )
    result = run_manage(
        "shell", "--verbosity", "0", "-c", script, env=PRODUCTION, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "False"]


def test_migrate_with_a_secret_key_creates_the_missing_var_folder(tmp_path):
    var = tmp_path / "fresh" / "var"
    result = run_manage(
        "migrate",
        "--verbosity",
        "0",
        env={"SECRET_KEY": secrets.token_urlsafe(50), "MEDIUS_VAR_DIR": str(var)},
    )
    assert result.returncode == 0, result.stderr
    assert (var / "medius.sqlite3").stat().st_size > 0
    assert not (var / "secret_key").exists()


def test_production_settings_name_no_test_database(tmp_path):
    """The test database (a file per process) is the test setup's business: tests/conftest.py."""
    script = "from django.db import connection\nprint(connection.settings_dict['TEST']['NAME'])\n"
    result = run_manage("shell", "--verbosity", "0", "-c", script, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None"


def test_sqlite_test_database_is_one_file_per_process_in_var(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        assert connection.settings_dict["TEST"].get("NAME") is None
        return
    name = Path(connection.settings_dict["TEST"]["NAME"])
    assert name == medius_settings.VAR_DIR / f"test-medius-{os.getpid()}.sqlite3"


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


BACKENDS = "django.core.mail.backends"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("console://", {"EMAIL_BACKEND": f"{BACKENDS}.console.EmailBackend"}),
        ("locmem://", {"EMAIL_BACKEND": f"{BACKENDS}.locmem.EmailBackend"}),
        ("dummy://", {"EMAIL_BACKEND": f"{BACKENDS}.dummy.EmailBackend"}),
        (
            "file:///var/mail/medius",
            {
                "EMAIL_BACKEND": f"{BACKENDS}.filebased.EmailBackend",
                "EMAIL_FILE_PATH": "/var/mail/medius",
            },
        ),
        (
            "smtp://mail.example",
            {
                "EMAIL_BACKEND": f"{BACKENDS}.smtp.EmailBackend",
                "EMAIL_HOST": "mail.example",
                "EMAIL_PORT": 25,
                "EMAIL_HOST_USER": "",
                "EMAIL_HOST_PASSWORD": "",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": False,
            },
        ),
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
        ("smtp+tls://mail.example", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True}),
        (
            "smtps://mail.example",
            {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True, "EMAIL_USE_TLS": False},
        ),
    ],
)
def test_email_url_maps_to_django_settings(url, expected):
    config = medius_settings.parse_email_url("EMAIL_URL", url)
    assert config.items() >= expected.items()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("smtp://", "EMAIL_URL needs a host"),
        ("smtp://mail.example:port", "EMAIL_URL has an invalid port"),
        ("consolemail://", "EMAIL_URL must start with console://"),
    ],
)
def test_bad_email_url_names_the_variable(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        medius_settings.parse_email_url("EMAIL_URL", url)


CACHE = "django.core.cache.backends"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("db://medius_cache", {"BACKEND": f"{CACHE}.db.DatabaseCache", "LOCATION": "medius_cache"}),
        ("locmem://", {"BACKEND": f"{CACHE}.locmem.LocMemCache"}),
        ("dummy://", {"BACKEND": f"{CACHE}.dummy.DummyCache"}),
        (
            "redis://127.0.0.1:6379/1",
            {"BACKEND": f"{CACHE}.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"},
        ),
        (
            "rediss://:secret@cache.example:6380/0?socket_timeout=2",
            {
                "BACKEND": f"{CACHE}.redis.RedisCache",
                "LOCATION": "rediss://:secret@cache.example:6380/0",
                "OPTIONS": {"socket_timeout": 2},
            },
        ),
    ],
)
def test_cache_url_maps_to_backends(url, expected):
    assert medius_settings.parse_cache_url("CACHE_URL", url) == expected


@pytest.mark.parametrize("url", ["db://not a table", "db://", "memcached://127.0.0.1"])
def test_bad_cache_url_names_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        medius_settings.parse_cache_url("CACHE_URL", url)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "sqlite:////srv/medius/var/medius.sqlite3",
            {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": "/srv/medius/var/medius.sqlite3",
                "CONN_MAX_AGE": 0,
            },
        ),
        (
            "postgres://medius:p%40ss@db.example:5433/medius",
            {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "medius",
                "USER": "medius",
                "PASSWORD": "p@ss",
                "HOST": "db.example",
                "PORT": 5433,
                "CONN_MAX_AGE": 60,
                "CONN_HEALTH_CHECKS": True,
            },
        ),
        ("postgresql://127.0.0.1/medius", {"ENGINE": "django.db.backends.postgresql"}),
    ],
)
def test_database_url_maps_to_django_settings(url, expected):
    config = medius_settings.parse_database_url("DATABASE_URL", url)
    assert config.items() >= expected.items()


@pytest.mark.parametrize(
    "url", ["sqlite://", "postgres://db.example:port/medius", "mysql://localhost/medius"]
)
def test_bad_database_url_names_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        medius_settings.parse_database_url("DATABASE_URL", url)


def test_env_helpers_name_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "sure")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        medius_settings.env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_NUMBER", "-3")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be at least 0"):
        medius_settings.env_int("SOME_NUMBER", 1)


def test_database_pool_is_psycopgs_pool_without_persistent_connections(monkeypatch):
    url = "postgres://medius@db.example/medius"
    monkeypatch.setenv("DATABASE_POOL", "1")
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", "8")
    config = medius_settings.parse_database_url("DATABASE_URL", url)
    assert config["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    assert config["CONN_MAX_AGE"] == 0
    monkeypatch.delenv("DATABASE_POOL")
    assert "pool" not in medius_settings.parse_database_url("DATABASE_URL", url)["OPTIONS"]
    assert "pool" in medius_settings.parse_database_url("DATABASE_URL", url + "?pool=1")["OPTIONS"]
    assert (
        "pool" not in medius_settings.parse_database_url("DATABASE_URL", url + "?pool=0")["OPTIONS"]
    )
    with pytest.raises(ImproperlyConfigured, match=r"DATABASE_URL \(\?pool=\)"):
        medius_settings.parse_database_url("DATABASE_URL", url + "?pool=lots")


def test_pgbouncer_mode_has_no_server_side_cursors_or_prepared_statements(monkeypatch):
    monkeypatch.setenv("DATABASE_PGBOUNCER", "yes")
    config = medius_settings.parse_database_url("DATABASE_URL", "postgres://m@bouncer:6432/m")
    assert config["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert config["OPTIONS"]["prepare_threshold"] is None
    monkeypatch.setenv("DATABASE_PGBOUNCER", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_PGBOUNCER"):
        medius_settings.parse_database_url("DATABASE_URL", "postgres://m@bouncer:6432/m")


SHOW_DATABASES = (
    "from django.conf import settings\n"
    "for alias, db in settings.DATABASES.items():\n"
    "    print(alias, db['HOST'] or '-', db['TEST'].get('MIRROR'))\n"
    "print(settings.DATABASE_ROUTERS)\n"
    "print([m for m in settings.MIDDLEWARE if m.split('.')[2] in {'pagecache', 'db_router'}])\n"
)


def test_replica_urls_add_mirrored_aliases_a_router_and_the_middleware(tmp_path):
    env = {
        "DATABASE_URL": "postgres://medius@primary.example/medius",
        "DATABASE_REPLICA_URLS": "postgres://medius@r1.example/medius, postgres://medius@r2.example/medius",
    }  # fmt: skip
    result = run_manage("shell", "-v", "0", "-c", SHOW_DATABASES, env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "default primary.example None",
        "replica1 r1.example default",
        "replica2 r2.example default",
    ]
    assert lines[3] == "['forum.core.db_router.PrimaryReplicaRouter']"
    assert lines[4] == (
        "['forum.core.db_router.ReplicaMiddleware', 'forum.core.pagecache.PageCacheMiddleware']"
    )


def test_without_replica_urls_there_is_one_database_and_no_router(tmp_path):
    result = run_manage("shell", "-v", "0", "-c", SHOW_DATABASES, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1:] == ["[]", "['forum.core.pagecache.PageCacheMiddleware']"]


SHOW_PAGE_CACHE = (
    "from django.conf import settings\n"
    "pages = settings.CACHES['pages']\n"
    "print(pages['BACKEND'].rsplit('.', 1)[-1], pages.get('LOCATION'), pages.get('OPTIONS'))\n"
)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "DatabaseCache medius_page_cache {'MAX_ENTRIES': 5000}"),
        ({"CACHE_URL": "redis://127.0.0.1:6379/0"}, "RedisCache redis://127.0.0.1:6379/0 None"),
        (
            {"CACHE_URL": "redis://127.0.0.1:6379/0", "PAGE_CACHE_URL": "redis://10.0.0.5/2"},
            "RedisCache redis://10.0.0.5/2 None",
        ),
        ({"CACHE_URL": "locmem://"}, "LocMemCache medius-pages None"),
    ],
)
def test_the_page_cache_lives_beside_the_rate_limit_counters(env, expected, tmp_path):
    result = run_manage("shell", "-v", "0", "-c", SHOW_PAGE_CACHE, env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
