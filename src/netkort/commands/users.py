"""``netkort user add|list|disable|invite`` and the server behind ``netkort serve --server``."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from netkort.cli import _, print_json


def register(commands: Any) -> None:
    user = commands.add_parser("user", help="the users of a netkort server")
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a user with a network of their own")
    add.add_argument("username")
    add.add_argument("--email", default="", help="their e-mail address (for password e-mails)")
    add.add_argument("--admin", action="store_true", help="may invite anyone")
    add.add_argument("--coach", action="store_true", help="a coach: may invite clients")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (else they set one by e-mail)",
    )
    add.add_argument("--json", action="store_true", help="print the user as JSON")
    add.set_defaults(handler=cmd_add)

    listing = actions.add_parser("list", help="list the users")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(handler=cmd_list)

    disable = actions.add_parser("disable", help="stop a user from signing in")
    disable.add_argument("username")
    disable.set_defaults(handler=cmd_disable)

    invite = actions.add_parser("invite", help="print a one-time sign-up link")
    invite.add_argument("--by", required=True, metavar="USERNAME", help="an admin or a coach")
    invite.add_argument(
        "--url", default="http://127.0.0.1:8000", help="the server's address as users see it"
    )
    invite.set_defaults(handler=cmd_invite)


def _row(user: Any) -> dict[str, Any]:
    from netkort.services.accounts import is_coach

    return {
        "username": user.username,
        "email": user.email,
        "active": user.is_active,
        "admin": user.is_staff,
        "coach": is_coach(user),
        "joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def cmd_add(args: argparse.Namespace) -> int:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from netkort.services import accounts
    from netkort.services.errors import UserError

    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
        try:
            validate_password(password)
        except ValidationError as exc:
            raise UserError(" ".join(exc.messages)) from None
    user = accounts.create_user(
        args.username, args.email, password=password, admin=args.admin, coach=args.coach
    )
    if args.json:
        print_json(_row(user))
    else:
        print(_("Added %(name)s with a network of their own.") % {"name": user.username})
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from netkort.services import accounts

    rows = [_row(u) for u in accounts.list_users()]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        roles = [
            label for label, on in ((_("admin"), row["admin"]), (_("coach"), row["coach"])) if on
        ]
        if not row["active"]:
            roles.append(_("disabled"))
        extra = f"  ({', '.join(roles)})" if roles else ""
        print(f"{row['username']}  {row['email']}{extra}")
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    from netkort.services import accounts

    user = accounts.disable_user(args.username)
    print(_("%(name)s can no longer sign in.") % {"name": user.username})
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    from django.contrib.auth.models import User
    from django.urls import reverse

    from netkort.services import accounts
    from netkort.services.errors import NotFound, UserError

    inviter = User.objects.filter(username__iexact=args.by).first()
    try:
        if inviter is None:
            raise NotFound("no such user")
        made = accounts.invite(inviter)
    except NotFound:
        raise UserError(
            _("%(name)s is not an administrator or coach who may invite.") % {"name": args.by}
        ) from None
    path = reverse("netkort:sign-up", kwargs={"token": made.token})
    print(args.url.rstrip("/") + path)
    return 0


def serve_server(application: Any, host: str, port: int) -> int:
    """Serve the multi-user app with waitress, for a reverse proxy in front of it."""
    import waitress

    print(
        _(
            "netkort serves at http://%(host)s:%(port)d/ (server mode); put it behind a proxy "
            "with HTTPS."
        )
        % {"host": host, "port": port},
        flush=True,
    )
    # Waitress drops X-Forwarded-* headers unless they come from a trusted proxy; the
    # proxy's scheme tells Django the request came over HTTPS, its address list gives
    # login throttling the client's address.
    waitress.serve(
        application,
        host=host,
        port=port,
        threads=8,
        ident="netkort",
        trusted_proxy=os.environ.get("NETKORT_TRUSTED_PROXY", "127.0.0.1"),
        trusted_proxy_count=1,
        trusted_proxy_headers="x-forwarded-proto x-forwarded-for",
    )
    return 0
