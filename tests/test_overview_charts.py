"""The overview's charts: right numbers, an SVG for the eye and a table for screen readers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation
from lxml import etree

from netkort.services.charts import charts_of
from netkort.services.people import PersonFields, add_person, find_context
from netkort.store.models import Assessment, Favour, Goal, Person, Workspace
from netkort.web import svg


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def network(workspace: Workspace) -> Workspace:
    friends = find_context(workspace, "friends")
    family = find_context(workspace, "family")
    people = [
        ("Anne", "Nordlys", 1, [friends.pk, family.pk], date(2019, 5, 1), None),
        ("Bo", "Nordlys", 2, [friends.pk], date(2021, 1, 1), date(2018, 3, 3)),
        ("Cai", "Havn A/S", None, [], None, date(2021, 6, 1)),
        ("Dan", "", 1, [family.pk], None, None),
    ]
    for name, org, closeness, contexts, first_met, _connected in people:
        add_person(
            workspace,
            PersonFields(
                display_name=name,
                organisation=org or None,
                closeness=closeness,
                context_ids=contexts,
                first_met=first_met,
                industry="Energy" if org == "Nordlys" else None,
            ),
        )
    for name, _o, _c, _x, _f, connected in people:
        Person.objects.filter(workspace=workspace, display_name=name).update(connected_on=connected)
    return workspace


def test_it_counts_contexts_rings_organisations_industries(network: Workspace) -> None:
    charts = charts_of(network)
    contexts = dict(charts.by_context)
    assert contexts["Friends"] == 2 and contexts["Family"] == 2 and contexts["No context"] == 1
    rings = dict(charts.by_ring)
    assert rings["1 · inner circle"] == 2 and rings["2 · close"] == 1
    assert rings["Unknown closeness"] == 1
    assert charts.top_organisations == [("Nordlys", 2), ("Havn A/S", 1)]
    assert charts.top_industries == [("Energy", 2)]


def test_growth_counts_each_person_in_the_year_first_met_or_connected(network: Workspace) -> None:
    growth = charts_of(network).growth
    assert [(g.year, g.added, g.total) for g in growth] == [
        (2018, 1, 1),  # Bo: connected before they met
        (2019, 1, 2),
        (2020, 0, 2),
        (2021, 1, 3),
    ]


def test_the_pipeline_and_favours_follow_the_active_goal_and_the_log(network: Workspace) -> None:
    assert charts_of(network).pipeline == [] and charts_of(network).goal is None
    goal = Goal.objects.create(workspace=network, kind="job", title="New job", is_active=True)
    anne, bo = Person.objects.filter(workspace=network).order_by("display_name")[:2]
    Assessment.objects.create(workspace=network, person=anne, goal=goal, status="met")
    Assessment.objects.create(workspace=network, person=bo, goal=goal, status="met")
    Favour.objects.create(
        workspace=network, person=anne, direction="given", kind="advice", on=date(2024, 1, 1)
    )
    Favour.objects.create(
        workspace=network, person=bo, direction="received", kind="advice", on=date(2024, 2, 1)
    )
    Favour.objects.create(
        workspace=network, person=bo, direction="given", kind="advice", on=date(2024, 3, 1)
    )
    charts = charts_of(network)
    assert dict(charts.pipeline)["Met"] == 2 and dict(charts.pipeline)["Not contacted"] == 0
    assert ("Advice", 2, 1) in charts.favours and charts.has_favours


def test_the_overview_shows_each_chart_with_a_table(alice: User, network: Workspace) -> None:
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(alice)
    html = client.get(reverse("netkort:home", kwargs={"ws": network.uid})).content.decode()
    tree = etree.HTML(html)
    figures = tree.xpath("//section[@class='charts']//figure")
    captions = ["".join(f.xpath("./figcaption//strong//text()")) for f in figures]
    assert captions[:5] == [
        "Persons per context",
        "Persons per closeness ring",
        "Top organisations",
        "Top industries",
        "How your network grew",
    ]
    for figure in figures:
        assert figure.xpath("./svg[@aria-hidden='true']"), figure
        assert figure.xpath(".//table/tbody/tr"), figure
    rows = tree.xpath("//figure[@aria-labelledby='chart-organisations']//tbody/tr")
    assert ["".join(r.itertext()) for r in rows] == ["Nordlys2", "Havn A/S1"]
    assert "netkort/charts.css" in html and ' style="' not in html


def test_bars_escape_labels_and_scale_to_the_largest_value() -> None:
    picture = svg.bars(["<b>&", "small"], [[10], [5]], [svg.Series("", "s1")])
    root = etree.fromstring(str(picture).encode())
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<b>&" in texts
    widths = [float(r.get("width")) for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert root.get("style") is None and "style=" not in str(picture)


def test_columns_draw_one_column_per_year() -> None:
    picture = svg.columns(["2020", "2021", "2022"], [1, 0, 4], svg.Series("", "s1"))
    root = etree.fromstring(str(picture).encode())
    heights = [float(r.get("height")) for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert len(heights) == 3 and heights[1] == 0 and heights[2] == pytest.approx(4 * heights[0])
