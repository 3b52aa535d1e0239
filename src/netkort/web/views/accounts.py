"""Server mode's account pages: sign in and out, sign up by invitation, passwords,
invitations, the account page, and deleting the account."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from netkort.services import accounts, privacy, two_factor
from netkort.services.access import workspaces_for
from netkort.services.errors import NotFound, UserError
from netkort.web.account_forms import CodeForm, ConfirmPasswordForm, SignUpForm
from netkort.web.views.decorators import server_only, signed_in, user_of

PENDING_USER = "netkort_2fa_user"
PENDING_SINCE = "netkort_2fa_since"
PENDING_BACKEND = "netkort_2fa_backend"
CODE_WINDOW_SECONDS = 300


class PasswordThenCodeLoginView(auth_views.LoginView):
    """Django's sign-in, with a second step for users who turned on a TOTP code."""

    template_name = "netkort/accounts/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not two_factor.is_on(user):
            return super().form_valid(form)
        self.request.session[PENDING_USER] = user.pk
        self.request.session[PENDING_SINCE] = time.time()
        self.request.session[PENDING_BACKEND] = user.backend
        target = reverse("netkort:login-code")
        next_url = self.get_redirect_url()
        return redirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)


login_view = server_only(PasswordThenCodeLoginView.as_view())


@server_only
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the user's app, within five minutes of the password."""
    session = request.session
    since = session.get(PENDING_SINCE, 0)
    pending_id = session.get(PENDING_USER)
    user = User.objects.filter(pk=pending_id, is_active=True).first() if pending_id else None
    if user is None or time.time() - since > CODE_WINDOW_SECONDS:
        return redirect("netkort:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(user, form.cleaned_data["code"]):
            backend = session.get(PENDING_BACKEND)
            for key in (PENDING_USER, PENDING_SINCE, PENDING_BACKEND):
                session.pop(key, None)
            login(request, user, backend=backend)
            next_url = request.POST.get("next") or ""
            if not url_has_allowed_host_and_scheme(
                next_url, {request.get_host()}, require_https=request.is_secure()
            ):
                next_url = reverse("netkort:start")
            return redirect(next_url)
        form.add_error("code", _("That code is not right, or it is too late for it."))
    context = {"form": form, "next": request.GET.get("next") or request.POST.get("next", "")}
    return render(request, "netkort/accounts/login_code.html", context)


@server_only
@signed_in
def two_factor_page(request: HttpRequest) -> HttpResponse:
    """Turn the TOTP second factor on (type the secret into an app, confirm a code) or off."""
    user = user_of(request)
    action = request.POST.get("action", "")
    code_form = CodeForm(request.POST if action == "confirm" else None)
    off_form = ConfirmPasswordForm(request.POST if action == "off" else None, user=user)
    if action == "start":
        two_factor.start(user)
    elif action == "confirm" and code_form.is_valid():
        if two_factor.confirm(user, code_form.cleaned_data["code"]):
            messages.success(request, _("Two-step sign-in is on."))
            return redirect("netkort:two-factor")
        code_form.add_error("code", _("That code is not right, or it is too late for it."))
    elif action == "off" and off_form.is_valid():
        two_factor.turn_off(user)
        messages.success(request, _("Two-step sign-in is off."))
        return redirect("netkort:two-factor")
    is_on = two_factor.is_on(user)
    device = None if is_on else two_factor.pending(user)
    context = {
        "is_on": is_on,
        "device": device,
        "secret": two_factor.secret_of(device) if device else "",
        "code_form": code_form,
        "off_form": off_form,
        "nav": "account",
    }
    return render(request, "netkort/accounts/two_factor.html", context)


password_change = server_only(
    auth_views.PasswordChangeView.as_view(
        template_name="netkort/accounts/password_change.html",
        success_url=reverse_lazy("netkort:account"),
    )
)
password_reset = server_only(
    auth_views.PasswordResetView.as_view(
        template_name="netkort/accounts/password_reset.html",
        email_template_name="netkort/accounts/password_reset_email.txt",
        subject_template_name="netkort/accounts/password_reset_subject.txt",
        success_url=reverse_lazy("netkort:password-reset-sent"),
    )
)
password_reset_sent = server_only(
    auth_views.PasswordResetDoneView.as_view(
        template_name="netkort/accounts/password_reset_sent.html"
    )
)
password_reset_confirm = server_only(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="netkort/accounts/password_reset_confirm.html",
        success_url=reverse_lazy("netkort:login"),
    )
)


def _password_changed(view: Any) -> Any:
    """Say so after a password change (Django's view only redirects)."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = view(request, *args, **kwargs)
        if request.method == "POST" and response.status_code == 302:
            messages.success(request, _("Your password is changed."))
        return response

    return wrapper


password_change = _password_changed(password_change)


@server_only
def sign_up(request: HttpRequest, token: str) -> HttpResponse:
    invitation = accounts.invitation_for(token)
    if invitation is None:
        return render(request, "netkort/accounts/bad_invitation.html", status=404)
    by_coach = accounts.is_coach(invitation.user)
    form = SignUpForm(request.POST or None, invited_by_coach=by_coach)
    if request.method == "POST" and form.is_valid():
        data = accounts.SignUp(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            share_with_inviter=bool(form.cleaned_data.get("share_with_inviter")),
        )
        try:
            user = accounts.sign_up(token, data)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to netkort. This is your network."))
            return redirect("netkort:start")
    context = {"form": form, "inviter": invitation.user, "by_coach": by_coach}
    return render(request, "netkort/accounts/sign_up.html", context)


@server_only
@signed_in
def account(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    owned = [(w, _export_url(w.uid)) for w in workspaces_for(user) if w.owner_id == user.pk]
    context = {
        "owned": owned,
        "can_invite": accounts.can_invite(user),
        "is_coach": accounts.is_coach(user),
        "two_factor": two_factor.is_on(user),
        "nav": "account",
    }
    return render(request, "netkort/accounts/account.html", context)


def _export_url(uid: object) -> str:
    """The export page (with the complete backup) of a workspace, where there is one."""
    try:
        return reverse("netkort:export", kwargs={"ws": uid})
    except NoReverseMatch:
        return ""


@server_only
@signed_in
def invitations(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not accounts.can_invite(user):
        raise Http404("not allowed to invite")
    new_link = ""
    if request.method == "POST":
        try:
            if request.POST.get("renew"):
                made = accounts.renew(user, int(request.POST["renew"]))
            elif request.POST.get("withdraw"):
                accounts.withdraw(user, int(request.POST["withdraw"]))
                made = None
            else:
                made = accounts.invite(user)
        except (NotFound, ValueError) as exc:
            raise Http404 from exc
        if made is not None:
            new_link = request.build_absolute_uri(
                reverse("netkort:sign-up", kwargs={"token": made.token})
            )
    context = {"open": accounts.open_invitations(user), "new_link": new_link}
    return render(request, "netkort/accounts/invitations.html", context)


@server_only
@signed_in
def delete_account(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = ConfirmPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        logout(request)
        privacy.delete_account(user)
        return render(request, "netkort/accounts/deleted.html")
    return render(request, "netkort/accounts/delete.html", {"form": form})
