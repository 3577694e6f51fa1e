"""The search index and its triggers: FTS5 on SQLite, a tsvector table on PostgreSQL.

Both are raw SQL (see forum/search/schema.py), so Django's model state is unchanged.
"""

from django.db import migrations

from forum.search import schema


def create_index(apps, schema_editor):
    schema.create(schema_editor.connection)


def drop_index(apps, schema_editor):
    schema.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0001_initial"),
        ("discussions", "0002_groups"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
