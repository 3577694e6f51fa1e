import pytest
from django.urls import reverse

from forum.discussions import services
from forum.discussions.models import Follow

pytestmark = pytest.mark.django_db


def test_unfollow_without_a_target_is_refused_and_deletes_nothing(member, condition, question):
    services.follow(user=member, condition=condition)
    services.follow(user=member, thread=question)

    with pytest.raises(ValueError, match="exactly one"):
        services.unfollow(user=member)

    assert Follow.objects.filter(user=member, muted=False).count() == 2


def test_follow_with_two_targets_is_refused(member, condition, question):
    with pytest.raises(ValueError):
        services.follow(user=member, condition=condition, thread=question)


def test_follow_form_naming_nothing_or_a_malformed_thread_is_a_400(member_client):
    url = reverse("discussions:follow")

    assert member_client.post(url, {}).status_code == 400
    assert member_client.post(url, {"thread": "²"}).status_code == 400
    assert member_client.post(url, {"thread": "12abc"}).status_code == 400


def test_following_reads_a_muted_thread_as_not_followed(member, question):
    services.follow(user=member, thread=question)
    assert Follow.objects.following(member, thread=question)

    services.unfollow(user=member, thread=question)

    assert not Follow.objects.following(member, thread=question)
    assert Follow.objects.get(user=member, thread=question).muted
