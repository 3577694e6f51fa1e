"""Settings every peer shares: its database from PEER_DATABASE_URL, loopback only, no mail.

Imported by each peer's settings inside that peer's own virtualenv (standard library only).
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

VAR = Path(os.environ["PEER_VAR"])


def database() -> dict[str, Any]:
    """``sqlite:////abs/path`` or ``postgres://user@127.0.0.1:port/name``."""
    url = os.environ["PEER_DATABASE_URL"]
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": parts.path[1:] or parts.path}
    assert parts.hostname in {"127.0.0.1", "localhost"}, "peers talk to loopback only"
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": parts.username or "postgres",
        "HOST": parts.hostname,
        "PORT": str(parts.port or 5432),
    }


COMMON: dict[str, Any] = {
    "DEBUG": False,
    "SECRET_KEY": "peers-benchmark-only-not-a-secret",
    "ALLOWED_HOSTS": ["127.0.0.1"],
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    "ADMINS": [],
    "TIME_ZONE": "UTC",
    "USE_TZ": True,
    "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
}


def signed_in_session(user: Any, backend: str) -> str:
    """A session key that signs ``user`` in, as ``django.contrib.auth.login`` would."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    assert session.session_key is not None
    return session.session_key


def emit(info: dict[str, Any]) -> None:
    """The seed's answer to the harness: one JSON line on stdout."""
    import json

    print("PEER-INFO " + json.dumps(info))
