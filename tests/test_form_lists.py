"""Lists typed into text boxes (tags, a goal's roles and organisations, schools) are split
the same way everywhere: a line an item, commas too where names seldom hold one."""

from __future__ import annotations

from netkort.web.forms import split_items
from netkort.web.goal_forms import GoalForm


def test_items_are_split_on_lines_and_the_given_characters() -> None:
    assert split_items(" Bestyrelse, golf \n\n  DTU ,") == ["Bestyrelse", "golf", "DTU"]
    assert split_items("Aarhus Universitet; DTU\nCBS", also=";") == [
        "Aarhus Universitet",
        "DTU",
        "CBS",
    ]
    assert split_items("Hansen, Olsen & Co.\n Ørsted ", also="") == [
        "Hansen, Olsen & Co.",
        "Ørsted",
    ]
    assert split_items(" \n , ") == []


def test_a_goal_keeps_organisation_names_with_commas_whole() -> None:
    form = GoalForm(
        data={
            "title": "Nyt job",
            "kind": "job",
            "target_organisations": "Hansen, Olsen & Co.\nØrsted",
            "add_organisation": "Fjordbank, Aarhus",
            "roles": "Head of Digital, Programme manager",
            "industries": "energi\nfinans",
            "places": "",
            "keywords": "",
        }
    )
    assert form.is_valid(), form.errors
    fields = form.to_fields()
    assert fields.target_organisations == ["Hansen, Olsen & Co.", "Ørsted", "Fjordbank, Aarhus"]
    assert fields.roles == ["Head of Digital", "Programme manager"]
    assert fields.industries == ["energi", "finans"]
    assert fields.places == [] and fields.keywords == []
