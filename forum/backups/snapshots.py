"""Consistent snapshots of the whole database, and bringing one back.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies every page
  in one step under a read lock, so a snapshot taken while the site writes is still
  consistent. Copying the file is not: in WAL mode the latest commits live in the
  ``-wal`` file beside it. https://www.sqlite.org/backup.html
- PostgreSQL: ``pg_dump --format=custom``, brought back with ``pg_restore``. The
  password travels in ``PGPASSWORD``, never on the command line, where ``ps`` shows it.

Snapshots hold every member's personal data, so they are written readable by their
owner only (0600, in a 0700 directory).

Uploaded images (MEDIA_ROOT on the file system) go in a tar beside the database
snapshot (``<snapshot>.media.tar``), written after it: every image row in the snapshot
has its files in the tar. With object storage, the bucket's own versioning is the backup.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper

SUFFIXES = {"sqlite": ".sqlite3", "postgresql": ".dump"}

# Connection options from DATABASE_URL (?sslmode=require, ...) that libpq reads from the
# environment: https://www.postgresql.org/docs/current/libpq-envars.html
LIBPQ_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class SnapshotError(Exception):
    """A snapshot could not be written, read or restored; the message says why."""


def default_directory() -> Path:
    return Path(settings.VAR_DIR) / "backups"


def describe(using: str = DEFAULT_DB_ALIAS) -> str:
    """The database a restore would overwrite, in words."""
    connection = connections[using]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"the SQLite database {db['NAME']}"
    where = f"{db.get('HOST') or 'the local socket'}:{db.get('PORT') or 5432}"
    return f"the PostgreSQL database “{db['NAME']}” on {where}"


def back_up(*, directory: Path | None = None, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write a snapshot to ``directory`` (var/backups/) and return its path."""
    connection = connections[using]
    directory = Path(directory or default_directory())
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"medius-{stamp}{_suffix(connection)}"
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise SnapshotError(f"{path} already exists; try again in a second.") from None
    try:
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(path)
            try:
                connection.connection.backup(target)
                # A single self-contained file, whatever the live database's journal mode.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        else:
            pg_dump(db=connection.settings_dict, path=path)
        _archive_media(media_archive(path))
    except BaseException:
        path.unlink(missing_ok=True)
        media_archive(path).unlink(missing_ok=True)
        raise
    return path


def media_archive(snapshot: Path) -> Path:
    return snapshot.with_name(snapshot.name + ".media.tar")


def _media_root() -> Path | None:
    """MEDIA_ROOT when uploads live on this machine's file system, else None."""
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend != "django.core.files.storage.FileSystemStorage":
        return None
    return Path(settings.MEDIA_ROOT)


def _archive_media(archive: Path) -> None:
    root = _media_root()
    if root is None:
        return
    os.close(os.open(archive, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    with tarfile.open(archive, "w") as tar:
        if (root / "images").is_dir():
            tar.add(root / "images", arcname="images")


def restore_media(snapshot: Path) -> bool:
    """Put back the images saved beside ``snapshot``; False when there is no media tar.

    The images directory is replaced as a whole, so uploads made after the snapshot go
    with the rows that named them."""
    archive, root = media_archive(snapshot), _media_root()
    if root is None or not archive.is_file():
        return False
    staging = root / ".restoring"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        tar.extractall(staging, filter="data")  # no absolute paths, links or devices
    shutil.rmtree(root / "images", ignore_errors=True)
    if (staging / "images").is_dir():
        (staging / "images").rename(root / "images")
    shutil.rmtree(staging)
    return True


def check_snapshot(path: Path, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Refuse a missing file or a snapshot of the other engine before anything is touched."""
    path = Path(path)
    suffix = _suffix(connections[using])
    if not path.is_file():
        raise SnapshotError(f"There is no snapshot at {path}.")
    if path.suffix != suffix:
        raise SnapshotError(
            f"{path.name} is not a snapshot of this database engine (expected a *{suffix} file)."
        )
    return path


def restore(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace everything in the database with the snapshot at ``path``."""
    path = check_snapshot(path, using)
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        restore_sqlite(path=path, target=connection.connection)
    else:
        connection.close()  # hold no lock that pg_restore's DROP TABLE would wait for
        pg_restore(db=connection.settings_dict, path=path)
    restore_media(path)


def restore_sqlite(*, path: Path, target: sqlite3.Connection) -> None:
    """Copy a SQLite snapshot into ``target`` with the backup API, after checking it."""
    try:
        source = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise SnapshotError(f"Cannot open {path}: {exc}") from None
    try:
        try:
            (check,) = source.execute("PRAGMA quick_check").fetchone()
            is_medius = source.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise SnapshotError(f"{path} is not a SQLite database: {exc}") from None
        if check != "ok":
            raise SnapshotError(f"{path} is damaged: {check}")
        if not is_medius:
            raise SnapshotError(f"{path} is not a Medius snapshot (it has no django_migrations).")
        source.backup(target)
    finally:
        source.close()


def pg_dump(*, db: dict[str, Any], path: Path) -> None:
    args, env = _libpq(db)
    _run([_pg_program("pg_dump"), "--format=custom", f"--file={path}", *args], env)


def pg_restore(*, db: dict[str, Any], path: Path) -> None:
    """Restore in one transaction: on any error the database is left as it was."""
    args, env = _libpq(db)
    _run(
        [
            _pg_program("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(path),
        ],
        env,
    )


def _suffix(connection: BaseDatabaseWrapper) -> str:
    try:
        return SUFFIXES[connection.vendor]
    except KeyError:
        raise SnapshotError(f"Cannot back up a {connection.vendor} database.") from None


def _libpq(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Command-line arguments and environment for pg_dump/pg_restore; no password in argv."""
    args = ["--no-password"]  # fail at once rather than wait for a prompt nobody sees
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{flag}={db[key]}")
    args.append(f"--dbname={db['NAME']}")
    env = os.environ.copy()
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    for option, value in (db.get("OPTIONS") or {}).items():
        if option in LIBPQ_ENV:
            env[LIBPQ_ENV[option]] = str(value)
    return args, env


def _pg_program(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    debian = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if debian:
        return str(debian[-1])
    raise SnapshotError(f"{name} was not found; install the PostgreSQL client programs.")


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        name = Path(command[0]).name
        raise SnapshotError(f"{name} failed: {result.stderr.strip() or result.returncode}")
