"""Forms of the outreach pages: they parse what the browser sends into service values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netkort.domain import rhythm, templates
from netkort.services.interactions import NewInteraction
from netkort.services.meetings import LENGTHS, PLATFORMS, Proposal, Review
from netkort.store import labels
from netkort.web.forms import DATE_INPUT

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

KIND_LABELS = {
    "first_contact": _("First contact"),
    "reconnect": _("Reconnecting after a long silence"),
    "ask_information": _("Asking for information"),
    "ask_introduction": _("Asking for an introduction"),
    "virtual_coffee": _("Proposing a virtual coffee"),
    "thanks": _("Thanking"),
    "follow_up": _("Following up"),
    "double_introduction": _("Introducing two persons"),
}
LANGUAGE_LABELS = {"da": _("Danish"), "en": _("English")}


def rhythm_label(days: int) -> Any:
    named = {
        14: _("Every two weeks"),
        30: _("Monthly"),
        60: _("Every two months"),
        90: _("Quarterly"),
        180: _("Every half year"),
        365: _("Yearly"),
        0: _("No rhythm"),
    }
    return named.get(days, days)


class InteractionForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=list(labels.CHANNELS.items()))
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT, required=False)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=list(labels.DIRECTIONS.items()), initial="out"
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def to_entry(self) -> NewInteraction:
        d = self.cleaned_data
        return NewInteraction(
            channel=d["channel"], on=d["on"], direction=d["direction"], note=d["note"]
        )


class FavourForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Given or received"), choices=list(labels.FAVOUR_DIRECTIONS.items())
    )
    kind = forms.ChoiceField(label=_("What"), choices=list(labels.FAVOUR_KINDS.items()))
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT, required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class RhythmForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Keep-in-touch rhythm"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Default (from closeness and tags)"))]
        + [(d, rhythm_label(d)) for d in rhythm.RHYTHM_CHOICES],
    )


class TagRuleForm(forms.Form):
    tag = forms.CharField(label=_("Tag"), max_length=100)
    days = forms.TypedChoiceField(
        label=_("Rhythm"),
        coerce=int,
        choices=[(d, rhythm_label(d)) for d in rhythm.RHYTHM_CHOICES],
    )


class MeetingForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    at = forms.TimeField(label=_("Time"), widget=TIME)
    minutes = forms.TypedChoiceField(
        label=_("Length"),
        coerce=int,
        initial=20,
        choices=[(m, _("%(minutes)d minutes") % {"minutes": m}) for m in LENGTHS],
    )
    platform = forms.ChoiceField(label=_("How"), choices=list(PLATFORMS.items()))
    link = forms.CharField(
        label=_("Link"),
        required=False,
        max_length=500,
        help_text=_("The meeting link from Teams, Google Meet, Zoom or Skype."),
    )
    note = forms.CharField(label=_("Subject"), required=False, max_length=300)

    def clean_on(self) -> Any:
        on = self.cleaned_data["on"]
        if on < timezone.localdate():
            raise forms.ValidationError(_("Choose a day from today on."))
        return on

    def to_proposal(self) -> Proposal:
        d = self.cleaned_data
        return Proposal(d["on"], d["at"], d["minutes"], d["platform"], d["link"], d["note"])


class ReviewForm(forms.Form):
    held = forms.TypedChoiceField(
        label=_("Did it take place?"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Yes, we met")), ("no", _("No, it did not happen"))],
        initial="yes",
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("Not yet clear")), *labels.OUTCOMES.items()],
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    favour = forms.ChoiceField(
        label=_("A favour"),
        required=False,
        choices=[("", _("None"))]
        + [
            (f"{d}:{k}", f"{dl} · {kl}")
            for d, dl in labels.FAVOUR_DIRECTIONS.items()
            for k, kl in labels.FAVOUR_KINDS.items()
        ],
    )
    follow_up = forms.CharField(label=_("Next step"), required=False, max_length=300)
    follow_up_on = forms.DateField(label=_("Next step by"), widget=DATE_INPUT, required=False)

    def to_review(self) -> Review:
        d = self.cleaned_data
        direction, _sep, kind = (d["favour"] or "").partition(":")
        return Review(
            held=d["held"],
            outcome=d["outcome"],
            notes=d["notes"],
            favour_direction=direction,
            favour_kind=kind,
            follow_up=d["follow_up"],
            follow_up_on=d["follow_up_on"],
        )


class ComposeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Message"), choices=list(KIND_LABELS.items()))
    language = forms.ChoiceField(label=_("Language"), choices=list(LANGUAGE_LABELS.items()))
    mutual = forms.TypedChoiceField(
        label=_("Mutual contact"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, mutual_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mutual"].choices = [("", _("None")), *mutual_choices]  # type: ignore[attr-defined]


class SentForm(forms.Form):
    channel = forms.ChoiceField(
        choices=[("email", labels.CHANNELS["email"]), ("message", labels.CHANNELS["message"])]
    )
    subject = forms.CharField(required=False, max_length=300)


class TemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), required=False, max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))


class MoveForm(forms.Form):
    status = forms.ChoiceField(
        required=False, choices=[("", ""), *labels.OUTREACH_STATUSES.items()]
    )
    step = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, choices=[("1", "1"), ("-1", "-1")]
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", "—"), *labels.OUTCOMES.items()]
    )


class NextStepForm(forms.Form):
    next_step = forms.CharField(label=_("Next step"), required=False, max_length=300)
    next_step_date = forms.DateField(label=_("By"), widget=DATE_INPUT, required=False)


class IntroduceForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=list(LANGUAGE_LABELS.items()))


TEMPLATE_KINDS = templates.KINDS
