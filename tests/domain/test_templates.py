"""Message templates: every kind in Danish and English, filled purely."""

from __future__ import annotations

import pytest

from netkort.domain import templates


@pytest.mark.parametrize("language", templates.LANGUAGES)
@pytest.mark.parametrize("kind", templates.KINDS)
def test_every_kind_exists_in_both_languages(kind: str, language: str) -> None:
    t = templates.built_in(kind, language)
    assert t.kind == kind and t.language == language
    assert t.subject and t.body
    assert templates.unknown_placeholders(t.subject + t.body) == []


def test_the_danish_and_english_texts_differ() -> None:
    for kind in templates.KINDS:
        assert templates.built_in(kind, "da").body != templates.built_in(kind, "en").body


def test_it_fills_every_placeholder_it_has_a_value_for() -> None:
    t = templates.built_in("first_contact", "en")
    filled = templates.fill(
        t,
        {
            "first_name": "Søren",
            "organisation": "Fjordbank",
            "goal": "a new job in banking",
            "mutual_contact": "Anne Ærø",
            "my_name": "Mette",
            "how_we_know": "we studied together",
        },
    )
    assert filled.body.startswith("Hi Søren")
    assert "Anne Ærø suggested" in filled.body
    assert "Fjordbank" in filled.body and "Mette" in filled.subject
    assert "{" not in filled.body
    assert filled.missing == ()


def test_a_missing_value_becomes_a_visible_marker_in_the_templates_language() -> None:
    filled = templates.fill(templates.built_in("ask_introduction", "da"), {"first_name": "Bo"})
    assert "[fælles bekendt]" in filled.subject
    assert "[dit mål]" in filled.body
    assert filled.missing == ("mutual_contact", "goal", "my_name")
    english = templates.fill(templates.built_in("ask_introduction", "en"), {"first_name": "Bo"})
    assert "[mutual contact]" in english.subject


def test_a_blank_value_counts_as_missing() -> None:
    filled = templates.fill(templates.built_in("thanks", "en"), {"first_name": "  ", "goal": "x"})
    assert "[first name]" in filled.body
    assert "first_name" in filled.missing


def test_braces_that_are_not_placeholders_stay_as_written() -> None:
    own = templates.Template("thanks", "en", "Hi", "Hi {first_name}, {not_ours} and {}")
    filled = templates.fill(own, {"first_name": "Ida"})
    assert filled.body == "Hi Ida, {not_ours} and {}"
    assert templates.unknown_placeholders(own.body) == ["not_ours"]


def test_a_double_introduction_names_both_persons() -> None:
    filled = templates.fill(
        templates.built_in("double_introduction", "en"),
        {
            "first_name": "Ida",
            "other_first_name": "Ole",
            "organisation": "Nordlys",
            "other_organisation": "Fjordbank",
            "my_name": "Mette",
        },
    )
    assert filled.subject == "Ida, meet Ole"
    assert "Hi Ida and Ole" in filled.body and "Fjordbank" in filled.body


def test_how_we_know_says_the_first_known_context_in_the_language() -> None:
    assert templates.how_we_know(["friends", "education"], "da") == "vi er venner"
    assert templates.how_we_know(["mine", "education"], "en") == "we studied together"
    assert templates.how_we_know([], "en") == ""


def test_an_unknown_kind_is_refused_and_an_unknown_language_falls_back_to_english() -> None:
    with pytest.raises(KeyError):
        templates.built_in("spam", "en")
    assert templates.built_in("thanks", "de").language == "en"
