"""The current LinkedIn archive (2026): a zip, its folder, a zip of the folder."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from formats_helpers import FIXTURES, by_name, zip_folder
from hypothesis import given
from hypothesis import strategies as st

from netkort.domain.linkedin import normalise_profile_url
from netkort.domain.records import Direction, FavourKind
from netkort.io import read_file
from netkort.io.linkedin import profile_url

ARCHIVE = FIXTURES / "linkedin" / "2026"
SOEREN = "https://www.linkedin.com/in/soeren-kjaer"
AASE = "https://www.linkedin.com/in/%C3%A5se-b%C3%B8gh-12345"
KASPER = "https://www.linkedin.com/in/kasperdahl"


@pytest.fixture(params=["zip", "folder", "zip of the folder"])
def parsed(request, tmp_path):
    if request.param == "zip":
        path = zip_folder(ARCHIVE, tmp_path / "Basic_LinkedInDataExport_11-29-2026.zip")
    elif request.param == "folder":
        path = ARCHIVE
    else:
        path = zip_folder(ARCHIVE, tmp_path / "export.zip", prefix="Basic_LinkedInData/")
    return read_file(path)


def test_it_reads_connections_with_organisation_title_date_and_url(parsed):
    assert parsed.format == "linkedin"
    soeren = by_name(parsed.records.persons)["Søren Kjær"]
    assert soeren.key == SOEREN
    assert (soeren.given_name, soeren.family_name) == ("Søren", "Kjær")
    assert soeren.organisation == "Novo Nordisk, Inc."
    assert soeren.title == "Senior Scientist"
    assert soeren.connected_on == date(2024, 3, 5)
    aase = by_name(parsed.records.persons)["Åse Bøgh"]
    assert aase.key == AASE
    assert aase.emails == ["aase@example.dk"]
    assert aase.title == "Head of Risk, Nordics"


def test_it_keys_every_spelling_of_a_profile_url_the_same(parsed):
    persons = by_name(parsed.records.persons)
    assert persons["Jens Ærø"].key == "https://www.linkedin.com/in/jensaeroe"
    assert persons["Kasper Dahl"].key == KASPER
    assert persons["Kasper Dahl"].linkedin_url == "https://dk.linkedin.com/in/kasperdahl"


def test_it_skips_closed_accounts_with_their_line(parsed):
    assert any(
        s.line == 8 and s.reason.startswith("Connections.csv") and "closed account" in s.reason
        for s in parsed.skipped
    )


def test_it_never_makes_the_archive_owner_a_person(parsed):
    names = {p.display_name for p in parsed.records.persons}
    assert "Mette Ørsted" not in names
    assert all(
        "mette-orsted" not in key for i in parsed.records.interactions for key in i.person_keys
    )


def test_it_reads_messages_with_direction_date_and_plain_text(parsed):
    with_soeren = [i for i in parsed.records.interactions if i.person_keys == [SOEREN]]
    assert [i.direction for i in with_soeren] == [Direction.INCOMING, Direction.OUTGOING]
    assert with_soeren[0].occurred_at == datetime(2026, 1, 10, 9, 15, tzinfo=UTC)
    assert with_soeren[0].summary == "Hej Mette, tak for sidst! Skal vi tage en kop kaffe?"
    assert with_soeren[1].summary == "Gerne & snart — torsdag?"


def test_it_attributes_a_group_chat_to_each_participant(parsed):
    group = [i for i in parsed.records.interactions if "Reunion" in i.summary]
    assert len(group) == 1
    assert group[0].direction == Direction.OUTGOING
    assert sorted(group[0].person_keys) == sorted([AASE, KASPER])
    reply = next(i for i in parsed.records.interactions if i.summary == "Ja tak!")
    assert reply.direction == Direction.INCOMING
    assert sorted(reply.person_keys) == sorted([AASE, KASPER])


def test_it_skips_spam_and_sponsored_messages_and_hidden_senders(parsed):
    reasons = {(s.line, s.reason) for s in parsed.skipped}
    assert (7, "messages.csv: in the spam folder") in reasons
    assert (8, "messages.csv: a sponsored message") in reasons
    assert (11, "messages.csv: no other person in the message") in reasons
    assert not any(
        "Premium" in i.summary or "Klik" in i.summary for i in parsed.records.interactions
    )


def test_it_makes_persons_of_people_who_wrote_but_are_not_connections(parsed):
    pernille = by_name(parsed.records.persons)["Pernille Ravn"]
    assert pernille.key == "https://www.linkedin.com/in/pernille-ravn"
    assert pernille.connected_on is None
    message = next(i for i in parsed.records.interactions if i.person_keys == [pernille.key])
    assert message.summary.startswith("Spørgsmål om et job — Hej! Jeg så dit opslag")
    assert '"Product Lead"' in message.summary


def test_it_reads_invitations_as_interactions_with_the_other_person(parsed):
    invitations = [
        i for i in parsed.records.interactions if i.external_id.startswith("linkedin:invitation")
    ]
    assert [(i.direction, i.person_keys) for i in invitations] == [
        (Direction.OUTGOING, [KASPER]),
        (Direction.INCOMING, ["https://www.linkedin.com/in/frederik-noergaard"]),
    ]
    assert invitations[0].summary == "Hej Kasper, lad os holde kontakten."
    assert invitations[0].occurred_at == datetime(2025, 11, 28, 9, 5, tzinfo=UTC)
    assert "Frederik Nørgaard" in by_name(parsed.records.persons)


def test_it_reads_endorsements_and_recommendations_as_favours_received(parsed):
    favours = {(f.person_key, f.kind, f.on, f.note) for f in parsed.records.favours}
    assert (SOEREN, FavourKind.ENDORSEMENT, date(2023, 4, 1), "Python") in favours
    assert (
        "https://www.linkedin.com/in/jensaeroe",
        FavourKind.RECOMMENDATION,
        date(2024, 10, 2),
        "Mette er den bedste leder, jeg har arbejdet med.",
    ) in favours
    assert all(f.direction == "received" for f in parsed.records.favours)
    assert "Bente Lund" in by_name(parsed.records.persons)


def test_it_reads_the_owners_profile_positions_education_and_skills(parsed):
    profile = parsed.records.profile
    assert profile is not None
    assert profile.full_name == "Mette Ørsted"
    assert profile.headline == "Leder af produktudvikling hos Fjordlys"
    assert profile.location == "Aarhus, Region Midtjylland, Danmark"
    assert [(p.organisation, p.start, p.end) for p in profile.positions] == [
        ("Fjordlys", date(2019, 3, 1), None),
        ("Bankdata", date(2012, 1, 1), date(2019, 2, 1)),
    ]
    assert [(e.school, e.degree, e.start_year, e.end_year) for e in profile.education] == [
        ("Aarhus Universitet", "Cand.scient.", 2005, 2010)
    ]
    assert profile.skills == ["Produktledelse", "Python", "Ledelse af udviklingsteams"]


def test_it_gives_every_interaction_and_favour_a_unique_stable_external_id(parsed, tmp_path):
    ids = [i.external_id for i in parsed.records.interactions] + [
        f.external_id for f in parsed.records.favours
    ]
    assert all(ids) and len(ids) == len(set(ids))
    again = read_file(zip_folder(ARCHIVE, tmp_path / "again.zip"))
    assert [i.external_id for i in again.records.interactions] == [
        i.external_id for i in parsed.records.interactions
    ]


def test_every_interaction_refers_to_persons_in_the_batch(parsed):
    keys = {p.key for p in parsed.records.persons}
    assert all(set(i.person_keys) <= keys for i in parsed.records.interactions)
    assert all(f.person_key in keys for f in parsed.records.favours)


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("aøÅ-_%/?#1 "),
        max_size=30,
    ),
    st.sampled_from(["", "/"]),
)
def test_the_fast_profile_url_equals_the_full_normalisation(slug: str, end: str) -> None:
    for raw in (f"https://www.linkedin.com/in/{slug}{end}", f"http://linkedin.com/in/{slug}"):
        assert profile_url(raw) == normalise_profile_url(raw), raw
