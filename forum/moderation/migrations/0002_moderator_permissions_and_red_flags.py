from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    ("moderation", "view_queuedpost"),
    ("moderation", "view_report"),
    ("moderation", "view_logentry"),
    ("discussions", "add_redflagphrase"),
    ("discussions", "change_redflagphrase"),
    ("discussions", "delete_redflagphrase"),
    ("discussions", "view_redflagphrase"),
    ("conditions", "add_condition"),
    ("conditions", "change_condition"),
    ("conditions", "add_synonym"),
    ("conditions", "change_synonym"),
    ("conditions", "delete_synonym"),
    ("conditions", "view_synonym"),
]

RED_FLAGS = [
    ("numbness in the saddle", "urgent"),
    ("saddle numbness", "urgent"),
    ("numb around my groin", "urgent"),
    ("loss of bladder control", "urgent"),
    ("loss of bowel control", "urgent"),
    ("can't control my bladder", "urgent"),
    ("cannot control my bladder", "urgent"),
    ("trouble passing urine", "urgent"),
    ("fever and a hot swollen", "urgent"),
    ("hot, swollen joint", "urgent"),
    ("can't bear weight", "urgent"),
    ("cannot bear weight", "urgent"),
    ("unable to bear weight", "urgent"),
    ("sudden severe pain", "urgent"),
    ("foot drop", "urgent"),
    ("kill myself", "crisis"),
    ("end my life", "crisis"),
    ("harm myself", "crisis"),
    ("self-harm", "crisis"),
    ("suicidal", "crisis"),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, codename in MODERATOR_PERMISSIONS:
        moderators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    RedFlagPhrase = apps.get_model("discussions", "RedFlagPhrase")
    for phrase, kind in RED_FLAGS:
        RedFlagPhrase.objects.get_or_create(phrase=phrase, defaults={"kind": kind})


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("discussions", "0003_redflagphrase_post_moderation_reason_post_red_flag_and_more"),
        ("conditions", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
