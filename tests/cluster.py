"""Several machines, proven on one: ``make cluster-test`` (``python -m tests.cluster``).

On loopback, as separate processes, it starts what a Medius of several machines runs:

- a PostgreSQL primary and a streaming hot standby made with ``pg_basebackup -R`` (the
  server binaries tests/pg_cluster.py finds; as the postgres user when run as root);
- Redis, the shared cache (rate limits, throttles, the page cache and its versions);
- two gunicorn "machines" on two ports with the same settings: one SECRET_KEY,
  DATABASE_URL the primary, DATABASE_REPLICA_URLS the standby, CACHE_URL Redis,
  TASKS_BACKEND=database;
- nginx (Debian's, with its brotli modules) running deploy/nginx/medius.conf itself, with
  its addresses, paths and a throwaway self-signed certificate substituted, balancing the
  two machines over TLS;
- ``manage.py db_worker``, which sends the email (into files).

Then it checks, through nginx and against each machine directly, that compression,
static files and caching headers are what the nginx file promises; a session made on one
machine works on the other; allauth's login rate limit and the posting throttle count
across both; a reply posted through one machine is on the other's kept (visitor) page
within a second; with the standby's replay paused, the member who wrote still sees their
reply (they read the primary) while another member does not (they read the standby),
until replay resumes. Then Locust (loadtest/locustfile.py: 50 members, 60 s, the reply
ledger, also checked on the standby) runs through nginx; afterwards no request in nginx's
log may have had a 5xx, and the worker must have sent email and failed no task.

Everything it started is stopped, and its directory removed, on exit, even after a failure
or Ctrl-C. It exits non-zero when a check fails and prints the figures for the README.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.message import Message
from functools import partial
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from tests.pg_cluster import _user_exists, demote_to, find_bindir, free_port

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SITE_CONF = ROOT / "deploy" / "nginx" / "medius.conf"
NGINX_MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = ["ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so"]
DEMO_PASSWORD = "medius-demo-password"
READ_YOUR_WRITES_SECONDS = 4
LOCUST_USERS = 50
LOCUST_SECONDS = 60
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET = re.compile(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"')
LIMITED = "Too many failed login attempts"
READER = "hillrunner_k"  # demo accounts (forum/demo/data.py)


class CheckFailed(Exception):
    pass


def program(name: str) -> str | None:
    """A program on PATH, or in the sbin directories Debian puts nginx and pgbouncer in."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def check(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)
    print(f"  ok: {message}", flush=True)


# Processes ------------------------------------------------------------------------------


