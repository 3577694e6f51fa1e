from django_tasks import task

from . import emails


@task()
def send_notification_email(notification_id: int) -> bool:
    """Runs after the posting transaction commits: at once with the immediate backend,
    in ``manage.py db_worker`` with the database backend (TASKS_BACKEND=database)."""
    return emails.send_one(notification_id)
