"""Admin: paste a literature list, review what the parser made of it, then save.

Each non-empty line is one reference. The parser (kennisbank.literature.parsing, built
separately) turns it into CSL-JSON; while that package is missing, conversion.simple_convert
reads the common APA forms and keeps anything else as its raw text, flagged "needs review". The
review screen shows the fields found and whether the work already exists; nothing is saved until
the editor confirms, and then everything is saved in one transaction or not at all."""

from __future__ import annotations

import json
import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import csl as csl_lib
from .conversion import parse_free_text
from .models import Reference
from .services import reference_for_item

MAX_LINES = 200
BULLET_RE = re.compile(r"^\s*(?:[•\-*–·]|\d{1,3}[.)])(?:\s+|$)")


def split_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = BULLET_RE.sub("", line).strip()
        if line:
            lines.append(" ".join(line.split()))
    return lines


class PasteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Literature list"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy("One reference per line, as in an APA literature list."),
        max_length=100_000,
    )
    article = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Add to article (as a draft)"),
        help_text=gettext_lazy("Optional: the references are appended to a new draft of it."),
    )

    def __init__(self, *args, **kwargs):
        from kennisbank.articles.models import ArticlePage

        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = ArticlePage.objects.order_by("title")

    def clean_text(self):
        lines = split_lines(self.cleaned_data["text"])
        if not lines:
            raise forms.ValidationError(_("Paste at least one reference."))
        if len(lines) > MAX_LINES:
            raise forms.ValidationError(
                _("At most %(max)d references at a time.") % {"max": MAX_LINES}
            )
        return lines


def _row(index: int, text: str) -> dict:
    item, needs_review = parse_free_text(text)
    row = {"index": index, "text": text, "item": item, "needs_review": needs_review}
    try:
        candidate = Reference.from_csl(item, raw_text=text)
        row["match"] = (
            Reference.objects.filter(raw_text=text).first()
            or Reference.objects.matching(candidate.build_csl()).first()
        )
        row["error"] = ""
    except csl_lib.InvalidCSL as error:
        row["match"] = None
        row["error"] = " ".join(error.messages)
    row["authors"] = "; ".join(csl_lib.name_text(n) for n in item.get("author") or [])
    row["editors"] = "; ".join(csl_lib.name_text(n) for n in item.get("editor") or [])
    row["year"] = csl_lib.issued_year(item) or ""
    row["fields"] = [
        (label, item.get(variable))
        for label, variable in (
            (_("Type"), "type"),
            (_("Title"), "title"),
            (_("Container"), "container-title"),
            (_("Edition"), "edition"),
            (_("Publisher"), "publisher"),
            (_("Place"), "publisher-place"),
            (_("Volume"), "volume"),
            (_("Issue"), "issue"),
            (_("Pages"), "page"),
            ("DOI", "DOI"),
            ("URL", "URL"),
        )
        if item.get(variable)
    ]
    row["json"] = json.dumps(item, ensure_ascii=False)
    return row


def paste_view(request):
    if not request.user.has_perm("literature.add_reference"):
        raise PermissionDenied
    step = request.POST.get("step")
    if request.method == "POST" and step == "save":
        return _save(request)
    form = PasteForm(request.POST or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        rows = [_row(i, text) for i, text in enumerate(form.cleaned_data["text"])]
    return TemplateResponse(
        request,
        "literature/admin/paste.html",
        {
            "form": form,
            "rows": rows,
            "article": form.cleaned_data.get("article") if rows is not None else None,
            "page_title": _("Paste a literature list"),
        },
    )


def _save(request):
    from kennisbank.articles.models import ArticlePage, ArticleReference

    chosen = []
    count = int(request.POST.get("count", 0) or 0)
    for index in range(min(count, MAX_LINES)):
        if not request.POST.get(f"include-{index}"):
            continue
        try:
            item = json.loads(request.POST.get(f"item-{index}", ""))
        except json.JSONDecodeError:
            messages.error(request, _("Line %(n)d could not be read.") % {"n": index + 1})
            return redirect("literature_paste")
        chosen.append(
            (item, request.POST.get(f"text-{index}", ""), bool(request.POST.get(f"review-{index}")))
        )
    article = ArticlePage.objects.filter(pk=request.POST.get("article") or None).first()
    try:
        with transaction.atomic():
            results = [
                reference_for_item(item, raw_text=text, needs_review=review)
                for item, text, review in chosen
            ]
            if article is not None and results:
                draft = article.get_latest_revision_as_object()
                links = list(draft.literature_links.all())
                cited = {link.reference_id for link in links}
                for reference, _created in results:
                    if reference.pk not in cited:
                        links.append(ArticleReference(reference=reference))
                        cited.add(reference.pk)
                for order, link in enumerate(links):
                    link.sort_order = order
                draft.literature_links = links
                draft.save_revision(user=request.user, log_action=True)
    except csl_lib.InvalidCSL as error:
        messages.error(
            request, _("Nothing was saved: %(error)s") % {"error": " ".join(error.messages)}
        )
        return redirect("literature_paste")
    created = sum(1 for _ref, was_created in results if was_created)
    messages.success(
        request,
        _("%(created)d new references saved, %(reused)d existing references reused.")
        % {"created": created, "reused": len(results) - created},
    )
    if article is not None:
        messages.info(request, _("A new draft of the article lists them; review and publish it."))
    return redirect("literature_paste")
