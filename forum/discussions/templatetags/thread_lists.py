"""``{% thread_list threads empty=... level=... %}``: see forum/discussions/listing.py."""

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString

from ..listing import EMPTY, render_thread_list
from ..models import Thread

register = template.Library()


@register.simple_tag
def thread_list(threads: Iterable[Thread], empty: str = EMPTY, level: int = 3) -> SafeString:
    return render_thread_list(threads or (), empty=empty, level=level)
