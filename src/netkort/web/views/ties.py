"""Who knows whom: adding and removing ties on a person's page, and the pair prompt."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from netkort.services import person_lookup, ties
from netkort.services.errors import NotFound, UserError
from netkort.store.models import Person, Workspace
from netkort.web.goal_forms import TieForm
from netkort.web.views.decorators import render_page, workspace_view


def _person_or_404(workspace: Workspace, pk: int) -> Person:
    person = Person.objects.filter(workspace=workspace, pk=pk).first()
    if person is None:
        raise Http404
    return person


def _back(workspace: Workspace, person: Person) -> HttpResponse:
    url = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": person.pk})
    return redirect(f"{url}#ties")


@workspace_view(write=True)
def tie_add(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = _person_or_404(workspace, pk)
    if request.method != "POST":
        return _back(workspace, person)
    form = TieForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Name the person they know."))
        return _back(workspace, person)
    try:
        other = person_lookup.find_one(workspace, form.cleaned_data["other"])
        ties.add_tie(workspace, person, other, form.cleaned_data["strength"] or "medium")
    except UserError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(a)s knows %(b)s.") % {"a": person.display_name, "b": other.display_name},
        )
    return _back(workspace, person)


@workspace_view(write=True)
def tie_remove(request: HttpRequest, workspace: Workspace, pk: int, tie: int) -> HttpResponse:
    person = _person_or_404(workspace, pk)
    if request.method == "POST":
        ties.remove_tie(workspace, tie)
        messages.success(request, _("The tie is removed."))
    return _back(workspace, person)


@workspace_view()
def tie_candidates(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    """Options for the "who do they know?" box (an htmx fragment)."""
    person = _person_or_404(workspace, pk)
    found = ties.candidates(workspace, person, request.GET.get("other", ""))
    return render_page(
        request, workspace, "netkort/ties/_candidates.html", {"candidates": found}, nav="people"
    )


@workspace_view(write=True)
def pair_prompt(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    if request.method == "POST":
        a, b = request.POST.get("a", ""), request.POST.get("b", "")
        if not (a.isdigit() and b.isdigit()):
            raise Http404
        try:
            if request.POST.get("reply") == "again":
                ties.ask_skipped_again(workspace)
            else:
                ties.answer(workspace, int(a), int(b), request.POST.get("reply", ""))
        except NotFound as exc:
            raise Http404 from exc
        except UserError as exc:
            messages.error(request, str(exc))
        return redirect("netkort:pairs", ws=workspace.uid)
    context = {"question": ties.next_question(workspace), "skipped": ties.skipped_count(workspace)}
    return render_page(request, workspace, "netkort/ties/pairs.html", context, nav="people")
