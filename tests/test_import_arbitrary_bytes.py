"""Any bytes through the whole import: a report or a clear error, never a traceback,
never a partial write."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netkort.services.importing import ImportFailed, ImportReport, import_files
from netkort.store.models import ImportBatch, Interaction, Person, Workspace

pytestmark = pytest.mark.django_db

GOOD = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Søren,Kjær,https://www.linkedin.com/in/soeren-kjaer,,Novo Nordisk,Scientist,05 Mar 2024\n"
)
SEEDS = [
    b"",
    b"BEGIN:VCARD\r\nVERSION:3.0\r\n",
    b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n",
    b"First Name,Middle Name,Last Name,E-mail 1 - Value\n",
    b"Navn;Firma;Mail\n",
    b"PK\x03\x04",
    b"\xff\xfe",
]


def zip_of(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(name, data)
    return buffer.getvalue()


contents = st.one_of(
    st.binary(max_size=300),
    st.tuples(st.sampled_from(SEEDS), st.binary(max_size=200)).map(lambda t: t[0] + t[1]),
    st.tuples(st.sampled_from(SEEDS), st.text(max_size=200)).map(
        lambda t: t[0] + t[1].encode("utf-8", "surrogatepass")
    ),
    st.tuples(st.sampled_from(["../../evil.csv", "/abs.csv", "Connections.csv"]), st.binary()).map(
        lambda t: zip_of(t[0], t[1])
    ),
)


def state(workspace: Workspace) -> tuple[int, int, int]:
    return (
        Person.objects.filter(workspace=workspace).count(),
        Interaction.objects.filter(workspace=workspace).count(),
        ImportBatch.objects.filter(workspace=workspace).count(),
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=contents, suffix=st.sampled_from([".csv", ".vcf", ".zip", ".xlsx", ""]))
def test_any_bytes_give_a_report_or_a_clear_error(
    workspace: Workspace, tmp_path: Path, data: bytes, suffix: str
) -> None:
    good = tmp_path / "Connections.csv"
    good.write_text(GOOD, encoding="utf-8")
    junk = tmp_path / f"junk{suffix}"
    junk.write_bytes(data)
    before = state(workspace)
    try:
        report = import_files(workspace, [good, junk])
    except ImportFailed as exc:
        assert "junk" in str(exc)
        assert state(workspace) == before, "a failed import wrote something"
    else:
        assert isinstance(report, ImportReport) and len(report.files) == 2
        assert state(workspace)[2] == before[2] + 2
