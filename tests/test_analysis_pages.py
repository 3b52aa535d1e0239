"""The Analysis, Plan and report pages: what the owner sees and does, and who may not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from clients import client_for
from netkort.services import plan
from netkort.services.demo import load_demo
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Assessment, Goal, Profile, Workspace, WorkspaceGrant


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Reasons are checked in English; the Danish catalogue will have them too."""
    with translation.override("en"):
        yield


def url(workspace: Workspace, name: str) -> str:
    return reverse(f"netkort:{name}", kwargs={"ws": workspace.uid})


@pytest.fixture
def demo(workspace: Workspace) -> Goal:
    load_demo(workspace, size=80)
    goal = Goal.objects.get(workspace=workspace, is_active=True)
    return goal


def test_the_owner_sees_every_measure_with_tables_and_help(
    alice: User, workspace: Workspace, demo: Goal
) -> None:
    page = client_for(alice).get(url(workspace, "analysis"))
    assert page.status_code == 200
    html = page.content.decode()
    for heading in ("Size and composition", "How varied your network is",
                    "Brokers and super-connectors", "Dormant ties worth reviving"):  # fmt: skip
        assert heading in html
    assert "<caption>Rings of closeness</caption>" in html
    assert "80 persons in your network" in html
    assert "Burt 2004" in html and "Dunbar" in html
    assert 'aria-current="page"' in html and ">Analysis</a>" in html


def test_the_plan_ranks_people_for_the_active_goal_with_parts_and_reasons(
    alice: User, workspace: Workspace, demo: Goal
) -> None:
    html = client_for(alice).get(url(workspace, "plan")).content.decode()
    assert demo.title in html
    for part in ("Relevance", "Access", "Novelty", "Willingness", "Dormant tie"):
        assert f'<th scope="col">{part}</th>' in html
    first = plan.plan_for(workspace, demo, top=1).rows[0]
    assert first.display_name in html
    assert first.reasons[0] in html
    assert "Start outreach" in html


def test_without_an_active_goal_the_plan_says_how_to_set_one(
    alice: User, workspace: Workspace
) -> None:
    html = client_for(alice).get(url(workspace, "plan")).content.decode()
    assert "Set a goal first" in html
    assert url(workspace, "goals") in html


