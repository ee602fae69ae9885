"""The admin's import screens: upload, the list of runs, and one run's report."""

from __future__ import annotations

import json
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import statuses
from .forms import ImportForm
from .models import ImportRun
from .tasks import run_uploaded_import, upload_dir

PERMISSION = "importer.run_import"
RUNS_PER_PAGE = 25


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _breadcrumbs(*items):
    return [
        {"url": reverse("wagtailadmin_home"), "label": gettext_lazy("Home")},
        {"url": reverse("importer:runs"), "label": gettext_lazy("Import")},
        *items,
    ]


class UploadView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    form_class = ImportForm
    template_name = "importer/upload.html"
    page_title = gettext_lazy("Import content")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return _breadcrumbs({"url": "", "label": self.page_title})

    def form_valid(self, form):
        run = ImportRun.objects.create(
            origin="admin",
            dry_run=form.cleaned_data["dry_run"],
            publish=form.cleaned_data["state"] == "publish",
            user=self.request.user,
            upload_name=", ".join(upload.name for upload in form.cleaned_data["files"])[:300],
        )
        folder = upload_dir(run.pk)
        folder.mkdir(parents=True, exist_ok=True)
        for number, upload in enumerate(form.cleaned_data["files"]):
            # Only the base name, and numbered, so no upload can name a path of its own.
            name = PurePath(upload.name).name.lstrip(".") or "upload"
            with open(folder / f"{number:03d}-{name}", "wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
        run.upload_path = str(folder)
        run.save(update_fields=["upload_path"])
        run_uploaded_import.enqueue(run.pk)
        messages.success(self.request, _("The import has started."))
        return redirect("importer:run", run.pk)


class RunListView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "importer/runs.html"
    page_title = gettext_lazy("Import")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return _breadcrumbs()[:-1] + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(ImportRun.objects.select_related("user"), RUNS_PER_PAGE)
        context["runs"] = paginator.get_page(self.request.GET.get("p"))
        return context


class RunDetailView(ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "importer/run.html"
    header_icon = "upload"

    def get_page_title(self):
        return _("Import run %(number)s") % {"number": self.kwargs["pk"]}

    def get_breadcrumbs_items(self):
        return _breadcrumbs({"url": "", "label": self.get_page_title()})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = get_object_or_404(ImportRun, pk=self.kwargs["pk"])
        context["run"] = run
        # The JSON report keeps the status codes; people read them in their own language.
        context["items"] = [
            {**item, "status_label": statuses.label(item.get("status", ""))}
            for item in run.report.get("items", [])
        ]
        return context


def report_json(request, pk):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    run = get_object_or_404(ImportRun, pk=pk)
    response = HttpResponse(
        json.dumps(run.report, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}.json"'
    return response
