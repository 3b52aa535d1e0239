"""The compact "log a contact" form for lists and panels (the plan, the map's side panel).

Written in Python rather than as a template: the plan shows one form on each of its fifty
rows, and through the template engine (with a Django form built for each) they cost
more than the rest of the page. Every value goes through ``markup.html``, which escapes
it. The form posts the fields of ``outreach_forms.InteractionForm`` under the prefix
"contact", which the view reads with that form.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from netkort.store.models import Workspace
from netkort.web.markup import html, html_join, url_with_pk
from netkort.web.outreach_forms import InteractionForm

PREFIX = "contact"
_FIELDS = InteractionForm.base_fields
_PANEL = mark_safe('<input type="hidden" name="panel" value="1">')  # a constant


def quick_log_form(
    workspace: Workspace,
    person_id: int,
    name: str,
    *,
    csrf_token: str,
    next_url: str,
    panel: bool = False,
    typed: Mapping[str, Any] | None = None,
    error: str = "",
) -> SafeString:
    """The form for one person: empty (today, "from me"), or as ``typed`` with the
    ``error`` that kept it from being saved."""
    if typed is None:
        values = {"channel": "", "on": timezone.localdate().isoformat(), "direction": "out"}
        values["note"] = ""
    else:
        values = {key: str(typed.get(f"{PREFIX}-{key}", "")) for key in _FIELDS}
    url = url_with_pk("netkort:contact-log", person_id, ws=workspace.uid)
    ids = {key: f"id_quick{person_id}_{PREFIX}-{key}" for key in _FIELDS}
    return html(
        '<details class="quick-log" id="quick-log-{person}"{open}>'
        "<summary>{summary}</summary>"
        '<form method="post" action="{url}" hx-post="{url}" hx-target="#quick-log-{person}"'
        ' hx-swap="outerHTML" aria-label="{label}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        '<input type="hidden" name="next" value="{next}">{panel}{error}'
        '<div class="quick-log-fields">'
        '<label for="{channel_id}">{channel_label} <select name="{p}-channel" id="{channel_id}"'
        " required>{channels}</select></label>"
        '<label for="{on_id}">{on_label} <input type="date" name="{p}-on" id="{on_id}"'
        ' value="{on}"></label>'
        '<label for="{direction_id}">{direction_label} <select name="{p}-direction"'
        ' id="{direction_id}" required>{directions}</select></label>'
        "</div>"
        '<label for="{note_id}">{note_label} <input type="text" name="{p}-note" id="{note_id}"'
        ' maxlength="1000" value="{note}"></label>'
        '<button type="submit">{submit}</button>'
        "</form></details>\n",
        person=person_id,
        open=" open" if error else "",
        summary=_("Log a contact"),
        url=url,
        label=_("Log a contact with %(name)s") % {"name": name},
        csrf=csrf_token,
        next=next_url,
        panel=_PANEL if panel else "",
        error=html('<p class="error" role="alert">{}</p>', error) if error else "",
        p=PREFIX,
        channel_id=ids["channel"],
        channel_label=_FIELDS["channel"].label,
        channels=_options("channel", values["channel"], get_language()),
        on_id=ids["on"],
        on_label=_FIELDS["on"].label,
        on=values["on"],
        direction_id=ids["direction"],
        direction_label=_FIELDS["direction"].label,
        directions=_options("direction", values["direction"], get_language()),
        note_id=ids["note"],
        note_label=_FIELDS["note"].label,
        note=values["note"],
        submit=_("Log contact"),
    )


@functools.lru_cache(maxsize=256)
def _options(field: str, chosen: str, language: str | None) -> SafeString:
    """The ``<option>`` elements of a choice field, ``chosen`` selected: the same on every
    row, so made once per language and choice (the labels are constants)."""
    choices: list[tuple[object, object]] = list(_FIELDS[field].choices)  # type: ignore[attr-defined]
    return html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if str(value) == chosen else "", label) for value, label in choices),
    )