def test_pin_hide_and_score_change_the_list(alice: User, workspace: Workspace, demo: Goal) -> None:
    client = client_for(alice)
    rows = plan.plan_for(workspace, demo, top=10).rows
    last, first = rows[-1], rows[0]
    post = {"goal": demo.pk}
    client.post(url(workspace, "plan-mark"), {**post, "person": last.person_id, "action": "pin"})
    client.post(url(workspace, "plan-mark"), {**post, "person": first.person_id, "action": "hide"})
    workspace.refresh_from_db()
    after = plan.plan_for(workspace, demo, top=10)
    assert after.rows[0].person_id == last.person_id and after.rows[0].pinned
    assert first.person_id not in [r.person_id for r in after.rows]
    assert [p.id for p in after.hidden] == [first.person_id]
    html = client.get(url(workspace, "plan")).content.decode()
    assert "Hidden from this list" in html and "Show again" in html

    response = client.post(
        url(workspace, "plan-score"), {**post, "person": rows[5].person_id, "score": "97"}
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(goal=demo, person_id=rows[5].person_id)
    assert assessment.priority_override == 97
    workspace.refresh_from_db()
    again = plan.plan_for(workspace, demo, top=3).rows
    assert again[1].person_id == rows[5].person_id and again[1].overridden


def test_a_score_outside_0_to_100_is_refused_with_a_message(
    alice: User, workspace: Workspace, demo: Goal
) -> None:
    person = plan.plan_for(workspace, demo, top=1).rows[0].person_id
    response = client_for(alice).post(
        url(workspace, "plan-score"), {"goal": demo.pk, "person": person, "score": "400"},
        follow=True,
    )  # fmt: skip
    assert "A score is a number from 0 to 100." in response.content.decode()
    assert not Assessment.objects.filter(person_id=person, priority_override=400).exists()


def test_the_report_has_the_measures_the_top_of_the_list_and_a_print_stylesheet(
    alice: User, workspace: Workspace, demo: Goal
) -> None:
    html = client_for(alice).get(url(workspace, "report")).content.decode()
    assert "Network report" in html and "The top of the action list" in html
    assert "netkort/analysis.css" in html
    css = (
        __import__("pathlib").Path(__file__).parents[1]
        / "src/netkort/web/static/netkort/analysis.css"
    ).read_text()
    assert "@media print" in css


def test_the_report_is_in_danish_for_a_danish_reader(
    alice: User, workspace: Workspace, demo: Goal
) -> None:
    client = Client(headers={"Accept-Language": "da"})
    client.force_login(alice)
    html = client.get(url(workspace, "report")).content.decode()
    assert '<html lang="da">' in html


def test_an_all_it_network_gets_the_diversity_advice_on_the_page(
    alice: User, workspace: Workspace
) -> None:
    Profile.objects.filter(workspace=workspace).update(industry="IT")
    for n in range(8):
        add_person(workspace, PersonFields(display_name=f"Dev {n}", industry="IT"))
    add_person(workspace, PersonFields(display_name="Nurse", industry="Health care"))
    html = client_for(alice).get(url(workspace, "analysis")).content.decode()
    assert "8 of 9 people in your network work in IT" in html
    assert "cross-industry network group" in html


def pages(workspace: Workspace) -> list[str]:
    return [url(workspace, n) for n in ("analysis", "report", "plan", "plan-mark", "plan-score")]


def test_a_stranger_gets_404_on_every_page(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace, demo: Goal
) -> None:
    client = client_for(charlie)
    person = plan.plan_for(workspace, demo, top=1).rows[0].person_id
    for address in pages(workspace):
        assert client.get(address).status_code == 404, address
        data = {"goal": demo.pk, "person": person, "action": "hide", "score": "1"}
        assert client.post(address, data).status_code == 404, address
    workspace.refresh_from_db()
    assert "plan" not in workspace.settings
    assert not Assessment.objects.filter(goal=demo).exists()


def test_a_coach_with_read_access_sees_but_cannot_change(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, demo: Goal
) -> None:
    client = client_for(bob)
    for name in ("analysis", "report", "plan"):
        assert client.get(url(workspace, name)).status_code == 200, name
    person = plan.plan_for(workspace, demo, top=1).rows[0].person_id
    data = {"goal": demo.pk, "person": person, "action": "pin", "score": "50"}
    assert client.post(url(workspace, "plan-mark"), data).status_code == 404
    assert client.post(url(workspace, "plan-score"), data).status_code == 404
    workspace.refresh_from_db()
    assert "plan" not in workspace.settings
    assert not Assessment.objects.filter(goal=demo, priority_override__isnull=False).exists()


def test_a_person_or_goal_of_another_workspace_is_404(
    alice: User, workspace: Workspace, charlies_workspace: Workspace, demo: Goal
) -> None:
    other = add_person(charlies_workspace, PersonFields(display_name="Not yours"))
    client = client_for(alice)
    response = client.post(
        url(workspace, "plan-mark"), {"goal": demo.pk, "person": other.pk, "action": "pin"}
    )
    assert response.status_code == 404
    assert client.get(url(workspace, "plan") + "?goal=999999").status_code == 404


def test_the_analysis_page_finds_paths_into_an_organisation(
    alice: User, workspace: Workspace, demo: Goal
) -> None:
    target = demo.target_organisations.first()
    assert target is not None
    client = client_for(alice)
    html = client.get(url(workspace, "analysis"), {"to": target.name}).content.decode()
    assert f"Paths to {target.name}, strongest first" in html
    insiders = target.persons.all()
    assert any(p.display_name in html for p in insiders)
    missing = client.get(url(workspace, "analysis"), {"to": "Nowhere Inc"}).content.decode()
    assert "No organisation in your network is called “Nowhere Inc”" in missing


def test_a_persons_page_shows_the_estimated_tie_strength_ring_and_reasons(
    alice: User, workspace: Workspace
) -> None:
    person = add_person(workspace, PersonFields(display_name="Mette Ørsted", closeness=2))
    page = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": person.pk})
    html = client_for(alice).get(page).content.decode()
    assert "Tie strength" in html
    assert "Estimated strength 0.80 of 1" in html and "ring 2" in html
    assert "You set the closeness: 2 · close" in html


def test_the_report_downloads_as_a_pdf_rendered_offline(
    alice: User, workspace: Workspace, demo: Goal
) -> None:
    client = client_for(alice)
    assert url(workspace, "report-pdf") in client.get(url(workspace, "report")).content.decode()
    response = client.get(url(workspace, "report-pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5_000


def test_a_stranger_gets_404_for_the_pdf(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace
) -> None:
    assert client_for(charlie).get(url(workspace, "report-pdf")).status_code == 404
