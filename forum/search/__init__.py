"""Full-text search over questions, articles and replies, behind one small interface.

``query.py`` reads what was typed, ``backends.py`` runs it on SQLite (FTS5) or
PostgreSQL (tsvector), ``schema.py`` holds the index tables and the triggers that
keep them in step with every write.
"""
