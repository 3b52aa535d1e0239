"""The demo network: deterministic, realistic and internally consistent."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from netkort.domain.demo import generate
from netkort.domain.records import (
    Closeness,
    ContextKey,
    FavourDirection,
    FavourKind,
    GoalKind,
    NetworkRecords,
)

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def network() -> NetworkRecords:
    return generate(400, seed=1, today=TODAY)


def _all_names(network: NetworkRecords) -> str:
    return " ".join(p.display_name for p in network.persons)


def test_it_gives_equal_records_for_equal_arguments():
    assert generate(300, seed=7) == generate(300, seed=7)


def test_it_gives_different_networks_for_different_seeds():
    first, second = generate(300, seed=1), generate(300, seed=2)
    assert [p.display_name for p in first.persons] != [p.display_name for p in second.persons]
    assert first.interactions != second.interactions


def test_it_anchors_every_date_to_the_given_today():
    later = generate(100, seed=3, today=TODAY + timedelta(days=365))
    earlier = generate(100, seed=3, today=TODAY)
    shifted = [p.first_met + timedelta(days=365) if p.first_met else None for p in earlier.persons]
    assert shifted == [p.first_met for p in later.persons]


@pytest.mark.parametrize("size", [0, 1, 5, 400])
def test_it_creates_exactly_size_persons_keyed_p1_to_pn(size):
    network = generate(size)
    assert [p.key for p in network.persons] == [f"p{n}" for n in range(1, size + 1)]


def test_it_generates_a_large_network_with_distinct_persons():
    # Its speed is measured by bench/people_list.py, not asserted here.
    network = generate(30000)
    assert len(network.persons) == 30000
    assert len({p.key for p in network.persons}) == 30000


def test_it_rejects_a_negative_size():
    with pytest.raises(ValueError, match="negative"):
        generate(-1)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_uses_every_context_in_a_network_of_400(seed):
    used = {c for p in generate(400, seed=seed).persons for c in p.contexts}
    assert used == set(ContextKey)


def test_it_gives_most_persons_one_context_and_some_several(network):
    counts = Counter(len(p.contexts) for p in network.persons)
    assert counts[1] > len(network.persons) / 2
    assert counts[2] + counts[3] > 0
    assert all(len(set(p.contexts)) == len(p.contexts) for p in network.persons)


def test_it_has_more_colleagues_than_family(network):
    contexts = Counter(c for p in network.persons for c in p.contexts)
    colleagues = contexts[ContextKey.CURRENT_COLLEAGUES] + contexts[ContextKey.FORMER_COLLEAGUES]
    assert colleagues > 5 * contexts[ContextKey.FAMILY]


def test_it_writes_names_with_danish_letters(network):
    names = _all_names(network)
    for letter in "æøå":
        assert letter in names.lower()


def test_it_writes_hyphenated_accented_and_one_word_names(network):
    assert any("-" in p.family_name for p in network.persons)
    assert any(c in _all_names(network) for c in "éëüöñçłễ")
    one_word = [p for p in network.persons if not p.family_name]
    assert one_word
    assert all(p.display_name == p.given_name for p in one_word)


def test_it_builds_display_names_from_given_and_family_names(network):
    for person in network.persons:
        expected = f"{person.given_name} {person.family_name}".strip()
        assert person.display_name == expected


def test_it_writes_unique_ascii_email_addresses(network):
    emails = [e for p in network.persons for e in p.emails]
    assert len(emails) == len(set(emails))
    assert all(e.isascii() and e.count("@") == 1 for e in emails)
    assert any(not p.emails for p in network.persons)
    assert any(len(p.emails) == 2 for p in network.persons)


def test_it_gives_most_persons_a_linkedin_url(network):
    urls = [p.linkedin_url for p in network.persons if p.linkedin_url]
    assert 0.6 < len(urls) / len(network.persons) < 0.8
    assert all(u.startswith("https://www.linkedin.com/in/") for u in urls)
    assert len(set(urls)) == len(urls)


def test_it_writes_danish_and_foreign_phone_numbers(network):
    phones = [n for p in network.persons for n in p.phones]
    assert any(n.startswith("+45") for n in phones)
    assert any(n.isdigit() and len(n) == 8 for n in phones)
    assert any(n.startswith("+") and not n.startswith("+45") for n in phones)


def test_it_places_persons_only_in_listed_organisations(network):
    organisations = {o.name: o.industry for o in network.organisations}
    for person in network.persons:
        if person.organisation:
            assert organisations[person.organisation] == person.industry
        else:
            assert person.industry == ""


def test_it_lists_about_sixty_organisations_some_with_aliases(network):
    names = [o.name for o in network.organisations]
    assert 50 <= len(names) <= 70
    assert len(set(names)) == len(names)
    assert any(o.aliases for o in network.organisations)
    assert all(o.industry for o in network.organisations)


def test_it_puts_current_colleagues_at_my_current_employer(network):
    assert network.profile is not None
    current = network.profile.positions[-1].organisation
    colleagues = [p for p in network.persons if ContextKey.CURRENT_COLLEAGUES in p.contexts]
    assert colleagues
    assert all(p.organisation == current for p in colleagues)


def test_it_keeps_most_former_colleagues_at_my_former_employers(network):
    assert network.profile is not None
    former = {pos.organisation for pos in network.profile.positions[:-1]}
    colleagues = [p for p in network.persons if p.contexts[0] is ContextKey.FORMER_COLLEAGUES]
    at_former = sum(p.organisation in former for p in colleagues)
    assert at_former > len(colleagues) / 3
    assert at_former < len(colleagues)  # some have moved on


def test_it_describes_a_danish_professional_as_me(network):
    me = network.profile
    assert me is not None
    assert me.full_name and me.headline and me.industry
    assert me.location in {"Aarhus", "København"}
    assert 3 <= len(me.positions) <= 4
    assert [p.end is None for p in me.positions] == [False] * (len(me.positions) - 1) + [True]
    assert all(a.end == b.start for a, b in zip(me.positions, me.positions[1:], strict=False))
    assert len(me.education) == 2
    assert me.languages[:2] == ["Dansk", "English"]
    assert me.skills
    assert me.network_size_guess is not None
    assert 60 <= me.network_size_guess <= 120


def test_it_keeps_the_inner_circle_small_and_leaves_some_closeness_unset(network):
    closeness = Counter(p.closeness for p in network.persons)
    assert 0.1 < closeness[None] / len(network.persons) < 0.3
    assert 1 <= closeness[Closeness.INNER] <= 20
    assert all(closeness[level] > closeness[Closeness.INNER] for level in (2, 3, 4, 5))


def test_it_marks_a_few_super_connectors(network):
    assert sum(p.super_connector for p in network.persons) == 12  # 3 % of 400


def test_it_dates_first_meetings_and_connections_in_the_past(network):
    for person in network.persons:
        if person.first_met:
            assert TODAY - timedelta(days=21 * 365) <= person.first_met <= TODAY
        if person.connected_on:
            assert person.first_met is not None
            assert person.first_met <= person.connected_on <= TODAY


def test_it_only_references_persons_that_exist(network):
    keys = {p.key for p in network.persons}
    assert {k for i in network.interactions for k in i.person_keys} <= keys
    assert {k for t in network.ties for k in (t.a, t.b)} <= keys
    assert {f.person_key for f in network.favours} <= keys
    introducers = [p.introduced_by for p in network.persons if p.introduced_by]
    assert introducers
    assert set(introducers) <= keys


def test_it_only_names_earlier_persons_as_introducers(network):
    for person in network.persons:
        if person.introduced_by:
            assert int(person.introduced_by[1:]) < int(person.key[1:])


def test_it_never_repeats_an_external_id(network):
    ids = [i.external_id for i in network.interactions]
    assert all(i.startswith("demo-") for i in ids)
    assert len(set(ids)) == len(ids)


def test_it_spreads_interactions_over_six_years_before_today(network):
    moments = [i.occurred_at for i in network.interactions]
    start = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC)
    assert max(moments) < start
    assert min(moments) >= start - timedelta(days=6 * 366)
    assert min(moments) < start - timedelta(days=5 * 365)


def test_it_skews_interactions_towards_close_persons(network):
    per_person = Counter(k for i in network.interactions for k in i.person_keys)
    assert 5 < len(network.interactions) / len(network.persons) < 12

    def mean(level):
        group = [p.key for p in network.persons if p.closeness == level]
        return sum(per_person[k] for k in group) / len(group)

    assert mean(Closeness.INNER) > 3 * mean(Closeness.DISTANT)
    assert any(per_person[p.key] == 0 for p in network.persons)


def test_it_names_one_person_in_most_interactions_and_up_to_three(network):
    sizes = Counter(len(i.person_keys) for i in network.interactions)
    assert sizes[1] > 0.8 * len(network.interactions)
    assert set(sizes) <= {1, 2, 3}
    assert all(len(set(i.person_keys)) == len(i.person_keys) for i in network.interactions)


def test_it_never_repeats_or_self_references_a_tie(network):
    pairs = [frozenset((t.a, t.b)) for t in network.ties]
    assert all(len(pair) == 2 for pair in pairs)
    assert len(set(pairs)) == len(pairs)
    assert 1.2 < len(pairs) / len(network.persons) < 1.8


@pytest.mark.parametrize("size", [1, 2, 5])
def test_it_makes_valid_ties_in_tiny_networks(size):
    network = generate(size)
    pairs = [frozenset((t.a, t.b)) for t in network.ties]
    assert all(len(pair) == 2 for pair in pairs)
    assert len(set(pairs)) == len(pairs)
    assert len(pairs) <= size * (size - 1) // 2


def test_it_records_favours_of_every_kind_in_both_directions(network):
    assert {f.kind for f in network.favours} == set(FavourKind)
    assert {f.direction for f in network.favours} == set(FavourDirection)
    assert 0.2 < len(network.favours) / len(network.persons) < 0.4


def test_it_sets_one_active_job_goal_aimed_at_listed_organisations(network):
    job, sparring = network.goals
    organisations = {o.name for o in network.organisations}
    assert (job.kind, job.active) == (GoalKind.JOB, True)
    assert len(job.target_organisations) == 3
    assert set(job.target_organisations) <= organisations
    assert job.roles and job.industries and job.places and job.keywords
    assert job.deadline is not None and job.deadline > TODAY
    assert (sparring.kind, sparring.active) == (GoalKind.SPARRING, False)
