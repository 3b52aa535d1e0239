"""The "Reach out" panel on the person page writes its forms as plain HTML: the same
fields, labels and defaults as the forms that read them, in both languages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import override

from clients import client_for
from netkort.store.models import Person, Workspace, WorkspaceGrant
from netkort.web import outreach_forms as f
from outreach_helpers import person


@pytest.fixture
def anna(workspace: Workspace) -> Person:
    return person(workspace, "Anna Ærø", closeness=2)


def page(user: User, workspace: Workspace, anna: Person, language: str = "en") -> str:
    url = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anna.pk})
    response = client_for(user, language).get(url)
    assert response.status_code == 200
    return response.content.decode()


def select(html: str, name: str) -> list[tuple[str, bool, str]]:
    """(value, selected, label) of each option of the named select."""
    found = re.search(rf'<select name="{name}" id="[^"]+">(.*?)</select>', html, re.S)
    assert found, name
    return [
        (value, bool(chosen), label)
        for value, chosen, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', found.group(1)
        )
    ]


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_forms_offer_what_the_forms_accept(
    workspace: Workspace, anna: Person, language: str
) -> None:
    html = page(workspace.owner, workspace, anna, language)
    today = timezone.localdate().isoformat()
    with override(language):
        for form, prefix, name in (
            (f.InteractionForm, "contact-", "channel"),
            (f.InteractionForm, "contact-", "direction"),
            (f.FavourForm, "", "direction"),
            (f.FavourForm, "", "kind"),
        ):
            field = form.base_fields[name]
            options = select(html, prefix + name)
            assert [(v, label) for v, _chosen, label in options] == [
                (str(v), escape(str(label)))
                for v, label in field.choices  # type: ignore[attr-defined]
            ]
            assert escape(str(field.label)) in html
        assert [v for v, chosen, _ in select(html, "contact-direction") if chosen] == ["out"]
        channel = escape(str(f.InteractionForm.base_fields["channel"].label))
        assert f'<label for="id_contact-channel">{channel} <select' in html
    assert f'<input type="date" name="contact-on" value="{today}" id="id_contact-on">' in html
    assert f'<input type="date" name="on" id="id_favour_on" value="{today}">' in html
    assert (
        '<textarea name="contact-note" cols="40" rows="2" id="id_contact-note"></textarea>' in html
    )
    assert ("Kanal" in html) is (language == "da")


def test_a_reading_coach_sees_the_panel_without_its_forms(
    workspace: Workspace, anna: Person, bob: User
) -> None:
    WorkspaceGrant.objects.create(workspace=workspace, user=bob, level="read")
    html = page(bob, workspace, anna)
    assert 'id="reach-out"' in html
    for form in ('name="contact-channel"', 'id="id_favour_direction"', 'id="id_rhythm_days"'):
        assert form not in html
    assert "Log a contact" not in html
