"""The plan's rows (written in Python for speed) show what the template did: escaped,
numbers in the reader's language, the forms each row needs."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from clients import client_for
from netkort.services import plan
from netkort.store.models import Workspace, WorkspaceGrant
from outreach_helpers import goal, person

pytestmark = pytest.mark.django_db


def _plan(workspace: Workspace) -> str:
    return reverse("netkort:plan", kwargs={"ws": workspace.uid})


def _row_of(body: str, name: str) -> str:
    rows = re.findall(r"<li><article>.*?</article></li>", body, re.S)
    return next(r for r in rows if name in r)


def test_a_row_is_escaped_and_carries_its_forms(alice: User, workspace: Workspace) -> None:
    target = goal(workspace)
    eve = person(workspace, "Eve <b>&</b>", closeness=2)
    body = client_for(alice).get(_plan(workspace)).content.decode()
    row = _row_of(body, "Eve &lt;b&gt;&amp;&lt;/b&gt;")
    assert "<b>&</b>" not in body
    link = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": eve.pk})
    assert f'<a href="{link}"><strong>Eve &lt;b&gt;&amp;&lt;/b&gt;</strong></a>' in row
    assert "Parts of the score for Eve &lt;b&gt;" in row
    assert row.count('name="csrfmiddlewaretoken"') == 4  # pin/hide, score, outreach, log
    assert f'<input type="hidden" name="goal" value="{target.pk}">' in row
    assert 'value="pin"' in row and 'value="hide"' in row and "Start outreach" in row
    assert row.count("<th scope=") == row.count("<td>") > 0
    assert "Log a contact with Eve &lt;b&gt;" in row


def test_pinned_and_own_scores_show_and_numbers_follow_the_language(
    alice: User, workspace: Workspace
) -> None:
    target = goal(workspace)
    ann = person(workspace, "Ann Berg", closeness=1)
    plan.mark(workspace, target, ann.pk, "pin")
    plan.set_score(workspace, target, ann.pk, 87)
    english = _row_of(client_for(alice).get(_plan(workspace)).content.decode(), "Ann Berg")
    assert '<span class="chip">pinned</span>' in english
    assert '<span class="chip">your score</span>' in english
    assert 'value="unpin"' in english and 'value="pin"' not in english
    assert 'inputmode="numeric" value="87">' in english and 'name="clear"' in english
    parts = re.findall(r"<td>([^<]*)</td>", english)
    assert parts and all(re.fullmatch(r"-?\d+\.\d", p) for p in parts), parts
    danish = _row_of(
        client_for(alice, language="da").get(_plan(workspace)).content.decode(), "Ann Berg"
    )
    assert all(re.fullmatch(r"-?\d+,\d", p) for p in re.findall(r"<td>([^<]*)</td>", danish))
    assert '<span class="chip">fastgjort</span>' in danish


def test_a_reading_coach_gets_no_contact_form(alice: User, bob: User, workspace: Workspace) -> None:
    goal(workspace)
    person(workspace, "Ann Berg", closeness=1)
    WorkspaceGrant.objects.create(workspace=workspace, user=bob, level="read")
    row = _row_of(client_for(bob).get(_plan(workspace)).content.decode(), "Ann Berg")
    assert "quick-log" not in row and row.count('name="csrfmiddlewaretoken"') == 3
