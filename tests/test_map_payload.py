"""The map endpoint's payload: compact columns that describe every person exactly once."""

from __future__ import annotations

import json
from collections.abc import Iterator

import numpy as np
import pytest
from django.utils import translation

from netkort.services import demo
from netkort.services import map as network_map
from netkort.services.errors import NotFound
from netkort.services.people import PersonFields, add_person, find_context
from netkort.store.models import (
    Assessment,
    Context,
    Goal,
    GoalOrganisation,
    Person,
    PersonTag,
    Tie,
    Workspace,
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def demo_workspace(workspace: Workspace) -> Workspace:
    demo.load_demo(workspace, size=120)
    return workspace


def index_of(data: dict, person: Person) -> int:
    return data["id"].index(person.pk)


def test_every_column_has_one_entry_per_person(demo_workspace: Workspace) -> None:
    data = network_map.payload(network_map.snapshot(demo_workspace))
    n = Person.objects.filter(workspace=demo_workspace).count()
    assert data["n"] == n == 120
    columns = [data["id"], data["label"], data["deg"], data["sector"]]
    columns += [v["x"] for v in data["views"].values()] + [v["y"] for v in data["views"].values()]
    columns += [c["of"] for c in data["colours"].values()]
    columns += [s["of"] for s in data["sizes"].values()]
    columns += [f["of"] for f in data["filters"]]
    assert all(len(column) == n for column in columns)
    assert all(isinstance(v, int) for v in data["views"]["rings"]["x"])


def test_ties_are_index_pairs_and_tie_counts_follow_them(demo_workspace: Workspace) -> None:
    data = network_map.payload(network_map.snapshot(demo_workspace))
    ties = Tie.objects.filter(workspace=demo_workspace)
    assert len(data["ties"]) == 2 * ties.count() > 0
    tie = ties.first()
    assert tie is not None
    pairs = set(zip(data["ties"][::2], data["ties"][1::2], strict=True))
    assert (data["id"].index(tie.a_id), data["id"].index(tie.b_id)) in pairs
    person = Person.objects.get(pk=tie.a_id)
    expected = Tie.objects.filter(workspace=demo_workspace, a=person).count()
    expected += Tie.objects.filter(workspace=demo_workspace, b=person).count()
    assert data["deg"][index_of(data, person)] == expected


def test_it_colours_by_the_roles_for_the_active_goal(demo_workspace: Workspace) -> None:
    goal = Goal.objects.get(workspace=demo_workspace, is_active=True)
    a, b, c = Person.objects.filter(workspace=demo_workspace).order_by("id")[:3]
    Assessment.objects.create(
        workspace=demo_workspace, person=a, goal=goal, is_information=True, status="contacted"
    )
    Assessment.objects.create(
        workspace=demo_workspace, person=b, goal=goal, is_direct_access=True, is_intermediary=True
    )
    data = network_map.payload(network_map.snapshot(demo_workspace))
    role = data["colours"]["role"]
    names = [entry[0] for entry in role["legend"]]
    assert names[role["of"][index_of(data, a)]] == "Information"
    assert names[role["of"][index_of(data, b)]] == "Several roles"
    assert names[role["of"][index_of(data, c)]] == "No role"
    status = data["colours"]["status"]
    assert status["legend"][status["of"][index_of(data, a)]][0] == "Contacted"
    roles = next(f for f in data["filters"] if f["key"] == "role")
    assert roles["of"][index_of(data, b)] == [1, 2]


def test_the_legend_names_contexts_and_gives_each_a_colour(demo_workspace: Workspace) -> None:
    data = network_map.payload(network_map.snapshot(demo_workspace))
    context = data["colours"]["context"]
    friends = find_context(demo_workspace, "friends")
    labels = [entry[0] for entry in context["legend"]]
    assert "Friends" in labels and labels[-1] == "No context"
    person = Person.objects.filter(workspace=demo_workspace, primary_context=friends).first()
    assert person is not None
    assert labels[context["of"][index_of(data, person)]] == "Friends"
    colours = [entry[1] for entry in context["legend"]]
    assert len(set(colours[:-1])) == len(colours) - 1
    sector_labels = [s["label"] for s in data["sectors"]]
    assert sector_labels[data["sector"][index_of(data, person)]] == "Friends"


def test_organisations_beyond_the_top_ten_share_other(workspace: Workspace) -> None:
    for n in range(13):
        for k in range(13 - n):
            add_person(workspace, PersonFields(display_name=f"P{n} {k}", organisation=f"Org {n}"))
    add_person(workspace, PersonFields(display_name="Alone"))
    data = network_map.payload(network_map.snapshot(workspace))
    orgs = data["colours"]["organisation"]
    labels = [entry[0] for entry in orgs["legend"]]
    assert labels[0] == "Org 0" and labels[9] == "Org 9"
    assert labels[10:] == ["Other", "No organisation"]
    assert orgs["of"].count(10) == 3 + 2 + 1  # Org 10, 11 and 12
    # The filter offers every organisation by name, not only the ten with colours.
    organisation = next(f for f in data["filters"] if f["key"] == "organisation")
    assert organisation["options"][:3] == ["Org 0", "Org 1", "Org 10"]
    assert organisation["options"][-1] == "No organisation" and len(organisation["options"]) == 14
    alone = Person.objects.get(workspace=workspace, display_name="Alone")
    assert organisation["of"][index_of(data, alone)] == 13
    last = Person.objects.get(workspace=workspace, display_name="P12 0")
    assert organisation["options"][organisation["of"][index_of(data, last)]] == "Org 12"


def test_filters_offer_contexts_closeness_and_tags(workspace: Workspace) -> None:
    friends = find_context(workspace, "friends")
    family = find_context(workspace, "family")
    anne = add_person(
        workspace,
        PersonFields(display_name="Anne", context_ids=[friends.pk, family.pk], tags=["golf"]),
    )
    add_person(workspace, PersonFields(display_name="Bo", closeness=2))
    data = network_map.payload(network_map.snapshot(workspace))
    filters = {f["key"]: f for f in data["filters"]}
    i = index_of(data, anne)
    contexts = filters["context"]
    assert sorted(contexts["options"][k] for k in contexts["of"][i]) == ["Family", "Friends"]
    assert filters["tag"]["options"] == ["golf"] and filters["tag"]["of"][i] == [0]
    closeness = filters["closeness"]
    assert closeness["options"][closeness["of"][i]] == "Unknown closeness"
    bo = Person.objects.get(workspace=workspace, display_name="Bo")
    assert closeness["options"][closeness["of"][index_of(data, bo)]].startswith("2")


def test_size_modes_are_a_registry_another_feature_can_extend(demo_workspace: Workspace) -> None:
    network_map.register_size_mode(
        network_map.SizeMode("test-id", "By id", lambda snap: snap.ids.astype(float))
    )
    try:
        data = network_map.payload(network_map.snapshot(demo_workspace))
    finally:
        del network_map.SIZE_MODES["test-id"]
    sizes = data["sizes"]["test-id"]["of"]
    low, high = network_map.SIZE_RANGE
    assert sizes[0] == low and sizes[-1] == high  # ids ascend, so do the sizes
    assert set(data["sizes"]["equal"]["of"]) == {round((low + high) / 3, 1)}
    assert {"ties", "equal"} <= set(data["sizes"])


def test_big_maps_get_smaller_nodes() -> None:
    low, high = network_map.SIZE_RANGE
    small = network_map.node_sizes(np.arange(100, dtype=float))
    big = network_map.node_sizes(np.arange(30_000, dtype=float))
    assert small.min() == low and small.max() == high
    assert big.max() == pytest.approx(0.4 * high) and big.min() == pytest.approx(0.4 * low)


def test_it_holds_only_this_workspaces_persons(
    demo_workspace: Workspace, charlies_workspace: Workspace
) -> None:
    add_person(charlies_workspace, PersonFields(display_name="Charlie's secret friend"))
    data = network_map.payload(network_map.snapshot(demo_workspace))
    assert "Charlie's secret friend" not in data["label"]
    theirs = network_map.payload(network_map.snapshot(charlies_workspace))
    assert theirs["label"] == ["Charlie's secret friend"] and theirs["ties"] == []


def test_an_empty_network_gives_an_empty_map(workspace: Workspace) -> None:
    data = network_map.payload(network_map.snapshot(workspace))
    assert data["n"] == 0 and data["id"] == [] and data["sectors"] == []
    assert json.loads(json.dumps(data)) == data


def test_a_tag_of_a_person_is_listed_once(demo_workspace: Workspace) -> None:
    link = PersonTag.objects.filter(workspace=demo_workspace).select_related("tag").first()
    assert link is not None
    data = network_map.payload(network_map.snapshot(demo_workspace))
    tags = next(f for f in data["filters"] if f["key"] == "tag")
    mine = tags["of"][data["id"].index(link.person_id)]
    assert [tags["options"][k] for k in mine].count(link.tag.name) == 1


def test_the_map_is_compact(demo_workspace: Workspace) -> None:
    body = json.dumps(
        network_map.payload(network_map.snapshot(demo_workspace)), separators=(",", ":")
    )
    # 120 persons: well under a kilobyte and a half each, all modes included.
    assert len(body) < 120 * 400
    assert Context.objects.filter(workspace=demo_workspace).count() > 0


def goal_at(workspace: Workspace, organisation_name: str) -> Goal:
    target = Person.objects.get(workspace=workspace, organisation__name=organisation_name)
    goal = Goal.objects.create(workspace=workspace, kind="job", title="Move", is_active=True)
    GoalOrganisation.objects.create(
        workspace=workspace, goal=goal, organisation=target.organisation
    )
    return goal


def test_priority_sizes_make_the_one_person_at_the_target_the_largest(
    workspace: Workspace,
) -> None:
    for k in range(6):
        add_person(workspace, PersonFields(display_name=f"Other {k}", organisation=f"Org {k}"))
    add_person(workspace, PersonFields(display_name="Inside", organisation="Target Co"))
    add_person(workspace, PersonFields(display_name="Nowhere"))
    goal_at(workspace, "Target Co")
    data = network_map.payload(network_map.snapshot(workspace))
    sizes = network_map.goal_sizes(workspace, "priority")
    assert sizes["n"] == data["n"] == 8 and sizes["idSum"] == sum(data["id"])
    inside = index_of(data, Person.objects.get(workspace=workspace, display_name="Inside"))
    assert sizes["of"][inside] == network_map.SIZE_RANGE[1]
    assert max(s for i, s in enumerate(sizes["of"]) if i != inside) < sizes["of"][inside]


def test_the_users_own_score_replaces_the_computed_priority(workspace: Workspace) -> None:
    add_person(workspace, PersonFields(display_name="Inside", organisation="Target Co"))
    add_person(workspace, PersonFields(display_name="Outside", organisation="Elsewhere"))
    goal = goal_at(workspace, "Target Co")
    inside = Person.objects.get(workspace=workspace, display_name="Inside")
    outside = Person.objects.get(workspace=workspace, display_name="Outside")
    Assessment.objects.create(workspace=workspace, person=inside, goal=goal, priority_override=0)
    Assessment.objects.create(workspace=workspace, person=outside, goal=goal, priority_override=90)
    sizes = network_map.goal_sizes(workspace, "priority")["of"]
    low, high = network_map.SIZE_RANGE
    assert sizes == [low, high]  # inside was added first


def test_priority_is_offered_only_with_an_active_goal_and_not_in_the_payload(
    demo_workspace: Workspace,
) -> None:
    assert [m.key for m in network_map.goal_size_modes(demo_workspace)] == ["priority"]
    data = network_map.payload(network_map.snapshot(demo_workspace))
    assert "priority" not in data["sizes"]
    Goal.objects.filter(workspace=demo_workspace).update(is_active=False)
    assert network_map.goal_size_modes(demo_workspace) == []
    with pytest.raises(NotFound):
        network_map.goal_sizes(demo_workspace, "priority")
