"""Load the demo content: conditions, members, articles with comments, questions with replies,
and what demo members tried for their pain (treatment records and follow-ups).

Idempotent: conditions and members are matched by slug and username, threads by
title and author, so a second run changes nothing.

It writes to whatever database DATABASE_URL names, so it refuses to run unless DEBUG is
on or ``--yes-this-is-a-demo`` says so, and it only ever acts as, reports with, or
silences the notifications of its own members (``@demo.medius.invalid``): a real
account that happens to have a demo username stops it.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from forum.accounts.models import ClinicianApplication, TrustLevel, User
from forum.conditions import services as guide_services
from forum.conditions.models import Condition, Guide, Synonym
from forum.demo import data
from forum.demo.guides import guide_fields
from forum.demo.illustrations import ILLUSTRATIONS
from forum.discussions import images as post_images
from forum.discussions import services
from forum.discussions.models import Post, Thread
from forum.images.models import Image
from forum.images.services import upload_image
from forum.moderation.models import Report
from forum.moderation.services import report_post
from forum.notifications.models import Kind, Notification
from forum.notifications.services import notify
from forum.treatments import services as treatments
from forum.treatments.models import Treatment, TreatmentRecord

QUIET_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DEMO_PASSWORD = "medius-demo-password"  # noqa: S105 (printed for the demo on purpose)
ROLE_GROUPS = {"moderator": "Moderators", "editor": "Editors", "clinician": "Clinicians"}
DEMO_DOMAIN = "demo.medius.invalid"

Spec = Mapping[str, Any]
Members = dict[str, User]
Conditions = dict[str, Condition]


class Command(BaseCommand):
    help = "Load Medius's demo content (safe to run again) and print the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--yes-this-is-a-demo",
            action="store_true",
            help="Load the demo content even with DEBUG off (make run and make loadtest do).",
        )

    def handle(self, *args: Any, yes_this_is_a_demo: bool = False, **options: Any) -> None:
        if not (settings.DEBUG or yes_this_is_a_demo):
            raise CommandError(
                "load_demo adds demo members, questions and reports to the database "
                "DATABASE_URL names. Run it with DEBUG=1, or with --yes-this-is-a-demo "
                "if this database is a demo."
            )
        # The demo's members get in-site notifications, but none of them is emailed.
        with override_settings(TASKS=QUIET_TASKS), transaction.atomic():
            conditions = self.load_conditions()
            members = self.load_members()
            self.load_guides(members, conditions)
            created = self.load_articles(members, conditions)
            created += self.load_questions(members, conditions)
            self.load_reports(members)
            records = self.load_treatments(members, conditions)
            # Notifications are written as the posts' transaction commits; this runs after.
            transaction.on_commit(lambda: self.silence(members))
        self.stdout.write(
            f"Demo content: {len(conditions)} conditions, {len(members)} members, "
            f"{created} new threads, {records} new treatment records."
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for spec in data.MEMBERS:
            user = members[spec["username"]]
            self.stdout.write(f"  {user.email:<36} {spec['role']}")

    def silence(self, members: Members) -> None:
        Notification.objects.filter(
            recipient__in=list(members.values()), emailed_at__isnull=True
        ).update(email_abandoned=True)

    def load_conditions(self) -> Conditions:
        conditions: Conditions = {}
        for spec in data.CONDITIONS:
            condition, _ = Condition.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "description": spec["description"],
                    "parent": conditions.get(spec["parent"]),
                },
            )
            for name in spec["synonyms"]:
                if not Synonym.objects.filter(name__iexact=name).exists():
                    Synonym.objects.create(condition=condition, name=name)
            conditions[spec["slug"]] = condition
        return conditions

    def load_guides(self, members: Members, conditions: Conditions) -> None:
        """Each demo condition's guide, and the one of "Not sure yet" (made by a migration,
        whatever its slug now), written by the site editor and reviewed by one of the demo
        clinicians; a guide that exists already is left as it is."""
        reviewers = [members["physio_amara"], members["dr_lindqvist"]]
        targets = dict(conditions)
        if undiagnosed := Condition.objects.filter(is_undiagnosed=True).first():
            targets["not-sure-yet"] = undiagnosed
        for index, (slug, condition) in enumerate(targets.items()):
            if Guide.objects.filter(condition=condition).exists():
                continue
            guide = guide_services.edit_guide(
                condition=condition, author=members["editor_sam"], fields=guide_fields(slug)
            )
            guide_services.review_guide(guide=guide, reviewer=reviewers[index % 2])

    def load_members(self) -> Members:
        members: Members = {}
        for spec in data.MEMBERS:
            email = f"{spec['username']}@{DEMO_DOMAIN}"
            user, created = User.objects.get_or_create(
                username=spec["username"],
                defaults={
                    "email": email,
                    "display_name": spec["display_name"],
                    "bio": spec["bio"],
                    "is_staff": spec["role"] == "moderator",
                    "date_joined": timezone.now() - timedelta(days=120),
                    # The demo computes no trust levels; its editor posts the article
                    # drawings, which need the images level (MEDIUS_IMAGES_MIN_TRUST_LEVEL).
                    "trust_level": TrustLevel.MEMBER
                    if spec["role"] == "editor"
                    else TrustLevel.NEW,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
                if group := ROLE_GROUPS.get(spec["role"]):
                    user.groups.add(Group.objects.get(name=group))
                if spec["role"] == "clinician":
                    self.verify_clinician(user, spec)
            if not user.email.lower().endswith(f"@{DEMO_DOMAIN}"):
                raise CommandError(
                    f"A member who is not a demo account is called {user.username}; "
                    "load_demo will not write as them."
                )
            members[spec["username"]] = user
        return members

    def verify_clinician(self, user: User, spec: Spec) -> None:
        ClinicianApplication.objects.create(
            user=user,
            profession=spec["profession"],
            registration_body=spec["registration_body"],
            registration_number=spec["registration_number"],
            country=spec["country"],
            verification_url="https://register.example/" + spec["registration_number"],
            status=ClinicianApplication.Status.APPROVED,
            decided_at=timezone.now(),
        )
        user.clinician_profession = spec["profession"]
        user.clinician_verified_at = timezone.now()
        user.save(update_fields=["clinician_profession", "clinician_verified_at"])
        user.answers_for.set(Condition.objects.filter(parent__isnull=True)[:6])

    def load_articles(self, members: Members, conditions: Conditions) -> int:
        created = 0
        now = timezone.now()
        for spec in data.ARTICLES:
            author = members[spec["author"]]
            existing = Thread.objects.filter(title=spec["title"], author=author).first()
            if existing is not None:
                if not existing.lead_image_id and (drawing := self.illustration(spec, author)):
                    post_images.set_lead_image(
                        existing, image=drawing[0], alt=drawing[1], editor=author
                    )
                continue
            published = now - timedelta(days=spec["published_days_ago"], hours=3)
            image, alt = self.illustration(spec, author) or (None, "")
            article = services.write_article(
                author=author,
                title=spec["title"],
                summary=spec["summary"],
                body=spec["body"],
                conditions=[conditions[slug] for slug in spec["conditions"]],
                publish=True,
                lead_image=image,
                lead_image_alt=alt,
            )
            if reviewer := members.get(spec["reviewed_by"]):
                services.record_review(
                    thread=article,
                    reviewer=reviewer,
                    reviewed_on=(now - timedelta(days=spec["last_reviewed_days_ago"])).date(),
                )
            self.backdate(article, published)
            self.load_replies(article.opening_post, spec["comments"], members, published)
            created += 1
        return created

    def illustration(self, spec: Spec, author: User) -> tuple[Image, str] | None:
        """The article's drawing (forum/demo/illustrations.py) and its alt text, stored
        through the image service like any upload, for its lead image."""
        name = spec.get("illustration")
        if not name:
            return None
        drawing = ILLUSTRATIONS[name]
        image = upload_image(
            uploader=author,
            upload=SimpleUploadedFile(f"{name}.png", drawing.draw(), "image/png"),
        )
        return image, drawing.alt

    def load_questions(self, members: Members, conditions: Conditions) -> int:
        created = 0
        now = timezone.now()
        for spec in data.QUESTIONS:
            if Thread.objects.filter(title=spec["title"], author=members[spec["asker"]]).exists():
                continue
            asked = now - timedelta(days=spec["asked_days_ago"], hours=5)
            question = services.ask_question(
                author=members[spec["asker"]],
                title=spec["title"],
                body=spec["body"],
                conditions=[conditions[slug] for slug in spec["conditions"]],
                details={key: spec[key] for key in Thread.DETAIL_FIELDS},
                screen=False,
            )
            self.backdate(question, asked)
            self.load_replies(question.opening_post, spec["replies"], members, asked)
            created += 1
        return created

    def load_reports(self, members: Members) -> None:
        """A few open reports on demo replies, so the moderators' review queue is not empty."""
        demo = list(members.values())
        if Report.objects.filter(reporter__in=demo).exists():
            return
        replies = (
            Post.objects.filter(depth__gte=2, author__in=demo, thread__author__in=demo)
            .select_related("author")
            .order_by("-pk")
        )
        reasons = [
            (Report.Reason.MISINFORMATION, "This sounds like a cure-all claim to me."),
            (Report.Reason.UNSAFE_ADVICE, "Suggests pushing through sharp pain."),
            (Report.Reason.OTHER, "Possibly off topic, could a moderator check?"),
        ]
        reporters = [members["trailwalker_59"], members["newmum_hips"], members["plie_paz"]]
        candidates = (p for p in replies if p.author not in reporters)
        for (reason, details), reporter, post in zip(reasons, reporters, candidates, strict=False):
            report_post(post=post, reporter=reporter, reason=reason, details=details)

    def load_treatments(self, members: Members, conditions: Conditions) -> int:
        """What demo members tried, enough for gluteus medius tendinopathy to show shares;
        and one record of hillrunner_k's whose 2-week follow-up waits for an answer."""
        if TreatmentRecord.objects.filter(member__in=list(members.values())).exists():
            return 0
        people = [members[s["username"]] for s in data.MEMBERS if s["role"] == "member"]
        people += self.load_reporters()
        now = timezone.now()
        created = 0
        for spec in data.TREATMENT_REPORTS:
            treatment = Treatment.objects.get(slug=spec["treatment"])
            for index, (person, outcome) in enumerate(zip(people, spec["outcomes"], strict=False)):
                started = now - timedelta(days=spec["started_days_ago"] + index)
                treatments.record_treatment(
                    member=person,
                    treatment=treatment,
                    condition=conditions[spec["condition"]],
                    started_on=started.date(),
                    weeks=spec["weeks"],
                    outcome=outcome,
                    note="Demo record, made up for the demonstration.",
                    now=min(started + timedelta(weeks=10), now),
                )
                created += 1
        runner = members["hillrunner_k"]
        waiting = treatments.record_treatment(
            member=runner,
            treatment=Treatment.objects.get(slug="load-management"),
            condition=conditions["gluteus-medius-tendinopathy"],
            started_on=(now - timedelta(days=15)).date(),
            outcome="too_early",
            pain_before=6,
            note="Demo record: fewer hill sessions, no track work for a month.",
            now=now - timedelta(days=14),
        )
        follow_up = waiting.follow_ups.get(weeks=2)
        if treatments.claim_follow_up(follow_up=follow_up):
            notify(recipient=runner, kind=Kind.FOLLOW_UP, follow_up=follow_up)
        return created + 1

    def load_reporters(self) -> list[User]:
        """Demo members who only ever record treatments, so the shares have enough people."""
        reporters = []
        for number in range(1, data.TREATMENT_REPORTERS + 1):
            username = f"demo_reporter_{number:02}"
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@{DEMO_DOMAIN}",
                    "display_name": f"Demo reporter {number}",
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            if not user.email.lower().endswith(f"@{DEMO_DOMAIN}"):
                raise CommandError(
                    f"A member who is not a demo account is called {username}; "
                    "load_demo will not write as them."
                )
            reporters.append(user)
        return reporters

    def backdate(self, thread: Thread, moment: datetime) -> None:
        assert thread.opening_post is not None
        Thread.objects.filter(pk=thread.pk).update(
            created_at=moment, published_at=moment, last_activity_at=moment
        )
        Post.objects.filter(pk=thread.opening_post.pk).update(created_at=moment)
        thread.refresh_from_db()
        thread.opening_post.refresh_from_db()

    def load_replies(
        self, parent: Post | None, specs: Sequence[Spec], members: Members, after: datetime
    ) -> None:
        """Replies arrive a few hours apart, never in the future."""
        assert parent is not None
        for index, spec in enumerate(specs, start=1):
            moment = min(after + timedelta(hours=3 * index, minutes=7 * index), timezone.now())
            reply = services.post_reply(
                parent=parent,
                author=members[spec["author"]],
                body=spec["body"],
                created_at=moment,
                screen=False,
            )
            for username in spec.get("helpful_by", []):
                services.mark_helpful(post=reply, user=members[username])
            if spec.get("accepted"):
                services.accept_answer(thread=parent.thread, post=reply, actor=parent.thread.author)
            self.load_replies(reply, spec.get("replies", []), members, moment)
