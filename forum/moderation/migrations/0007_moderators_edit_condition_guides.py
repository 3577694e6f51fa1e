from django.contrib.auth.management import create_permissions
from django.db import migrations

GUIDE_PERMISSIONS = ["add_guide", "change_guide", "view_guide"]


def forwards(apps, schema_editor):
    """Moderators write condition guides in the admin and see which need a review."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators = Group.objects.get(name="Moderators")
    for codename in GUIDE_PERMISSIONS:
        moderators.permissions.add(
            Permission.objects.get(content_type__app_label="conditions", codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0006_seed_red_flag_patterns"),
        ("conditions", "0004_condition_guides"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
