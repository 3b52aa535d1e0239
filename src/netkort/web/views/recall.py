"""The guided recall wizard: a guess first, then one step per context, then the count."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netkort.services import recall
from netkort.services.errors import UserError
from netkort.store.models import Context, Person, Workspace
from netkort.web.views.decorators import render_page, workspace_view


@workspace_view(write=True)
def recall_start(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    """Ask for the guess; then send the user to where they left off."""
    error = ""
    if request.method == "POST":
        raw = request.POST.get("guess", "").strip()
        try:
            recall.set_guess(workspace, int(raw))
        except ValueError:
            error = _("Write a whole number, for example 80.")
        except UserError as exc:
            error = str(exc)
        else:
            step = recall.current_step(workspace)
            if step is None:
                return redirect("netkort:recall-done", ws=workspace.uid)
            recall.go_to(workspace, step)
            return redirect("netkort:recall-step", ws=workspace.uid, pk=step.pk)
    state = recall.state(workspace)
    context = {
        "guess": recall.guess(workspace),
        "error": error,
        "started": state.get("step") is not None,
        "finished": state.get("finished", False),
        "current": recall.current_step(workspace),
        "steps": recall.steps(workspace),
    }
    return render_page(request, workspace, "netkort/recall/start.html", context, nav="recall")


@workspace_view(write=True)
def recall_step(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    step = recall.get_step(workspace, pk)
    before, after = recall.neighbours(workspace, step)
    result = recall.RecallResult()
    text = ""
    if request.method == "POST":
        picks = {k[5:]: str(v) for k, v in request.POST.items() if k.startswith("pick:")}
        result = recall.add_entries(workspace, step, request.POST.get("lines", ""), picks)
        _report(request, result)
        text = result.leftover
        action = request.POST.get("action", "add")
        if not result.ambiguous:
            target = {"next": after, "back": before}.get(action)
            if action == "finish" or (action == "next" and after is None):
                recall.finish(workspace)
                return redirect("netkort:recall-done", ws=workspace.uid)
            if target is not None:
                recall.go_to(workspace, target)
                return redirect("netkort:recall-step", ws=workspace.uid, pk=target.pk)
            recall.go_to(workspace, step)
            return redirect("netkort:recall-step", ws=workspace.uid, pk=step.pk)
    all_steps = recall.steps(workspace)
    context = {
        "step": step,
        "number": [c.pk for c in all_steps].index(step.pk) + 1,
        "total": len(all_steps),
        "before": before,
        "after": after,
        "prompts": recall.prompts_for(step),
        "suggestions": recall.suggestions(workspace, step, ""),
        "size": recall.context_size(step),
        "recent": _recent(step),
        "text": text,
        "ambiguous": result.ambiguous,
    }
    return render_page(request, workspace, "netkort/recall/step.html", context, nav="recall")


def _recent(step: Context) -> list[Person]:
    return list(
        Person.objects.filter(personcontext__context=step).order_by("-personcontext__id")[:12]
    )


def _report(request: HttpRequest, result: recall.RecallResult) -> None:
    if result.added:
        messages.success(
            request,
            ngettext("Added %(count)d person.", "Added %(count)d persons.", len(result.added))
            % {"count": len(result.added)},
        )
    if result.reused:
        names = ", ".join(p.display_name for p in result.reused)
        messages.success(
            request,
            _("Already in your network, now in this context too: %(names)s.") % {"names": names},
        )


@workspace_view()
def recall_suggest(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    """The suggestions list for a query (an htmx fragment; the step page has them too)."""
    step = recall.get_step(workspace, pk)
    found = recall.suggestions(workspace, step, request.GET.get("q", ""))
    return render_page(
        request,
        workspace,
        "netkort/recall/_suggestions.html",
        {"step": step, "suggestions": found},
        nav="recall",
    )


@workspace_view(write=True)
def recall_tag(request: HttpRequest, workspace: Workspace, pk: int) -> HttpResponse:
    """Put a suggested person, already in the network, in this step's context."""
    step = recall.get_step(workspace, pk)
    if request.method != "POST":
        return redirect("netkort:recall-step", ws=workspace.uid, pk=step.pk)
    pid = request.POST.get("person", "")
    person = Person.objects.filter(workspace=workspace, pk=pid if pid.isdigit() else 0).first()
    if person is None:
        raise Http404
    recall.tag(workspace, step, person)
    recall.go_to(workspace, step)
    messages.success(
        request,
        _("%(name)s is now in %(context)s.") % {"name": person.display_name, "context": step.label},
    )
    return redirect("netkort:recall-step", ws=workspace.uid, pk=step.pk)


@workspace_view(write=True)
def recall_context(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    """Add a context of the user's own and go to its step."""
    if request.method != "POST":
        return redirect("netkort:recall", ws=workspace.uid)
    try:
        context = recall.add_context(workspace, request.POST.get("name", ""))
    except UserError as exc:
        messages.error(request, str(exc))
        return redirect("netkort:recall", ws=workspace.uid)
    recall.go_to(workspace, context)
    return redirect("netkort:recall-step", ws=workspace.uid, pk=context.pk)


@workspace_view()
def recall_done(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    context = {"summary": recall.summary(workspace)}
    return render_page(request, workspace, "netkort/recall/done.html", context, nav="recall")
