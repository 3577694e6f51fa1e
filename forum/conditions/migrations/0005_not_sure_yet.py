from django.db import migrations, models

DESCRIPTION = (
    "For pain that has no name yet: you have not seen anyone about it, or you have and "
    "nobody could say what it is. Describe where it hurts, what sets it off and what eases "
    "it, and members and clinicians can suggest what it might be and who could examine "
    "it. A forum cannot diagnose; a clinician who examines you can."
)
SYNONYMS = ["undiagnosed", "no diagnosis yet", "unknown cause"]


def create_not_sure_yet(apps, schema_editor):
    Condition = apps.get_model("conditions", "Condition")
    Synonym = apps.get_model("conditions", "Synonym")
    condition, _ = Condition.objects.update_or_create(
        slug="not-sure-yet",
        defaults={"name": "Not sure yet", "description": DESCRIPTION, "is_undiagnosed": True},
    )
    for name in SYNONYMS:
        if not Synonym.objects.filter(name__iexact=name).exists():
            Synonym.objects.create(condition=condition, name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0004_condition_guides"),
    ]

    operations = [
        migrations.AddField(
            model_name="condition",
            name="is_undiagnosed",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "The “Not sure yet” choice, for questions without a diagnosis. There is "
                    "one, made by a migration; it is offered first on the ask page."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="condition",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_undiagnosed", True)),
                fields=("is_undiagnosed",),
                name="one_undiagnosed_condition",
            ),
        ),
        migrations.RunPython(create_not_sure_yet, migrations.RunPython.noop),
    ]
