import re

from django.core import mail
from playwright.sync_api import expect

from tests.e2e.test_question_journey import open_menu


def test_a_person_signs_up_verifies_logs_in_edits_profile_and_logs_out(page):
    page.goto("/")
    open_menu(page)
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email").fill("runner@example.com")
    page.get_by_label("Username").fill("hill_runner")
    page.get_by_label("Password:", exact=True).fill("sore hip on the hills")
    page.get_by_label("Password (again):").fill("sore hip on the hills")
    page.get_by_role("button", name="Sign up", exact=True).click()

    expect(page.get_by_role("heading", name="Enter Email Verification Code")).to_be_visible()
    assert len(mail.outbox) == 1
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)
    page.get_by_label("Code").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()

    open_menu(page)
    expect(page.get_by_role("link", name="hill_runner")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    open_menu(page)
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("runner@example.com")
    page.get_by_label("Password:", exact=True).fill("sore hip on the hills")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in", exact=True).click()

    open_menu(page)
    page.get_by_role("link", name="Account").click()
    page.get_by_label("Display name").fill("Hill Runner K")
    page.get_by_label("Bio").fill("Marathoner with a cranky right glute.")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile was saved.")).to_be_visible()

    page.get_by_role("link", name="See your public profile").click()
    expect(page.get_by_role("heading", name="Hill Runner K")).to_be_visible()
    expect(page.get_by_text("cranky right glute")).to_be_visible()
    assert "runner@example.com" not in page.content()

    open_menu(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    open_menu(page)
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
