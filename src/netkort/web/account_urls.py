"""URLs of server mode (accounts, coaching, sharing), the privacy pages and the API.

``netkort.web.urls`` includes these: ``urls`` beside the other top-level pages and
``workspace_urls`` among the workspace pages.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from netkort.web.views import accounts, coach, privacy, sharing

urls: list[URLPattern | URLResolver] = [
    path("accounts/login/", accounts.login_view, name="login"),
    path("accounts/login/code/", accounts.login_code, name="login-code"),
    path("accounts/two-step/", accounts.two_factor_page, name="two-factor"),
    path("accounts/", accounts.account, name="account"),
    path("accounts/password/", accounts.password_change, name="password-change"),
    path("accounts/password/reset/", accounts.password_reset, name="password-reset"),
    path("accounts/password/reset/sent/", accounts.password_reset_sent, name="password-reset-sent"),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("accounts/invitations/", accounts.invitations, name="invitations"),
    path("accounts/sign-up/<str:token>/", accounts.sign_up, name="sign-up"),
    path("accounts/delete/", accounts.delete_account, name="account-delete"),
    path("coach/", coach.dashboard, name="coach"),
]

workspace_urls: list[URLPattern | URLResolver] = [
    path("sharing/", sharing.sharing, name="sharing"),
    path("sharing/<int:grant>/revoke/", sharing.revoke, name="sharing-revoke"),
    path("access-log/", sharing.access_log, name="access-log"),
    path("people/<int:pk>/delete/", privacy.person_delete, name="person-delete"),
]
