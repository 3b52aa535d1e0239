"""Forgetting a person: a confirmation page, then every trace of them is deleted."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from netkort.services import people, privacy
from netkort.store.models import Workspace
from netkort.web.views.decorators import render_page, workspace_view


@workspace_view(write=True)
def person_delete(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    if request.method == "POST":
        name = privacy.delete_person(workspace, person.pk)
        messages.success(
            request, _("%(name)s and everything about them is deleted.") % {"name": name}
        )
        return redirect("netkort:people", ws=workspace.uid)
    return render_page(
        request, workspace, "netkort/people/delete.html", {"person": person}, nav="people"
    )
