"""One index per tier (see forum/search/backends.py): opening posts apart from replies.

SQLite: two FTS5 tables instead of one. PostgreSQL: a ``reply`` column and one partial
GIN index per tier. The index is raw SQL (forum/search/schema.py), so this rebuilds it
from the posts. Going back leaves it in the new shape: with the older code, run
``manage.py rebuild_search_index`` afterwards.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from forum.search import schema


def rebuild_index(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema.rebuild(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [migrations.RunPython(rebuild_index, migrations.RunPython.noop)]
