"""Browser tests: Playwright drives Debian's chromium against a live server.

Under CI=true a missing browser fails the run; elsewhere these tests are skipped with
the reason shown.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(os.environ.get("NETKORT_SCREENSHOTS", "test-results/screenshots"))


def chromium_path() -> str | None:
    configured = os.environ.get("NETKORT_BROWSER")
    if configured and Path(configured).exists():
        return configured
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required under CI=true (apt-get install chromium)")
        pytest.skip("chromium is not installed: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "args": ["--enable-unsafe-swiftshader", "--disable-background-networking"],
    }


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
