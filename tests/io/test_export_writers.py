"""The small rules the export writers live by: formula guard, vCard folding, dates."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
import vobject

from netkort.io.export_graph import Edge, Graph, Node, text_of, write_graphml
from netkort.io.export_tables import Column, Sheet, guard_csv, is_formula_like
from netkort.io.export_vcf import Contact, escape, write_vcf
from netkort.io.export_xlsx import excel_serial, write_xlsx


@pytest.mark.parametrize("text", ["=1+1", "+45 20", "-3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_guarded(text: str) -> None:
    assert is_formula_like(text)
    assert guard_csv(text) == "'" + text


@pytest.mark.parametrize("text", ["Anne", "a=b", "", " =1", "'quoted", "1-2"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert not is_formula_like(text)
    assert guard_csv(text) == text


def test_xlsx_dates_are_the_numbers_excel_uses() -> None:
    assert excel_serial(dt.date(1900, 3, 1)) == 61
    assert excel_serial(dt.datetime(2024, 3, 5, 12, 0)) == 45356.5
    sheet = Sheet(
        "t",
        "T",
        "T",
        [Column("d", "Day", "Dag", kind="date"), Column("w", "When", "Hvornår", kind="datetime")],
        [[dt.date(2024, 3, 5), dt.datetime(2024, 3, 5, 14, 2, 30)]],
    )
    out = io.BytesIO()
    write_xlsx([sheet], out)
    row = next(openpyxl.load_workbook(out).active.iter_rows(min_row=2, values_only=True))
    assert row == (dt.datetime(2024, 3, 5), dt.datetime(2024, 3, 5, 14, 2, 30))


def test_vcard_text_is_escaped() -> None:
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_vcard_lines_fold_between_letters() -> None:
    note = "æøå🎉" * 40
    data = write_vcf([Contact(uid="u1", display_name="Ø", notes=note)])
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    card = vobject.readOne(data.decode("utf-8"))
    assert card.note.value == note


def test_graph_values_are_converted_not_written_as_none() -> None:
    assert text_of(None, "string") is None
    assert text_of([], "string") is None
    assert text_of(["a", "b"], "string") == "a, b"
    assert text_of(True, "boolean") == "true"
    assert text_of("bad\x00byte", "string") == "badbyte"
    graph = Graph({"tags": "string", "closeness": "int"}, {}, [Node("a", "A", {"tags": None})])
    graph.edges.append(Edge("a", "a"))
    xml = write_graphml(graph).decode()
    assert "None" not in xml
