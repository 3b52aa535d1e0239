"""Forms of server mode: sign-up, sharing a workspace, confirming a deletion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from netkort.store.labels import GRANT_LEVELS


class SignUpForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    share_with_inviter = forms.BooleanField(
        label=_("Let the coach who invited me read my network"), required=False
    )

    class Meta:
        model = User
        fields = ("username", "email")
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, invited_by_coach: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not invited_by_coach:
            del self.fields["share_with_inviter"]


class GrantForm(forms.Form):
    who = forms.CharField(
        label=_("User name or e-mail address of your coach"), max_length=254, strip=True
    )
    level = forms.ChoiceField(
        label=_("What they may do"), choices=list(GRANT_LEVELS.items()), initial="read"
    )


class ConfirmPasswordForm(forms.Form):
    """Asks for the password before something that cannot be undone."""

    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(render_value=False)
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
