"""The data model of netkort.

Every row of user data carries its workspace: that is how one person's network is kept
apart from another's on a shared server, and it is the key a sharded PostgreSQL would
distribute by. Code outside ``netkort.services`` does not query these models directly.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from netkort.store import labels
from netkort.store.labels import choices


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Workspace(models.Model):
    """One person's network."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workspaces"
    )
    default_region = models.CharField(max_length=2, default="DK")
    settings = models.JSONField(default=dict, blank=True)
    feed_token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class WorkspaceGrant(models.Model):
    """Access to a workspace granted by its owner to another user (a coach)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    level = models.CharField(max_length=16, choices=choices(labels.GRANT_LEVELS))
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "user"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_grant_per_user",
            )
        ]


class AccessLogEntry(models.Model):
    """A visit to a workspace by someone other than its owner."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)


class LoginToken(models.Model):
    """A one-time login link; only the token's hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)


class Profile(models.Model):
    """ "Me": the owner of the network, used for comparisons and advice."""

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="profile")
    full_name = models.CharField(max_length=200, blank=True)
    headline = models.CharField(max_length=300, blank=True)
    industry = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    skills = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    network_size_guess = models.PositiveIntegerField(null=True, blank=True)


class Organisation(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=300)
    name_folded = models.CharField(max_length=300)
    aliases = models.JSONField(default=list, blank=True)
    industry = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name_folded"], name="org_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ProfilePosition(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True)
    organisation_name = models.CharField(max_length=300)
    title = models.CharField(max_length=300, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start"]


class ProfileEducation(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="education")
    school = models.CharField(max_length=300)
    degree = models.CharField(max_length=300, blank=True)
    field_of_study = models.CharField(max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)


class Context(models.Model):
    """Where the user knows people from: a built-in (``key``) or their own (``name``)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="contexts")
    key = models.CharField(max_length=40, blank=True)
    name = models.CharField(max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "key"], condition=~Q(key=""), name="context_unique_key"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The built-in context's name in the current language, or the user's own name."""
        if self.key in labels.CONTEXTS:
            return str(labels.CONTEXTS[self.key])
        return self.name


class Tag(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="tag_unique")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="persons")
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    display_name = models.CharField(_("name"), max_length=400)
    # Derived keys, kept in step by services.people: search and locale-correct sorting.
    search_text = models.TextField(default="", editable=False)
    sort_key_da = models.CharField(max_length=600, default="", editable=False)
    sort_key_en = models.CharField(max_length=600, default="", editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="persons"
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    industry = models.CharField(_("industry"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    linkedin_url = models.CharField(_("LinkedIn profile"), max_length=400, blank=True)
    urls = models.JSONField(default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Schools, colleges and universities the person attended, as written.
    schools = models.JSONField(_("education"), default=list, blank=True)
    contexts: models.ManyToManyField[Context, PersonContext] = models.ManyToManyField(
        Context, through="PersonContext", related_name="persons"
    )
    primary_context = models.ForeignKey(
        Context, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    tags: models.ManyToManyField[Tag, PersonTag] = models.ManyToManyField(
        Tag, through="PersonTag", related_name="persons"
    )
    closeness = models.PositiveSmallIntegerField(
        _("closeness"), null=True, blank=True, choices=choices(labels.CLOSENESS)
    )
    is_super_connector = models.BooleanField(_("super-connector"), default=False)
    introduced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="introduced"
    )
    first_met = models.DateField(_("first met"), null=True, blank=True)
    connected_on = models.DateField(null=True, blank=True)
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    photo = models.BinaryField(null=True, blank=True)
    keep_in_touch_days = models.PositiveIntegerField(null=True, blank=True)
    snoozed_until = models.DateField(null=True, blank=True)
    # Kept in step with the interactions by services.people.refresh_contact_stats.
    last_contact_at = models.DateTimeField(null=True, blank=True)
    interaction_count = models.PositiveIntegerField(default=0)
    # {field: {"source": "linkedin" | "vcard" | "user" | ..., "user": bool}}
    provenance = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["workspace", "sort_key_da"]),
            models.Index(fields=["workspace", "sort_key_en"]),
            models.Index(fields=["workspace", "linkedin_url"]),
            models.Index(fields=["workspace", "last_contact_at"]),
            models.Index(fields=["workspace", "closeness"]),
            models.Index(fields=["workspace", "updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closeness__isnull=True) | Q(closeness__gte=1, closeness__lte=5),
                name="closeness_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def sources(self) -> list[str]:
        return sorted({str(p.get("source")) for p in self.provenance.values() if p.get("source")})

    def is_user_typed(self, field: str) -> bool:
        entry: dict[str, Any] = self.provenance.get(field, {})
        return bool(entry.get("user"))


class PersonContext(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    context = models.ForeignKey(Context, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "context"], name="person_context_unique")
        ]


class PersonTag(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "tag"], name="person_tag_unique")]


class EmailAddress(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    address = models.CharField(max_length=320)
    label = models.CharField(max_length=50, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["workspace", "address"])]


class PhoneNumber(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    e164 = models.CharField(max_length=32)
    raw = models.CharField(max_length=100, blank=True)
    label = models.CharField(max_length=50, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["workspace", "e164"])]


class Tie(models.Model):
    """A known link between two persons; stored once, with ``a`` the lower id."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    strength = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=24, choices=choices(labels.TIE_SOURCES))
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "a", "b"], name="tie_unique"),
            models.CheckConstraint(condition=Q(a__lt=models.F("b")), name="tie_ordered"),
        ]
        indexes = [models.Index(fields=["workspace", "strength"])]


