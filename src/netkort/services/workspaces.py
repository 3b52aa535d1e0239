"""Creating workspaces and finding the local owner's."""

from __future__ import annotations

import getpass

from django.contrib.auth.models import User
from django.db import transaction

from netkort.domain.records import ContextKey
from netkort.store import models as m
from netkort.store.models import Context, Profile, Workspace

LOCAL_OWNER = "owner"


@transaction.atomic
def create_workspace(owner: User, name: str, region: str = "DK") -> Workspace:
    """A workspace with the built-in contexts and an empty profile of "me"."""
    workspace = Workspace.objects.create(owner=owner, name=name, default_region=region)
    Context.objects.bulk_create(
        Context(workspace=workspace, key=key.value, position=i) for i, key in enumerate(ContextKey)
    )
    Profile.objects.create(workspace=workspace)
    return workspace


def local_owner() -> User:
    """The one user of local mode; they log in through one-time links, not a password."""
    user, created = User.objects.get_or_create(username=LOCAL_OWNER)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def local_workspace() -> Workspace:
    """The local owner's workspace, made on first use."""
    owner = local_owner()
    workspace = Workspace.objects.filter(owner=owner).order_by("id").first()
    if workspace is None:
        workspace = create_workspace(owner, name=_default_name())
    return workspace


def _default_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "netkort"


@transaction.atomic
def clear_network(workspace: Workspace) -> None:
    """Delete every person and everything about them; the contexts and settings stay."""
    # Children first, so each delete is one statement instead of a cascade collected
    # in memory.
    for model in (
        m.InteractionPerson,
        m.Interaction,
        m.Favour,
        m.StatusChange,
        m.Assessment,
        m.GoalOrganisation,
        m.Goal,
        m.Tie,
        m.PersonContext,
        m.PersonTag,
        m.EmailAddress,
        m.PhoneNumber,
        m.MergeDecision,
        m.ProfilePosition,
        m.ProfileEducation,
    ):
        model.objects.filter(workspace=workspace).delete()
    m.Person.objects.filter(workspace=workspace).update(introduced_by=None)
    m.Person.objects.filter(workspace=workspace).delete()
    m.Organisation.objects.filter(workspace=workspace).delete()
    m.Tag.objects.filter(workspace=workspace).delete()
    workspace.settings.pop("demo", None)
    workspace.save(update_fields=["settings"])
