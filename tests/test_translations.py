"""Every user-facing string has a Danish translation, and the compiled catalogue is current.

When a test here fails, run `scripts/messages`, translate the new entries in
src/netkort/web/locale/da/LC_MESSAGES/django.po, and run it again to compile.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "netkort"
CATALOGUE = PACKAGE / "web" / "locale" / "da" / "LC_MESSAGES"


def test_every_entry_of_the_danish_catalogue_is_translated() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.untranslated_entries() == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert len(po) > 150


def test_every_string_in_the_code_and_templates_is_in_the_danish_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is needed to extract the strings (apt-get install gettext)")
    copy = tmp_path / "netkort"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["da"], ignore_patterns=["domain/*"], verbosity=0)
    extracted = polib.pofile(str(copy / "locale" / "da" / "LC_MESSAGES" / "django.po"))
    known = {e.msgid for e in polib.pofile(str(CATALOGUE / "django.po"))}
    missing = sorted(e.msgid for e in extracted if e.msgid not in known)
    assert missing == [], "no Danish translation for these; run scripts/messages"


def test_the_compiled_catalogue_matches_the_translations() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    compiled = {(e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo}
    written = {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po.translated_entries()
    }
    assert written <= compiled, "django.mo is stale; run scripts/messages"
