"""``netkort goal add|list|show|activate|archive`` and ``netkort assess``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from netkort.cli import _, print_json


def register(commands: Any) -> None:
    goal = commands.add_parser("goal", help="what you want from your network now")
    actions = goal.add_subparsers(dest="goal_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a goal")
    add.add_argument("title", help="what you want, in a few words")
    add.add_argument(
        "--kind", default="job", choices=["job", "sparring", "career", "other"], help="the kind"
    )
    add.add_argument("--description", default="", help="a longer description")
    add.add_argument(
        "--organisation",
        "--org",
        action="append",
        default=[],
        dest="organisations",
        metavar="NAME",
        help="a target organisation (repeat for more)",
    )
    for name, what in (
        ("role", "a role you aim at"),
        ("industry", "an industry"),
        ("place", "a place"),
        ("keyword", "a keyword"),
    ):
        add.add_argument(
            f"--{name}", action="append", default=[], metavar="TEXT", help=f"{what} (repeat)"
        )
    add.add_argument("--deadline", type=date.fromisoformat, metavar="YYYY-MM-DD")
    add.add_argument("--activate", action="store_true", help="make it the active goal")
    add.add_argument("--json", action="store_true", help="print the goal as JSON")
    add.set_defaults(handler=cmd_goal_add)

    listing = actions.add_parser("list", help="list your goals")
    listing.add_argument("--all", action="store_true", help="archived goals too")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_goal_list)

    for name, handler, text in (
        ("show", cmd_goal_show, "show a goal"),
        ("activate", cmd_goal_activate, "make a goal the active one"),
        ("archive", cmd_goal_archive, "put a goal away"),
    ):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("id", help="the goal's id (see goal list)")
        sub.add_argument("--json", action="store_true", help="print the goal as JSON")
        sub.set_defaults(handler=handler)

    assess = commands.add_parser("assess", help="judge a person against a goal")
    assess.add_argument("person", metavar="PERSON", help="the person's id or name")
    assess.add_argument("--goal", metavar="ID", help="the goal's id (default: the active goal)")
    assess.add_argument(
        "--roles",
        default=None,
        metavar="ROLES",
        help="information, intermediary, direct_access separated by commas, or none",
    )
    assess.add_argument("--closeness", type=int, choices=range(1, 6), metavar="1-5")
    assess.add_argument(
        "--super-connector",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="knows many people and likes to introduce them",
    )
    assess.add_argument("--note", default=None, help="a short note for this goal")
    assess.add_argument("--json", action="store_true", help="print the assessment as JSON")
    assess.set_defaults(handler=cmd_assess)


def _print_goal(goal: dict[str, Any]) -> None:
    mark = "*" if goal["active"] else " "
    archived = _(" (archived)") if goal["archived"] else ""
    print(f"{mark}{goal['id']:>5}  [{goal['kind']}] {goal['title']}{archived}")


def cmd_goal_add(args: argparse.Namespace) -> int:
    from netkort.services import goals, workspaces

    fields = goals.GoalFields(
        title=args.title,
        kind=args.kind,
        description=args.description,
        target_organisations=args.organisations,
        roles=args.role,
        industries=args.industry,
        places=args.place,
        keywords=args.keyword,
        deadline=args.deadline,
    )
    goal = goals.create_goal(workspaces.local_workspace(), fields, activate=args.activate)
    data = goals.as_dict(goal)
    if args.json:
        print_json(data)
    else:
        print(_("Goal %(id)d added: %(title)s") % {"id": goal.pk, "title": goal.title})
    return 0


def cmd_goal_list(args: argparse.Namespace) -> int:
    from netkort.services import goals, workspaces

    found = goals.goals_of(workspaces.local_workspace(), archived=args.all)
    rows = [goals.as_dict(g) for g in found]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        _print_goal(row)
    if not rows:
        print(_("No goals yet: add one with “netkort goal add TITLE”."))
    return 0


def _show(args: argparse.Namespace, action: str) -> int:
    from netkort.services import goals, workspaces

    workspace = workspaces.local_workspace()
    goal = goals.get_goal(workspace, args.id)
    if action == "activate":
        goals.activate_goal(workspace, goal)
    elif action == "archive":
        goals.archive_goal(workspace, goal)
    data = goals.as_dict(goal)
    if args.json:
        print_json(data)
        return 0
    _print_goal(data)
    if action == "show":
        for key in ("description", "target_organisations", "roles", "industries", "places"):
            value = data[key]
            if value:
                print(f"  {key}: {value if isinstance(value, str) else ', '.join(value)}")
        if data["keywords"]:
            print(f"  keywords: {', '.join(data['keywords'])}")
        if data["deadline"]:
            print(f"  deadline: {data['deadline']}")
    return 0


def cmd_goal_show(args: argparse.Namespace) -> int:
    return _show(args, "show")


def cmd_goal_activate(args: argparse.Namespace) -> int:
    return _show(args, "activate")


def cmd_goal_archive(args: argparse.Namespace) -> int:
    return _show(args, "archive")


def cmd_assess(args: argparse.Namespace) -> int:
    from netkort.services import goals, person_lookup, triage, workspaces
    from netkort.services.errors import UserError

    workspace = workspaces.local_workspace()
    goal = goals.get_goal(workspace, args.goal) if args.goal else goals.active_goal(workspace)
    if goal is None:
        raise UserError(_("There is no active goal: give --goal ID, or add one with “goal add”."))
    person = person_lookup.find_one(workspace, args.person)
    before = triage.assessment_of(goal, person)
    roles = triage.parse_roles(args.roles) if args.roles is not None else triage.roles_of(before)
    judgement = triage.Judgement(roles, args.closeness, args.super_connector, args.note)
    assessment = triage.judge(workspace, goal, person, judgement)
    person.refresh_from_db()
    data = {
        "person": person.pk,
        "display_name": person.display_name,
        "goal": goal.pk,
        "roles": sorted(triage.roles_of(assessment)),
        "closeness": person.closeness,
        "super_connector": person.is_super_connector,
        "note": assessment.notes,
        "judged_at": assessment.judged_at.isoformat() if assessment.judged_at else None,
    }
    if args.json:
        print_json(data)
    else:
        roles_text = ", ".join(sorted(triage.roles_of(assessment))) or _("no role")
        print(
            _("%(name)s for goal %(goal)d: %(roles)s")
            % {"name": person.display_name, "goal": goal.pk, "roles": roles_text}
        )
    return 0
