"""Details a Danish page got wrong: date boxes, the month of May, reasons with a count."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from clients import client_for
from netkort.domain.tie_strength import Reason
from netkort.services import explain, goals
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Goal, Workspace


def date_box(page: str, name: str) -> str:
    box = re.search(rf'<input type="date" name="{name}"[^>]*>', page)
    assert box, f"no date box {name}"
    value = re.search(r'value="([^"]*)"', box.group(0))
    return value.group(1) if value else ""


@pytest.mark.parametrize("language", ["da", "en"])
def test_date_boxes_hold_iso_dates_and_saving_keeps_them(
    alice: User, workspace: Workspace, language: str
) -> None:
    goal = goals.create_goal(
        workspace, goals.GoalFields(title="Nyt job", deadline=date(2027, 5, 13))
    )
    anne = add_person(workspace, PersonFields(display_name="Anne", first_met=date(2015, 5, 14)))
    client = client_for(alice, language)
    goal_url = reverse("netkort:goal-edit", kwargs={"ws": workspace.uid, "pk": goal.pk})
    assert date_box(client.get(goal_url).content.decode(), "deadline") == "2027-05-13"
    person_url = reverse("netkort:person-edit", kwargs={"ws": workspace.uid, "pk": anne.pk})
    page = client.get(person_url).content.decode()
    assert date_box(page, "first_met") == "2015-05-14"
    # What the browser sends back unchanged is the ISO date: it is kept.
    client.post(goal_url, {"title": "Nyt job", "kind": goal.kind, "deadline": "2027-05-13"})
    assert Goal.objects.get(pk=goal.pk).deadline == date(2027, 5, 13)


def test_may_is_maj_in_danish_dates_and_the_sharing_column_is_ma() -> None:
    with translation.override("da"):
        assert date_format(date(2027, 5, 13), "DATE_FORMAT") == "13. maj 2027"
        assert translation.pgettext("what a person is allowed to do", "May") == "Må"
    with translation.override("en"):
        assert date_format(date(2027, 5, 13), "DATE_FORMAT") == "13 May 2027"


SAMPLE = {"count": 2, "days": 10, "years": 3, "score": 50, "given": 1, "received": 2}


@pytest.mark.parametrize("code", sorted(explain.TEXTS))
def test_every_reason_is_said_in_danish(code: str) -> None:
    values = {**SAMPLE, "organisation": "Ørsted", "name": "Anne", "term": "UX", "closeness": 1}
    reason = Reason(code, values)
    with translation.override("en"):
        english = explain.say(reason)
    with translation.override("da"):
        danish = explain.say(reason)
    assert danish and danish != english, (code, danish)


def test_a_count_chooses_the_danish_form() -> None:
    with translation.override("da"):
        assert explain.say(Reason("bridge", {"count": 1})) == (
            "Eneste forbindelse til 1 person i dit netværk"
        )
        assert explain.say(Reason("bridge", {"count": 3})) == (
            "Eneste forbindelse til 3 personer i dit netværk"
        )