@dataclass
class Machines:
    """Every process and directory this run made, so that ``stop`` can undo all of it."""

    workdir: Path
    processes: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)
    clusters: list[Path] = field(default_factory=list)
    bindir: Path | None = None
    demote: Callable[[], None] | None = None

    def log(self, name: str) -> Path:
        return self.workdir / "logs" / f"{name}.log"

    def spawn(self, name: str, args: list[str | Path], env: Mapping[str, str],
              as_postgres: bool = False) -> None:  # fmt: skip
        with self.log(name).open("ab") as log:
            process = subprocess.Popen(
                args,
                cwd=ROOT,
                env=dict(env),
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=self.demote if as_postgres else None,
            )
        self.processes.append((name, process))

    def run(self, name: str, args: list[str | Path], env: Mapping[str, str] | None = None,
            as_postgres: bool = False) -> None:  # fmt: skip
        with self.log(name).open("ab") as log:
            result = subprocess.run(
                args,
                cwd=ROOT,
                env=dict(env) if env is not None else None,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=self.demote if as_postgres else None,
                check=False,
            )
        if result.returncode:
            raise CheckFailed(f"{name} exited with {result.returncode}:\n{self.tail(name)}")

    def tail(self, name: str, lines: int = 25) -> str:
        try:
            return "\n".join(self.log(name).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        for _, process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for _, process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.bindir is not None:
            for data in reversed(self.clusters):
                subprocess.run(
                    [self.bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
                    preexec_fn=self.demote,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                )
        shutil.rmtree(self.workdir, ignore_errors=True)

    def check_alive(self) -> None:
        for name, process in self.processes:
            if process.poll() is not None:
                raise CheckFailed(f"{name} exited with {process.returncode}:\n{self.tail(name)}")


@dataclass(frozen=True)
class Ports:
    primary: int = field(default_factory=free_port)
    standby: int = field(default_factory=free_port)
    bouncer: int = field(default_factory=free_port)
    redis: int = field(default_factory=free_port)
    node_a: int = field(default_factory=free_port)
    node_b: int = field(default_factory=free_port)
    http: int = field(default_factory=free_port)
    https: int = field(default_factory=free_port)


def start_postgres(machines: Machines, ports: Ports) -> tuple[Path, Path]:
    bindir = machines.bindir
    assert bindir is not None
    pg = machines.workdir / "pg"
    pg.mkdir(mode=0o700)
    if os.geteuid() == 0:
        entry = demote_to("postgres" if _user_exists("postgres") else "nobody")[0]
        os.chown(pg, entry.pw_uid, entry.pw_gid)
    primary, standby = pg / "primary", pg / "standby"
    machines.run(
        "initdb",
        [bindir / "initdb", "-D", primary, "-U", "postgres", "--auth=trust", "-E", "UTF8",
         "--locale=C"],
        as_postgres=True,
    )  # fmt: skip
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "unix_socket_directories": f"'{pg}'",
        "wal_level": "replica",
        "max_wal_senders": "5",
        "wal_keep_size": "'512MB'",
        "hot_standby": "on",
        "fsync": "off",
        "synchronous_commit": "off",
        "max_connections": "100",
    }
    with (primary / "postgresql.conf").open("a") as handle:
        handle.write("".join(f"{name} = {value}\n" for name, value in settings.items()))
    machines.clusters.append(primary)
    machines.run(
        "postgres-primary",
        [bindir / "pg_ctl", "-D", primary, "-o", f"-p {ports.primary}", "-l",
         pg / "primary.log", "-w", "start"],
        as_postgres=True,
    )  # fmt: skip
    return primary, standby


def pgbouncer_ini(ports: Ports, directory: Path) -> str:
    """PgBouncer in transaction mode in front of the primary: each transaction may get a
    different server connection, as DATABASE_PGBOUNCER=1 expects."""
    return f"""[databases]
medius = host=127.0.0.1 port={ports.primary} dbname=medius user=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {ports.bouncer}
unix_socket_dir =
auth_type = any
admin_users = postgres
pool_mode = transaction
default_pool_size = 12
max_client_conn = 200
ignore_startup_parameters = extra_float_digits
pidfile = {directory / "pgbouncer.pid"}
logfile = {directory / "pgbouncer.log"}
"""


def start_standby(machines: Machines, ports: Ports, standby: Path) -> None:
    """A hot standby of the primary, streaming its WAL (pg_basebackup -R writes the
    standby.signal file and primary_conninfo)."""
    bindir = machines.bindir
    assert bindir is not None
    machines.run(
        "pg_basebackup",
        [bindir / "pg_basebackup", "-D", standby, "-R", "-X", "stream", "-c", "fast",
         "-h", "127.0.0.1", "-p", str(ports.primary), "-U", "postgres"],
        as_postgres=True,
    )  # fmt: skip
    machines.clusters.append(standby)
    machines.run(
        "postgres-standby",
        [bindir / "pg_ctl", "-D", standby, "-o", f"-p {ports.standby}", "-l",
         standby.parent / "standby.log", "-w", "start"],
        as_postgres=True,
    )  # fmt: skip


def render_site(conf: str, *, ports: Ports, var: Path, cert: Path, key: Path) -> str:
    """deploy/nginx/medius.conf with this run's addresses, certificate and paths; every
    value it replaces must be found exactly as often as expected, so an edit to the file
    that this run would no longer test stops it instead."""
    upstreams = f"    server 127.0.0.1:{ports.node_a};\n    server 127.0.0.1:{ports.node_b};\n"
    replacements = [
        ("    server 127.0.0.1:8000;\n", upstreams, 1),
        ("    listen 80;\n", f"    listen 127.0.0.1:{ports.http};\n", 1),
        ("    listen [::]:80;\n", "", 1),
        ("    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{ports.https} ssl http2;\n", 1),
        ("    listen [::]:443 ssl http2;\n", "", 1),
        ("    server_name medius.example;\n", "    server_name 127.0.0.1;\n", 2),
        ("/etc/letsencrypt/live/medius.example/fullchain.pem;", f"{cert};", 1),
        ("/etc/letsencrypt/live/medius.example/privkey.pem;", f"{key};", 1),
        ("root /srv/medius/var;", f"root {var};", 1),
    ]
    for old, new, count in replacements:
        found = conf.count(old)
        if found != count:
            raise CheckFailed(
                f"deploy/nginx/medius.conf has {old.strip()!r} {found} times, not {count}: "
                "update tests/cluster.py's render_site with it"
            )
        conf = conf.replace(old, new)
    return conf


def nginx_main_conf(directory: Path, site: Path) -> str:
    modules = "".join(f"load_module {NGINX_MODULES / name};\n" for name in BROTLI_MODULES)
    temp = directory / "tmp"
    return f"""daemon off;
worker_processes 1;
pid {directory / "nginx.pid"};
error_log {directory / "error.log"} warn;
{modules}
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    log_format medius '$status $request_method $request_uri $upstream_addr $request_time';
    access_log {directory / "access.log"} medius;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""


# A browser ------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def summary(self) -> str:
        """The status and what the page said was wrong, for a failed check."""
        said = re.findall(r'class="(?:errorlist|message message-error)[^"]*">(.*?)</', self.text)
        return f"{self.status} {self.header('Location')} {said[:3]}".strip()

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass
class Origin:
    """nginx (over TLS when ``tls`` is given), or one machine directly (``direct``): then
    requests carry the headers nginx would add."""

    name: str
    port: int
    tls: ssl.SSLContext | None = None
    direct: bool = False

    def connect(self) -> http.client.HTTPConnection:
        if self.tls is not None:
            return http.client.HTTPSConnection("127.0.0.1", self.port, context=self.tls,
                                               timeout=30)  # fmt: skip
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def extra_headers(self) -> dict[str, str]:
        if not self.direct:
            return {}
        return {"X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "https"}


class Browser:
    """One person's browser: its own cookies, sent to whichever origin it is pointed at."""

    def __init__(self, site_url: str) -> None:
        self.site_url = site_url
        self.cookies: dict[str, str] = {}

    def request(self, origin: Origin, method: str, path: str, body: str | None = None,
                headers: Mapping[str, str] | None = None) -> Response:  # fmt: skip
        sent = {"Host": "127.0.0.1", **origin.extra_headers(), **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = origin.connect()
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return response

    def get(self, origin: Origin, path: str, **headers: str) -> Response:
        return self.request(origin, "GET", path, headers=headers)

    def post(self, origin: Origin, path: str, data: Mapping[str, str], form: str) -> Response:
        """Submit ``data`` to ``path`` with the CSRF token of the page at ``form``."""
        page = self.get(origin, form)
        token = CSRF.search(page.text)
        if token is None:
            raise CheckFailed(f"no CSRF token on {form} ({page.status})")
        body = urlencode({"csrfmiddlewaretoken": token.group(1), **data})
        return self.request(
            origin,
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{self.site_url}{form}",
            },
        )

    def follow(self, origin: Origin, response: Response, limit: int = 5) -> Response:
        while response.status in {301, 302, 303} and limit:
            location = urlsplit(response.header("Location"))
            path = location.path + (f"?{location.query}" if location.query else "")
            response = self.get(origin, path)
            limit -= 1
        return response

    def log_in(self, origin: Origin, email: str) -> None:
        login = "/account/login/"
        response = self.post(origin, login, {"login": email, "password": DEMO_PASSWORD}, login)
        if response.status != 302:
            raise CheckFailed(f"logging in {email} through {origin.name} gave {response.status}")


def wait_until(condition: Callable[[], bool], seconds: float, step: float = 0.05) -> float | None:
    """Seconds until ``condition`` held, or None if it did not within ``seconds``."""
    started = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - started
        if time.monotonic() - started > seconds:
            return None
        time.sleep(step)


# The run --------------------------------------------------------------------------------


def main() -> int:
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    missing = [
        what
        for what, present in [
            ("PostgreSQL server binaries", find_bindir() is not None),
            ("nginx", program("nginx")),
            ("redis-server", shutil.which("redis-server")),
            ("pgbouncer", program("pgbouncer")),
            ("openssl", shutil.which("openssl")),
            ("nginx's brotli modules (libnginx-mod-http-brotli-filter and -static)",
             all((NGINX_MODULES / name).exists() for name in BROTLI_MODULES)),
        ]
        if not present
    ]  # fmt: skip
    if missing:
        message = f"make cluster-test needs {', '.join(missing)} (.ci/run installs them)"
        print(("FAILED: " if in_ci else "SKIPPED: ") + message, file=sys.stderr)
        return 1 if in_ci else 0

    workdir = Path(tempfile.mkdtemp(prefix="medius-cluster-"))
    workdir.chmod(0o755)  # nginx's workers (nobody) read var/static
    (workdir / "logs").mkdir()
    machines = Machines(workdir=workdir, bindir=find_bindir())
    if os.geteuid() == 0:
        machines.demote = demote_to("postgres" if _user_exists("postgres") else "nobody")[1]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    try:
        run_cluster(machines, Ports())
    except Exception as failure:
        if not isinstance(failure, CheckFailed):
            traceback.print_exc()
        print(f"\nFAILED: {failure}", file=sys.stderr)
        for name in ["node-a", "node-b", "worker", "nginx"]:
            print(f"\n--- last lines of {name}'s log ---\n{machines.tail(name)}", file=sys.stderr)
        error_log = workdir / "nginx" / "error.log"
        if error_log.exists():
            print(f"\n--- nginx error.log ---\n{error_log.read_text()[-3000:]}", file=sys.stderr)
        return 1
    finally:
        machines.stop()
    print(f"\nmake cluster-test passed in {time.monotonic() - started:.0f} s.")
    return 0


def run_cluster(machines: Machines, ports: Ports) -> None:
    workdir = machines.workdir
    var, mail, nginx_dir = workdir / "var", workdir / "mail", workdir / "nginx"
    for directory in (var, mail, nginx_dir, nginx_dir / "tmp"):
        directory.mkdir(mode=0o755)
    site_url = f"https://127.0.0.1:{ports.https}"
    database = f"postgres://postgres@127.0.0.1:{ports.primary}/medius"
    bouncer = f"postgres://postgres@127.0.0.1:{ports.bouncer}/medius"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "forum.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SITE_URL": site_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "NUM_PROXIES": "1",
        "DATABASE_URL": database,
        "DATABASE_REPLICA_URLS": f"postgres://postgres@127.0.0.1:{ports.standby}/medius",
        "CACHE_URL": f"redis://127.0.0.1:{ports.redis}/0",
        "EMAIL_URL": f"file://{mail}",
        "TASKS_BACKEND": "database",
        "MEDIUS_VAR_DIR": str(var),
        "MEDIUS_READ_YOUR_WRITES_SECONDS": str(READ_YOUR_WRITES_SECONDS),
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, "manage.py"]
    print(f"Starting the machines in {workdir} ...", flush=True)
    clock = time.monotonic()
    _, standby = start_postgres(machines, ports)
    assert machines.bindir is not None
    createdb: list[str | Path] = [machines.bindir / "createdb", "-h", "127.0.0.1"]
    createdb += ["-p", str(ports.primary), "-U", "postgres", "medius"]
    machines.run("createdb", createdb, as_postgres=True)
    (workdir / "pg" / "pgbouncer.ini").write_text(pgbouncer_ini(ports, workdir / "pg"))
    pgbouncer: list[str | Path] = [
        program("pgbouncer") or "pgbouncer",
        workdir / "pg" / "pgbouncer.ini",
    ]
    machines.spawn("pgbouncer", pgbouncer, env, as_postgres=True)
    # Both machines and the worker reach the primary through PgBouncer; migrate, Locust's
    # ledger and these checks go straight to it.
    machines_env = env | {"DATABASE_URL": bouncer, "DATABASE_PGBOUNCER": "1"}
    cert, key = nginx_dir / "cert.pem", nginx_dir / "key.pem"

    demo_loaded_at = [0.0]

    def load_site() -> None:
        machines.run("migrate", [*manage, "migrate", "--noinput", "-v0"], env)
        machines.run("load_demo", [*manage, "load_demo", "--yes-this-is-a-demo"], env)
        demo_loaded_at[0] = time.monotonic()

    with ThreadPoolExecutor() as pool:
        jobs = [
            pool.submit(load_site),
            pool.submit(start_standby, machines, ports, standby),
            pool.submit(machines.run, "collectstatic",
                        [*manage, "collectstatic", "--noinput", "-v0"], env),
            pool.submit(machines.run, "openssl",
                        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                         "-keyout", key, "-out", cert]),
        ]  # fmt: skip
        machines.spawn(
            "redis",
            ["redis-server", "--port", str(ports.redis), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(workdir)],
            env,
        )  # fmt: skip
        for job in jobs:
            job.result()
    print(f"  databases, demo content and static files ready in {time.monotonic() - clock:.0f} s")

    site = nginx_dir / "medius.conf"
    site.write_text(render_site(SITE_CONF.read_text(), ports=ports, var=var, cert=cert, key=key))
    main_conf = nginx_dir / "nginx.conf"
    main_conf.write_text(nginx_main_conf(nginx_dir, site))
    nginx: list[str | Path] = [program("nginx") or "nginx", "-e", nginx_dir / "error.log"]
    nginx += ["-p", nginx_dir, "-c", main_conf]
    machines.run("nginx-t", [*nginx, "-t"])
    for name, port in [("node-a", ports.node_a), ("node-b", ports.node_b)]:
        machines.spawn(
            name,
            [BIN / "gunicorn", "forum.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--timeout", "30", "--graceful-timeout", "5"],
            machines_env,
        )  # fmt: skip
    machines.spawn("worker", [*manage, "db_worker", "--interval", "0.5"], machines_env)
    machines.spawn("nginx", nginx, env)

    tls = ssl.create_default_context(cafile=str(cert))
    edge = Origin("nginx", ports.https, tls)
    node_a = Origin("machine A", ports.node_a, direct=True)
    node_b = Origin("machine B", ports.node_b, direct=True)
    for origin in (node_a, node_b, edge):
        ready = wait_until(partial(_answers, origin), 60, step=0.2)
        machines.check_alive()
        check(ready is not None, f"{origin.name} answers /healthz/")
    print(f"  all up {time.monotonic() - clock:.0f} s after the start", flush=True)

    os.environ.update(env)
    import django

    django.setup()
    world = World.load(site_url)
    # The demo's members posted just now: the posting throttle lets them post again after
    # MEDIUS_POST_MIN_INTERVAL_SECONDS.
    time.sleep(max(0.0, demo_loaded_at[0] + 11 - time.monotonic()))
    check_edge(edge, world, var, ports)
    check_sessions_and_limits(world, node_a, node_b)
    check_cache_across_machines(world, node_a, node_b)
    check_read_your_writes(world, edge, ports)
    run_locust(machines, env, site_url)
    check_afterwards(machines, nginx_dir, mail, ports)


