"""``{% similar_questions title %}``: the ask page's list of questions like the one being asked.

The ask view belongs to discussions, which must not import search (dependencies
point one way), so it cannot pass the list itself, and a context processor would
mean touching the settings and checking the view on every page. The ask template
loads this tag instead, on its preview step only. It makes exactly one query (the
same one as the /search/similar/ fragment that similar.js fetches while the title
is typed), which tests/search/test_similar.py pins.
"""

from django import template

from forum.search.backends import similar_questions as find_similar

register = template.Library()


@register.inclusion_tag("search/_similar.html")
def similar_questions(title):
    return {"questions": find_similar(title or "")}
