"""Goal pages and the triage screen that judges persons against a goal."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netkort.domain.triage import ROLES, Role, Suggestion
from netkort.services import goals, triage
from netkort.services.errors import UserError
from netkort.services.people import get_person
from netkort.store.models import Goal, Organisation, Person, Workspace
from netkort.web.goal_forms import ROLE_CHOICES, GoalForm
from netkort.web.views.decorators import render_page, workspace_view


def _organisation_names(workspace: Workspace) -> list[str]:
    qs = Organisation.objects.filter(workspace=workspace).order_by("name_folded")
    return list(qs.values_list("name", flat=True)[:2000])


@workspace_view()
def goal_list(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    current = list(goals.goals_of(workspace))
    archived = [g for g in goals.goals_of(workspace, archived=True) if g.archived_at]
    active = next((g for g in current if g.is_active), None)
    context = {
        "goals": current,
        "archived": archived,
        "active": active,
        "progress": triage.progress(workspace, active) if active else None,
        "targets": {g.pk: goals.target_organisations(g) for g in current},
    }
    return render_page(request, workspace, "netkort/goals/list.html", context, nav="goals")


def _goal_form_page(request: HttpRequest, workspace: Workspace, goal: Goal | None) -> HttpResponse:
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                if goal is None:
                    goal = goals.create_goal(
                        workspace, form.to_fields(), activate="activate" in request.POST
                    )
                else:
                    goals.update_goal(workspace, goal, form.to_fields())
            except UserError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The goal is saved."))
                return redirect("netkort:goals", ws=workspace.uid)
    elif goal is None:
        form = GoalForm(initial={"kind": "job"})
    else:
        form = GoalForm(initial=GoalForm.initial_for(goals.fields_of(goal)))
    context = {"form": form, "goal": goal, "organisations": _organisation_names(workspace)}
    return render_page(request, workspace, "netkort/goals/form.html", context, nav="goals")


@workspace_view(write=True)
def goal_add(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    return _goal_form_page(request, workspace, None)


@workspace_view(write=True)
def goal_edit(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    return _goal_form_page(request, workspace, goals.get_goal(workspace, pk))


@workspace_view(write=True)
@require_POST
def goal_activate(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    goal = goals.activate_goal(workspace, goals.get_goal(workspace, pk))
    messages.success(request, _("“%(title)s” is now your goal.") % {"title": goal.title})
    return redirect("netkort:goals", ws=workspace.uid)


@workspace_view(write=True)
@require_POST
def goal_archive(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    goal = goals.archive_goal(workspace, goals.get_goal(workspace, pk))
    messages.success(request, _("“%(title)s” is archived.") % {"title": goal.title})
    return redirect("netkort:goals", ws=workspace.uid)


@workspace_view(write=True)
def goal_triage(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    goal = goals.get_goal(workspace, pk)
    if request.method == "POST":
        return _triage_post(request, workspace, goal)
    language = get_language() or "da"
    wanted = request.GET.get("person", "")
    person: Person | None = None
    if wanted.isdigit():
        person = Person.objects.filter(workspace=workspace, pk=int(wanted)).first()
    suggestion = (
        triage.suggestion_for(workspace, goal, person)
        if person is not None
        else triage.next_suggestion(workspace, goal, language)
    )
    context = {
        "goal": goal,
        "progress": triage.progress(workspace, goal),
        "roles": ROLE_CHOICES,
        "closeness_levels": range(1, 6),
    }
    if suggestion is not None:
        context.update(_card(workspace, goal, suggestion))
    return render_page(request, workspace, "netkort/goals/triage.html", context, nav="goals")


def _card(workspace: Workspace, goal: Goal, suggestion: Suggestion) -> dict[str, object]:
    person = get_person(workspace, suggestion.person_id)
    assessment = triage.assessment_of(goal, person)
    judged = assessment is not None and assessment.judged_at is not None
    chosen = triage.roles_of(assessment) if judged else suggestion.roles
    return {
        "person": person,
        "assessment": assessment,
        "judged": judged,
        "reason": triage.reason_text(suggestion.reason),
        "suggested": [r for r in ROLES if r in suggestion.roles],
        "chosen": [r.value for r in ROLES if r in chosen],
        "shared": triage.shared_organisations(workspace, person),
        "history": triage.recent_contacts(person),
    }


def _triage_post(request: HttpRequest, workspace: Workspace, goal: Goal) -> HttpResponse:
    back = redirect("netkort:goal-triage", ws=workspace.uid, pk=goal.pk)
    if request.POST.get("action") == "revisit":
        triage.revisit_skipped(workspace, goal)
        return back
    pid = request.POST.get("person", "")
    person = Person.objects.filter(workspace=workspace, pk=pid if pid.isdigit() else 0).first()
    if person is None:
        raise Http404
    if request.POST.get("action") == "skip":
        triage.skip(workspace, goal, person)
        return back
    closeness = request.POST.get("closeness", "")
    judgement = triage.Judgement(
        roles=frozenset(Role(r) for r in request.POST.getlist("roles") if r in set(Role)),
        closeness=int(closeness) if closeness in {"1", "2", "3", "4", "5"} else None,
        super_connector="super_connector" in request.POST,
        note=request.POST.get("note", ""),
    )
    try:
        triage.judge(workspace, goal, person, judgement)
    except UserError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(name)s is judged.") % {"name": person.display_name})
    return back
