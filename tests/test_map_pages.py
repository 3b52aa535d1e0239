"""The map page, its data endpoint, the side panel and the SVG download: who may see them."""

from __future__ import annotations

import gzip
import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from lxml import etree

from clients import client_for
from netkort.services import demo
from netkort.store.models import Assessment, Goal, Person, Workspace, WorkspaceGrant

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def person(workspace: Workspace) -> Person:
    demo.load_demo(workspace, size=40)
    return Person.objects.filter(workspace=workspace).order_by("id").first()  # type: ignore[return-value]


def urls(workspace: Workspace, person: Person) -> dict[str, str]:
    ws = workspace.uid
    return {
        "page": reverse("netkort:map", kwargs={"ws": ws}),
        "data": reverse("netkort:map-data", kwargs={"ws": ws}),
        "panel": reverse("netkort:map-person", kwargs={"ws": ws, "pk": person.pk}),
        "svg": reverse("netkort:map-svg", kwargs={"ws": ws}),
        "priority": reverse("netkort:map-sizes", kwargs={"ws": ws, "key": "priority"}),
    }


def test_the_owner_gets_the_page_the_data_the_panel_and_the_drawing(
    alice: User, workspace: Workspace, person: Person
) -> None:
    client = client_for(alice)
    for name, url in urls(workspace, person).items():
        assert client.get(url).status_code == 200, name


def test_a_stranger_gets_404_everywhere(
    charlie: User, charlies_workspace: Workspace, workspace: Workspace, person: Person
) -> None:
    client = client_for(charlie)
    for name, url in urls(workspace, person).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {}).status_code == 404, name


def test_a_person_of_another_workspace_is_not_found_under_ones_own(
    charlie: User, charlies_workspace: Workspace, person: Person
) -> None:
    url = reverse("netkort:map-person", kwargs={"ws": charlies_workspace.uid, "pk": person.pk})
    assert client_for(charlie).get(url).status_code == 404


def test_a_coach_with_read_access_sees_the_map_but_cannot_post(
    bob: User, workspace: Workspace, grant: WorkspaceGrant, person: Person
) -> None:
    client = client_for(bob)
    for name, url in urls(workspace, person).items():
        assert client.get(url).status_code == 200, name
        assert client.post(url, {}).status_code == 404, name


def test_the_owner_cannot_post_to_these_read_only_addresses(
    alice: User, workspace: Workspace, person: Person
) -> None:
    client = client_for(alice)
    for name, url in urls(workspace, person).items():
        assert client.post(url, {}).status_code == 405, name


def test_the_page_links_its_data_script_and_styles_without_inline_code(
    alice: User, workspace: Workspace, person: Person
) -> None:
    client = client_for(alice)
    html = client.get(urls(workspace, person)["page"]).content.decode()
    assert f'data-src="{urls(workspace, person)["data"]}"' in html
    assert "vendor/netkort-map.js" in html and "netkort/map.css" in html
    assert 'aria-current="page">Map</a>' in html
    assert ' style="' not in html and "onclick" not in html
    tree = etree.HTML(html)
    scripts = tree.xpath("//script[not(@src)]")
    assert [s.get("type") for s in scripts] == ["application/json"]
    strings = json.loads(scripts[0].text)
    assert strings["all"] == "All"
    options = tree.xpath("//select[@id='map-colour']/option/@value")
    assert options[:5] == ["role", "context", "organisation", "industry", "status"]


def test_the_data_endpoint_answers_compact_json_that_is_not_cached(
    alice: User, workspace: Workspace, person: Person
) -> None:
    response = client_for(alice).get(urls(workspace, person)["data"])
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert b", " not in response.content[:200]
    data = json.loads(response.content)
    assert data["n"] == 40 and person.pk in data["id"]


def test_the_data_is_compressed_for_a_browser_that_accepts_gzip(
    alice: User, workspace: Workspace, person: Person
) -> None:
    url = urls(workspace, person)["data"]
    plain = client_for(alice).get(url)
    packed = client_for(alice).get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 2
    assert json.loads(gzip.decompress(packed.content)) == json.loads(plain.content)
    assert not plain.has_header("Content-Encoding")


