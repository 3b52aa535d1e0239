"""Helpers for the format tests: fixture paths and archives built from fixture folders."""

from __future__ import annotations

import zipfile
from pathlib import Path

from netkort.domain.records import PersonRecord

FIXTURES = Path(__file__).parent / "fixtures"


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    """Zip ``folder`` as LinkedIn does (files at the root, or under ``prefix``)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(folder).as_posix())
    return target


def by_name(persons: list[PersonRecord]) -> dict[str, PersonRecord]:
    return {p.display_name: p for p in persons}
