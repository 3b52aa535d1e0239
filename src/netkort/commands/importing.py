"""``netkort import PATH... [--format F] [--dry-run] [--json] [--map column=field ...]``."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from netkort.cli import _, ngettext, print_json


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="import a LinkedIn archive, vCards, Google or Outlook contacts, or a spreadsheet",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, zips or folders")
    parser.add_argument(
        "--format", metavar="F", help="read every file as this format instead of detecting it"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would happen; change nothing"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="for spreadsheets: read COLUMN as FIELD (given_name, family_name, email, "
        "phone, organisation, title, …); repeat for each column",
    )
    parser.set_defaults(handler=cmd_import)


def parse_mapping(items: list[str]) -> dict[str, str]:
    from netkort.services.errors import UserError

    mapping: dict[str, str] = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise UserError(
                _("--map takes COLUMN=FIELD, such as --map Firma=organisation; not “%(item)s”.")
                % {"item": item}
            )
        mapping[column.strip()] = target.strip()
    return mapping


class ProgressBar:
    """A one-line bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        filled = int(self.WIDTH * done / total) if total else self.WIDTH
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\r{_stage_label(stage):<14} [{bar}] {done}/{total}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * (self.WIDTH + 40) + "\r")
            sys.stderr.flush()


def _stage_label(stage: str) -> str:
    return {
        "parse": _("Reading"),
        "persons": _("Persons"),
        "interactions": _("Contacts"),
        "save": _("Saving"),
        "finish": _("Finishing"),
    }.get(stage, stage)


def cmd_import(args: argparse.Namespace) -> int:
    from netkort.services import workspaces
    from netkort.services.importing import import_files

    bar = ProgressBar()
    try:
        report = import_files(
            workspaces.local_workspace(),
            args.paths,
            format=args.format,
            dry_run=args.dry_run,
            mapping=parse_mapping(args.map) or None,
            progress=bar,
        )
    finally:
        bar.close()
    if args.json:
        print_json(report.as_dict())
        return 0
    for f in report.files:
        print(f"{f.path} ({f.label or f.format})")
        print(
            "  "
            + _(
                "%(new)d new, %(merged)d merged, %(updated)d updated, %(unchanged)d unchanged; "
                "%(interactions)d contacts added"
            )
            % {
                "new": f.persons_new,
                "merged": f.persons_merged,
                "updated": f.persons_updated,
                "unchanged": f.persons_unchanged,
                "interactions": f.interactions_new,
            }
        )
        if f.proposals:
            print("  " + _("%(count)d possible duplicates to review") % {"count": f.proposals})
        for s in f.skipped[:20]:
            where = _("line %(line)d") % {"line": s.line} if s.line else "—"
            print(f"  {_('skipped')} {where}: {s.reason}")
        if len(f.skipped) > 20:
            print("  " + _("… and %(count)d more skipped") % {"count": len(f.skipped) - 20})
    total = ngettext("%(count)d person", "%(count)d persons", report.persons_total)
    print(_("In your network now: %(total)s.") % {"total": total % {"count": report.persons_total}})
    if report.dry_run:
        print(_("This was a dry run: nothing was changed."))
    return 0
