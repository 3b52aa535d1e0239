"""The Analysis, Plan and report pages."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netkort.services import analysis, explain, plan
from netkort.services.access import role_in
from netkort.services.errors import NotFound, UserError
from netkort.store.models import Goal, Workspace
from netkort.web.views.decorators import render_page, user_of, workspace_view

REPORT_TOP = 15


def _measures_context(workspace: Workspace) -> dict[str, Any]:
    m = analysis.measures(workspace)
    comp = m.composition
    largest = max(
        [s.count for rows in (comp.by_context, comp.by_ring, comp.by_organisation) for s in rows]
        or [0]
    )
    return {
        "m": m,
        "comp": comp,
        "diversity": analysis.diversity_rows(m),
        "dormant": [(d, explain.say_all(d.reasons)) for d in m.dormant],
        "largest": largest,
        "growth_max": max([s.count for s in comp.growth] or [0]),
        "ring_rows": [(_ring_names().get(s.label, s.label), s.count) for s in comp.by_ring],
    }


def _ring_names() -> dict[str, str]:
    return {
        "1": _("1 · about 5 closest"),
        "2": _("2 · about 15"),
        "3": _("3 · about 50"),
        "4": _("4 · about 150"),
        "5": _("5 · everyone else"),
    }


@workspace_view()
def analysis_page(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    context = _measures_context(workspace)
    wanted = request.GET.get("to", "").strip()[:300]
    context["to"] = wanted
    if wanted:
        try:
            context["organisations"], context["paths"] = analysis.paths_to(workspace, wanted)
        except UserError as exc:
            context["paths_error"] = str(exc)
    return render_page(
        request, workspace, "netkort/analysis/analysis.html", context, nav="analysis"
    )


def _goal(workspace: Workspace, request: HttpRequest) -> Goal | None:
    raw = request.GET.get("goal") or request.POST.get("goal") or ""
    return plan.goal_for(workspace, int(raw) if raw.isdigit() else None)


@workspace_view()
def plan_page(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    return _plan_response(request, workspace)


def _plan_response(
    request: HttpRequest,
    workspace: Workspace,
    weight_errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
) -> HttpResponse:
    goal = _goal(workspace, request)
    result = plan.plan_for(workspace, goal)
    weights = plan.weight_rows(workspace)
    context = {
        "plan": result,
        "goal": goal,
        "part_names": explain.part_names(),
        "weights": [
            (w, (typed or {}).get(w.key, w.value), (weight_errors or {}).get(w.key, ""))
            for w in weights
        ],
        "weights_changed": any(w.changed for w in weights),
        "weight_errors": weight_errors or {},
        "may_edit": role_in(user_of(request), workspace) in ("owner", "edit"),
        "outcomes": plan.outcomes(workspace, goal) if goal else {},
    }
    status = 400 if weight_errors else 200
    return render_page(
        request, workspace, "netkort/analysis/plan.html", context, nav="plan", status=status
    )


@workspace_view(write=True)
@require_POST
def plan_weights(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    """Save the action list's weights, or reset them to the defaults."""
    if "reset" in request.POST:
        plan.reset_weights(workspace)
        messages.success(request, _("The weights are back to their defaults."))
    else:
        typed = {key: str(request.POST.get(key, ""))[:40] for key in plan.weights_of(workspace)}
        try:
            plan.save_weights(workspace, typed)
        except plan.InvalidWeights as exc:
            return _plan_response(request, workspace, exc.errors, typed)
        messages.success(request, _("The weights are saved; the list below uses them."))
    goal = _goal(workspace, request)
    url = reverse("netkort:plan", kwargs={"ws": workspace.uid})
    return redirect((f"{url}?goal={goal.pk}" if goal else url) + "#weights")


def _plan_url(workspace: Workspace, goal: Goal) -> str:
    return reverse("netkort:plan", kwargs={"ws": workspace.uid}) + f"?goal={goal.pk}"


def _person_id(request: HttpRequest) -> int:
    raw = request.POST.get("person", "")
    if not raw.isdigit():
        raise Http404
    return int(raw)


@workspace_view(write=True)
@require_POST
def plan_mark(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    goal = _goal(workspace, request)
    if goal is None:
        raise Http404
    try:
        plan.mark(workspace, goal, _person_id(request), request.POST.get("action", ""))
    except NotFound as exc:
        raise Http404 from exc
    except UserError as exc:
        messages.error(request, str(exc))
    return redirect(_plan_url(workspace, goal))


@workspace_view(write=True)
@require_POST
def plan_score(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    goal = _goal(workspace, request)
    if goal is None:
        raise Http404
    raw = request.POST.get("score", "").strip()
    try:
        score = int(raw) if raw and "clear" not in request.POST else None
        plan.set_score(workspace, goal, _person_id(request), score)
    except NotFound as exc:
        raise Http404 from exc
    except (ValueError, UserError):
        messages.error(request, _("A score is a number from 0 to 100."))
    return redirect(_plan_url(workspace, goal))


def _report_context(workspace: Workspace) -> dict[str, Any]:
    goal = plan.goal_for(workspace)
    return {
        **_measures_context(workspace),
        "goal": goal,
        "plan": plan.plan_for(workspace, goal, top=REPORT_TOP),
        "part_names": explain.part_names(),
        "pdf_available": pdf_available(),
    }


@workspace_view()
def report_page(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    context = _report_context(workspace)
    return render_page(request, workspace, "netkort/analysis/report.html", context, nav="analysis")


def pdf_available() -> bool:
    """WeasyPrint is an optional extra (it needs Pango from the system)."""
    return importlib.util.find_spec("weasyprint") is not None


def _pdf(html: str) -> bytes:
    import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]

    class Offline(weasyprint.URLFetcher):
        """The report is rendered from what is on this machine; nothing is fetched."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"not fetched: {url}")

    css = Path(str(finders.find("netkort/analysis.css"))).read_text(encoding="utf-8")
    document = weasyprint.HTML(string=html, url_fetcher=Offline())
    pdf: bytes = document.write_pdf(stylesheets=[weasyprint.CSS(string=css)])
    return pdf


@workspace_view()
def report_pdf(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    if not pdf_available():
        raise Http404
    context = {**_report_context(workspace), "workspace": workspace, "nav": "analysis"}
    html = render_to_string("netkort/analysis/report.html", context, request=request)
    response = HttpResponse(_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="netkort-report.pdf"'
    return response
