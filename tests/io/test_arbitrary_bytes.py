"""Property: whatever the bytes and the name, reading gives a ParsedFile or a FormatError."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from formats_helpers import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netkort.io import FORMATS, FormatError, ParsedFile, read_file

NAMES = [
    "Connections.csv",
    "messages.csv",
    "Messages.csv",
    "Invitations.csv",
    "kontakter.vcf",
    "contacts.csv",
    "netværk.xlsx",
    "Basic_LinkedInDataExport_11-29-2026.zip",
    "noget",
]
SEEDS = [
    (FIXTURES / "linkedin" / "2026" / "messages.csv").read_bytes(),
    (FIXTURES / "linkedin" / "2026" / "Connections.csv").read_bytes(),
    (FIXTURES / "vcard" / "android_21.vcf").read_bytes(),
    (FIXTURES / "vcard" / "apple_30.vcf").read_bytes(),
    (FIXTURES / "contacts" / "google_older_utf16.csv").read_bytes(),
    (FIXTURES / "contacts" / "outlook_en_cp1252.csv").read_bytes(),
    (FIXTURES / "sheet" / "danish_semicolon_cp1252.csv").read_bytes(),
]
FUZZ = settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _read_safely(path: Path, fmt: str | None = None) -> None:
    try:
        result = read_file(path, fmt)
    except FormatError as error:
        assert error.path == str(path)
        assert error.message
    else:
        assert isinstance(result, ParsedFile)


@st.composite
def damaged(draw) -> bytes:
    """A real fixture cut short, with a few bytes overwritten or inserted."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 4))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    insert = draw(st.binary(max_size=12))
    at = draw(st.integers(0, len(data)))
    return bytes(data[:at] + insert + data[at:])


@FUZZ
@given(data=st.binary(max_size=2000), name=st.sampled_from(NAMES))
def test_arbitrary_bytes_under_any_name(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    _read_safely(path)


@FUZZ
@given(data=damaged(), name=st.sampled_from(NAMES), fmt=st.sampled_from([None, *FORMATS]))
def test_damaged_exports_under_any_name_and_format(tmp_path_factory, data, name, fmt):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    _read_safely(path, fmt)


@FUZZ
@given(
    data=damaged(),
    member=st.sampled_from([*NAMES[:4], "Skills.csv", "Recommendations_Received.csv"]),
)
def test_damaged_files_inside_a_linkedin_zip(tmp_path_factory, data, member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, data)
        archive.writestr("Profile.csv", SEEDS[1][:200])
    path = tmp_path_factory.mktemp("fuzz") / "export.zip"
    path.write_bytes(buffer.getvalue())
    _read_safely(path)


@FUZZ
@given(data=st.binary(min_size=1, max_size=400), cut=st.integers(0, 3000))
def test_damaged_zips(tmp_path_factory, data, cut):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", SEEDS[1])
        archive.writestr("messages.csv", data)
    raw = buffer.getvalue()
    path = tmp_path_factory.mktemp("fuzz") / "export.zip"
    path.write_bytes(raw[:cut] + raw[cut + 1 :] if cut < len(raw) else raw)
    _read_safely(path)
