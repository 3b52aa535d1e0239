"""The export page: choose a format and download the file."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from netkort.services import export as exporting
from netkort.services.errors import UserError
from netkort.store.models import Goal, Workspace
from netkort.web.views.decorators import render_page, workspace_view

FORMAT_CHOICES = [
    ("xlsx", _("Workbook (Excel, Numbers, LibreOffice): people, contexts, goal, action plan, "
               "interactions and favours")),
    ("csv", _("People as CSV")),
    ("vcf", _("Contacts as vCard, for a phone, Apple Contacts or Google Contacts")),
    ("graphml", _("Graph as GraphML, for Gephi, yEd or networkx")),
    ("gexf", _("Graph as GEXF 1.3, for Gephi")),
    ("ics", _("Calendar: planned meetings and next steps, for Outlook or Google Calendar")),
    ("json", _("Complete backup (restore it with netkort restore)")),
]  # fmt: skip
DELIMITER_CHOICES = [
    (",", _("Comma")),
    (";", _("Semicolon (Danish Excel)")),
    ("tab", _("Tab")),
]
DELIMITERS = {",": ",", ";": ";", "tab": "\t"}


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), choices=FORMAT_CHOICES, widget=forms.RadioSelect, initial="xlsx"
    )
    language = forms.ChoiceField(
        label=_("Language of headers and labels"),
        choices=[("da", "Dansk"), ("en", "English")],
    )
    goal = forms.TypedChoiceField(
        label=_("Goal (workbook, graph and calendar)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    delimiter = forms.ChoiceField(
        label=_("CSV delimiter"), choices=DELIMITER_CHOICES, initial=",", required=False
    )

    def __init__(self, *args: object, goals: list[Goal], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        active = [g for g in goals if g.is_active]
        choices = [("", _("The active goal") if active else _("No goal"))]
        goal_field = self.fields["goal"]
        assert isinstance(goal_field, forms.TypedChoiceField)
        goal_field.choices = choices + [(str(g.pk), g.title) for g in goals]

    def options(self) -> exporting.ExportOptions:
        data = self.cleaned_data
        return exporting.ExportOptions(
            format=data["format"],
            goal=data.get("goal"),
            language=data["language"],
            delimiter=DELIMITERS[data.get("delimiter") or ","],
        )


def _goals(workspace: Workspace) -> list[Goal]:
    return list(
        Goal.objects.filter(workspace=workspace, archived_at__isnull=True).order_by(
            "-is_active", "title", "id"
        )
    )


def _language() -> str:
    return "da" if (get_language() or "da").startswith("da") else "en"


@workspace_view(write=True)
def export_page(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    if request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET"})
    form = ExportForm(initial={"language": _language()}, goals=_goals(workspace))
    return render_page(request, workspace, "netkort/export/page.html", {"form": form}, nav="export")


@workspace_view(write=True)
def export_download(request: HttpRequest, workspace: Workspace) -> HttpResponse:
    """The file, as an attachment; a bad choice shows the page again with the reason."""
    if request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET"})
    form = ExportForm(request.GET, goals=_goals(workspace))
    if form.is_valid():
        try:
            result = exporting.export(workspace, form.options())
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            response = HttpResponse(result.data, content_type=result.content_type)
            response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
            response["X-Content-Type-Options"] = "nosniff"
            return response
    return render_page(
        request, workspace, "netkort/export/page.html", {"form": form}, nav="export", status=400
    )
