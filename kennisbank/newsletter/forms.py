from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from kennisbank.taxonomy.models import Sector, ThemePage

STARTED_SALT = "kennisbank.newsletter.form-started"


def themes_queryset():
    return ThemePage.objects.live().public().order_by("path")


class ChoicesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=ThemePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": _("Choose at least one theme.")},
        help_text=_("You receive new content in these themes."),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector (optional)"),
        queryset=Sector.objects.all(),
        required=False,
        empty_label=_("No preference"),
        help_text=_("Items for your sector come first."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes_queryset()
        if not self.is_bound and "themes" not in self.initial:
            self.initial["themes"] = list(self.fields["themes"].queryset)

    def all_themes_chosen(self) -> bool:
        chosen = {theme.pk for theme in self.cleaned_data["themes"]}
        return chosen >= set(self.fields["themes"].queryset.values_list("pk", flat=True))


class SubscribeForm(ChoicesForm):
    field_order = ["email", "themes", "sector"]

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Honeypot: hidden from people by CSS and from assistive technology by aria-hidden on its
    # wrapper; bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = signing.TimestampSigner(salt=STARTED_SALT).sign("form")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def seconds_since_start(self) -> float | None:
        """Seconds since this form was shown, or None when the stamp is missing or forged."""
        import time

        value = self.data.get(self.add_prefix("started"), "")
        signer = signing.TimestampSigner(salt=STARTED_SALT)
        try:
            signer.unsign(value, max_age=86400)
            timestamp = signing.b62_decode(value.rsplit(signer.sep, 2)[1])
        except (signing.BadSignature, IndexError, ValueError):
            return None
        return time.time() - timestamp
