"""The coach's dashboard: the clients who share their network, and how each is going."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from netkort.services.coaching import clients_of
from netkort.web.views.decorators import server_only, signed_in, user_of

# Pages of a client's workspace the dashboard links to, where they exist.
CLIENT_PAGES = (("map", _("Map")), ("plan", _("Plan")))


@server_only
@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    clients = clients_of(user_of(request))
    rows = [(c, _links(c.workspace.uid)) for c in clients]
    return render(request, "netkort/coach/dashboard.html", {"rows": rows, "nav": "coach"})


def _links(uid: object) -> list[tuple[Promise, str]]:
    links: list[tuple[Promise, str]] = []
    for name, label in CLIENT_PAGES:
        try:
            links.append((label, reverse(f"netkort:{name}", kwargs={"ws": uid})))
        except NoReverseMatch:
            continue
    return links