def _answers(origin: Origin) -> bool:
    try:
        return Browser("").get(origin, "/healthz/").status == 200
    except OSError:
        return False


@dataclass
class World:
    """What the checks use: the site's address, a public question and the demo accounts."""

    site_url: str
    thread_url: str
    reply_url: str
    emails: dict[str, str]
    reader: Browser | None = None  # a member who has not written lately
    reader_since: float = 0.0

    @classmethod
    def load(cls, site_url: str) -> "World":
        from forum.accounts.models import User
        from forum.discussions.models import Thread

        thread = Thread.objects.public().questions().order_by("pk").first()
        assert thread is not None
        emails = dict(User.objects.values_list("username", "email"))
        return cls(
            site_url=site_url,
            thread_url=thread.get_absolute_url(),
            reply_url=f"/r/{thread.opening_post_id}/reply/",
            emails=emails,
        )

    def browser(self) -> Browser:
        return Browser(self.site_url)

    def member(self, username: str, origin: Origin) -> Browser:
        browser = self.browser()
        browser.log_in(origin, self.emails[username])
        return browser


def check_edge(edge: Origin, world: World, var: Path, ports: Ports) -> None:
    print("\nnginx (deploy/nginx/medius.conf):")
    plain = Origin("nginx, plain HTTP", ports.http)
    redirect = Browser("").get(plain, "/questions/")
    check(redirect.status == 301 and redirect.header("Location").startswith("https://"),
          "plain HTTP is sent to HTTPS")  # fmt: skip
    visitor = world.browser()
    page = visitor.get(edge, world.thread_url, **{"Accept-Encoding": "br"})
    check(page.header("Content-Encoding") == "br", "pages are compressed with brotli")
    page = visitor.get(edge, world.thread_url, **{"Accept-Encoding": "gzip"})
    check(page.header("Content-Encoding") == "gzip", "and with gzip")
    check(page.header("X-Page-Cache") in {"hit", "miss"}, "a visitor's thread page is cacheable")
    check(page.header("Cache-Control") == "public, max-age=60, stale-while-revalidate=60",
          "public pages may be kept by browsers and proxies for a minute")  # fmt: skip
    check("max-age=" in page.header("Strict-Transport-Security"), "HSTS over the proxy's TLS")
    etag = page.header("ETag")
    again = visitor.get(
        edge, world.thread_url, **{"If-None-Match": etag, "Accept-Encoding": "gzip"}
    )
    check(again.status == 304, f"the page's ETag ({etag}) gives a 304 through nginx")
    home = visitor.get(edge, "/").text
    stylesheet = STYLESHEET.search(home)
    check(stylesheet, "pages link hashed static files")
    assert stylesheet is not None
    on_disk = var / stylesheet.group(1).lstrip("/")
    for encoding, suffix in [("br", ".br"), ("gzip", ".gz")]:
        static = visitor.get(edge, stylesheet.group(1), **{"Accept-Encoding": encoding})
        check(
            static.header("Content-Encoding") == encoding
            and len(static.body) == on_disk.with_name(on_disk.name + suffix).stat().st_size,
            f"static files are served pre-compressed ({suffix} from collectstatic)",
        )
    check("immutable" in static.header("Cache-Control"), "hashed static files are immutable")
    check(page.headers.get_all("Set-Cookie") is None, "visitors' pages set no cookie")


