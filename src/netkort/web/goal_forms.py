"""Forms for goals, the people list's bulk actions and ties."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from netkort.services.goals import GoalFields
from netkort.services.ties import STRENGTHS
from netkort.store import labels
from netkort.store.models import Context
from netkort.web.forms import DATE_INPUT, split_items

ROLE_CHOICES = [
    ("information", _("Information")),
    ("intermediary", _("Intermediary")),
    ("direct_access", _("Direct access")),
]


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of goal"), choices=list(labels.GOAL_KINDS.items()))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target_organisations = forms.CharField(
        label=_("Target organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line. Organisations already in your network are linked to it."),
    )
    add_organisation = forms.CharField(
        label=_("Add a target organisation from your network"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"list": "organisations", "autocomplete": "off"}),
    )
    roles = forms.CharField(
        label=_("Roles you aim at"),
        required=False,
        help_text=_("Separated by commas, e.g. Head of Digital, Programme manager."),
    )
    industries = forms.CharField(label=_("Industries"), required=False)
    places = forms.CharField(label=_("Places"), required=False)
    keywords = forms.CharField(label=_("Keywords"), required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE_INPUT)

    @classmethod
    def initial_for(cls, fields: GoalFields) -> dict[str, Any]:
        return {
            "title": fields.title,
            "kind": fields.kind,
            "description": fields.description,
            "target_organisations": "\n".join(fields.target_organisations),
            "roles": ", ".join(fields.roles),
            "industries": ", ".join(fields.industries),
            "places": ", ".join(fields.places),
            "keywords": ", ".join(fields.keywords),
            "deadline": fields.deadline,
        }

    def to_fields(self) -> GoalFields:
        data = self.cleaned_data
        return GoalFields(
            title=data["title"],
            kind=data["kind"],
            description=data["description"],
            target_organisations=[
                # Organisation names may hold commas ("Hansen, Olsen & Co."): a line each.
                *split_items(data["target_organisations"], also=""),
                *split_items(data["add_organisation"], also=""),
            ],
            roles=split_items(data["roles"]),
            industries=split_items(data["industries"]),
            places=split_items(data["places"]),
            keywords=split_items(data["keywords"]),
            deadline=data["deadline"],
        )


class BulkForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, required=True)
    action = forms.ChoiceField(
        choices=[
            ("context", _("Add to context")),
            ("tag", _("Add tag")),
            ("closeness", _("Set closeness")),
            ("role", _("Set role for the goal")),
        ]
    )
    context = forms.CharField(required=False)
    tag = forms.CharField(required=False, max_length=100)
    closeness = forms.CharField(required=False)
    role = forms.CharField(required=False)
    next = forms.CharField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any id may be sent; the service keeps those of the workspace.
        ids = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(i, i) for i in ids]  # type: ignore[attr-defined]

    def value(self) -> str:
        action = self.cleaned_data["action"]
        return str(self.cleaned_data.get(action) or "")


def context_choices(contexts: list[Context]) -> list[tuple[int, str]]:
    return [(c.pk, c.label) for c in contexts]


class TieForm(forms.Form):
    other = forms.CharField(label=_("Who do they know?"), max_length=400)
    strength = forms.ChoiceField(
        label=_("How well"),
        choices=[(k, label) for k, (_value, label) in STRENGTHS.items()],
        initial="medium",
        required=False,
    )
