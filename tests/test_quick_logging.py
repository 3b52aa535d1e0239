"""Logging a contact from the plan's rows and the map's side panel (issue 8)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from clients import client_for
from netkort.store.models import Interaction, Person, Workspace, WorkspaceGrant
from outreach_helpers import goal, person

pytestmark = pytest.mark.django_db


def page(workspace: Workspace, name: str) -> str:
    return reverse(f"netkort:{name}", kwargs={"ws": workspace.uid})


def log_url(workspace: Workspace, who: Person) -> str:
    return reverse("netkort:contact-log", kwargs={"ws": workspace.uid, "pk": who.pk})


def panel_url(workspace: Workspace, who: Person) -> str:
    return reverse("netkort:map-person", kwargs={"ws": workspace.uid, "pk": who.pk})


@pytest.fixture
def anna(workspace: Workspace) -> Person:
    goal(workspace)
    return person(workspace, "Anna Berg")


def contact(on: date, **extra: str) -> dict[str, str]:
    return {
        "contact-channel": "phone",
        "contact-on": on.isoformat(),
        "contact-direction": "in",
        "contact-note": "Talked about the wind farm",
        **extra,
    }


def test_each_plan_row_has_the_compact_form_defaulting_to_today(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    html = client_for(alice).get(page(workspace, "plan")).content.decode()
    assert f'hx-post="{log_url(workspace, anna)}"' in html
    assert "Log a contact with Anna Berg" in html
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert f'name="next" value="{page(workspace, "plan")}"' in html


def test_logging_from_the_plan_without_javascript_goes_back_to_the_plan(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    day = timezone.localdate() - timedelta(days=2)
    response = client_for(alice).post(
        log_url(workspace, anna), contact(day, next=page(workspace, "plan"))
    )
    assert response.status_code == 302
    assert response["Location"] == page(workspace, "plan")
    interaction = Interaction.objects.get(workspace=workspace, persons=anna)
    assert (interaction.channel, interaction.direction) == ("phone", "in")
    assert interaction.summary == "Talked about the wind farm"
    anna.refresh_from_db()
    assert anna.last_contact_at is not None
    assert timezone.localdate(anna.last_contact_at) == day


def test_logging_with_htmx_swaps_in_a_confirmation(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    response = client_for(alice).post(
        log_url(workspace, anna), contact(timezone.localdate()), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="quick-log-{anna.pk}"' in html
    assert "Contact with Anna Berg logged." in html
    assert "hx-swap-oob" not in html  # the plan has no panel to update
    assert "<html" not in html
    anna.refresh_from_db()
    assert anna.interaction_count == 1
    assert timezone.localdate(anna.last_contact_at) == timezone.localdate()


def test_a_refused_contact_comes_back_as_the_form_with_the_reason(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    future = timezone.localdate() + timedelta(days=3)
    response = client_for(alice).post(
        log_url(workspace, anna), contact(future), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "cannot lie in the future" in html
    assert 'role="alert"' in html
    assert "Talked about the wind farm" in html  # what was typed is kept
    assert not Interaction.objects.filter(workspace=workspace).exists()


def test_the_map_panel_logs_and_updates_its_last_contact(
    alice: User, workspace: Workspace, anna: Person
) -> None:
    client = client_for(alice)
    html = client.get(panel_url(workspace, anna), headers={"HX-Request": "true"}).content.decode()
    assert f'hx-post="{log_url(workspace, anna)}"' in html
    assert f'name="next" value="{page(workspace, "map")}"' in html
    assert 'id="map-panel-last-contact"' in html

    day = timezone.localdate() - timedelta(days=1)
    answer = client.post(
        log_url(workspace, anna),
        contact(day, panel="1", next=page(workspace, "map")),
        headers={"HX-Request": "true"},
    ).content.decode()
    assert '<dd id="map-panel-last-contact" hx-swap-oob="true">' in answer
    anna.refresh_from_db()
    assert timezone.localdate(anna.last_contact_at) == day

    plain = client.post(
        log_url(workspace, anna), contact(day, panel="1", next=page(workspace, "map"))
    )
    assert plain["Location"] == page(workspace, "map")
    assert Interaction.objects.filter(workspace=workspace, persons=anna).count() == 2


def test_a_redirect_elsewhere_is_refused(alice: User, workspace: Workspace, anna: Person) -> None:
    response = client_for(alice).post(
        log_url(workspace, anna), contact(timezone.localdate(), next="https://evil.example/")
    )
    assert response["Location"] == reverse(
        "netkort:person", kwargs={"ws": workspace.uid, "pk": anna.pk}
    )


def test_a_stranger_gets_404_and_logs_nothing(
    charlie: User, workspace: Workspace, anna: Person
) -> None:
    client = client_for(charlie)
    assert client.get(page(workspace, "plan")).status_code == 404
    assert client.get(panel_url(workspace, anna)).status_code == 404
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(log_url(workspace, anna), contact(date.today()), headers=headers)
        assert response.status_code == 404
    assert not Interaction.objects.filter(workspace=workspace).exists()


def test_a_reading_coach_sees_no_form_and_cannot_log(
    bob: User, workspace: Workspace, anna: Person, grant: WorkspaceGrant
) -> None:
    client = client_for(bob)
    plan = client.get(page(workspace, "plan"))
    assert plan.status_code == 200
    assert "Anna Berg" in plan.content.decode()
    assert "quick-log" not in plan.content.decode()
    panel = client.get(panel_url(workspace, anna), headers={"HX-Request": "true"})
    assert panel.status_code == 200
    assert "Anna Berg" in panel.content.decode()
    assert "quick-log" not in panel.content.decode()
    for headers in ({}, {"HX-Request": "true"}):
        response = client.post(log_url(workspace, anna), contact(date.today()), headers=headers)
        assert response.status_code == 404
    assert not Interaction.objects.filter(workspace=workspace).exists()
    anna.refresh_from_db()
    assert anna.last_contact_at is None
