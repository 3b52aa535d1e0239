"""The people CSV: UTF-8 with a BOM for Excel, `;` on request, formulas defused."""

from __future__ import annotations

import csv
import io

import pytest

from export_network import FORMULAS, TRICKY_NAMES, build_network
from netkort.io.export_tables import PEOPLE_COLUMNS
from netkort.services.export import ExportOptions, export
from netkort.store.models import Person, Workspace


@pytest.fixture
def full(workspace: Workspace) -> Workspace:
    build_network(workspace)
    return workspace


def parse(data: bytes, delimiter: str = ",") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_it_writes_every_person_with_the_id_first(full: Workspace) -> None:
    table = parse(export(full, ExportOptions("csv", language="en")).data)
    assert table[0] == [en for en, _da in PEOPLE_COLUMNS.values()]
    ids = {int(r[0]) for r in table[1:]}
    assert ids == set(Person.objects.filter(workspace=full).values_list("pk", flat=True))


def test_semicolons_and_danish_headers_for_danish_excel(full: Workspace) -> None:
    data = export(full, ExportOptions("csv", language="da", delimiter=";")).data
    assert data.decode("utf-8-sig").splitlines()[0].startswith("netkort-id;Navn;Fornavn;")
    table = parse(data, ";")
    assert len(table[0]) == len(PEOPLE_COLUMNS)
    assert all(len(r) == len(PEOPLE_COLUMNS) for r in table)


def test_formula_like_cells_get_a_leading_quote(full: Workspace) -> None:
    table = parse(export(full, ExportOptions("csv", language="en")).data)
    names = [r[1] for r in table[1:]]
    for formula in FORMULAS:
        assert "'" + formula in names
        assert formula not in names
    for row in table[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_names_with_markup_emoji_and_right_to_left_text_survive(full: Workspace) -> None:
    table = parse(export(full, ExportOptions("csv", language="en")).data)
    names = {r[1] for r in table[1:]}
    for name in TRICKY_NAMES:
        assert name in names
    notes = {r[1]: r[12] for r in table[1:]}
    assert notes[TRICKY_NAMES[1]] == f"Line one\nline two; {TRICKY_NAMES[1]}"
