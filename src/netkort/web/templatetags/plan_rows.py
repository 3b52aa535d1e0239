"""The rows of the plan ("whom to contact first"), written in Python.

Fifty rows, each with the parts of its score, its reasons and four small forms: through
the template engine they were most of the plan's time on a server under load. Every
value goes through ``markup.html``, which escapes it; numbers are formatted as the
``floatformat`` filter does, in the reader's language (``markup.number``).
"""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from netkort.services.plan import Row
from netkort.store.models import Goal, Workspace
from netkort.web.markup import html, html_join, number, url_with_pk
from netkort.web.templatetags.quick_log import quick_log

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_rows(context: template.Context) -> SafeString:
    """``<li>`` for each row of ``plan``, for ``goal``."""
    workspace: Workspace = context["workspace"]
    goal: Goal = context["goal"]
    ws = workspace.uid
    page = _Page(
        workspace=workspace,
        goal=goal,
        csrf=html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
            str(context.get("csrf_token") or ""),
        ),
        mark_url=reverse("netkort:plan-mark", kwargs={"ws": ws}),
        score_url=reverse("netkort:plan-score", kwargs={"ws": ws}),
        part_heads=html_join(
            "", '<th scope="col">{}</th>', ((name,) for name in context["part_names"].values())
        ),
    )
    return html_join(
        "",
        "{}",
        ((_row(context, page, row),) for row in context["plan"].rows),
    )


class _Page:
    """What every row of one page shares."""

    def __init__(
        self,
        *,
        workspace: Workspace,
        goal: Goal,
        csrf: SafeString,
        mark_url: str,
        score_url: str,
        part_heads: SafeString,
    ) -> None:
        self.workspace, self.goal, self.csrf = workspace, goal, csrf
        self.mark_url, self.score_url, self.part_heads = mark_url, score_url, part_heads
        self.pinned = html(' <span class="chip">{}</span>', _("pinned"))
        self.overridden = html(' <span class="chip">{}</span>', _("your score"))
        self.unpin = html(
            '<button type="submit" name="action" value="unpin" class="outline secondary">'
            "{}</button>",
            _("Unpin"),
        )
        self.pin = html(
            '<button type="submit" name="action" value="pin" class="outline">{}</button>',
            _("Pin to the top"),
        )
        self.hide = html(
            '<button type="submit" name="action" value="hide" class="outline secondary">'
            "{}</button>",
            _("Hide"),
        )
        self.clear = html(
            '<button type="submit" name="clear" value="1" class="outline secondary">{}</button>',
            _("Use the computed score"),
        )
        self.your_score = _("Your score (0–100)")
        self.set = _("Set")
        self.start = _("Start outreach")
        self.why = _("Why")


def _row(context: template.Context, page: _Page, row: Row) -> SafeString:
    ws, pid = page.workspace.uid, row.person_id
    hidden = html(
        '{}<input type="hidden" name="goal" value="{}"><input type="hidden" name="person"'
        ' value="{}">',
        page.csrf,
        page.goal.pk,
        pid,
    )
    score = number(row.score, 0)
    return html(
        "<li><article><header>"
        '<a href="{person_url}"><strong>{name}</strong></a> <span class="score">{score}</span>'
        "{pinned}{overridden}</header>"
        '<table class="parts"><caption class="visually-hidden">{caption}</caption>'
        "<thead><tr>{heads}</tr></thead><tbody><tr>{parts}</tr></tbody></table>"
        "<details><summary>{why}: {summary}</summary><ul>{reasons}</ul></details>"
        '<footer class="actions">'
        '<form method="post" action="{mark_url}">{hidden}{pin} {hide}</form>'
        '<form method="post" action="{score_url}" class="score-form">{hidden}'
        '<label>{your_score} <input type="number" name="score" min="0" max="100"'
        ' inputmode="numeric"{value}></label> '
        '<button type="submit" class="outline">{set}</button> {clear}</form>'
        '<form method="post" action="{pipeline_url}">{csrf}'
        '<button type="submit">{start}</button></form>'
        "</footer>{quick_log}</article></li>\n",
        person_url=url_with_pk("netkort:person", pid, ws=ws),
        name=row.display_name,
        score=score,
        pinned=page.pinned if row.pinned else "",
        overridden=page.overridden if row.overridden else "",
        caption=_("Parts of the score for %(name)s") % {"name": row.display_name},
        heads=page.part_heads,
        parts=_parts(row.parts),
        why=page.why,
        summary=" · ".join(str(reason) for reason in row.reasons[:2]),
        reasons=html_join("", "<li>{}</li>", ((reason,) for reason in row.reasons)),
        mark_url=page.mark_url,
        hidden=hidden,
        pin=page.unpin if row.pinned else page.pin,
        hide=page.hide,
        score_url=page.score_url,
        your_score=page.your_score,
        value=html(' value="{}"', score) if row.overridden else "",
        set=page.set,
        clear=page.clear if row.overridden else "",
        pipeline_url=url_with_pk("netkort:pipeline-add", pid, ws=ws),
        csrf=page.csrf,
        start=page.start,
        quick_log=quick_log(context, pid, row.display_name),
    )


def _parts(parts: Mapping[str, float]) -> SafeString:
    return html_join("", "<td>{}</td>", ((number(value, 1),) for value in parts.values()))
