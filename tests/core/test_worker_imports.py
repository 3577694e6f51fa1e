"""What a web worker loads at start-up: heavy libraries wait for the request that needs them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Loads the WSGI application as gunicorn does, then names the packages it holds.
PROBE = """
import json, sys
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
application = get_wsgi_application()
get_resolver().url_patterns
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


@pytest.fixture(scope="module")
def started_worker_packages(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    database = tmp_path_factory.mktemp("worker") / "db.sqlite3"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "forum.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize(
    "package",
    [
        "PIL",  # image uploads only: forum/images/pixels.py
        "fido2",  # passkeys only: forum/core/lazy_imports.py
        "cryptography",  # through fido2
    ],
)
def test_a_started_worker_has_not_loaded(started_worker_packages: set[str], package: str) -> None:
    assert package not in started_worker_packages


def test_the_probe_sees_what_a_worker_does_load(started_worker_packages: set[str]) -> None:
    assert {"django", "allauth", "forum"} <= started_worker_packages


def test_a_deferred_module_runs_at_its_first_use() -> None:
    from allauth.mfa.webauthn.internal import auth

    assert auth.Fido2Server.__module__ == "fido2.server"
    assert "fido2.server" in sys.modules
