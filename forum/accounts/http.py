"""The type of a request from a logged-in member, for views behind ``login_required``.

``HttpRequest.user`` is a ``User | AnonymousUser``; after ``login_required`` it is a
``User``, which mypy cannot know. Annotating such a view's ``request`` as
``MemberRequest`` says so, without a cast in every view (the django-stubs recipe).
Only for the type checker: Django still passes its own request object.
"""

from django.http import HttpRequest

from .models import User


class MemberRequest(HttpRequest):
    user: User
