import re
from importlib import import_module

from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from forum.discussions import services
from forum.discussions.models import Post, Status
from forum.moderation.models import LogEntry, Report
from tests.e2e.test_question_journey import log_in, log_out
from tests.factories import PASSWORD, ConditionFactory, UserFactory

MIGRATIONS_WITH_MODERATOR_PERMISSIONS = [
    "forum.discussions.migrations.0002_groups",
    "forum.moderation.migrations.0002_moderator_permissions_and_red_flags",
]


def moderators_group() -> Group:
    """The Moderators group, as the data migrations make it.

    Browser tests run in transactions that end with a flush, which keeps content types
    and permissions but not the groups the migrations made: rebuild it if it is gone.
    """
    group, _ = Group.objects.get_or_create(name="Moderators")
    for module in MIGRATIONS_WITH_MODERATOR_PERMISSIONS:
        for app_label, codename in import_module(module).MODERATOR_PERMISSIONS:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return group


REPLY = "Stop your physio and buy my hip supplement instead: it cures everything."
REASON = "Advertising, and advice to stop treatment. See the community guidelines."


def test_member_reports_a_reply_and_a_moderator_hides_it_from_the_review_queue(page):
    condition = ConditionFactory(name="Gluteus medius tendinopathy", slug="gmed")
    asker, seller, reporter, reader = (
        UserFactory(username=name) for name in ["asker", "seller", "reporter", "reader"]
    )
    moderator = UserFactory(username="mod", is_staff=True)
    moderator.groups.add(moderators_group())
    question = services.ask_question(
        author=asker,
        title="Lateral hip pain when walking uphill",
        body="It hurts on the outside of my hip on hills. What helped you?",
        conditions=[condition],
    )
    reply = services.post_reply(parent=question.opening_post, author=seller, body=REPLY)
    question_url = question.get_absolute_url()

    # A member reports the reply from the thread page.
    log_in(page, reporter)
    page.goto(question_url)
    page.locator(f"#r-{reply.pk}").get_by_role("link", name="Report").click()
    page.get_by_label("Unsafe medical advice").check()
    page.get_by_label("Details").fill("Tells people to stop their physiotherapy.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you. A moderator will look at it.")).to_be_visible()
    report = Report.objects.get()
    assert (report.post_id, report.reporter, report.reason) == (reply.pk, reporter, "unsafe")
    log_out(page)

    # A moderator logs in through the admin's login, which is the site's.
    page.goto("/admin/login/?next=/admin/moderation/queuedpost/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next="))
    page.get_by_label("Email").fill(moderator.email)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/moderation/queuedpost/$"))

    row = page.locator("#result_list tbody tr", has_text="Stop your physio")
    expect(row).to_contain_text("Unsafe medical advice")
    expect(row.get_by_role("link", name=question.title[:20])).to_be_visible()
    row.get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label="Hide, with a reason the author sees")
    page.get_by_role("button", name="Go").click()
    page.get_by_label("Reason").fill(REASON)
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Hidden:")
    expect(page.locator("#result_list tbody tr", has_text="Stop your physio")).to_have_count(0)

    reply.refresh_from_db()
    assert (reply.status, reply.moderation_reason) == (Status.HIDDEN, REASON)
    assert LogEntry.objects.get().actor == moderator
    page.context.clear_cookies()

    # Gone for another member...
    log_in(page, reader)
    page.goto(question_url)
    expect(page.get_by_role("heading", name=question.title)).to_be_visible()
    expect(page.get_by_text("Stop your physio")).to_have_count(0)
    expect(page.locator(f"#r-{reply.pk}")).to_have_count(0)
    log_out(page)

    # ...while its author sees it marked hidden, with the reason.
    log_in(page, seller)
    page.goto(question_url)
    hidden = page.locator(f"#r-{reply.pk}")
    expect(hidden).to_contain_text("Stop your physio")
    expect(hidden).to_contain_text("Hidden by a moderator")
    expect(hidden).to_contain_text(REASON)
    assert Post.objects.filter(status=Status.HIDDEN).count() == 1
