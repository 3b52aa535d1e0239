"""Forms: they parse what the browser sends into the services' plain values."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from netkort.domain.birthdays import is_yearless, yearless
from netkort.services.people import SORTS, UNKNOWN, PersonFields
from netkort.store import labels
from netkort.store.models import Context, Person

# A browser's date box takes and gives ISO dates whatever the page's language; the
# localized "13.05.2027" of a Danish page would leave it empty, and saving would clear it.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

CLOSENESS_CHOICES = [("", _("Not set")), *[(str(k), v) for k, v in labels.CLOSENESS.items()]]


def split_items(text: str, also: str = ",") -> list[str]:
    """The items typed into a text box: one a line, and the characters of ``also`` separate
    them too (a comma by default: tags, roles and places seldom hold one). Blank items
    are left out."""
    for separator in also:
        text = text.replace(separator, "\n")
    return [item.strip() for item in text.splitlines() if item.strip()]


class FilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    context = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label=_("Context")
    )
    closeness = forms.ChoiceField(required=False, label=_("Closeness"))
    tag = forms.CharField(required=False, label=_("Tag"))
    role = forms.ChoiceField(
        required=False,
        label=_("Role for the goal"),
        choices=[
            ("", _("Any role or none")),
            ("any", _("Has a role")),
            ("information", _("Information")),
            ("intermediary", _("Intermediary")),
            ("direct_access", _("Direct access")),
        ],
    )
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[
            ("name", _("Name")),
            ("-last_contact", _("Last contact")),
            ("closeness", _("Closeness")),
            ("-added", _("Recently added")),
        ],
    )

    def __init__(self, *args: Any, contexts: list[Context], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["context"].choices = [("", _("All contexts"))] + [  # type: ignore[attr-defined]
            (c.pk, c.label) for c in contexts
        ]
        self.fields["closeness"].choices = [  # type: ignore[attr-defined]
            ("", _("Any closeness")),
            *[(str(k), v) for k, v in labels.CLOSENESS.items()],
            (UNKNOWN, _("Not set")),
        ]

    def clean_sort(self) -> str:
        value: str = self.cleaned_data.get("sort") or "name"
        return value if value in SORTS else "name"


# A birthday without its year: "--03-14" (ISO, vCard), "14.3", "14. marts", "14 March",
# "March 14th". Day before month where both are numbers, as Danish and netkort's English write.
_ISO_MONTH_DAY = re.compile(r"--(\d\d)-?(\d\d)")
_DAY_MONTH = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\.?")
_DAY_NAME = re.compile(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?")
_NAME_DAY = re.compile(r"([^\W\d_]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?")


def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations, in Danish and English, lower-cased -> 1..12."""
    numbers: dict[str, int] = {}
    for language in ("da", "en"):
        with translation.override(language):
            for names in (MONTHS, MONTHS_3, MONTHS_ALT):
                numbers.update({str(name).lower(): number for number, name in names.items()})
    return numbers


class BirthdayField(forms.DateField):
    """A birthday with its year, or without (stored as ``domain.birthdays`` says).

    A text box, not a date picker, which cannot hold a day without a year. A birthday
    without a year shows as day and month in the page's language and reads back from
    that, from "--03-14" or from "14.3"; one with a year as any date the form reads.
    """

    widget = forms.DateInput

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date) and is_yearless(value):
            return date_format(value, "MONTH_DAY_FORMAT")
        return super().prepare_value(value)

    def to_python(self, value: Any) -> date | None:
        text = value.strip() if isinstance(value, str) else ""
        month_day = _month_and_day(text) if text else None
        if month_day is None:
            return super().to_python(value)
        found = yearless(*month_day)
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return found


