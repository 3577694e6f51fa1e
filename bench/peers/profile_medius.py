"""Where Medius's time goes on one page of the peers' data set, as a signed-in member.

    DATABASE_URL=sqlite:///$PWD/var/peers/medius/sqlite-2000/db.sqlite3 \\
        .venv/bin/python bench/peers/profile_medius.py / [--post]

Requests the page (or, with --post, posts a reply into the long thread) 20 times under
cProfile after 3 warm-ups, then prints the query count and the functions with the most
cumulative time. Run it after ``make peers``, which leaves the data set in var/peers/.
"""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")
os.environ.setdefault("MEDIUS_PAGE_CACHE", "0")
os.environ.setdefault("MEDIUS_POST_MIN_INTERVAL_SECONDS", "0")
os.environ.setdefault("EMAIL_URL", "dummy://")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from forum.accounts.models import User  # noqa: E402
from forum.discussions.models import Thread  # noqa: E402


def main() -> None:
    path, post = sys.argv[1], "--post" in sys.argv
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username="member1"))
    thread = Thread.objects.get(opening_post__isnull=False, reply_count__gt=0)
    counter = iter(range(10**6))
    # Each run's texts are its own: a rerun's replies would otherwise repeat the last run's
    # and be refused as duplicates, which profiles the refusal instead of the posting.
    mark = f"{time.time_ns():x}"

    def send() -> int:
        if post:
            text = f"Profiled reply: stairs were easier after a week ({mark}-{next(counter)})."
            body = {"body": text}
            return client.post(f"/r/{thread.opening_post_id}/reply/", body).status_code
        return client.get(path).status_code

    for _ in range(3):
        assert send() in {200, 302}
    with CaptureQueriesContext(connection) as queries:
        send()
    print(f"{path}{' (post)' if post else ''}: {len(queries)} queries a request")
    if post and not any(q["sql"].startswith("INSERT") for q in queries.captured_queries):
        sys.exit("The reply was not posted (refused, or led to an existing one).")
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(20):
        send()
    profile.disable()
    pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
