from typing import Any

from django import forms

from forum.accounts.models import User


class DeleteAccountForm(forms.Form):
    KEEP, REMOVE = "keep", "remove"

    posts = forms.ChoiceField(
        label="What happens to your posts",
        choices=[
            (KEEP, "Keep them, signed “[deleted member]”, so the answers stay useful to others"),
            (REMOVE, "Remove them: their text is replaced by “[deleted]”; replies to them stay"),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.CharField(
        label="Type your username to confirm",
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, member: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        self.fields["confirm"].help_text = f"Your username is {member.username}."

    def clean_confirm(self) -> str:
        # Exactly, case included: deleting an account cannot be undone, so the one
        # deliberate step must be typed as shown (spaces around it are already stripped).
        typed: str = self.cleaned_data["confirm"]
        if typed != self.member.username:
            raise forms.ValidationError(
                "That is not your username, so nothing was deleted. Type it exactly as shown."
            )
        return typed

    @property
    def keep_posts(self) -> bool:
        return bool(self.cleaned_data["posts"] == self.KEEP)