class Interaction(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    occurred_at = models.DateTimeField(_("when"))
    channel = models.CharField(_("channel"), max_length=20, choices=choices(labels.CHANNELS))
    direction = models.CharField(
        _("direction"), max_length=10, choices=choices(labels.DIRECTIONS), default="unknown"
    )
    persons: models.ManyToManyField[Person, InteractionPerson] = models.ManyToManyField(
        Person, through="InteractionPerson", related_name="interactions"
    )
    summary = models.TextField(_("summary"), blank=True)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    # A planned meeting lies in the future until it is held.
    is_planned = models.BooleanField(default=False)
    link = models.CharField(max_length=500, blank=True)
    source = models.CharField(max_length=40, default="user")
    external_id = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "source", "external_id"],
                condition=~Q(external_id=""),
                name="interaction_unique_external_id",
            )
        ]


class InteractionPerson(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interaction", "person"], name="interaction_person_unique"
            )
        ]


class Goal(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField(max_length=16, choices=choices(labels.GOAL_KINDS))
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    target_organisations: models.ManyToManyField[Organisation, GoalOrganisation] = (
        models.ManyToManyField(Organisation, through="GoalOrganisation", related_name="+")
    )
    roles = models.JSONField(default=list, blank=True)
    industries = models.JSONField(default=list, blank=True)
    places = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    deadline = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace"], condition=Q(is_active=True), name="one_active_goal"
            )
        ]


class GoalOrganisation(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE)


class Assessment(models.Model):
    """How one person matters for one goal, and where the outreach to them stands."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="assessments")
    is_information = models.BooleanField(default=False)
    is_intermediary = models.BooleanField(default=False)
    is_direct_access = models.BooleanField(default=False)
    judged_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=choices(labels.OUTREACH_STATUSES), default="not_contacted"
    )
    outcome = models.CharField(max_length=20, choices=choices(labels.OUTCOMES), blank=True)
    priority_override = models.SmallIntegerField(null=True, blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    next_step_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "goal"], name="assessment_unique")]


class StatusChange(models.Model):
    """Every move through the outreach pipeline, dated."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="moves")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True)


class Favour(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="favours")
    direction = models.CharField(max_length=10, choices=choices(labels.FAVOUR_DIRECTIONS))
    kind = models.CharField(max_length=20, choices=choices(labels.FAVOUR_KINDS))
    on = models.DateField()
    note = models.TextField(blank=True)
    source = models.CharField(max_length=40, default="user")
    external_id = models.CharField(max_length=300, blank=True)


class MessageTemplate(models.Model):
    """A message template the user wrote or edited (the built-ins live in code)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()


class ImportBatch(models.Model):
    """One imported file: what it was, what it did, what was wrong with it."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=choices(labels.IMPORT_STATUSES))
    counts = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)


class ImportJob(models.Model):
    """An upload imported in the background; its page polls the progress."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=choices(labels.JOB_STATES), default="queued")
    stage = models.CharField(max_length=40, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # [{"name": shown file name, "path": where the upload waits on disk}]
    files = models.JSONField(default=list, blank=True)
    options = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)


class SheetMapping(models.Model):
    """A column mapping the user chose, remembered for the next sheet of the same shape."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    signature = models.CharField(max_length=64)
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "signature"], name="mapping_unique")
        ]


class MergeDecision(models.Model):
    """A decision about two persons who looked alike: merged, or kept apart for good."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    kept = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    other = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    other_keys = models.JSONField(default=list, blank=True)
    decision = models.CharField(
        max_length=10, choices=[("merged", _("Merged")), ("separate", _("Kept apart"))]
    )
    decided_at = models.DateTimeField(auto_now_add=True)