def check_sessions_and_limits(world: World, node_a: Origin, node_b: Origin) -> None:
    print("\nTwo machines, one site:")
    reader = world.reader = world.member(READER, node_a)
    world.reader_since = time.monotonic()
    page = reader.get(node_b, "/notifications/")
    check(page.status == 200 and "Log out" in page.text,
          "a session made on machine A works on machine B")  # fmt: skip

    stranger = world.browser()
    outcomes = []
    for attempt in range(6):
        origin = (node_a, node_b)[attempt % 2]
        data = {"login": "nobody-at-all@cluster.invalid", "password": f"wrong {attempt}"}
        response = stranger.post(origin, "/account/login/", data, "/account/login/")
        outcomes.append(LIMITED in response.text)
    check(
        outcomes == [False] * 5 + [True],
        "allauth's 5 failed logins count across machines (A, B, A, B, A; then B refuses)",
    )

    moderator = world.member("mod_rowan", node_a)
    first = moderator.post(node_a, world.reply_url, {"body": "A first note from the moderator."},
                           world.thread_url)  # fmt: skip
    check(first.status == 302, f"a reply through machine A ({first.summary()})")
    second = moderator.post(node_b, world.reply_url, {"body": "And a second one, at once."},
                            world.thread_url)  # fmt: skip
    check("Please wait" in second.text, "the posting throttle counts it on machine B")


