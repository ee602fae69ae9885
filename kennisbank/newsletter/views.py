"""Public newsletter pages.

Caching and CSRF: every public page is cached whole by proxies, so the sign-up form in the
footer of every page carries no CSRF token and changes nothing. It posts only the address to
`start`, a CSRF-exempt view that just shows the full form, prefilled, on a page that is never
cached. That page has the CSRF token, the honeypot and the signed start time; only its POST
subscribes. (A GET form would have worked too, but would put the address in URLs and logs.)"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from . import antibot, subscriptions
from .forms import ChoicesForm, SubscribeForm
from .models import Subscriber
from .tokens import subscriber_from_confirm_token, subscriber_from_manage_token


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        return render(request, "newsletter/subscribe.html", {"form": SubscribeForm()})
    if not antibot.ip_allowed(request):
        response = render(request, "newsletter/rate_limited.html", status=429)
        response["Retry-After"] = str(antibot.HOUR)
        return response
    form = SubscribeForm(request.POST)
    if form.data.get("website"):
        return redirect("newsletter:check_mail")  # a bot: the same answer, nothing done
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    elapsed = form.seconds_since_start()
    if elapsed is None or elapsed < settings.NEWSLETTER_MIN_FILL_SECONDS:
        fresh = SubscribeForm(initial={**form.cleaned_data})
        return render(
            request,
            "newsletter/subscribe.html",
            {"form": fresh, "resend": True},
            status=400,
        )
    email = form.cleaned_data["email"]
    if antibot.address_allowed(email):
        subscriptions.request_subscription(
            email,
            form.cleaned_data["themes"],
            form.all_themes_chosen(),
            form.cleaned_data["sector"],
            source=_("website form %(path)s") % {"path": request.path},
        )
    return redirect("newsletter:check_mail")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    """The footer form's target: changes nothing, so it needs no CSRF token."""
    if request.method == "GET":
        return redirect("newsletter:subscribe")
    email = request.POST.get("email", "").strip()[:254]
    form = SubscribeForm(initial={"email": email})
    return render(request, "newsletter/subscribe.html", {"form": form})


class CheckMailView(TemplateView):
    template_name = "newsletter/check_mail.html"


class PrivacyView(TemplateView):
    template_name = "newsletter/privacy.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "pending_days": settings.NEWSLETTER_PENDING_DAYS,
            "unsubscribed_days": settings.NEWSLETTER_UNSUBSCRIBED_DAYS,
            "confirm_days": max(1, settings.NEWSLETTER_CONFIRM_MAX_AGE // 86400),
            "bounce_limit": settings.NEWSLETTER_BOUNCE_LIMIT,
        }


def _invalid_link(request):
    return render(request, "newsletter/invalid_link.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button; only the POST confirms. Mail scanners that open every link must
    not confirm an address on its owner's behalf."""
    subscriber = subscriber_from_confirm_token(token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscriptions.confirm(subscriber)
        return redirect("newsletter:preferences", token=_manage_token(subscriber))
    return render(
        request,
        "newsletter/confirm.html",
        {"subscriber": subscriber, "active": subscriber.status == Subscriber.Status.ACTIVE},
    )


def _manage_token(subscriber):
    from .tokens import manage_token

    return manage_token(subscriber)


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = subscriber_from_manage_token(token)
    if subscriber is None or subscriber.status == Subscriber.Status.PENDING:
        return _invalid_link(request)
    saved = False
    if request.method == "POST":
        form = ChoicesForm(request.POST)
        if form.is_valid():
            subscriptions.update_choices(
                subscriber,
                form.cleaned_data["themes"],
                form.all_themes_chosen(),
                form.cleaned_data["sector"],
            )
            saved = True
    else:
        themes = None if subscriber.all_themes else list(subscriber.themes.all())
        initial = {"sector": subscriber.sector}
        if themes is not None:
            initial["themes"] = themes
        form = ChoicesForm(initial=initial)
    return render(
        request,
        "newsletter/preferences.html",
        {
            "form": form,
            "subscriber": subscriber,
            "saved": saved,
            "unsubscribe_url": reverse("newsletter:unsubscribe", args=[token]),
        },
        status=400 if request.method == "POST" and not saved else 200,
    )


# The signed token is the credential here; a forged cross-site POST would need it. Mail
# programs send the RFC 8058 one-click POST ("List-Unsubscribe=One-Click") without any token.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = subscriber_from_manage_token(token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(
        request,
        "newsletter/unsubscribe.html",
        {
            "subscriber": subscriber,
            "preferences_url": reverse("newsletter:preferences", args=[token]),
        },
    )
