"""The rows of the people list, written in Python.

A page holds fifty rows of seven cells; through the template engine they cost about
half of the page's time on a server under load, written here a tenth of that. Every
value goes through ``markup.html``, which escapes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from netkort.store.models import Context, Person, Workspace
from netkort.web.markup import html, html_join, url_with_pk

register = template.Library()

_NONE = mark_safe('<span class="muted">–</span>')  # a constant, no user data


@register.simple_tag(takes_context=True)
def people_rows(context: template.Context) -> SafeString:
    """``<tr>`` for each person on the page; the roles column only with a goal."""
    workspace: Workspace = context["workspace"]
    roles_by_person: Mapping[int, list[str]] = context.get("roles_by_person") or {}
    names = dict(context.get("roles") or ())
    goal = context.get("goal")
    star = html(' <span class="badge" title="{}">★</span>', _("Super-connector"))
    return html_join(
        "",
        "{}",
        (
            (_row(p, workspace.uid, star, roles_by_person.get(p.pk, []) if goal else None, names),)
            for p in context["page"].object_list
        ),
    )


def _row(
    p: Person,
    ws: object,
    star: SafeString,
    roles: Sequence[str] | None,
    role_names: Mapping[str, Any],
) -> SafeString:
    organisation = p.organisation.name if p.organisation else ""
    title = html('<br><small class="muted">{}</small>', p.title) if p.title else ""
    prefetched: list[Context] = p.context_list  # type: ignore[attr-defined]  # see as_rows
    contexts = html_join("", '<span class="chip">{}</span> ', ((c.label,) for c in prefetched))
    last = _NONE
    if p.last_contact_at:
        local = timezone.localtime(p.last_contact_at)
        shown = date_format(local, "SHORT_DATE_FORMAT")
        last = html('<time datetime="{}">{}</time>', local.isoformat(), shown)
    roles_cell = ""
    if roles is not None:
        chips = html_join(
            "",
            '<span class="chip role-{}">{}</span> ',
            ((role, role_names.get(role, "")) for role in roles),
        )
        roles_cell = html('<td class="roles">{}</td>', chips)
    return html(
        "<tr>"
        '<td class="select"><input type="checkbox" name="ids" value="{}" form="bulk"'
        ' aria-label="{}"></td>'
        '<td><a href="{}">{}</a>{}</td>'
        "<td>{}{}</td>"
        "<td>{}</td>"
        "<td>{}</td>"
        "<td>{}</td>"
        "{}"
        "</tr>\n",
        p.pk,
        _("Select %(name)s") % {"name": p.display_name},
        url_with_pk("netkort:person", p.pk, ws=ws),
        p.display_name,
        star if p.is_super_connector else "",
        organisation,
        title,
        contexts,
        p.closeness if p.closeness else _NONE,
        last,
        roles_cell,
    )
