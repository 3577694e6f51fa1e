"""Run a command against a throwaway PostgreSQL cluster on 127.0.0.1.

    python tests/pg_cluster.py .venv/bin/pytest [ARGS...]

The cluster is created with the PostgreSQL server binaries found on the machine
(``pg_ctl`` on PATH, or Debian's ``/usr/lib/postgresql/<version>/bin``), listens
on a free loopback port only, and is removed afterwards. ``DATABASE_URL`` points
the command at it. Without PostgreSQL the run is skipped with a reason, except
in CI (``CI=true``), where a missing server is a failure.

Why this file rather than pytest-postgresql (whose ``postgresql_proc`` fixture also
starts a throwaway server with ``pg_ctl``):

- It wraps any command, not only pytest: ``make bench`` runs ``manage.py migrate``,
  ``bench`` and ``bench_search`` against the same kind of cluster.
- The server exists before Django reads its settings, so ``DATABASE_URL`` is the only
  switch and the suite runs unchanged on either engine. With a fixture the server
  starts after pytest-django has configured Django, and the suite would need a second
  path that rewrites ``DATABASES`` and reconnects.
- CI runs as root, and PostgreSQL refuses to start as root: here the server runs as
  ``postgres`` (or ``nobody``); pytest-postgresql runs ``pg_ctl`` as the current user.
- About a hundred lines of standard library, against a plugin and its dependencies
  (mirakuru, port-for) for the same ``initdb``, ``pg_ctl start`` and ``createdb``.
"""

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def find_bindir() -> Path | None:
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return candidates[-1].parent if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def demote_to(user: str) -> tuple[pwd.struct_passwd, Callable[[], None]]:
    """PostgreSQL refuses to run as root, so CI (root) runs it as an unprivileged user."""
    entry = pwd.getpwnam(user)

    def switch() -> None:
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)

    return entry, switch


def main(command: list[str]) -> int:
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    bindir = find_bindir()
    if bindir is None:
        message = "PostgreSQL server binaries (pg_ctl, initdb) not found"
        if in_ci:
            print(f"FAILED: {message}; CI must run the PostgreSQL suite.", file=sys.stderr)
            return 1
        print(f"SKIPPED the PostgreSQL run: {message}. Install Debian's postgresql package.")
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="medius-pg-"))
    preexec: Callable[[], None] | None = None
    if os.geteuid() == 0:
        name = "postgres" if _user_exists("postgres") else "nobody"
        entry, preexec = demote_to(name)
        os.chown(workdir, entry.pw_uid, entry.pw_gid)
    data = workdir / "data"
    port = free_port()
    run: dict[str, Any] = {"preexec_fn": preexec, "check": True, "stdout": subprocess.DEVNULL}
    try:
        subprocess.run(
            [bindir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
             "--locale=C"],
            **run,
        )  # fmt: skip
        options = (
            f"-h 127.0.0.1 -p {port} -k {workdir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            [bindir / "pg_ctl", "-D", data, "-o", options, "-l", workdir / "server.log", "-w",
             "start"],
            **run,
        )  # fmt: skip
        subprocess.run(
            [bindir / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "medius"],
            **run,
        )
        print(f"PostgreSQL {bindir.parent.name} running on 127.0.0.1:{port} for this run")
        env = os.environ | {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/medius"}
        return subprocess.run(command, env=env).returncode
    finally:
        subprocess.run(
            [bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
            preexec_fn=preexec,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
