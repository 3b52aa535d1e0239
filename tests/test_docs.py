"""The README documents every command the `netkort` command has."""

from __future__ import annotations

import argparse
from pathlib import Path

from netkort.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def subcommands(parser: argparse.ArgumentParser, prefix: str = "netkort") -> list[str]:
    found: list[str] = []
    for action in parser._actions:  # argparse offers no public way to walk subparsers
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found += subcommands(sub, f"{prefix} {name}")
    return found


def test_every_command_is_in_the_readme() -> None:
    commands = subcommands(build_parser())
    assert len(commands) > 15
    missing = [c for c in commands if f"`{c}" not in README]
    assert missing == []


def test_every_benchmark_is_in_the_readme() -> None:
    bench = Path(__file__).resolve().parents[1] / "bench"
    scripts = [p.name for p in bench.glob("*.py") if '__name__ == "__main__"' in p.read_text()]
    assert [s for s in scripts if f"bench/{s}" not in README] == []