def check_cache_across_machines(world: World, node_a: Origin, node_b: Origin) -> None:
    print("\nThe page cache, shared:")
    visitor = world.browser()
    visitor.get(node_b, world.thread_url)
    kept = visitor.get(node_b, world.thread_url)
    check(kept.header("X-Page-Cache") == "hit", "machine B serves visitors a kept thread page")
    clinician = world.member("physio_amara", node_a)
    text = f"Cross-machine reply {secrets.token_hex(4)}: load the tendon slowly."
    posted = clinician.post(node_a, world.reply_url, {"body": text}, world.thread_url)
    check(posted.status == 302, f"a clinician replies through machine A ({posted.summary()})")
    seconds = wait_until(lambda: text in visitor.get(node_b, world.thread_url).text, 1.0)
    check(seconds is not None, "the reply is on machine B's visitor page within a second")
    print(f"      ({(seconds or 0) * 1000:.0f} ms after machine A answered the POST)")


def check_read_your_writes(world: World, edge: Origin, ports: Ports) -> None:
    import psycopg

    print("\nA replica that falls behind (replay paused):")
    reader = world.reader
    assert reader is not None
    writer = world.member("dr_lindqvist", edge)
    since = time.monotonic() - world.reader_since
    time.sleep(max(0, READ_YOUR_WRITES_SECONDS + 0.5 - since))
    standby = psycopg.connect(
        f"host=127.0.0.1 port={ports.standby} user=postgres dbname=medius", autocommit=True
    )
    with standby:
        standby.execute("SELECT pg_wal_replay_pause()")
        state = wait_until(
            lambda: (
                standby.execute("SELECT pg_get_wal_replay_pause_state()").fetchone() == ("paused",)
            ),
            5,
        )
        check(state is not None, "the standby's replay is paused")
        text = f"Read-your-writes reply {secrets.token_hex(4)}: ice did nothing for me."
        posted = writer.post(edge, world.reply_url, {"body": text}, world.thread_url)
        check(posted.status == 302, f"another clinician replies via nginx ({posted.summary()})")
        own = writer.follow(edge, posted)
        check(
            own.status == 200 and text in own.text,
            "after the redirect the writer sees their own reply (read from the primary)",
        )
        others = reader.get(edge, world.thread_url)
        check(others.status == 200 and text not in others.text,
              "another member does not yet (read from the paused standby)")  # fmt: skip
        bypass = world.browser().get(edge, world.thread_url + "?utm_source=cluster-test")
        check(text not in bypass.text, "nor does a visitor's uncached page (the standby)")
        kept = world.browser().get(edge, world.thread_url)
        check(text in kept.text, "a visitor's kept page has it (kept pages come from the primary)")
        standby.execute("SELECT pg_wal_replay_resume()")
        caught_up = wait_until(
            lambda: (
                text in reader.get(edge, world.thread_url).text
                and text in world.browser().get(edge, world.thread_url + "?utm_source=x").text
            ),
            15,
            step=0.1,
        )
        check(caught_up is not None, "once replay resumes, the member and visitors see it too")
        print(f"      ({(caught_up or 0) * 1000:.0f} ms after replay resumed)")


