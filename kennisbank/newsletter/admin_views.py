"""Admin pages beyond the edition snippet's own views: previews, the send page (test to
yourself, schedule, send now) and a subscriber's export and erasure."""

import datetime
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import sending
from .content import build_snapshot
from .mail import render_edition, test_message
from .models import Delivery, Edition, Subscriber
from .privacy import erase_subscriber, export_subscriber


def _edition_for(request, pk) -> Edition:
    if not request.user.has_perm("newsletter.change_edition"):
        raise PermissionDenied
    return get_object_or_404(Edition, pk=pk)


def _snapshot(edition):
    return edition.snapshot or build_snapshot(edition)


def preview(request, pk, mode):
    edition = _edition_for(request, pk)
    html, text = render_edition(edition, _snapshot(edition))
    if mode == "text":
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    return HttpResponse(html)


@require_http_methods(["GET", "POST"])
def send_page(request, pk):
    edition = _edition_for(request, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            _send_test(request, edition)
        elif action in ("schedule", "send_now"):
            _schedule(request, edition, action)
        elif action == "unschedule" and sending.unschedule(edition):
            messages.success(request, _("The edition is a draft again."))
        return redirect("newsletter_admin:send", pk=edition.pk)
    counts = dict(
        Delivery.objects.filter(edition=edition)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    snapshot = _snapshot(edition)
    return render(
        request,
        "newsletter/admin/send.html",
        {
            "edition": edition,
            "counts": [(label, counts.get(value, 0)) for value, label in Delivery.Status.choices],
            "item_count": len(snapshot["items"]),
            "active_subscribers": Subscriber.objects.active().count(),
            "default_when": (timezone.localtime() + datetime.timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
        },
    )


def _send_test(request, edition):
    address = request.user.email
    if not address:
        messages.error(request, _("Your account has no e-mail address to send a test to."))
        return
    try:
        test_message(edition, _snapshot(edition), address).send()
    except OSError as error:
        messages.error(request, _("The test could not be sent: %(error)s") % {"error": error})
        return
    messages.success(request, _("A test was sent to %(address)s.") % {"address": address})


def _schedule(request, edition, action):
    when = None
    if action == "schedule":
        when = parse_datetime(request.POST.get("when", ""))
        if when is None:
            messages.error(request, _("Enter a date and time, such as 2026-12-01 09:00."))
            return
        if timezone.is_naive(when):
            when = timezone.make_aware(when)
    if not sending.schedule(edition, when):
        messages.error(request, _("This edition is already being sent or was sent."))
        return
    if when and when > timezone.now():
        messages.success(
            request,
            _("Scheduled for %(when)s.")
            % {"when": timezone.localtime(when).strftime("%d-%m-%Y %H:%M")},
        )
    else:
        messages.success(request, _("Sending has started."))


def _subscriber_for(request, pk, perm) -> Subscriber:
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(Subscriber, pk=pk)


def export(request, pk):
    subscriber = _subscriber_for(request, pk, "newsletter.view_subscriber")
    response = HttpResponse(
        json.dumps(export_subscriber(subscriber), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
def erase(request, pk):
    subscriber = _subscriber_for(request, pk, "newsletter.delete_subscriber")
    if request.method == "POST":
        erase_subscriber(subscriber)
        messages.success(request, _("All data of the subscriber has been erased."))
        return redirect("wagtailsnippets_newsletter_subscriber:list")
    return render(request, "newsletter/admin/erase.html", {"subscriber": subscriber})