def test_the_panel_tells_roles_status_next_step_and_links_the_page(
    alice: User, workspace: Workspace, person: Person
) -> None:
    goal = Goal.objects.get(workspace=workspace, is_active=True)
    Assessment.objects.create(
        workspace=workspace,
        person=person,
        goal=goal,
        is_intermediary=True,
        status="meeting_booked",
        next_step="Ask about the team",
    )
    html = client_for(alice).get(urls(workspace, person)["panel"]).content.decode()
    assert person.display_name in html
    assert "Intermediary" in html and "Meeting booked" in html and "Ask about the team" in html
    assert reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": person.pk}) in html
    assert "<html" not in html  # a fragment for the side panel


def test_the_svg_download_draws_every_person_once_with_a_legend(
    alice: User, workspace: Workspace, person: Person
) -> None:
    url = urls(workspace, person)["svg"]
    response = client_for(alice).get(url, {"colour": "role", "view": "mind", "labels": "1"})
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "mind.svg" in response["Content-Disposition"]
    root = etree.fromstring(response.content)
    persons = root.findall(f".//{SVG}g[@class='persons']/{SVG}circle")
    assert len(persons) == 40
    titles = {c.findtext(f"{SVG}title") for c in persons}
    assert person.display_name in titles
    legend = "".join(root.find(f".//{SVG}g[@class='legend']").itertext())  # type: ignore[union-attr]
    assert "Role for the goal" in legend and "No role (40)" in legend
    names = root.findall(f".//{SVG}g[@class='names']/{SVG}text")
    assert len(names) == 40


def test_the_svg_download_falls_back_to_context_colours_and_rings(
    alice: User, workspace: Workspace, person: Person
) -> None:
    url = urls(workspace, person)["svg"]
    response = client_for(alice).get(url, {"colour": "nonsense", "view": "other"})
    root = etree.fromstring(response.content)
    legend = "".join(root.find(f".//{SVG}g[@class='legend']").itertext())  # type: ignore[union-attr]
    assert legend.startswith("Context")
    assert "rings.svg" in response["Content-Disposition"]
    assert root.findall(f".//{SVG}g[@class='names']") == []
    rings = root.findall(f".//{SVG}g[@class='guides']/{SVG}circle")
    assert len(rings) == 6


def test_the_navigation_offers_the_map_after_people(alice: User, workspace: Workspace) -> None:
    html = client_for(alice).get(reverse("netkort:home", kwargs={"ws": workspace.uid})).content
    text = html.decode()
    people = text.index(reverse("netkort:people", kwargs={"ws": workspace.uid}) + '"')
    assert text.index(reverse("netkort:map", kwargs={"ws": workspace.uid}) + '"') > people


def test_the_page_offers_priority_sizes_fetched_from_their_own_address(
    alice: User, workspace: Workspace, person: Person
) -> None:
    client = client_for(alice)
    page = etree.HTML(client.get(urls(workspace, person)["page"]).content.decode())
    options = page.xpath("//select[@id='map-size']/option")
    assert [o.get("value") for o in options] == ["ties", "equal", "priority"]
    assert options[-1].get("data-src") == urls(workspace, person)["priority"]
    assert options[-1].text == "Priority for the goal"
    sizes = json.loads(client.get(urls(workspace, person)["priority"]).content)
    data = json.loads(client.get(urls(workspace, person)["data"]).content)
    assert sizes["n"] == data["n"] == len(sizes["of"]) and sizes["idSum"] == sum(data["id"])
    assert "priority" not in data["sizes"]


def test_without_an_active_goal_there_is_no_priority_to_size_by(
    alice: User, workspace: Workspace, person: Person
) -> None:
    active = Goal.objects.get(workspace=workspace, is_active=True)
    Goal.objects.filter(workspace=workspace).update(is_active=False)
    client = client_for(alice)
    page = etree.HTML(client.get(urls(workspace, person)["page"]).content.decode())
    assert page.xpath("//select[@id='map-size']/option/@value") == ["ties", "equal"]
    assert client.get(urls(workspace, person)["priority"]).status_code == 404
    unknown = reverse("netkort:map-sizes", kwargs={"ws": workspace.uid, "key": "nonsense"})
    Goal.objects.filter(pk=active.pk).update(is_active=True)
    assert client.get(unknown).status_code == 404
