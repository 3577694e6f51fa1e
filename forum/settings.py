"""Medius settings: one file, driven by environment variables.

Every variable has a default that is safe on a single machine. Production sets
``SITE_URL`` (https), ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL``,
``EMAIL_URL`` and ``CACHE_URL``; see the README's production section.
A malformed value stops start-up with an error that names the variable.
"""

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import environ
import jinja2
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return parse_bool(name, raw)


def parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no), not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# Medius's short schemes, spelled the way django-environ spells them.
_CACHE_SCHEMES = {"db": "dbcache", "locmem": "locmemcache", "dummy": "dummycache"}
_EMAIL_SCHEMES = {
    "console": "consolemail",
    "locmem": "memorymail",
    "dummy": "dummymail",
    "file": "filemail",
    "smtp": "smtp",
    "smtp+tls": "smtp+tls",  # STARTTLS, usually port 587
    "smtps": "smtp+ssl",  # TLS from the first byte, usually port 465 (environ's smtps is STARTTLS)
}
_SMTP_PORTS = {"smtp": 25, "smtp+tls": 587, "smtps": 465}
_POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "psql"}


def _respell(url: str, scheme: str, new_scheme: str) -> str:
    return new_scheme + url[len(scheme) :]


def parse_database_url(name: str, url: str) -> dict[str, Any]:
    """Map ``DATABASE_URL`` (``sqlite:///path`` or ``postgres://...``) to a Django database."""
    scheme = urlsplit(url).scheme
    if scheme != "sqlite" and scheme not in _POSTGRES_SCHEMES:
        raise ImproperlyConfigured(f"{name} must point to SQLite or PostgreSQL, not {url!r}")
    try:
        config: dict[str, Any] = environ.Env.db_url_config(url)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} is not a database URL Medius understands: {exc}"
        ) from None
    if scheme == "sqlite":
        if config["NAME"] in {"", ":memory:"}:
            raise ImproperlyConfigured(f"{name} must name a SQLite file, as in sqlite:///path")
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so a transaction never fails half-way with "database is
        # locked"; the timeout makes concurrent writers queue instead of failing.
        # https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = False
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config.setdefault("CONN_MAX_AGE", 60)
        config.setdefault("CONN_HEALTH_CHECKS", True)
        options = config.setdefault("OPTIONS", {})
        # ?pool=1 in the URL means what DATABASE_POOL=1 means (django-environ passes it on as text).
        url_pool = options.pop("pool", None)
        pool = env_bool("DATABASE_POOL", False)
        if url_pool is not None:
            pool = parse_bool(f"{name} (?pool=)", str(url_pool))
        if pool:
            # psycopg's pool inside each process; Django refuses persistent connections with it.
            # https://docs.djangoproject.com/en/5.2/ref/databases/#connection-pool
            config["CONN_MAX_AGE"] = 0
            options["pool"] = {
                "min_size": 1,
                "max_size": env_int("DATABASE_POOL_MAX_SIZE", 4, minimum=1),
                "timeout": 10,
            }
        if env_bool("DATABASE_PGBOUNCER", False):
            # PgBouncer in transaction mode hands each transaction any server connection:
            # no server-side cursors, and no prepared statements (psycopg prepares a query
            # after 5 runs). https://docs.djangoproject.com/en/5.2/ref/databases/#transaction-pooling-and-server-side-cursors
            config["DISABLE_SERVER_SIDE_CURSORS"] = True
            options["prepare_threshold"] = None
    return config


def parse_email_url(name: str, url: str) -> dict[str, Any]:
    """Map ``EMAIL_URL`` to Django's email settings.

    ``console://``, ``locmem://``, ``dummy://``, ``file:///path``,
    ``smtp://user:password@host:25``, ``smtp+tls://...:587`` (STARTTLS) or ``smtps://...:465``.
    """
    parts = urlsplit(url)
    if parts.scheme not in _EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must start with console://, locmem://, dummy://, file://, smtp://, "
            f"smtp+tls:// or smtps://, not {url!r}"
        )
    try:
        parsed = environ.Env.email_url_config(
            _respell(url, parts.scheme, _EMAIL_SCHEMES[parts.scheme])
        )
    except ValueError:
        raise ImproperlyConfigured(f"{name} has an invalid port") from None
    config: dict[str, Any] = {"EMAIL_BACKEND": parsed["EMAIL_BACKEND"]}
    if parts.scheme == "file":
        # environ drops the leading "/" of the path; the path is meant as written.
        config["EMAIL_FILE_PATH"] = unquote(parts.path)
    elif parts.scheme in _SMTP_PORTS:
        if not parsed["EMAIL_HOST"]:
            raise ImproperlyConfigured(f"{name} needs a host, as in smtp://user:pass@host:587")
        config |= {
            "EMAIL_HOST": parsed["EMAIL_HOST"],
            "EMAIL_PORT": parsed["EMAIL_PORT"] or _SMTP_PORTS[parts.scheme],
            "EMAIL_HOST_USER": parsed["EMAIL_HOST_USER"] or "",
            "EMAIL_HOST_PASSWORD": parsed["EMAIL_HOST_PASSWORD"] or "",
            "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
            "EMAIL_USE_SSL": parts.scheme == "smtps",
            "EMAIL_TIMEOUT": 10,
        }
    return config


