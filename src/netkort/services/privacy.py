"""Forgetting on request: a person with every trace, or a user with everything they own."""

from __future__ import annotations

from functools import partial

from axes.models import (  # type: ignore[import-untyped]
    AccessAttempt,
    AccessFailureLog,
    AccessLog,
)
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q

from netkort.services import analysis, search
from netkort.services.errors import NotFound
from netkort.services.workspaces import clear_network
from netkort.store import models as m
from netkort.store.models import Person, Workspace


@transaction.atomic
def delete_person(workspace: Workspace, person_id: int) -> str:
    """Delete a person and everything that is about them alone; returns their name.

    An interaction with only this person goes; one shared with others stays for them,
    without this person. Links, ties, assessments with their moves, favours, e-mail
    addresses, phone numbers, tags, contexts and merge decisions that name them go too.
    Who they introduced stays, without the introduction.
    """
    person = Person.objects.filter(workspace=workspace, pk=person_id).first()
    if person is None:
        raise NotFound("no such person")
    name = person.display_name
    theirs = m.InteractionPerson.objects.filter(person=person).values("interaction_id")
    # Counted over a join of its own: filtering by the person would count them only.
    alone = (
        m.Interaction.objects.filter(workspace=workspace, pk__in=theirs)
        .annotate(people=Count("interactionperson"))
        .filter(people=1)
        .values_list("pk", flat=True)
    )
    m.Interaction.objects.filter(pk__in=list(alone)).delete()
    m.MergeDecision.objects.filter(workspace=workspace).filter(
        Q(kept=person) | Q(other=person)
    ).delete()
    m.Tie.objects.filter(workspace=workspace).filter(Q(a=person) | Q(b=person)).delete()
    # The rest (InteractionPerson, Assessment with StatusChange, Favour, EmailAddress,
    # PhoneNumber, PersonContext, PersonTag) cascades with the row; introductions are
    # set to null.
    person.delete()
    # Nothing of them stays in the search index or in the kept measures of the network.
    search.purge()
    transaction.on_commit(partial(analysis.forget, workspace))
    return name


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the user, every workspace they own with all its data, and their grants.

    Their visits stay in other owners' access logs without their name (the owners'
    record of who looked, minus the identity of a user who no longer exists).
    """
    for workspace in Workspace.objects.filter(owner=user):
        clear_network(workspace)
        transaction.on_commit(partial(analysis.forget, workspace))
        workspace.delete()
    search.purge()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=user.username).delete()
    user.delete()
