"""Server mode's accounts: invitation, sign-up, sign-in and out, passwords, throttling."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher, make_password
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from django.urls import reverse

from clients import client_for
from netkort.services import accounts
from netkort.store.models import LoginToken, Workspace, WorkspaceGrant

pytestmark = pytest.mark.usefixtures("server_mode")

STRONG = "fjord-lighthouse-27"


def english() -> Client:
    return Client(headers={"Accept-Language": "en"})


@pytest.fixture
def coach(bob: User) -> User:
    bob.email = "bob@coach.dk"
    bob.save()
    bob.groups.add(Group.objects.get_or_create(name=accounts.COACHES)[0])
    return bob


def sign_up_url(token: str) -> str:
    return reverse("netkort:sign-up", kwargs={"token": token})


def fill(token: str, username: str = "dora", **extra: str) -> dict[str, str]:
    return {
        "username": username,
        "email": f"{username}@example.dk",
        "password1": STRONG,
        "password2": STRONG,
        **extra,
    }


def test_an_invitation_signs_up_a_user_with_a_workspace_of_their_own(coach: User) -> None:
    made = accounts.invite(coach)
    client = english()
    page = client.get(sign_up_url(made.token))
    assert page.status_code == 200
    assert "bob invited you" in page.content.decode()
    response = client.post(sign_up_url(made.token), fill(made.token), follow=True)
    dora = User.objects.get(username="dora")
    workspace = Workspace.objects.get(owner=dora)
    assert response.redirect_chain[-1][0] == reverse("netkort:home", kwargs={"ws": workspace.uid})
    assert dora.check_password(STRONG)
    assert workspace.contexts.count() > 5
    # Sharing is the client's choice, and they did not tick it.
    assert not WorkspaceGrant.objects.filter(workspace=workspace).exists()


def test_an_invitation_works_once(coach: User) -> None:
    made = accounts.invite(coach)
    english().post(sign_up_url(made.token), fill(made.token))
    again = english().post(sign_up_url(made.token), fill(made.token, username="eve"))
    assert again.status_code == 404
    assert "has been used or has expired" in again.content.decode()
    assert not User.objects.filter(username="eve").exists()


def test_an_invitation_is_stored_as_a_hash_that_no_login_link_matches(coach: User) -> None:
    made = accounts.invite(coach)
    row = LoginToken.objects.get(pk=made.row.pk)
    assert made.token not in row.token_hash
    assert row.token_hash.startswith("invite:") and len(row.token_hash) == 64
    login = english().get(reverse("netkort:login-link", kwargs={"token": made.token}))
    assert login.status_code == 403


def test_a_renewed_invitation_replaces_the_old_link(coach: User) -> None:
    old = accounts.invite(coach)
    client = client_for(coach)
    page = client.post(reverse("netkort:invitations"), {"renew": str(old.row.pk)})
    new_link = re.search(r"/accounts/sign-up/([\w-]+)/", page.content.decode())
    assert new_link is not None and new_link.group(1) != old.token
    assert english().get(sign_up_url(old.token)).status_code == 404
    assert english().get(sign_up_url(new_link.group(1))).status_code == 200
    assert len(accounts.open_invitations(coach)) == 1


def test_a_client_invited_by_a_coach_may_share_with_them_at_sign_up(coach: User) -> None:
    made = accounts.invite(coach)
    english().post(sign_up_url(made.token), fill(made.token, share_with_inviter="on"))
    grant = WorkspaceGrant.objects.get(user=coach)
    assert grant.workspace.owner.username == "dora"
    assert grant.level == "read"


def test_only_admins_and_coaches_invite(alice: User, coach: User) -> None:
    assert client_for(alice).get(reverse("netkort:invitations")).status_code == 404
    assert client_for(alice).post(reverse("netkort:invitations")).status_code == 404
    assert client_for(coach).post(reverse("netkort:invitations")).status_code == 200
    admin = User.objects.create_user("root", is_staff=True)
    assert client_for(admin).post(reverse("netkort:invitations")).status_code == 200


def test_a_disabled_coachs_invitation_no_longer_works(coach: User) -> None:
    made = accounts.invite(coach)
    accounts.disable_user("bob")
    assert english().get(sign_up_url(made.token)).status_code == 404


def test_a_weak_password_is_refused_at_sign_up(coach: User) -> None:
    made = accounts.invite(coach)
    data = fill(made.token)
    data["password1"] = data["password2"] = "12345678"
    page = english().post(sign_up_url(made.token), data)
    assert page.status_code == 200
    assert "too short" in page.content.decode() or "too common" in page.content.decode()
    assert not User.objects.filter(username="dora").exists()


def test_a_user_signs_in_with_a_password_and_out_again(alice: User, workspace: Workspace) -> None:
    alice.set_password(STRONG)
    alice.save()
    client = english()
    home = reverse("netkort:home", kwargs={"ws": workspace.uid})
    signed_out = client.get(home)
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("netkort:login") + "?next=")
    response = client.post(
        reverse("netkort:login"), {"username": "alice", "password": STRONG, "next": home}
    )
    assert response.status_code == 302 and response["Location"] == home
    assert client.get(home).status_code == 200
    out = client.post(reverse("netkort:logout"), follow=True)
    assert out.redirect_chain[-1][0] == reverse("netkort:login")
    assert client.get(home).status_code == 302


def test_a_wrong_password_is_refused(alice: User) -> None:
    alice.set_password(STRONG)
    alice.save()
    page = english().post(reverse("netkort:login"), {"username": "alice", "password": "nope"})
    assert page.status_code == 200
    assert "correct username and password" in page.content.decode()


def test_five_wrong_passwords_lock_the_user_out_even_with_the_right_one(alice: User) -> None:
    alice.set_password(STRONG)
    alice.save()
    client = english()
    for _ in range(5):
        client.post(reverse("netkort:login"), {"username": "alice", "password": "wrong"})
    locked = client.post(reverse("netkort:login"), {"username": "alice", "password": STRONG})
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_user_changes_their_password(alice: User) -> None:
    alice.set_password(STRONG)
    alice.save()
    client = client_for(alice)
    new = "heather-moorland-91"
    response = client.post(
        reverse("netkort:password-change"),
        {"old_password": STRONG, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Your password is changed" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_a_forgotten_password_is_reset_through_an_e_mailed_link(alice: User) -> None:
    alice.email = "alice@example.dk"
    alice.set_password(STRONG)
    alice.save()
    client = english()
    client.post(reverse("netkort:password-reset"), {"email": "alice@example.dk"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.dk"]
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert "Set a new password" in form.content.decode()
    new = "heather-moorland-91"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert done.redirect_chain[-1][0] == reverse("netkort:login")
    alice.refresh_from_db()
    assert alice.check_password(new)
    # The link works once.
    assert "already been used" in english().get(link.group(1), follow=True).content.decode()


def test_a_reset_for_an_unknown_address_sends_nothing_and_says_the_same(alice: User) -> None:
    page = english().post(reverse("netkort:password-reset"), {"email": "x@y.dk"}, follow=True)
    assert "If an account has that address" in page.content.decode()
    assert mail.outbox == []


def test_the_account_pages_do_not_exist_in_local_mode(settings: object, alice: User) -> None:
    setattr(settings, "NETKORT_SERVER_MODE", False)  # noqa: B010
    for name in ("login", "account", "invitations", "password-reset", "coach"):
        assert client_for(alice).get(reverse(f"netkort:{name}")).status_code == 404, name


def test_new_passwords_are_hashed_with_argon2() -> None:
    from netkort.web import settings as netkort_settings

    assert netkort_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    hasher = Argon2PasswordHasher()
    encoded = make_password(STRONG, hasher=hasher)
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify(STRONG, encoded)


def test_the_account_page_links_sharing_the_log_and_the_complete_export(
    alice: User, workspace: Workspace
) -> None:
    page = client_for(alice).get(reverse("netkort:account")).content.decode()
    assert reverse("netkort:sharing", kwargs={"ws": workspace.uid}) in page
    assert reverse("netkort:access-log", kwargs={"ws": workspace.uid}) in page
    assert reverse("netkort:export", kwargs={"ws": workspace.uid}) in page
    assert reverse("netkort:account-delete") in page