def run_locust(machines: Machines, env: Mapping[str, str], site_url: str) -> None:
    print(f"\nLocust: {LOCUST_USERS} members for {LOCUST_SECONDS} s through nginx "
          f"({time.strftime('%Y-%m-%d')}, load average {os.getloadavg()[0]:.1f} before)",
          flush=True)  # fmt: skip
    locust: list[str | Path] = [
        BIN / "locust", "-f", ROOT / "loadtest" / "locustfile.py", "--headless", "--only-summary",
        "--users", str(LOCUST_USERS), "--spawn-rate", str(LOCUST_USERS),
        "--run-time", f"{LOCUST_SECONDS}s", "--host", site_url, "--stop-timeout", "10",
    ]  # fmt: skip
    result = subprocess.run(locust, cwd=ROOT, env=dict(env), capture_output=True, text=True,
                            check=False)  # fmt: skip
    report = result.stdout[result.stdout.find("\n") :] if result.stdout else ""
    print(report.strip())
    print(f"(load average {os.getloadavg()[0]:.1f} after)")
    machines.check_alive()
    check(result.returncode == 0,
          f"Locust found no server error and no lost reply (exit {result.returncode})"
          + ("" if result.returncode == 0 else f"\n{result.stderr[-3000:]}"))  # fmt: skip


