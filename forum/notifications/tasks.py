from django_tasks import task

from . import emails


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email these notifications: one task for everyone a post concerns.

    Runs after the posting transaction commits: at once with the immediate backend, in
    ``manage.py db_worker`` with the database backend (``TASKS_BACKEND=database``).
    Returns how many were sent.
    """
    return emails.send_many(notification_ids)


@task()
def send_notification_email(notification_id: int) -> bool:
    """One notification's email. Nothing queues this any more; it stays for the tasks
    queued before an upgrade, which the worker still finds by this name."""
    return emails.send_many([notification_id]) == 1
