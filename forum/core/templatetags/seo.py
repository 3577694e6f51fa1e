"""What search engines and link previews read from a page's head.

``{% canonical_url %}``: ``settings.SITE_URL`` and the path, with only the query parameters
that change what a page lists (``?page=N``).
``{% capture as name %}...{% endcapture %}``: renders once, on one line, for use twice (the
title in ``<title>`` and in ``og:title``).
``{% absolute_static path %}``: a static file's absolute address, for ``og:image``.
``{{ data|json_ld }}``: a dict as JSON for a ``<script type="application/ld+json">``
block, escaped the way Django's ``json_script`` does, so user text cannot close the tag.
"""

import json
from typing import Any

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.template.base import NodeList, Parser, Token
from django.template.context import Context
from django.templatetags.static import static
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from forum.core.params import whole_number

register = template.Library()

MEANINGFUL_PARAMETERS = ("page",)
# The same escapes as django.utils.html.json_script: <, > and & never appear raw,
# so "</script>" or "<!--" in a title stays inside the JSON string.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def canonical(request: HttpRequest) -> str:
    kept: dict[str, int] = {}
    for name in MEANINGFUL_PARAMETERS:
        number = whole_number(request.GET.get(name))
        if number is not None and number > 1:
            kept[name] = number
    query = f"?{urlencode(kept)}" if kept else ""
    return f"{settings.SITE_URL}{request.path}{query}"


@register.simple_tag(takes_context=True)
def canonical_url(context: Context) -> str:
    request = context.get("request")
    return canonical(request) if request is not None else settings.SITE_URL + "/"


@register.simple_tag
def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@register.simple_tag
def absolute_static(path: str) -> str:
    """A static file's address with ``settings.SITE_URL`` (link previews need absolute ones)."""
    return f"{settings.SITE_URL}{static(path)}"


@register.filter
def json_ld(value: Any) -> SafeString:
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # so {% block %} tags inside are still found

    def __init__(self, nodelist: NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: Context) -> str:
        # Whitespace collapsed: a title or a description is one line. The output of
        # template rendering is already escaped.
        text = " ".join(self.nodelist.render(context).split())
        context[self.name] = mark_safe(text)  # noqa: S308
        return ""


@register.tag
def capture(parser: Parser, token: Token) -> CaptureNode:
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
