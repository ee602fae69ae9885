from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .sources import human_size


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        if isinstance(data, list | tuple):
            data = None  # nothing chosen: the field's own "required" error
        return [single(data, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "Saved page text (.txt), HTML pages (.html) or Markdown with front matter (.md), "
            "or a .zip archive of them."
        ),
    )
    state = forms.ChoiceField(
        label=_("Imported pages arrive as"),
        choices=[("draft", _("Drafts")), ("publish", _("Published pages"))],
        initial="draft",
        widget=forms.RadioSelect,
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only report what would be created, updated and skipped"),
        required=False,
        initial=True,
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        maximum = settings.KENNISBANK_IMPORT_MAX_UPLOAD_BYTES
        for upload in files:
            if upload.size > maximum:
                raise forms.ValidationError(
                    _("%(name)s is too large (%(size)s); the limit is %(limit)s.")
                    % {
                        "name": upload.name,
                        "size": human_size(upload.size),
                        "limit": human_size(maximum),
                    }
                )
        return files