def check_afterwards(machines: Machines, nginx_dir: Path, mail: Path, ports: Ports) -> None:
    import psycopg
    from django_tasks_db.models import DBTaskResult

    print("\nAfterwards:")
    statuses = [
        line.split(" ", 1)[0] for line in (nginx_dir / "access.log").read_text().splitlines()
    ]
    errors = [status for status in statuses if status.startswith("5")]
    check(not errors, f"no 5xx in nginx's log of {len(statuses):,} requests")
    sent = wait_until(lambda: any(mail.iterdir()), 30, step=0.5)
    check(sent is not None, f"the worker sent email ({len(list(mail.iterdir()))} files)")
    failed = DBTaskResult.objects.filter(status="FAILED").count()
    done = DBTaskResult.objects.filter(status="SUCCESSFUL").count()
    check(failed == 0, f"the worker ran {done} tasks, none failed")
    admin = f"host=127.0.0.1 port={ports.bouncer} user=postgres dbname=pgbouncer"
    with psycopg.connect(admin, autocommit=True, cursor_factory=psycopg.ClientCursor) as bouncer:
        stats = bouncer.execute("SHOW STATS").fetchall()
    transactions = sum(row[1] for row in stats if row[0] == "medius")
    check(
        transactions > 1000, f"PgBouncer (transaction mode) carried {transactions:,} transactions"
    )


if __name__ == "__main__":
    sys.exit(main())
