"""Education: typed on the person form, read from a spreadsheet, compared in the analysis."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from clients import client_for
from netkort.services import analysis
from netkort.services.importing import import_files
from netkort.services.people import PersonFields, add_person
from netkort.store.models import Person, Profile, ProfileEducation, Workspace

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def education(workspace: Workspace) -> dict[str, object]:
    data = analysis.as_dict(analysis.measures(workspace))
    return next(d for d in data["diversity"] if d["attribute"] == "education")


def test_the_owner_types_schools_and_sees_them_on_the_person_page(
    alice: User, workspace: Workspace
) -> None:
    anne = add_person(workspace, PersonFields(display_name="Anne Holm"))
    client = client_for(alice)
    edit = reverse("netkort:person-edit", kwargs={"ws": workspace.uid, "pk": anne.pk})
    form = client.get(edit).content.decode()
    assert 'name="schools"' in form
    response = client.post(
        edit, {"display_name": "Anne Holm", "schools": "DTU\n  Copenhagen  Business School ;dtu\n"}
    )
    assert response.status_code == 302
    anne.refresh_from_db()
    assert anne.schools == ["DTU", "Copenhagen Business School"]
    assert anne.provenance["schools"]["user"] is True
    page = client.get(reverse("netkort:person", kwargs={"ws": workspace.uid, "pk": anne.pk}))
    assert "DTU; Copenhagen Business School" in page.content.decode()
    assert "DTU\nCopenhagen Business School" in client.get(edit).content.decode()


def test_a_spreadsheet_column_of_schools_is_imported(workspace: Workspace, tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "Navn;Firma;Uddannelse\nAnne Holm;Fjordbank;DTU, CBS\nBo Berg;Vestenvind;\n",
        encoding="utf-8",
    )
    import_files(workspace, [sheet])
    anne = Person.objects.get(workspace=workspace, display_name="Anne Holm")
    bo = Person.objects.get(workspace=workspace, display_name="Bo Berg")
    assert (anne.schools, bo.schools) == (["DTU", "CBS"], [])
    assert anne.provenance["schools"]["source"] == "sheet"


def test_education_diversity_compares_with_my_schools_and_advises(workspace: Workspace) -> None:
    for n in range(7):
        add_person(workspace, PersonFields(display_name=f"Engineer {n}", schools=["DTU"]))
    add_person(workspace, PersonFields(display_name="Economist", schools=["CBS", "dtu"]))
    add_person(workspace, PersonFields(display_name="Lawyer", schools=["Aarhus Universitet"]))
    add_person(workspace, PersonFields(display_name="Unknown"))
    before = education(workspace)
    assert (before["known"], before["unknown"], before["categories"]) == (9, 1, 3)
    assert before["ei_index"] is None  # my own education is not known yet
    assert before["largest"] == "DTU" and before["largest_count"] == 8
    assert before["advice"] is not None and "8 of 9" in str(before["advice"])
    profile, _ = Profile.objects.get_or_create(workspace=workspace)
    ProfileEducation.objects.create(workspace=workspace, profile=profile, school="DTU")
    after = education(workspace)  # the profile's education is part of the data version
    assert after["ei_index"] == pytest.approx((1 - 8) / 9, abs=1e-4)
    assert after["mine"] == "DTU"


def test_the_analysis_page_shows_the_education_row(alice: User, workspace: Workspace) -> None:
    for n in range(3):
        add_person(workspace, PersonFields(display_name=f"P {n}", schools=["KU"]))
    html = client_for(alice).get(reverse("netkort:analysis", kwargs={"ws": workspace.uid}))
    text = html.content.decode()
    assert '<th scope="row">Education</th>' in text
