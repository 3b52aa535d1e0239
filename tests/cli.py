"""The `netkort` command run as a user runs it: a separate process, in English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The console script installed beside the interpreter that runs the tests.
NETKORT = Path(sys.executable).with_name("netkort")


def netkort(
    *args: str,
    tmp: Path,
    db: Path | str | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
    stdin: str = "",
) -> subprocess.CompletedProcess[str]:
    """Run ``netkort [--db db] args`` with its data folder in ``tmp``.

    The NETKORT_* settings of the shell running the tests are left out, so that a database
    or mail server set there is never touched; a test gives the settings it needs in ``env``.
    With ``check`` the command must succeed, and its stderr is shown when it does not.
    """
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("NETKORT_")}
    full = {**inherited, "NETKORT_DATA_DIR": str(tmp), "NETKORT_LANGUAGE": "en", **(env or {})}
    database = ["--db", str(db)] if db is not None else []
    result = subprocess.run(
        [str(NETKORT), *database, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full,
        timeout=300,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result
