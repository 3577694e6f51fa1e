"""The project's Celery app, as Misago's devproject/celery.py makes it (its settings: CELERY_*).

Imported by settings.py, as devproject/__init__.py imports its own, so that Misago's shared
tasks find this app (and its eager mode) rather than Celery's unconfigured default.
"""

from celery import Celery

app = Celery("misago_peer")
app.config_from_object("django.conf:settings", namespace="CELERY")
