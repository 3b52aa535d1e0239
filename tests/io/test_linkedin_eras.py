"""Older LinkedIn archives: 2020-2023 (no URLs in Connections), 2018, Excel re-saves."""

from __future__ import annotations

from datetime import UTC, date, datetime

from formats_helpers import FIXTURES, by_name

from netkort.domain.records import Direction
from netkort.io import read_file

LINKEDIN = FIXTURES / "linkedin"


def test_it_reads_connections_saved_again_by_excel():
    # BOM, CRLF, a blank line, no preamble, "29-Nov-21" dates.
    parsed = read_file(LINKEDIN / "2021" / "Connections.csv")
    assert parsed.format == "linkedin"
    persons = by_name(parsed.records.persons)
    assert set(persons) == {"Mads Østergaard", "Karen Blixen-Nielsen", "Jonas Ravn"}
    assert persons["Mads Østergaard"].connected_on == date(2021, 11, 29)
    assert persons["Mads Østergaard"].organisation == "Vestas Wind Systems A/S"
    assert persons["Mads Østergaard"].title == "Engineer, Blades"
    assert persons["Karen Blixen-Nielsen"].connected_on == date(2022, 2, 7)
    assert persons["Karen Blixen-Nielsen"].emails == ["karen@example.dk"]
    assert parsed.skipped == []


def test_it_joins_a_sender_url_to_the_connection_of_that_name_when_connections_had_none():
    parsed = read_file(LINKEDIN / "2021")
    persons = by_name(parsed.records.persons)
    assert len(parsed.records.persons) == 3
    mads = persons["Mads Østergaard"]
    assert mads.linkedin_url == "https://www.linkedin.com/in/mads-oestergaard"
    with_mads = [i for i in parsed.records.interactions if i.person_keys == [mads.key]]
    assert [i.direction for i in with_mads] == [Direction.INCOMING, Direction.OUTGOING]


def test_it_finds_the_owner_as_the_person_in_every_conversation():
    parsed = read_file(LINKEDIN / "2021")
    assert "Peter Winther" not in by_name(parsed.records.persons)
    lunch = next(i for i in parsed.records.interactions if i.summary.startswith("Frokost"))
    persons = by_name(parsed.records.persons)
    assert lunch.direction == Direction.OUTGOING
    assert lunch.person_keys == [persons["Karen Blixen-Nielsen"].key, persons["Jonas Ravn"].key]


def test_it_skips_drafts_and_reads_invitations_and_endorsements_without_urls():
    parsed = read_file(LINKEDIN / "2021")
    assert [(s.line, s.reason) for s in parsed.skipped] == [(6, "messages.csv: a draft")]
    persons = by_name(parsed.records.persons)
    invitation = next(
        i for i in parsed.records.interactions if i.external_id.startswith("linkedin:invitation")
    )
    assert invitation.person_keys == [persons["Jonas Ravn"].key]
    assert invitation.direction == Direction.INCOMING
    assert invitation.occurred_at == datetime(2021, 3, 5, 14, 11, tzinfo=UTC)
    assert [f.person_key for f in parsed.records.favours] == [persons["Karen Blixen-Nielsen"].key]


def test_it_reads_the_2018_archive_with_its_direction_column_and_html_entities(tmp_path):
    folder = tmp_path / "2018"
    folder.mkdir()
    for file in (LINKEDIN / "2018").iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    # Some 2018 files were UTF-16LE with a BOM and tab-separated.
    invitations = (
        "From\tTo\tSent At\tMessage\tDirection\r\n"
        "Anne Thygesen\tBirgitte Lærkholm\t1/3/18, 7:30 PM\tHej Birgitte, vi mødtes på Aros\t"
        "OUTGOING\r\n"
    )
    (folder / "Invitations.csv").write_bytes(b"\xff\xfe" + invitations.encode("utf-16-le"))
    parsed = read_file(folder)
    persons = by_name(parsed.records.persons)
    assert set(persons) == {"Birgitte Lærkholm", "Henrik Møller"}
    assert persons["Birgitte Lærkholm"].connected_on == date(2018, 1, 8)
    assert persons["Henrik Møller"].organisation == "Møller & Søn, ApS"
    messages = [
        i for i in parsed.records.interactions if i.external_id.startswith("linkedin:message")
    ]
    assert [(i.direction, i.person_keys, i.summary) for i in messages] == [
        (
            Direction.INCOMING,
            [persons["Henrik Møller"].key],
            'Tilbud — Hej Anne & tak for mødet "i går"',
        ),
        (Direction.OUTGOING, [persons["Henrik Møller"].key], "RE: Tilbud — Det var så lidt."),
        (Direction.OUTGOING, [persons["Birgitte Lærkholm"].key], "Hej Birgitte"),
    ]
    assert messages[0].occurred_at == datetime(2018, 2, 3, 10, 20, tzinfo=UTC)
    invitation = next(i for i in parsed.records.interactions if "Aros" in i.summary)
    assert invitation.person_keys == [persons["Birgitte Lærkholm"].key]


def test_it_reads_the_dec_2024_messages_with_draft_columns_and_credentials_in_names():
    parsed = read_file(LINKEDIN / "messages_dec2024.csv")
    assert parsed.format == "linkedin"
    persons = {p.key: p for p in parsed.records.persons}
    ane = persons["https://www.linkedin.com/in/ane-lund-cand-merc"]
    assert ane.display_name == "Ane Lund, Cand. Merc."
    assert (ane.given_name, ane.family_name) == ("Ane", "Lund")
    assert persons["https://www.linkedin.com/in/mikkel-froelund"].display_name == "Mikkel Frølund"
    assert "https://www.linkedin.com/in/rasmus-bach" not in persons  # the owner
    assert [(s.line, s.reason) for s in parsed.skipped] == [(6, "a draft")]


def test_it_numbers_messages_sent_in_the_same_second_so_their_ids_differ():
    parsed = read_file(LINKEDIN / "messages_dec2024.csv")
    same_second = [
        i.external_id for i in parsed.records.interactions if "09:10:00" in i.external_id
    ]
    assert len(same_second) == 2
    assert same_second[1] == same_second[0] + "#2"


def test_a_messages_file_with_no_conversations_gives_nothing(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "coach_messages.csv").write_text("No conversations found\n")
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ida,Ørum,https://www.linkedin.com/in/ida-oerum,,LEGO,Designer,02 Jan 2025"
    )
    parsed = read_file(folder)
    assert [p.display_name for p in parsed.records.persons] == ["Ida Ørum"]
    assert parsed.records.interactions == []
