"""``netkort analyze``, ``netkort plan`` and ``netkort paths --to ORGANISATION``."""

from __future__ import annotations

import argparse
from typing import Any

from netkort.cli import _, print_json


def register(commands: Any) -> None:
    analyze = commands.add_parser(
        "analyze", help="measures of your network: size, composition, diversity, brokers"
    )
    analyze.add_argument("--json", action="store_true", help="print a JSON object")
    analyze.set_defaults(handler=cmd_analyze)

    plan = commands.add_parser("plan", help="whom to contact first for your goal, and why")
    plan.add_argument(
        "--goal", type=int, metavar="ID", help="a goal's id (default: the active goal)"
    )
    plan.add_argument("--top", type=int, default=20, metavar="N", help="how many (default 20)")
    plan.add_argument("--json", action="store_true", help="print a JSON array")
    plan.set_defaults(handler=cmd_plan)

    paths = commands.add_parser("paths", help="who can open the door to an organisation")
    paths.add_argument(
        "--to", required=True, metavar="ORGANISATION", help="its name or a part of it"
    )
    paths.add_argument("--json", action="store_true", help="print a JSON array")
    paths.set_defaults(handler=cmd_paths)


def cmd_analyze(args: argparse.Namespace) -> int:
    from netkort.services import analysis, workspaces

    data = analysis.as_dict(analysis.measures(workspaces.local_workspace()))
    if args.json:
        print_json(data)
        return 0
    print(_("Persons: %(size)d") % {"size": data["size"]})
    if data["guess"]:
        print(_("Your first guess: %(guess)d") % {"guess": data["guess"]})
    print(_("Known ties between them: %(count)d") % {"count": data["known_ties"]})
    print(_("By ring:"), ", ".join(f"{r['ring']}: {r['count']}" for r in data["rings"]))
    for row in data["diversity"]:
        if row["advice"]:
            print(row["advice"])
    if data["brokers"]:
        print(_("Brokers:"), ", ".join(b["display_name"] for b in data["brokers"][:5]))
    if data["dormant"]:
        print(_("Dormant ties:"), ", ".join(d["display_name"] for d in data["dormant"][:5]))
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from netkort.services import plan, workspaces
    from netkort.services.errors import UserError

    workspace = workspaces.local_workspace()
    goal = plan.goal_for(workspace, args.goal)
    if goal is None:
        raise UserError(
            _("There is no active goal. Add one with “netkort goal add TITLE --activate”.")
        )
    if args.top < 1:
        raise UserError(_("--top needs a number of 1 or more."))
    rows = plan.plan_for(workspace, goal, top=args.top).rows
    if args.json:
        print_json([r.as_dict() for r in rows])
        return 0
    print(goal.title)
    for n, row in enumerate(rows, 1):
        print(f"{n:>3}. {row.score:5.1f}  {row.display_name}")
        for reason in row.reasons[:3]:
            print(f"            {reason}")
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    from netkort.services import analysis, workspaces

    orgs, rows = analysis.paths_to(workspaces.local_workspace(), args.to)
    if args.json:
        print_json([r.as_dict() for r in rows])
        return 0
    print(", ".join(o.name for o in orgs))
    if not rows:
        print(
            _(
                "Nobody in your network works there or knows someone who does, "
                "as far as netkort knows."
            )
        )
    for row in rows:
        if row.current:
            inside = _("works there")
        elif row.when:
            inside = _("used to work there") + f", {row.when}"
        else:
            inside = _("used to work there")
        if row.direct:
            print(f"  {row.via.name} ({inside})")
        else:
            print(f"  {row.via.name} → {row.insider.name} ({inside})")
    return 0
