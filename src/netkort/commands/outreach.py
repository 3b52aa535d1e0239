"""``netkort due``, ``netkort digest`` and ``netkort log``: keeping in touch from the terminal."""

from __future__ import annotations

import argparse
import os
from datetime import date
from typing import Any

from netkort.cli import _, print_json


def register(commands: Any) -> None:
    due = commands.add_parser("due", help="whom to keep in touch with today")
    due.add_argument("--json", action="store_true", help="print a JSON array")
    due.set_defaults(handler=cmd_due)

    digest = commands.add_parser(
        "digest", help="the week's list; e-mailed when NETKORT_SMTP_HOST is set"
    )
    digest.add_argument("--to", default="", metavar="ADDRESS", help="where to e-mail it")
    digest.set_defaults(handler=cmd_digest)

    log = commands.add_parser("log", help="log a contact with a person")
    log.add_argument("person", help="the person's id or a name only one person matches")
    log.add_argument(
        "--channel",
        default="other",
        choices=["phone", "message", "email", "meeting", "virtual_coffee", "event", "other"],
    )
    log.add_argument("--note", default="", help="what you talked about")
    log.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD", help="default today")
    log.add_argument(
        "--direction", default="out", choices=["out", "in", "mutual", "unknown"], help="who began"
    )
    log.add_argument("--json", action="store_true", help="print the result as JSON")
    log.set_defaults(handler=cmd_log)


def cmd_due(args: argparse.Namespace) -> int:
    from netkort.services import keep_in_touch, workspaces

    items = keep_in_touch.due(workspaces.local_workspace())
    rows = [keep_in_touch.as_dict(i) for i in items]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        overdue = row["overdue_days"]
        when = _("%(days)d days overdue") % {"days": overdue} if overdue > 0 else _("due today")
        print(f"{row['id']:>6}  {row['display_name']} · {when}")
    if not rows:
        print(_("Nobody is due today."))
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    from netkort.services import digest, keep_in_touch, workspaces

    workspace = workspaces.local_workspace()
    connection = digest.smtp_connection()
    if connection is None:
        print(keep_in_touch.digest_text(workspace), end="")
        return 0
    to = args.to or os.environ.get("NETKORT_DIGEST_TO", "")
    digest.send_digest(workspace, to, connection=connection)
    print(_("The digest was sent to %(to)s.") % {"to": to})
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from netkort.services import interactions, workspaces

    workspace = workspaces.local_workspace()
    person = interactions.find_person(workspace, args.person)
    entry = interactions.NewInteraction(
        channel=args.channel, on=args.date, direction=args.direction, note=args.note
    )
    interaction = interactions.log_interaction(workspace, [person], entry)
    if args.json:
        print_json(
            {
                "id": interaction.pk,
                "person": person.pk,
                "occurred_at": interaction.occurred_at.isoformat(),
                "channel": interaction.channel,
            }
        )
    else:
        print(_("Logged contact with %(name)s.") % {"name": person.display_name})
    return 0
