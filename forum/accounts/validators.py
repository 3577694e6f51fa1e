from django.core.validators import RegexValidator

username_validators = [
    RegexValidator(
        r"^[A-Za-z0-9_]{3,30}\Z",
        "Use 3 to 30 letters, digits or underscores. Your username is public, "
        "so avoid your real name if you prefer to stay anonymous.",
    )
]
