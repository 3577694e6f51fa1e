"""Write a consistent snapshot of the database to var/backups/. From cron, for example:

    30 3 * * *  cd /srv/medius && .venv/bin/python manage.py backup

SQLite snapshots are medius-<UTC time>.sqlite3, PostgreSQL ones medius-<UTC time>.dump.
Copy them off the machine; old ones are not removed.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from forum.backups import snapshots


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database to var/backups/ and print its path."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--directory", type=Path, help="Where to write it (default: var/backups/)."
        )

    def handle(self, *args: Any, directory: Path | None = None, **options: Any) -> None:
        try:
            path = snapshots.back_up(directory=directory)
        except snapshots.SnapshotError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(path))
