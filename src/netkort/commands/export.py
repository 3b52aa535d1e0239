"""``netkort export FORMAT -o PATH`` and ``netkort restore PATH``."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from netkort.cli import _, print_json

FORMAT_NAMES = ("xlsx", "csv", "vcf", "graphml", "gexf", "ics", "json")
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export", help="write your network as a spreadsheet, vCard, graph, calendar or backup"
    )
    export.add_argument(
        "format",
        choices=FORMAT_NAMES,
        help="xlsx (workbook), csv (people), vcf (contacts), graphml or gexf (Gephi), "
        "ics (calendar), json (complete backup)",
    )
    export.add_argument(
        "-o", "--output", required=True, metavar="PATH", help="the file to write ('-': stdout)"
    )
    export.add_argument("--goal", type=int, metavar="ID", help="a goal's id (default: active)")
    export.add_argument(
        "--language", choices=["da", "en"], help="headers and labels (default: the CLI's)"
    )
    export.add_argument(
        "--delimiter",
        default=",",
        choices=sorted(DELIMITERS),
        help="csv delimiter: ',' or ';' (Danish Excel) or tab",
    )
    export.set_defaults(handler=cmd_export)

    restore = commands.add_parser("restore", help="restore a json backup into your network")
    restore.add_argument("path", help="a file written by 'netkort export json'")
    restore.add_argument(
        "--replace", action="store_true", help="delete everything in the network first"
    )
    restore.add_argument("--json", action="store_true", help="print the counts as JSON")
    restore.set_defaults(handler=cmd_restore)


def cmd_export(args: argparse.Namespace) -> int:
    from django.utils.translation import get_language

    from netkort.services import workspaces
    from netkort.services.export import ExportOptions, export

    options = ExportOptions(
        format=args.format,
        goal=args.goal,
        language=args.language or ("da" if (get_language() or "").startswith("da") else "en"),
        delimiter=DELIMITERS[args.delimiter],
    )
    result = export(workspaces.local_workspace(), options)
    if args.output == "-":
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
        return 0
    path = Path(args.output).expanduser()
    write_atomically(path, result.data)
    print(_("Wrote %(path)s (%(size)d bytes).") % {"path": path, "size": len(result.data)})
    return 0


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file, so a failed export never leaves half a file."""
    from netkort.services.errors import UserError

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(_("There is no folder %(folder)s.") % {"folder": folder})
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".netkort-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        # mkstemp makes the file private; give it the mode any new file would get.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_restore(args: argparse.Namespace) -> int:
    from netkort.services import backup, workspaces
    from netkort.services.errors import UserError

    path = Path(args.path).expanduser()
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise UserError(
            _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": exc.strerror}
        ) from exc
    data = backup.load_backup_bytes(content)
    result = backup.restore(workspaces.local_workspace(), data, replace=args.replace)
    if args.json:
        print_json(result.counts)
    else:
        print(
            _("Restored %(persons)d persons and %(interactions)d interactions from %(path)s.")
            % {
                "persons": result.counts["persons"],
                "interactions": result.counts["interactions"],
                "path": path,
            }
        )
    return 0
