"""The outreach panel on the person page: keep in touch, pipeline, contact, favours."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from netkort.services import favours, keep_in_touch, meetings, outreach
from netkort.store import labels
from netkort.store.models import Favour, Interaction
from netkort.web import outreach_forms as f
from netkort.web.views.outreach import can_write

register = template.Library()


@register.inclusion_tag("netkort/outreach/_panel.html", takes_context=True)
def outreach_panel(
    context: template.Context,
    person_favours: Sequence[Favour],
    every_interaction: Sequence[Interaction] | None = None,
) -> dict[str, Any]:
    """``person_favours``: the person's favours, which the page has read already;
    ``every_interaction``: all the person's interactions, when the page has read them all.

    The forms are written out in the template from the fields' labels and choices: no
    form is bound here, and Django's widget templates would cost more than the page."""
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
        "meetings": meetings.upcoming(workspace, person, among=every_interaction),
        "balance": favours.balance_of(workspace, person, read=person_favours),
        "today": today,
        "contact_fields": f.InteractionForm.base_fields,
        "favour_fields": f.FavourForm.base_fields,
        "rhythm_fields": f.RhythmForm.base_fields,
        "snooze_days": keep_in_touch.rhythm.SNOOZE_CHOICES,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def history_rows(interactions: Iterable[Interaction]) -> SafeString:
    """The rows of a person's contact history (when, channel, direction, summary): written
    here, they cost a fraction of the template's date filters and choice labels."""
    channels = {key: str(label) for key, label in labels.CHANNELS.items()}
    directions = {key: str(label) for key, label in labels.DIRECTIONS.items()}
    rows = []
    for i in interactions:
        local = timezone.localtime(i.occurred_at)
        rows.append(
            (
                local.isoformat(),
                date_format(local, "SHORT_DATE_FORMAT"),
                channels.get(i.channel, i.channel),
                directions.get(i.direction, i.direction),
                i.summary,
            )
        )
    return format_html_join(
        "\n",
        '<tr><td><time datetime="{}">{}</time></td><td>{}</td><td>{}</td><td>{}</td></tr>',
        rows,
    )
