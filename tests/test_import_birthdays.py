"""Birthdays without a year (vCard ``--0314`` / ``--03-14``, Google ``--03-14``): stored
with the year 1604, shown as a day and a month, without an age; on the Today page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from netkort.domain.birthdays import NO_YEAR, age, is_yearless, yearless
from netkort.services import keep_in_touch
from netkort.services.importing import import_files
from netkort.store.models import Person, Workspace
from netkort.web.forms import BirthdayField
from netkort.web.templatetags.birthdays import birthday as birthday_filter

pytestmark = pytest.mark.django_db


def card(name: str, bday: str, extra: str = "") -> str:
    family, given = name.split()[1], name.split()[0]
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{family};{given};;;\r\nFN:{name}\r\n"
        f"EMAIL:{given.lower()}@example.dk\r\n{extra}BDAY{bday}\r\nEND:VCARD\r\n"
    )


GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value\n"
)


def birthday_of(workspace: Workspace, given: str) -> date | None:
    return Person.objects.get(workspace=workspace, given_name=given).birthday


def test_the_domain_helper_knows_a_birthday_without_a_year() -> None:
    assert yearless(3, 14) == date(NO_YEAR, 3, 14)
    assert yearless(2, 29) == date(1604, 2, 29), "1604 is a leap year"
    assert yearless(2, 30) is None
    assert is_yearless(date(1604, 3, 14)) and not is_yearless(date(1980, 3, 14))
    assert not is_yearless(None)
    assert age(date(1604, 3, 14), date(2026, 12, 3)) is None
    assert age(date(1980, 3, 14), date(2026, 3, 13)) == 45
    assert age(date(1980, 3, 14), date(2026, 3, 14)) == 46
    assert age(None, date(2026, 3, 14)) is None


def test_vcard_birthdays_without_a_year_are_stored(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(
        card("Frederik Lund", ":--0314")
        + card("Åse Holm", ";VALUE=text:--02-29")
        + card("Ida Berg", ";X-APPLE-OMIT-YEAR=1604:1604-05-17")
        + card("Bo Dahl", ":1980-07-01")
        + card("Eva Kjær", ":--1399"),
        encoding="utf-8",
    )
    report = import_files(workspace, [path])
    assert report.files[0].persons_new == 5
    assert birthday_of(workspace, "Frederik") == date(1604, 3, 14)
    assert birthday_of(workspace, "Åse") == date(1604, 2, 29)
    assert birthday_of(workspace, "Ida") == date(1604, 5, 17)
    assert birthday_of(workspace, "Bo") == date(1980, 7, 1)
    assert birthday_of(workspace, "Eva") is None, "no 99th of the 13th month"
    frederik = Person.objects.get(workspace=workspace, given_name="Frederik")
    assert frederik.provenance["birthday"]["source"] == "vcard"
    again = import_files(workspace, [path])
    assert again.files[0].persons_unchanged == 5


def test_google_birthdays_without_a_year_are_stored(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        GOOGLE_HEADER
        + "Lene,,Holm,,,,,,,,,,,--03-14,,,* myContacts,* Home,lene@example.dk\n"
        + "Niels,,Skov,,,,,,,,,,,1975-11-02,,,* myContacts,* Home,niels@example.dk\n",
        encoding="utf-8",
    )
    report = import_files(workspace, [path])
    assert report.files[0].format == "google_csv"
    assert birthday_of(workspace, "Lene") == date(1604, 3, 14)
    assert birthday_of(workspace, "Niels") == date(1975, 11, 2)


def test_a_known_year_is_kept_and_an_unknown_one_filled_in(
    workspace: Workspace, tmp_path: Path
) -> None:
    phone = tmp_path / "phone.vcf"
    phone.write_text(card("Frederik Lund", ":--0314") + card("Bo Dahl", ":1980-07-01"))
    google = tmp_path / "google.csv"
    google.write_text(
        GOOGLE_HEADER
        + "Frederik,,Lund,,,,,,,,,,,1990-03-14,,,,* Home,frederik@example.dk\n"
        + "Bo,,Dahl,,,,,,,,,,,--07-01,,,,* Home,bo@example.dk\n",
        encoding="utf-8",
    )
    import_files(workspace, [phone])
    import_files(workspace, [google])
    assert Person.objects.filter(workspace=workspace).count() == 2
    assert birthday_of(workspace, "Frederik") == date(1990, 3, 14), "the year is filled in"
    assert birthday_of(workspace, "Bo") == date(1980, 7, 1), "a known year is not lost"


def test_the_person_page_shows_day_and_month_and_today_lists_it(
    alice: User, workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(card("Frederik Lund", ":--0314") + card("Bo Dahl", ":1980-07-01"))
    import_files(workspace, [path])
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(alice)
    frederik = Person.objects.get(workspace=workspace, given_name="Frederik")
    url = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": frederik.pk})
    page = client.get(url).content.decode()
    assert "<dd>14 March</dd>" in page and "1604" not in page
    bo = Person.objects.get(workspace=workspace, given_name="Bo")
    url = reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": bo.pk})
    assert "<dd>1 Jul 1980</dd>" in client.get(url).content.decode()
    with translation.override("da"):
        assert birthday_filter(date(1604, 3, 14)) == "14. marts"
        assert "1980" in birthday_filter(date(1980, 7, 1))
    soon = keep_in_touch.birthdays(workspace, date(2027, 3, 10), within=7)
    assert [(p.given_name, when) for p, when in soon] == [("Frederik", date(2027, 3, 14))]


def test_the_edit_form_shows_and_reads_a_birthday_without_a_year(
    alice: User, workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(card("Frederik Lund", ":--0314"))
    import_files(workspace, [path])
    frederik = Person.objects.get(workspace=workspace, given_name="Frederik")
    edit = reverse("netkort:person-edit", kwargs={"ws": workspace.uid, "pk": frederik.pk})
    for language, shown in (("en", "14 March"), ("da", "14. marts")):
        client = Client(headers={"Accept-Language": language})
        client.force_login(alice)
        page = client.get(edit).content.decode()
        assert f'name="birthday" value="{shown}"' in page and "1604" not in page
        # What the form shows is read back unchanged.
        response = client.post(edit, {"display_name": "Frederik Lund", "birthday": shown})
        assert response.status_code == 302
        assert birthday_of(workspace, "Frederik") == date(1604, 3, 14)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("--03-14", date(1604, 3, 14)),
        ("--0314", date(1604, 3, 14)),
        ("14.3", date(1604, 3, 14)),
        ("14.03.", date(1604, 3, 14)),
        ("14/3", date(1604, 3, 14)),
        ("14 March", date(1604, 3, 14)),
        ("14. marts", date(1604, 3, 14)),
        ("14 mar", date(1604, 3, 14)),
        ("March 14th", date(1604, 3, 14)),
        ("29.2", date(1604, 2, 29)),
        ("1980-03-14", date(1980, 3, 14)),
        ("", None),
    ],
)
def test_the_birthday_field_reads_dates_with_and_without_a_year(typed: str, read: date) -> None:
    for language in ("da", "en"):
        with translation.override(language):
            assert BirthdayField(required=False).clean(typed) == read, (typed, language)
    with translation.override("da"):
        assert BirthdayField().clean("14.03.1980") == date(1980, 3, 14)


@pytest.mark.parametrize("typed", ["30.2", "--13-01", "14 Marts 1980x", "Smarch 3", "3/14"])
def test_the_birthday_field_refuses_days_that_do_not_exist(typed: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError):
        BirthdayField().clean(typed)
