"""Bulk actions on a selection in the people list."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netkort.services import bulk
from netkort.services.errors import UserError
from netkort.store.models import Workspace
from netkort.web.goal_forms import BulkForm
from netkort.web.views.decorators import workspace_view


@workspace_view(write=True)
def people_bulk(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    back = reverse("netkort:people", kwargs={"ws": workspace.uid})
    if request.method != "POST":
        return redirect(back)
    form = BulkForm(request.POST)
    query = request.POST.get("next", "")
    if query and url_has_allowed_host_and_scheme(f"{back}?{query}", allowed_hosts=None):
        back = f"{back}?{query}"
    if not form.is_valid():
        messages.error(request, _("Select one or more persons and what to do with them."))
        return redirect(back)
    try:
        count = bulk.apply(
            workspace, form.cleaned_data["ids"], form.cleaned_data["action"], form.value()
        )
    except UserError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext("Changed %(count)d person.", "Changed %(count)d persons.", count)
            % {"count": count},
        )
    return redirect(back)