def _month_and_day(text: str) -> tuple[int, int] | None:
    """Month and day of a birthday written without a year; None for anything else."""
    if iso := _ISO_MONTH_DAY.fullmatch(text):
        return int(iso[1]), int(iso[2])
    if numbers := _DAY_MONTH.fullmatch(text):
        return int(numbers[2]), int(numbers[1])
    names = _month_numbers()
    if (named := _DAY_NAME.fullmatch(text)) and named[2].lower() in names:
        return names[named[2].lower()], int(named[1])
    if (named := _NAME_DAY.fullmatch(text)) and named[1].lower() in names:
        return names[named[1].lower()], int(named[2])
    return None


class PersonForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=400)
    given_name = forms.CharField(label=_("Given name"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    industry = forms.CharField(label=_("Industry"), max_length=200, required=False)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    schools = forms.CharField(
        label=_("Education"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Schools, colleges and universities, one per line."),
    )
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    phones = forms.CharField(
        label=_("Phone numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line; without a country code, the number is read as Danish."),
    )
    linkedin_url = forms.CharField(label=_("LinkedIn profile"), max_length=400, required=False)
    contexts = forms.TypedMultipleChoiceField(
        label=_("Where you know them from"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    closeness = forms.ChoiceField(label=_("Closeness"), choices=CLOSENESS_CHOICES, required=False)
    is_super_connector = forms.BooleanField(
        label=_("Super-connector: knows many people and likes to introduce them"), required=False
    )
    tags = forms.CharField(
        label=_("Tags"), max_length=500, required=False, help_text=_("Separated by commas.")
    )
    first_met = forms.DateField(label=_("First met"), required=False, widget=DATE_INPUT)
    birthday = BirthdayField(
        label=_("Birthday"),
        required=False,
        help_text=_("Only day and month when you don't know the year: 14 March or --03-14."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, contexts: list[Context], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contexts"].choices = [(c.pk, c.label) for c in contexts]  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, person: Person) -> dict[str, Any]:
        return {
            "display_name": person.display_name,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "organisation": person.organisation.name if person.organisation else "",
            "title": person.title,
            "industry": person.industry,
            "location": person.location,
            "schools": "\n".join(person.schools or []),
            "emails": "\n".join(e.address for e in person.emails.all()),
            "phones": "\n".join(p.e164 for p in person.phones.all()),
            "linkedin_url": person.linkedin_url,
            "contexts": [c.pk for c in person.contexts.all()],
            "closeness": str(person.closeness or ""),
            "is_super_connector": person.is_super_connector,
            "tags": ", ".join(sorted(t.name for t in person.tags.all())),
            "first_met": person.first_met,
            "birthday": person.birthday,
            "notes": person.notes,
        }

    def to_fields(self) -> PersonFields:
        data = self.cleaned_data
        closeness = data.get("closeness") or ""
        return PersonFields(
            display_name=data["display_name"],
            given_name=data["given_name"],
            family_name=data["family_name"],
            organisation=data["organisation"],
            title=data["title"],
            industry=data["industry"],
            location=data["location"],
            linkedin_url=data["linkedin_url"],
            notes=data["notes"],
            closeness=int(closeness) if closeness else None,
            clear_closeness=not closeness,
            is_super_connector=data["is_super_connector"],
            first_met=data["first_met"],
            birthday=data["birthday"],
            emails=data["emails"].splitlines(),
            phones=data["phones"].splitlines(),
            tags=split_items(data["tags"]),
            context_ids=data["contexts"],
            schools=split_items(data["schools"], also=";"),
        )


class QuickAddForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=400)
    organisation = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=320, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=100, required=False)
    contexts = forms.TypedMultipleChoiceField(
        label=_("Where you know them from"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, contexts: list[Context], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contexts"].choices = [(c.pk, c.label) for c in contexts]  # type: ignore[attr-defined]

    def to_fields(self) -> PersonFields:
        data = self.cleaned_data
        return PersonFields(
            display_name=data["display_name"],
            organisation=data["organisation"],
            title=data["title"],
            emails=[data["email"]],
            phones=[data["phone"]],
            context_ids=data["contexts"],
        )
