import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified primary email, able to log in with ``PASSWORD``."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=user, email=user.email, primary=True, verified=extracted is not False
            )


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conditions.Condition"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.LazyAttribute(lambda c: c.name.lower().replace(" ", "-"))
    description = "A plain-language description of this condition, written for the tests."


def make_question(*, author, conditions, title="Outer hip pain when lying on my side", body=None):
    from forum.discussions import services

    return services.ask_question(
        author=author,
        title=title,
        body=body or "It aches at night when I lie on that side. What helped you?",
        conditions=conditions,
    )


def make_article(*, author, conditions, title="Anatomy of the gluteus medius", publish=True):
    from forum.discussions import services

    return services.write_article(
        author=author,
        title=title,
        summary="Where it sits and what it does.",
        body="The gluteus medius sits on the outer surface of the pelvis.",
        conditions=conditions,
        publish=publish,
    )


GUIDE_FIELDS = {
    "about": "A test guide's first paragraph.\n\nIts second paragraph.",
    "symptoms": "Ache over the outer hip\nPain lying on that side",
    "causes": "A sudden rise in walking\nBeing over forty",
    "helps": "Load management\nGraded strengthening",
    "evidence": "Moderate evidence for exercise, written for the tests.",
    "told_apart": "",
    "urgent": "A hot, swollen hip with fever\nNew numbness around the groin",
    "specialties": "Musculoskeletal, Physiotherapy",
}


def make_guide(*, condition, author=None, reviewer=None, **fields):
    """A condition's guide written through the service (and reviewed, given ``reviewer``)."""
    from forum.conditions import services

    guide = services.edit_guide(
        condition=condition, author=author, fields={**GUIDE_FIELDS, **fields}
    )
    if reviewer is not None:
        guide = services.review_guide(guide=guide, reviewer=reviewer)
    return guide
