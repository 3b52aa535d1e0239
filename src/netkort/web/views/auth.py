from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from netkort.services import login_links


def login_with_token(request: HttpRequest, token: str) -> HttpResponse:
    user = login_links.redeem(token)
    if user is None:
        return render(request, "netkort/signed_out.html", {"bad_link": True}, status=403)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("netkort:start")


def signed_out(request: HttpRequest) -> HttpResponse:
    if settings.NETKORT_SERVER_MODE:
        return redirect("netkort:login")
    return render(request, "netkort/signed_out.html", {"bad_link": False})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("netkort:signed-out")
