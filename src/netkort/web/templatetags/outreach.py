"""The outreach panel on the person page: keep in touch, pipeline, contact, favours."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from netkort.services import favours, keep_in_touch, meetings, outreach
from netkort.web import outreach_forms as f
from netkort.web.views.outreach import can_write

register = template.Library()


@register.inclusion_tag("netkort/outreach/_panel.html", takes_context=True)
def outreach_panel(context: template.Context) -> dict[str, Any]:
    request, workspace, person = context["request"], context["workspace"], context["person"]
    goal = outreach.active_goal(workspace)
    today = timezone.localdate()
    standing = keep_in_touch.standing_of(workspace, person)
    return {
        "request": request,
        "workspace": workspace,
        "person": person,
        "can_write": can_write(request, workspace),
        "standing": standing,
        "is_due": standing.is_due(today),
        "rhythm_name": f.rhythm_label(standing.rhythm) if standing.rhythm else None,
        "goal": goal,
        "assessment": outreach.assessment_of(workspace, person, goal),
        "meetings": meetings.upcoming(workspace, person),
        "balance": favours.balance_of(workspace, person),
        "contact_form": f.InteractionForm(
            prefix="contact", initial={"on": today, "direction": "out"}
        ),
        "favour_form": f.FavourForm(initial={"on": today}),
        "rhythm_form": f.RhythmForm(initial={"days": person.keep_in_touch_days}),
        "snooze_days": keep_in_touch.rhythm.SNOOZE_CHOICES,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
