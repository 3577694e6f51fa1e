"""Whether an asker was reminded to accept an answer is notifications' business now
(notifications.AcceptReminder, filled from this column by notifications' 0002, which
runs before this migration)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("discussions", "0005_follows_live_with_discussions")]

    operations = [migrations.RemoveField(model_name="thread", name="accept_reminder_sent_at")]
