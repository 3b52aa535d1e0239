"""The contact history on the person page is written in Python: its rows say what the
template's date filters and choice labels said, escaped, in both languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.template import engines
from django.utils import translation

from netkort.store.models import Interaction, Workspace
from netkort.web.templatetags.outreach import history_rows

AS_TEMPLATE = engines["django"].from_string(
    "{% for i in interactions %}"
    "<tr><td><time datetime=\"{{ i.occurred_at|date:'c' }}\">"
    '{{ i.occurred_at|date:"SHORT_DATE_FORMAT" }}</time></td>'
    "<td>{{ i.get_channel_display }}</td><td>{{ i.get_direction_display }}</td>"
    "<td>{{ i.summary }}</td></tr>{% if not forloop.last %}\n{% endif %}{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_rows_say_what_the_template_said(workspace: Workspace, language: str) -> None:
    interactions = [
        Interaction(
            workspace=workspace,
            occurred_at=datetime(2026, 3, 29, 0, 30, 15, 250, tzinfo=UTC),  # summer time begins
            channel="virtual_coffee",
            direction="mutual",
            summary='Coffee & <b>"plans"</b>',
        ),
        Interaction(
            workspace=workspace,
            occurred_at=datetime(2025, 12, 31, 23, 5, tzinfo=UTC),  # new year in Copenhagen
            channel="phone",
            direction="out",
            summary="",
        ),
        Interaction(  # a value from an older version, shown as it is stored
            workspace=workspace,
            occurred_at=datetime(2024, 6, 1, 9, 0, tzinfo=UTC),
            channel="telegraph",
            direction="unknown",
        ),
    ]
    with translation.override(language):
        expected = AS_TEMPLATE.render({"interactions": interactions})
        assert history_rows(interactions) == expected
    assert "&lt;b&gt;" in expected and "2026-03-29T01:30:15.000250+01:00" in expected
    assert ("Kaffe" in expected or "kaffe" in expected) is (language == "da")
    assert history_rows([]) == ""
