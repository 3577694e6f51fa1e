"""What a display name may be: visible characters, no staff or clinician look-alikes, and
not another member's name.

A display name is shown instead of the username wherever a member appears, so it is the
place to impersonate someone. The rules are checked by ``User.clean`` (the profile form
and the admin's user form) and by ``services.update_profile`` (every other path).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

# Letters from other scripts that look like Latin ones (a reasonable subset of Unicode's
# confusables), so "moderator" typed with a Cyrillic "o" is still read as "moderator".
# The look-alikes are the point here, hence the noqa for ruff's confusables check.
_HOMOGLYPHS = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁкмнтвԛԝ", "aeopcyxijsdkmhtbqw", strict=True)),  # Cyrillic
        **dict(zip("οαιεκνρτυχηϲ", "oaieknptuxnc", strict=True)),  # Greek
        **dict(zip("ɡɩℓı", "glli", strict=True)),  # noqa: RUF001
    }
)
# Digits and signs standing in for letters: "m0d3rat0r", "adm1n", "$taff".
_LEET = str.maketrans("0134579@$|!", "oieastgasli")

RESERVED_WORDS = {"admin", "admins", "administrator", "mod", "mods", "moderator", "staff"}
RESERVED_SQUASHED = ("moderator", "administrator", "medius")
# "Gluteus medius" is the muscle the site is named after, not a claim to speak for it.
MUSCLE = re.compile(r"glut(?:eus|e)?medius")
CLINICIAN_WORDS = {"clinician", "verified"}
BADGE_CHARACTERS = set("✓✔☑✅⚕☤🩺✚")
# Invisible, yet categorised as letters or symbols: fillers and the braille blank.
_BLANK_LOOKING = set("\u115f\u1160\u3164\uffa0\u2800")


def invisible_characters(value: str) -> list[str]:
    """Control, format (bidi overrides, zero-width), private-use and line-separator
    characters, and letters that draw nothing."""
    return [
        ch
        for ch in value
        if unicodedata.category(ch) in {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
        or ch in _BLANK_LOOKING
    ]


def validate_visible_text(value: str) -> None:
    """Refuse (rather than silently strip) what cannot be seen, naming the character."""
    found = invisible_characters(value)
    if found:
        names = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in found}))
        raise ValidationError(
            "Use only characters that can be seen: this contains invisible or "
            f"text-direction characters ({names}).",
            code="invisible",
        )


def fold(value: str) -> str:
    """Compatibility-normalised, case-folded, with look-alike letters made Latin."""
    return unicodedata.normalize("NFKC", value).casefold().translate(_HOMOGLYPHS).strip()


def skeleton(value: str) -> str:
    """Only the letters, accents and stand-in digits removed: "M.0.D 3rätor" -> "moderator"."""
    text = unicodedata.normalize("NFD", fold(value).translate(_LEET))
    return "".join(ch for ch in text if (ch.isascii() and ch.isalpha()) or ch == " ")


def imitation_problem(name: str, *, is_staff: bool, is_clinician: bool) -> str | None:
    bones = skeleton(name)
    words = set(bones.split())
    squashed = MUSCLE.sub("", bones.replace(" ", ""))
    if not is_staff and (words & RESERVED_WORDS or any(w in squashed for w in RESERVED_SQUASHED)):
        return (
            "Names that sound like Medius's team (moderator, admin, staff, Medius) "
            "are kept for the team."
        )
    folded = unicodedata.normalize("NFKC", name)
    if not is_clinician and (
        words & CLINICIAN_WORDS or any(ch in BADGE_CHARACTERS for ch in folded)
    ):
        return (
            "Badge marks and the words “clinician” and “verified” are kept for verified "
            "clinicians; apply under Account → Clinician verification."
        )
    return None
