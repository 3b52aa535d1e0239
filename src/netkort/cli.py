"""The ``netkort`` command: a thin adapter that parses, calls a service and prints.

Exit codes: 0 done, 1 a user-facing error (the message says what to do), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from netkort import __version__, config

Handler = Callable[[argparse.Namespace], int]

# Feature modules that add subcommands; each has ``register(commands)``, which adds its
# parsers with ``set_defaults(handler=...)``. Handlers import Django code lazily: the
# parser is built before Django is set up.
COMMAND_MODULES: tuple[str, ...] = (
    "netkort.commands.goals",
    "netkort.commands.users",
    "netkort.commands.export",
    "netkort.commands.outreach",
    "netkort.commands.importing",
    "netkort.commands.analysis",
)


def _(text: str) -> str:
    """Translate once Django is set up; argparse help is built before that.

    Feature modules use this as ``from netkort.cli import _``.
    """
    if "django.conf" in sys.modules:
        from django.utils.translation import gettext

        return gettext(text)
    return text


def ngettext(singular: str, plural: str, count: int) -> str:
    from django.utils.translation import ngettext as translate

    return translate(singular, plural, count)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netkort",
        description="See, understand and use your professional network for a goal.",
    )
    parser.add_argument("--version", action="version", version=f"netkort {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="an SQLite file or a postgresql:// URL (default: NETKORT_DATABASE_URL, "
        "else netkort.sqlite3 in your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = commands.add_parser("serve", help="run the web app and open it in your browser")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument("--no-browser", action="store_true", help="print the link only")
    serve.add_argument(
        "--server",
        action="store_true",
        help="run as the multi-user server (NETKORT_MODE=server; see docs/deploy.md)",
    )
    serve.set_defaults(handler=cmd_serve)

    link = commands.add_parser("login-link", help="print a new one-time login link")
    link.add_argument("--host", default="127.0.0.1")
    link.add_argument("--port", type=int, default=8000)
    link.set_defaults(handler=cmd_login_link)

    demo = commands.add_parser("demo", help="fill the database with the demo network")
    demo.add_argument("--size", type=int, default=400, help="number of persons (default 400)")
    demo.add_argument(
        "--reset", action="store_true", help="delete the network first, your own persons too"
    )
    demo.add_argument("--json", action="store_true", help="print the result as JSON")
    demo.set_defaults(handler=cmd_demo)

    people = commands.add_parser("people", help="the persons in your network")
    people_commands = people.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    listing = people_commands.add_parser("list", help="list persons")
    listing.add_argument("--search", default="", metavar="Q", help="name, organisation, e-mail…")
    listing.add_argument("--context", default="", metavar="C", help="a context's key or name")
    listing.add_argument("--limit", type=int, default=0, help="at most this many (0: all)")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_people_list)

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(commands)
    return parser


def database_url_for(value: str) -> str:
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def setup(db: str | None) -> None:
    """Point Django at the chosen database, bring its tables up to date, pick a language."""
    if db:
        os.environ[config.DATABASE_URL_ENV] = database_url_for(db)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netkort.web.settings")
    import django

    django.setup()
    from django.utils import translation

    translation.activate(_cli_language())
    migrate_quietly()
    freeze_startup_objects()


def freeze_startup_objects() -> None:
    """Load the pages' code now and exempt it from garbage collection.

    The libraries behind the pages (numpy, scipy, phonenumbers' tables, …) leave hundreds
    of thousands of long-lived objects; without this every full collection walks them
    all and adds 130 to 170 ms to whichever request triggers it.
    """
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - importing every view is the point
    gc.freeze()


def _cli_language() -> str:
    wanted = os.environ.get("NETKORT_LANGUAGE") or os.environ.get("LANG", "")
    return "da" if wanted.lower().startswith("da") else "en"


def migrate_quietly() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "server", False):
        os.environ[config.MODE_ENV] = "server"
    try:
        setup(args.db)
        handler: Handler = args.handler
        return handler(args)
    except BrokenPipeError:
        # The reader (``| head``) went away; that is not an error of ours.
        sys.stderr.close()
        return 0
    except config.ConfigError as exc:
        print(f"netkort: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        from netkort.services.errors import UserError

        if isinstance(exc, UserError):
            print(f"netkort: {exc}", file=sys.stderr)
            return 1
        raise


def cmd_serve(args: argparse.Namespace) -> int:
    import waitress

    from netkort.web.wsgi import application

    if args.server:
        from netkort.commands.users import serve_server

        return serve_server(application, args.host, args.port)
    url = _login_url(args.host, args.port)
    print(_("Open netkort with this one-time link:"))
    print(f"  {url}")
    print(_("Stop with Ctrl+C."), flush=True)
    if not args.no_browser:
        webbrowser.open(url)
    waitress.serve(application, host=args.host, port=args.port, threads=4, ident="netkort")
    return 0


def cmd_login_link(args: argparse.Namespace) -> int:
    print(_login_url(args.host, args.port))
    return 0


def _login_url(host: str, port: int) -> str:
    from netkort.services import login_links, workspaces

    workspaces.local_workspace()
    token = login_links.mint(workspaces.local_owner())
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    return f"http://{shown}:{port}/login/{token}/"


def cmd_demo(args: argparse.Namespace) -> int:
    from netkort.services import demo, workspaces

    result = demo.load_demo(workspaces.local_workspace(), size=args.size, reset=args.reset)
    if args.json:
        print_json(
            {
                "created": result.created,
                "persons": result.persons,
                "interactions": result.interactions,
            }
        )
    elif result.created:
        print(
            _("The demo network is ready: %(persons)d persons, %(interactions)d interactions.")
            % {"persons": result.persons, "interactions": result.interactions}
        )
    else:
        print(
            _("The demo network is already there (%(persons)d persons).")
            % {"persons": result.persons}
        )
    return 0


def cmd_people_list(args: argparse.Namespace) -> int:
    from django.utils.translation import get_language

    from netkort.services import people, workspaces

    workspace = workspaces.local_workspace()
    context = people.find_context(workspace, args.context).pk if args.context else None
    flt = people.PeopleFilter(search=args.search, context=context, language=get_language() or "da")
    qs = people.with_details(people.people(workspace, flt))
    if args.limit:
        qs = qs[: args.limit]
    rows = [people.as_dict(p) for p in qs]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        org = row["organization"]
        print(f"{row['id']:>6}  {row['display_name']}" + (f" · {org}" if org else ""))
    print(ngettext("%(count)d person", "%(count)d persons", len(rows)) % {"count": len(rows)})
    return 0


def print_json(data: Any) -> None:
    """Print data as JSON, letters such as æ, ø and å as they are."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    raise SystemExit(main())
