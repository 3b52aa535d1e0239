from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from netkort.services import people, triage
from netkort.services.errors import UserError
from netkort.services.goals import active_goal
from netkort.store import labels
from netkort.store.models import Context, Workspace
from netkort.web.forms import FilterForm, PersonForm, QuickAddForm
from netkort.web.goal_forms import ROLE_CHOICES
from netkort.web.views.decorators import render_page, workspace_view


def _contexts(workspace: Workspace) -> list[Context]:
    return list(Context.objects.filter(workspace=workspace))


@workspace_view()
def people_list(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    contexts = _contexts(workspace)
    form = FilterForm(request.GET or None, contexts=contexts)
    goal = active_goal(workspace)
    data = form.cleaned_data if form.is_valid() else {}
    flt = people.PeopleFilter(
        search=data.get("q") or "",
        context=data.get("context"),
        closeness=data.get("closeness") or "",
        tag=data.get("tag") or "",
        sort=data.get("sort") or "name",
        language=get_language() or "da",
        role=data.get("role") or "",
        goal=goal.pk if goal else None,
    )
    page = people.page_of_people(workspace, flt, request.GET.get("page") or 1)
    context = {
        "form": form,
        "page": page,
        "query": _query_without_page(request),
        "goal": goal,
        "contexts": contexts,
        "closeness_levels": labels.CLOSENESS.items(),
        "roles": ROLE_CHOICES,
        "roles_by_person": triage.roles_for(goal, [p.pk for p in page.object_list]),
    }
    template = "netkort/people/_results.html" if request.htmx else "netkort/people/list.html"  # type: ignore[attr-defined]
    return render_page(request, workspace, template, context, nav="people")


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@workspace_view()
def person_detail(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    return render_page(
        request, workspace, "netkort/people/detail.html", people.details_of(person), nav="people"
    )


@workspace_view(write=True)
def person_edit(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    person = people.get_person(workspace, pk)
    contexts = _contexts(workspace)
    if request.method == "POST":
        form = PersonForm(request.POST, contexts=contexts)
        if form.is_valid():
            try:
                people.update_person(workspace, person, form.to_fields())
            except UserError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect("netkort:person", ws=workspace.uid, pk=person.pk)
    else:
        form = PersonForm(initial=PersonForm.initial_for(person), contexts=contexts)
    return render_page(
        request,
        workspace,
        "netkort/people/edit.html",
        {"form": form, "person": person},
        nav="people",
    )


@workspace_view(write=True)
def person_add(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    contexts = _contexts(workspace)
    if request.method == "POST":
        form = QuickAddForm(request.POST, contexts=contexts)
        if form.is_valid():
            try:
                person = people.add_person(workspace, form.to_fields())
            except UserError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("%(name)s was added.") % {"name": person.display_name})
                if "another" in request.POST:
                    return redirect("netkort:person-add", ws=workspace.uid)
                return redirect("netkort:person", ws=workspace.uid, pk=person.pk)
    else:
        form = QuickAddForm(contexts=contexts)
    return render_page(request, workspace, "netkort/people/add.html", {"form": form}, nav="add")
