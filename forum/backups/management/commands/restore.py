"""Replace everything in the database with a snapshot written by ``manage.py backup``:

    python manage.py restore var/backups/medius-20261121T033000Z.sqlite3 --yes

Stop the site first. Without ``--yes`` it only says what it would overwrite.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from forum.backups import snapshots
from forum.core import pagecache


class Command(BaseCommand):
    help = "Replace everything in the database with a snapshot (asks for --yes)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("snapshot", type=Path, help="A file written by manage.py backup.")
        parser.add_argument(
            "--yes", action="store_true", help="Really overwrite the database's contents."
        )

    def handle(self, *args: Any, snapshot: Path, yes: bool = False, **options: Any) -> None:
        target = snapshots.describe()
        try:
            snapshots.check_snapshot(snapshot)
            if not yes:
                raise CommandError(
                    f"This would replace every table in {target} with the snapshot {snapshot}. "
                    "Everything written since that snapshot was taken would be lost.\n"
                    "Stop the site, then run the command again with --yes to go ahead."
                )
            self.stdout.write(f"Replacing every table in {target} with {snapshot} ...")
            snapshots.restore(path=snapshot)
            pagecache.site_changed()  # a cache outside the database still has newer pages
        except snapshots.SnapshotError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {target} from {snapshot}."))