def parse_cache_url(name: str, url: str) -> dict[str, Any]:
    """Map ``CACHE_URL`` to a cache: ``db://table``, ``locmem://``, ``dummy://``, ``redis://...``
    (``rediss://`` for TLS; query parameters become the client's options)."""
    parts = urlsplit(url)
    if parts.scheme not in {*_CACHE_SCHEMES, "redis", "rediss"}:
        raise ImproperlyConfigured(
            f"{name} must start with db://, locmem://, dummy://, redis:// or rediss://, not {url!r}"
        )
    if parts.scheme == "db":
        table = parts.netloc or parts.path.strip("/")
        if not table.isidentifier():
            raise ImproperlyConfigured(f"{name} must name a table, as in db://medius_cache")
        url = f"dbcache://{table}"
    elif parts.scheme in _CACHE_SCHEMES:
        url = f"{_CACHE_SCHEMES[parts.scheme]}://"
    try:
        config: dict[str, Any] = environ.Env.cache_url_config(url)
    except ValueError:
        raise ImproperlyConfigured(f"{name} has an invalid port") from None
    if parts.scheme in _CACHE_SCHEMES and parts.scheme != "db":
        del config["LOCATION"]
    return config


def persistent_secret_key(path: Path) -> str:
    """A random key kept in ``var/`` so one machine keeps its sessions across restarts.

    Production sets ``SECRET_KEY`` instead (and several machines must share it).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


VAR_DIR = Path(os.environ.get("MEDIUS_VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or persistent_secret_key(VAR_DIR / "secret_key")
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long")

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if urlsplit(SITE_URL).scheme not in {"http", "https"} or not urlsplit(SITE_URL).hostname:
    raise ImproperlyConfigured(f"SITE_URL must be an http(s) URL, not {SITE_URL!r}")
HTTPS = SITE_URL.startswith("https://")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = [SITE_URL] if HTTPS else []

# How many reverse proxies sit in front of the app. With one (nginx, Caddy), the
# client address is the last entry of X-Forwarded-For and the scheme comes from
# X-Forwarded-Proto; with none, both headers are ignored, so they cannot be forged.
NUM_PROXIES = env_int("NUM_PROXIES", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = NUM_PROXIES
if NUM_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "forum.core.apps.MediusAdminConfig",  # django.contrib.admin, with the 2FA rule
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # allauth's sessions page (/account/sessions/) loads it
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "forum.core",
    "forum.accounts",
    "forum.conditions",
    "forum.images",
    "forum.treatments",
    "forum.discussions",
    "forum.search",
    "forum.moderation",
    "forum.notifications",
    "forum.backups",
    "forum.privacy",
    "forum.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a visitor's cached page needs no session, user or CSRF token.
    "forum.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "forum.core.second_factor.SecondFactorSessionMiddleware",
    "forum.core.middleware.RejectNullCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "forum.core.middleware.AdminRequiresMFAMiddleware",
]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forum.core.context_processors.site",
                "forum.notifications.context_processors.unread_notifications",
                "forum.moderation.context_processors.review_queue",
            ],
        },
    },
    {
        # Only for the reply tree: see templates/jinja2/discussions/reply_tree.html.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": True, "undefined": jinja2.StrictUndefined},
    },
]

if "DATABASE_URL" in os.environ:
    DATABASES = {"default": parse_database_url("DATABASE_URL", os.environ["DATABASE_URL"])}
else:
    # The default database lives in var/, which a fresh clone (or a new MEDIUS_VAR_DIR)
    # does not have yet: SQLite would fail with "unable to open database file".
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": parse_database_url("DATABASE_URL", f"sqlite:///{VAR_DIR / 'medius.sqlite3'}")
    }
# Read replicas (PostgreSQL streaming replicas of DATABASE_URL): GET requests read from one,
# writes, transactions and a member who wrote in the last few seconds use the primary
# (forum/core/db_router.py). Without replicas there is no router at all.
DATABASE_REPLICAS = [
    f"replica{number}" for number, _ in enumerate(env_list("DATABASE_REPLICA_URLS", []), 1)
]
for _alias, _url in zip(DATABASE_REPLICAS, env_list("DATABASE_REPLICA_URLS", []), strict=True):
    DATABASES[_alias] = parse_database_url("DATABASE_REPLICA_URLS", _url) | {
        "TEST": {"MIRROR": "default"}
    }
DATABASE_ROUTERS = ["forum.core.db_router.PrimaryReplicaRouter"] if DATABASE_REPLICAS else []
MEDIUS_READ_YOUR_WRITES_SECONDS = env_int("MEDIUS_READ_YOUR_WRITES_SECONDS", 10)
if DATABASE_REPLICAS:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("forum.core.pagecache.PageCacheMiddleware"),
        "forum.core.db_router.ReplicaMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = os.environ.get("CACHE_URL", "db://medius_cache")
CACHES = {
    "default": parse_cache_url("CACHE_URL", _cache_url),
    # Whole pages for visitors (forum/core/pagecache.py), apart from the rate-limit counters
    # in "default" so that a flood of pages can never push a counter out. With the database
    # cache, a table of its own (createcachetable makes it); with Redis, the same server.
    "pages": parse_cache_url(
        "PAGE_CACHE_URL",
        os.environ.get(
            "PAGE_CACHE_URL",
            "db://medius_page_cache" if _cache_url.startswith("db:") else _cache_url,
        ),
    ),
}
if CACHES["pages"]["BACKEND"].endswith("DatabaseCache"):
    CACHES["pages"]["OPTIONS"] = {"MAX_ENTRIES": 5000}
elif CACHES["pages"]["BACKEND"].endswith("LocMemCache"):
    CACHES["pages"]["LOCATION"] = "medius-pages"
# The page cache: on by default; its entries also expire after this many seconds (lists,
# which say "5 minutes ago", after at most a minute). Public pages tell browsers and proxies
# they may keep a copy for MEDIUS_PUBLIC_MAX_AGE seconds.
MEDIUS_PAGE_CACHE = env_bool("MEDIUS_PAGE_CACHE", True)
MEDIUS_PAGE_CACHE_SECONDS = env_int("MEDIUS_PAGE_CACHE_SECONDS", 600, minimum=1)
MEDIUS_PUBLIC_MAX_AGE = env_int("MEDIUS_PUBLIC_MAX_AGE", 60)
# Each worker also holds the kept pages it served last, up to this many MiB of pages (0: none),
# so a hit on them needs no round trip to the cache for the page.
MEDIUS_PAGE_CACHE_WORKER_MB = env_int("MEDIUS_PAGE_CACHE_WORKER_MB", 16)

_email = parse_email_url("EMAIL_URL", os.environ.get("EMAIL_URL", "console://"))
globals().update(_email)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Medius <noreply@medius.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Medius admins", a) for a in env_list("ADMIN_EMAILS", [])]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 first; PBKDF2 stays so older hashes still verify and are upgraded at login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: https://docs.allauth.org/en/latest/account/configuration.html
# Links in allauth's emails start with SITE_URL, like every other absolute URL.
ACCOUNT_ADAPTER = "forum.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "forum.accounts.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "forum.accounts.validators.username_validators"
ACCOUNT_USERNAME_BLACKLIST = ["admin", "administrator", "moderator", "medius", "staff", "support"]
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Medius] "
# Every allauth email links to SITE_URL, never to the request's Host header.
ACCOUNT_ADAPTER = "forum.accounts.adapter.AccountAdapter"
# Members are emailed when their password, email addresses or second factors change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Medius"
# Passkeys: log in with one instead of a password, or sign up with one (the email is
# verified by code first). https://docs.allauth.org/en/latest/mfa/configuration.html
# Their relying-party ID is SITE_URL's host (forum/accounts/adapter.py): a browser takes
# https, or http://localhost, never an IP address, so develop with SITE_URL=http://localhost:8000.
MFA_ADAPTER = "forum.accounts.adapter.MFAAdapter"
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_PASSKEY_SIGNUP_ENABLED = True
# Staff need a session confirmed with a second factor for the admin and for every
# moderator power (forum/core/second_factor.py); a first second factor is only added
# after a link sent to the verified email (forum/accounts/second_factor.py).
MEDIUS_ADMIN_REQUIRES_MFA = env_bool("MEDIUS_ADMIN_REQUIRES_MFA", not DEBUG)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"

# Posting rules (forum/discussions/policy.py) and moderation thresholds.
MEDIUS_NEWCOMER_HELD_POSTS = env_int("MEDIUS_NEWCOMER_HELD_POSTS", 2)
MEDIUS_NEWCOMER_DAYS = env_int("MEDIUS_NEWCOMER_DAYS", 3)
MEDIUS_NEWCOMER_APPROVED_POSTS = env_int("MEDIUS_NEWCOMER_APPROVED_POSTS", 3)
MEDIUS_NEWCOMER_MAX_LINKS = env_int("MEDIUS_NEWCOMER_MAX_LINKS", 2)
MEDIUS_NEWCOMER_POSTS_PER_HOUR = env_int("MEDIUS_NEWCOMER_POSTS_PER_HOUR", 5, minimum=1)
MEDIUS_POST_MIN_INTERVAL_SECONDS = env_int("MEDIUS_POST_MIN_INTERVAL_SECONDS", 10)
MEDIUS_DUPLICATE_WINDOW_MINUTES = env_int("MEDIUS_DUPLICATE_WINDOW_MINUTES", 10)
MEDIUS_AUTO_HIDE_REPORTS = env_int("MEDIUS_AUTO_HIDE_REPORTS", 3, minimum=1)
MEDIUS_SIGNUP_MIN_SECONDS = env_int("MEDIUS_SIGNUP_MIN_SECONDS", 3)
MEDIUS_MAX_MENTIONS = env_int("MEDIUS_MAX_MENTIONS", 5)
# Trust levels (forum/moderation/trust.py). Basic uses the newcomer thresholds above.
MEDIUS_TRUST_MEMBER_DAYS = env_int("MEDIUS_TRUST_MEMBER_DAYS", 30)
MEDIUS_TRUST_MEMBER_POSTS = env_int("MEDIUS_TRUST_MEMBER_POSTS", 15)
MEDIUS_TRUST_MEMBER_HELPFUL = env_int("MEDIUS_TRUST_MEMBER_HELPFUL", 5)
MEDIUS_TRUST_CLEAN_DAYS = env_int("MEDIUS_TRUST_CLEAN_DAYS", 60, minimum=1)
MEDIUS_TRUST_TRUSTED_DAYS = env_int("MEDIUS_TRUST_TRUSTED_DAYS", 180)
MEDIUS_TRUST_TRUSTED_POSTS = env_int("MEDIUS_TRUST_TRUSTED_POSTS", 50)
MEDIUS_TRUST_TRUSTED_UPHELD_FLAGS = env_int("MEDIUS_TRUST_TRUSTED_UPHELD_FLAGS", 3)
# Privileges by level: a trusted member's report counts this many toward auto-hide; new
# members mention fewer members per post, follow fewer members, and edit their own posts
# only for a while after posting.
# Hold likely spam from low-trust members (forum/discussions/spam.py).
MEDIUS_SPAM_SCREENING = env_bool("MEDIUS_SPAM_SCREENING", True)
MEDIUS_TRUSTED_FLAG_WEIGHT = env_int("MEDIUS_TRUSTED_FLAG_WEIGHT", 2, minimum=1)
MEDIUS_NEW_MAX_MENTIONS = env_int("MEDIUS_NEW_MAX_MENTIONS", 2)
MEDIUS_NEW_MAX_MEMBER_FOLLOWS = env_int("MEDIUS_NEW_MAX_MEMBER_FOLLOWS", 20)
MEDIUS_NEW_EDIT_HOURS = env_int("MEDIUS_NEW_EDIT_HOURS", 24, minimum=1)
MEDIUS_NEEDS_ANSWER_HOURS = env_int("MEDIUS_NEEDS_ANSWER_HOURS", 24)
# A condition guide's clinician review is shown as due this long after it was given.
MEDIUS_GUIDE_REVIEW_MONTHS = env_int("MEDIUS_GUIDE_REVIEW_MONTHS", 12, minimum=1)
MEDIUS_ACCEPT_REMINDER_DAYS = env_int("MEDIUS_ACCEPT_REMINDER_DAYS", 3, minimum=1)
MEDIUS_EMAIL_MAX_ATTEMPTS = env_int("MEDIUS_EMAIL_MAX_ATTEMPTS", 5, minimum=1)

# "What members tried" (forum/treatments/aggregates.py): a treatment's share of members
# who felt better is shown only once this many have said how it went; fewer reads "not
# enough reports yet". The emailed follow-up link works for this many days.
MEDIUS_TREATMENT_MIN_REPORTS = env_int("MEDIUS_TREATMENT_MIN_REPORTS", 10, minimum=1)
MEDIUS_FOLLOW_UP_LINK_DAYS = env_int("MEDIUS_FOLLOW_UP_LINK_DAYS", 30, minimum=1)

# Email and other slow work runs after the request's transaction commits. "database" (the
# default) queues it, one row per task, for `manage.py db_worker` (`make run` starts one;
# deploy/systemd/medius-worker.service in production), so no request waits on a mail
# server or renders email; the worker supports SQLite (it takes an exclusive transaction
# to claim a task). "immediate" runs it in the request's process just after the commit (a
# failure is logged, the request still succeeds): for a machine that runs no worker.
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "database")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database, not {_task_backend!r}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded images (forum/images/) go through the default storage: files under MEDIA_ROOT,
# or S3-compatible object storage with MEDIA_STORAGE=s3 (needs django-storages[s3]; the
# bucket and endpoint from MEDIA_S3_*, credentials from boto3's usual AWS_* variables).
# Images are always served by Medius itself, which checks who may see them, never
# straight from the bucket: https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
_MEDIA_STORAGES: dict[str, dict[str, Any]] = {
    "filesystem": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "s3": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("MEDIA_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    },
}
_media_storage = os.environ.get("MEDIA_STORAGE", "filesystem")
if _media_storage not in _MEDIA_STORAGES:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {_media_storage!r}")
if _media_storage == "s3" and not os.environ.get("MEDIA_S3_BUCKET"):
    raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET")
STORAGES = {
    "default": _MEDIA_STORAGES[_media_storage],
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")
# Uploaded images (forum/images/processing.py): refused above these limits.
MEDIUS_IMAGE_MAX_BYTES = env_int("MEDIUS_IMAGE_MAX_BYTES", 10_000_000, minimum=1)
MEDIUS_IMAGE_MAX_PIXELS = env_int("MEDIUS_IMAGE_MAX_PIXELS", 40_000_000, minimum=1)
MEDIUS_IMAGE_DISPLAY_WIDTH = env_int("MEDIUS_IMAGE_DISPLAY_WIDTH", 1600, minimum=16)
MEDIUS_IMAGE_THUMBNAIL_WIDTH = env_int("MEDIUS_IMAGE_THUMBNAIL_WIDTH", 480, minimum=16)
MEDIUS_IMAGES_PER_DAY = env_int("MEDIUS_IMAGES_PER_DAY", 20)
MEDIUS_IMAGE_ORPHAN_HOURS = env_int("MEDIUS_IMAGE_ORPHAN_HOURS", 24, minimum=1)
# The trust level (new, basic, member, trusted) a member needs to post images; staff and
# verified clinicians may whatever their level (forum/images/permissions.py).
_TRUST_LEVEL_NAMES = ["new", "basic", "member", "trusted"]
MEDIUS_IMAGES_MIN_TRUST_LEVEL = os.environ.get("MEDIUS_IMAGES_MIN_TRUST_LEVEL", "basic").strip()
if MEDIUS_IMAGES_MIN_TRUST_LEVEL not in _TRUST_LEVEL_NAMES:
    raise ImproperlyConfigured(
        "MEDIUS_IMAGES_MIN_TRUST_LEVEL must be one of "
        f"{', '.join(_TRUST_LEVEL_NAMES)}, not {MEDIUS_IMAGES_MIN_TRUST_LEVEL!r}"
    )

# Security. Everything below follows from SITE_URL being https; with production
# values `manage.py check --deploy --fail-level WARNING` reports nothing.
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
# Preloading asks browsers to hard-code HTTPS for the domain and all its subdomains, and
# leaving the list takes months: an owner's decision (https://hstspreload.org/), so opt-in.
# Without it the deploy check's reminder (security.W021) is silenced, not ignored by accident.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# No inline scripts or styles anywhere (templates, allauth, the admin): everything is a
# file under /static/. Pico's icons are data: URIs in its CSS, hence img-src data:.
# https://django-csp.readthedocs.io/en/latest/configuration.html
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "django_tasks": {"level": "WARNING"}},
}
