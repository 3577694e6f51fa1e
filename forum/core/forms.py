"""Form fields shared by every app."""

from typing import Any

from django import forms

from .text import single_line


class SingleLineField(forms.CharField):
    """A text field whose value is one line: see ``forum.core.text.single_line``.

    The cleaning happens before the length checks, so ``max_length`` counts what is
    kept; a textarea widget is fine (a long reason), the value still ends up on one line.
    """

    def to_python(self, value: Any) -> str:
        return single_line(super().to_python(value) or "")


class UncutTextarea(forms.Textarea):
    """A textarea without ``maxlength``, which makes a browser cut a longer paste short
    without a word. The limit moves to ``data-max-length``, for the live character count
    (static/js/editor.js); the field's own check then refuses a long text with an error
    that says how long it is, and the form shows all of it again."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if "maxlength" in widget_attrs:
            widget_attrs["data-max-length"] = widget_attrs.pop("maxlength")
        return context
