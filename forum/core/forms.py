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
