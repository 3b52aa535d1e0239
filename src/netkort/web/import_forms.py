"""Forms of the import and possible-duplicates pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# What one upload may weigh: a LinkedIn "complete" archive of a busy account is ~100 MB.
MAX_FILE_BYTES = 200 * 2**20
MAX_TOTAL_BYTES = 400 * 2**20
MAX_FILES = 50


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        items = [item for item in items if item]
        if not items:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class ImportForm(forms.Form):
    uploads = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "A LinkedIn data archive (the zip), vCard files (.vcf), Google or Outlook "
            "contacts (CSV) or a spreadsheet (CSV or XLSX). Several at once are fine."
        ),
    )
    format = forms.ChoiceField(label=_("Format"), required=False)
    dry_run = forms.BooleanField(
        label=_("Only show what would happen; change nothing"), required=False
    )

    def __init__(self, *args: Any, formats: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["format"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Recognise it from the content")), *formats]

    def clean_uploads(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["uploads"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("At most %(count)d files at a time.") % {"count": MAX_FILES}
            )
        for item in files:
            if (item.size or 0) > MAX_FILE_BYTES:
                raise forms.ValidationError(
                    _("%(name)s is larger than %(limit)s.")
                    % {"name": item.name, "limit": filesizeformat(MAX_FILE_BYTES)}
                )
        if sum(item.size or 0 for item in files) > MAX_TOTAL_BYTES:
            raise forms.ValidationError(
                _("Together the files are larger than %(limit)s; import them in turns.")
                % {"limit": filesizeformat(MAX_TOTAL_BYTES)}
            )
        return files


class DecisionForm(forms.Form):
    a = forms.IntegerField()
    b = forms.IntegerField()
    action = forms.ChoiceField(choices=[("merge", "merge"), ("separate", "separate")])
    keep = forms.ChoiceField(choices=[("a", "a"), ("b", "b")], required=False)
