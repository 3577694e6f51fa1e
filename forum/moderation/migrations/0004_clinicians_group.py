from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    clinicians, _ = Group.objects.get_or_create(name="Clinicians")
    clinicians.permissions.add(
        Permission.objects.get(content_type__app_label="discussions", codename="write_article")
    )
    moderators = Group.objects.get(name="Moderators")
    for codename in ["view_clinicianapplication", "change_clinicianapplication"]:
        moderators.permissions.add(
            Permission.objects.get(content_type__app_label="accounts", codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_alter_logentry_action"),
        ("accounts", "0003_user_clinician_profession_user_clinician_verified_at_and_more"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
