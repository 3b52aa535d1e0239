"""Matching identities: keys, nicknames, æ↔ae, typos, and the three decisions."""

from __future__ import annotations

from typing import Any

import pytest

from netkort.domain.matching import (
    Decision,
    Identity,
    Matcher,
    blocking_keys,
    decide,
    evidence,
    given_variants,
    make_identity,
    name_score,
)


def person(name: str, org: str = "", **keys: Any) -> Identity:
    return make_identity(display=name, organisation=org, **keys)


def test_it_normalises_every_identity_key() -> None:
    ident = make_identity(
        given="Søren",
        family="Hansen",
        organisation="Fjordbank A/S",
        linkedin="linkedin.com/in/Soeren-Hansen/",
        emails=["Søren Hansen <SOEREN@Fjord.dk>", "not an address"],
        phones=["20 12 34 56", "+45 20 12 34 56", "nonsense"],
    )
    assert ident.given == "soeren" and ident.family == "hansen"
    assert ident.organisation == "fjordbank a s"
    assert ident.linkedin == "https://www.linkedin.com/in/soeren-hansen"
    assert ident.emails == {"soeren@fjord.dk"}
    assert ident.phones == {"+4520123456"}
    assert ident.keys() == [
        "li:https://www.linkedin.com/in/soeren-hansen",
        "em:soeren@fjord.dk",
        "ph:+4520123456",
        "nm:soeren hansen|fjordbank a s",
    ]


def test_a_display_name_is_split_when_given_and_family_are_missing() -> None:
    ident = make_identity(display="Hansen, Søren")
    assert (ident.given, ident.family) == ("soeren", "hansen")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kristian", "Kris"),
        ("Katrine", "Trine"),
        ("Mads", "Mathias"),
        ("William", "Bill"),
        ("Søren", "Soren"),
    ],
)
def test_nicknames_share_a_family_of_given_names(a: str, b: str) -> None:
    ia, ib = person(f"{a} Holm"), person(f"{b} Holm")
    assert given_variants(ia.given) & given_variants(ib.given)
    assert name_score(ia, ib) == 100


def test_ae_and_aelig_are_the_same_name() -> None:
    assert name_score(person("Ærø Mærsk"), person("Aeroe Maersk")) == 100


def test_a_typo_scores_high_but_a_different_person_does_not() -> None:
    anne = person("Anne Kristensen")
    assert name_score(anne, person("Anne Kristenssen")) >= 90
    assert name_score(anne, person("Bo Kristensen")) < 80
    assert name_score(anne, person("Anne Mortensen")) < 92


def test_a_typo_and_a_nickname_meet_in_a_block() -> None:
    for other in ("Kris Hansne", "Kristain Hansen", "Kristian Hansen"):
        shared = blocking_keys(person("Kristian Hansen")) & blocking_keys(person(other))
        assert shared, other


def test_the_same_linkedin_profile_merges_whatever_the_name() -> None:
    a = person("Anne Holm", linkedin="https://www.linkedin.com/in/anneholm")
    b = person("A. Holm-Berg", linkedin="linkedin.com/in/AnneHolm/")
    assert decide(evidence(a, b)) is Decision.AUTO


def test_two_different_linkedin_profiles_are_two_people() -> None:
    a = person("Anne Holm", "Fjordbank", linkedin="linkedin.com/in/anne-holm-1")
    b = person("Anne Holm", "Fjordbank", linkedin="linkedin.com/in/anne-holm-2")
    assert decide(evidence(a, b)) is Decision.NEW


def test_a_shared_email_merges_only_when_the_names_agree() -> None:
    a = person("Anne Holm", emails=["info@holm.dk"])
    assert decide(evidence(a, person("Anne Holm", emails=["info@holm.dk"]))) is Decision.AUTO
    other = person("Peter Holm", emails=["info@holm.dk"])
    assert decide(evidence(a, other)) is Decision.PROPOSE


def test_the_same_name_at_the_same_organisation_merges() -> None:
    ev = evidence(person("Anne Holm", "Fjordbank A/S"), person("Anne Holm", "Fjordbank A/S"))
    assert decide(ev) is Decision.AUTO
    assert ev.reasons() == ["same_name", "same_organisation"]


def test_a_job_change_is_proposed_not_merged() -> None:
    ev = evidence(person("Anne Holm", "Fjordbank"), person("Anne Holm", "Nordlys Energi"))
    assert decide(ev) is Decision.PROPOSE
    assert "other_organisation" in ev.reasons()


def test_a_name_alone_is_only_proposed() -> None:
    assert decide(evidence(person("Anne Holm"), person("Anne Holm"))) is Decision.PROPOSE


def test_the_same_entry_from_the_same_source_again_merges() -> None:
    stored = make_identity(display="Anne Holm", sources=["vcard"])
    ev = evidence(make_identity(display="Anne Holm"), stored, "vcard")
    assert decide(ev) is Decision.AUTO
    assert decide(evidence(make_identity(display="Anne Holm"), stored, "google")) is (
        Decision.PROPOSE
    )


def test_different_people_are_new() -> None:
    assert decide(evidence(person("Anne Holm"), person("Bo Jensen"))) is Decision.NEW


def test_the_matcher_finds_the_best_candidate_and_proposes_the_rest() -> None:
    matcher = Matcher()
    matcher.add(1, person("Kristian Hansen", "Fjordbank", phones=["+4520123456"]))
    matcher.add(2, person("Kristian Hansen", "Nordlys"))
    matcher.add(3, person("Bo Jensen", "Fjordbank"))
    found = matcher.match(person("Kris Hansen", phones=["20 12 34 56"]))
    assert found.decision is Decision.AUTO and found.ref == 1
    assert found.evidence is not None and found.evidence.shared_phones == ("+4520123456",)
    proposed = matcher.match(person("Kristian Hansen", "Vestenvind"))
    assert proposed.decision is Decision.PROPOSE
    assert {c.ref for c in proposed.proposals} == {1, 2}
    assert matcher.match(person("Lise Berg")).decision is Decision.NEW


def test_an_added_identity_grows_with_what_is_merged_into_it() -> None:
    matcher = Matcher()
    matcher.add("a", person("Anne Holm", "Fjordbank"))
    matcher.add("a", person("Anne Holm", emails=["anne@holm.dk"]))
    found = matcher.match(person("Bent Olsen", emails=["anne@holm.dk"]))
    assert found.decision is Decision.PROPOSE and found.proposals[0].ref == "a"
    assert matcher.match(person("Anne Holm"), exclude=["a"]).decision is Decision.NEW
