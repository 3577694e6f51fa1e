"""Medius beside its peers: the same thread in each, served by gunicorn, timed side by side.

    python bench/peers/run.py --engines sqlite[,postgresql] [--replies 2000 --repeat 20 --posts 200]

(``make peers`` runs it for SQLite and, inside tests/pg_cluster.py, PostgreSQL.) Each peer is
installed from PyPI at the versions pinned in ``bench/peers/<peer>/requirements.txt`` into its
own virtualenv under ``var/peers/<peer>/venv``; Medius runs from the virtualenv running this
script. For each database every system gets a fresh database, the thread seeded through its
own models (``seed.py``: the same title and reply texts), and one sync gunicorn worker on a
loopback port. Requests are sequential, as a signed-in member; each page is timed in three
interleaved rounds and the table gives the median of the rounds' medians. Mail goes to
Django's dummy backend and nothing listens beyond 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VAR = ROOT / "var" / "peers"
sys.path.insert(0, str(HERE))

from table import format_table, interleave, median_of_rounds  # noqa: E402

PEERS = {"Spirit": "spirit", "django-comments-xtd": "xtd", "Misago": "misago"}  # label: folder
POSTGRESQL_ONLY = {"Misago": "n/a (PostgreSQL only)"}  # label: its cells in other engines' rows
CSRF = "peersbenchmarkcsrfsecret00000000"  # 32 letters: Django accepts the unmasked secret
PAGES = [("thread", "thread page"), ("home", "home"), ("list", "question list")]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Unavailable(Exception):
    """A system that cannot run here; the message says exactly why."""


def ensure_venv(peer_dir: str) -> Path:
    """The peer's virtualenv, (re)installed when its pinned requirements change."""
    venv = VAR / peer_dir / "venv"
    requirements = (HERE / peer_dir / "requirements.txt").read_text()
    stamp = venv / ".requirements"
    if stamp.exists() and stamp.read_text() == requirements:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    started = time.perf_counter()
    result = subprocess.run(
        [str(venv / "bin/pip"), "install", "--quiet", "--disable-pip-version-check",
         "-r", str(HERE / peer_dir / "requirements.txt")],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode:
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        python = sys.version.split()[0]
        raise Unavailable(f"pip install failed on Python {python}: {' / '.join(tail)}")
    log(f"  installed {peer_dir} in {time.perf_counter() - started:.0f} s")
    stamp.write_text(requirements)
    return venv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url(name: str, engine: str, data: Path) -> str:
    if engine == "sqlite":
        return f"sqlite:///{data / 'db.sqlite3'}"
    base = urlsplit(os.environ["DATABASE_URL"])
    import psycopg

    admin = urlunsplit(base._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(base._replace(path=f"/{name}"))


class System:
    """One forum: its database, its seeded thread and its gunicorn worker."""

    def __init__(self, label: str, engine: str, replies: int, posters: int):
        self.label = label
        self.engine = engine
        key = "medius" if label == "Medius" else PEERS[label]
        self.data = VAR / key / f"{engine}-{replies}"
        shutil.rmtree(self.data, ignore_errors=True)
        self.data.mkdir(parents=True)
        url = database_url(f"peers_{key}_{replies}", engine, self.data)
        if label == "Medius":
            self.python = Path(sys.executable)
            self.cwd = ROOT
            self.env = os.environ | {
                "DATABASE_URL": url, "EMAIL_URL": "dummy://", "MEDIUS_PAGE_CACHE": "0",
                "MEDIUS_POST_MIN_INTERVAL_SECONDS": "0", "PEER_VAR": str(self.data),
                "PYTHONPATH": str(ROOT),
            }  # fmt: skip
            self.seed = [str(HERE / "medius" / "seed.py")]
            self.app = "forum.wsgi"
            prepare = [
                ["manage.py", "migrate", "-v0"],
                ["manage.py", "createcachetable"],
                ["manage.py", "collectstatic", "--noinput", "-v0"],
            ]
        else:
            self.python = ensure_venv(key) / "bin" / "python"
            self.cwd = HERE / key
            self.env = os.environ | {
                "PEER_DATABASE_URL": url, "PEER_VAR": str(self.data),
                "DJANGO_SETTINGS_MODULE": "settings", "PYTHONPATH": f"{self.cwd}:{HERE}",
            }  # fmt: skip
            self.seed = ["seed.py"]
            self.app = "django.core.wsgi:get_wsgi_application()"
            prepare = [["-m", "django", "migrate", "-v0"], ["-m", "django", "createcachetable"]]
        self.env.pop("DJANGO_SETTINGS_MODULE", None) if label == "Medius" else None
        started = time.perf_counter()
        for args in prepare:
            self.call(args)
        self.info = self.call([*self.seed, "seed", str(replies), str(posters)])
        log(f"  {label} on {engine}: migrated and seeded in {time.perf_counter() - started:.0f} s")
        self.port = free_port()
        self.server = subprocess.Popen(
            [str(self.python.parent / "gunicorn"), self.app, "--bind", f"127.0.0.1:{self.port}",
             "--workers", "1", "--worker-class", "sync", "--timeout", "120",
             "--error-logfile", str(self.data / "gunicorn.log")],
            cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(120):
            try:
                self.request("GET", self.info["home"])
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise Unavailable(f"gunicorn did not answer: see {self.data / 'gunicorn.log'}")
        self.turn = 0

    def call(self, args: list[str]) -> dict[str, Any]:
        result = subprocess.run(
            [str(self.python), *args], cwd=self.cwd, env=self.env, capture_output=True, text=True
        )
        if result.returncode:
            raise Unavailable(f"{' '.join(args)} failed: {result.stderr.strip()[-600:]}")
        for line in result.stdout.splitlines():
            if line.startswith("PEER-INFO "):
                return dict(json.loads(line[len("PEER-INFO ") :]))
        return {}

    def request(
        self,
        method: str,
        path: str,
        session: str | None = None,
        body: str | None = None,
        content_type: str = "application/x-www-form-urlencoded",
    ) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        cookie = f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")
        headers = {"Cookie": cookie, "Host": "127.0.0.1"}
        if body is not None:
            headers |= {"Content-Type": content_type, "X-CSRFToken": CSRF}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        return response

    def time_get(self, page: str) -> float:
        started = time.perf_counter()
        response = self.request("GET", self.info[page], self.info["sessions"][0])
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise RuntimeError(f"{self.label} {self.info[page]}: HTTP {response.status}")
        return elapsed

    def time_post(self, number: int) -> float:
        sessions = self.info["sessions"]
        session = sessions[self.turn % len(sessions)]
        self.turn += 1
        text = f"Same here: hill repeats flared it for me (post {number})."
        if self.info.get("json"):  # a JSON API, posted as its front end posts it (Misago)
            body, kind, accepted = json.dumps({self.info["field"]: text}), "application/json", 200
        else:
            body = urlencode(
                {self.info["field"]: text, "csrfmiddlewaretoken": CSRF,
                 **self.info.get("extra", {})}
            )  # fmt: skip
            kind, accepted = "application/x-www-form-urlencoded", 302
        started = time.perf_counter()
        response = self.request("POST", self.info["post"], session, body, kind)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != accepted:
            raise RuntimeError(f"{self.label}: a reply was refused (HTTP {response.status})")
        return elapsed

    def resident_mib(self) -> float:
        children = Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children").read_text()
        worker = children.split()[0]
        for line in Path(f"/proc/{worker}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=30)


def versions() -> str:
    found = []
    for folder in PEERS.values():
        pins = (HERE / folder / "requirements.txt").read_text().split()
        found.append(pins[0])
    return ", ".join(found)


def describe() -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    return (
        f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, commit {commit or 'unknown'}, "
        f"load average {load}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )


def run_engine(engine: str, args: argparse.Namespace, rows: list[Any], notes: list[str]) -> None:
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[engine]
    systems: dict[str, System] = {}
    elsewhere = {} if engine == "postgresql" else POSTGRESQL_ONLY
    for label in ["Medius", *[p for p in args.peers if p not in elsewhere]]:
        try:
            systems[label] = System(label, engine, args.replies, args.posters)
        except Unavailable as error:
            notes.append(f"{label} on {name} left out: {error}")
            log(f"  {label} on {name} left out: {error}")
    try:
        labels = list(systems)
        absent = {label: elsewhere[label] for label in args.peers if label in elsewhere}
        timings: dict[str, dict[str, list[list[float]]]] = {
            page: {label: [] for label in labels} for page, _ in [*PAGES, ("post", "")]
        }
        share, extra = divmod(args.posts, args.rounds)
        per_round = [share + (r < extra) for r in range(args.rounds)]
        posted = 0
        for r, label in interleave(labels, args.rounds):
            system = systems[label]
            for page, _ in PAGES:
                if system.info.get(page) is None:  # xtd has no list of threads
                    timings[page][label].append([])
                    continue
                for _ in range(3 if r == 0 else 1):
                    system.time_get(page)
                timings[page][label].append([system.time_get(page) for _ in range(args.repeat)])
            numbers = range(posted, posted + per_round[r])
            timings["post"][label].append([system.time_post(n) for n in numbers])
            if label == labels[-1]:
                posted += per_round[r]
        for page, title in PAGES:
            figures = {label: median_of_rounds(timings[page][label]) for label in labels}
            rows.append((f"{title}, {name}", "ms", figures | absent))
        rows.append(
            (f"posting a reply, {name} ({args.posts} posts)", "ms",
             {label: median_of_rounds(timings["post"][label]) for label in labels} | absent)
        )  # fmt: skip
        rows.append(
            (f"worker memory after the runs, {name}", "MiB",
             {label: systems[label].resident_mib() for label in labels} | absent)
        )  # fmt: skip
        for label, system in systems.items():
            count = system.call([*system.seed, "count"]).get("replies")
            expected = args.replies + args.posts
            if count != expected:
                raise RuntimeError(f"{label} has {count} replies, expected {expected}")
            log(f"  {label} on {name}: {count} replies after the posts, as expected")
    finally:
        for system in systems.values():
            system.stop()


def peer_label(name: str, parser: argparse.ArgumentParser) -> str:
    """A peer by its label ("Spirit") or its folder ("spirit"), in any case."""
    for label, folder in PEERS.items():
        if name.lower() in {label.lower(), folder}:
            return label
    parser.error(f"unknown peer {name!r}: one of {', '.join(PEERS.values())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="sqlite")
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests a page a round")
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--posters", type=int, default=20)
    parser.add_argument(
        "--peers", default=",".join(PEERS), help="labels or folders, e.g. spirit,xtd,misago"
    )
    args = parser.parse_args()
    args.peers = [peer_label(p, parser) for p in args.peers.split(",") if p]
    started = time.perf_counter()
    header = describe()
    rows: list[Any] = []
    notes: list[str] = []
    # The peers' installs run side by side (mostly waiting on downloads); a PostgreSQL-only
    # peer is not installed for a run without PostgreSQL.
    wanted = [p for p in args.peers if "postgresql" in args.engines or p not in POSTGRESQL_ONLY]
    with ThreadPoolExecutor() as pool:
        installs = {p: pool.submit(ensure_venv, PEERS[p]) for p in wanted}
    for peer, install in installs.items():
        if install.exception() is not None:
            notes.append(f"{peer} left out: {install.exception()}")
            args.peers.remove(peer)
    for engine in args.engines.split(","):
        run_engine(engine, args, rows, notes)
        log(format_table(rows, "Medius", args.peers))  # so far, should a later engine fail
    print(f"\nMedius beside its peers: {header} at the start.")
    print(
        f"One {args.replies:,}-reply thread in each; gunicorn, 1 sync worker, sequential requests "
        f"as a signed-in member; {args.repeat} requests a page in each of {args.rounds} "
        f"interleaved rounds (median of the rounds' medians). Peers: {versions()}.\n"
    )
    print(format_table(rows, "Medius", args.peers))
    for note in notes:
        print(f"\n- {note}")
    print(f"\nLoad average at the end: {describe().split('load average ')[1].split(',  ')[0]}; "
          f"{time.perf_counter() - started:.0f} s in all.")  # fmt: skip


if __name__ == "__main__":
    main()
