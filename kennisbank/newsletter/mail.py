"""Building the mails: editions, tests and the confirmation mails. Sending them with a
commit point inside the SMTP transaction is in transport.py."""

import hashlib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .content import absolute, sections_for
from .tokens import confirm_token, manage_token


def site_name() -> str:
    from kennisbank.core.models import SiteSettings

    return SiteSettings.load().organisation_name or settings.WAGTAIL_SITE_NAME


def manage_url(subscriber) -> str:
    return absolute(reverse("newsletter:preferences", args=[manage_token(subscriber)]))


def unsubscribe_url(subscriber) -> str:
    return absolute(reverse("newsletter:unsubscribe", args=[manage_token(subscriber)]))


def _domain() -> str:
    return settings.NEWSLETTER_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"


def render_edition(edition, snapshot, subscriber=None, sections=None, name=None):
    """(html, text) of one copy. Without a subscriber: every theme, placeholder links (previews
    and tests)."""
    if sections is None:
        theme_ids = subscriber.theme_ids() if subscriber else None
        sector_id = subscriber.sector_id if subscriber else None
        sections = sections_for(snapshot, theme_ids, sector_id)
    context = {
        # Subject and intro as frozen when sending started: every copy says the same.
        "edition": {
            "subject": snapshot.get("subject", edition.subject),
            "intro": snapshot.get("intro", edition.intro),
        },
        "sections": sections,
        "site_name": name or site_name(),
        "site_url": absolute("/"),
        "manage_url": manage_url(subscriber) if subscriber else absolute("/nieuwsbrief/"),
        "unsubscribe_url": unsubscribe_url(subscriber) if subscriber else absolute("/nieuwsbrief/"),
        "privacy_url": absolute(reverse("newsletter:privacy")),
    }
    html = render_to_string("newsletter/mail/edition.html", context)
    text = render_to_string("newsletter/mail/edition.txt", context)
    return html, text


def edition_message(edition, subscriber, sections, name=None) -> EmailMultiAlternatives:
    html, text = render_edition(edition, edition.snapshot, subscriber, sections, name)
    unsubscribe = unsubscribe_url(subscriber)
    digest = hashlib.sha256(f"{edition.pk}:{subscriber.pk}".encode()).hexdigest()[:12]
    headers = {
        # The same Message-ID for every attempt at one copy: mailboxes that de-duplicate on it
        # hide a second copy, and logs can be matched to the delivery record.
        "Message-ID": f"<kb-{edition.pk}-{subscriber.pk}-{digest}@{_domain()}>",
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<nieuwsbrief.{_domain()}>",
    }
    message = EmailMultiAlternatives(
        subject=edition.snapshot.get("subject", edition.subject),
        body=text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def test_message(edition, snapshot, to: str) -> EmailMultiAlternatives:
    html, text = render_edition(edition, snapshot, subscriber=None)
    message = EmailMultiAlternatives(
        subject=_("[Test] %(subject)s") % {"subject": edition.subject},
        body=text,
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscriber) -> EmailMultiAlternatives:
    url = absolute(reverse("newsletter:confirm", args=[confirm_token(subscriber)]))
    return _transactional(
        subscriber,
        _("Confirm your subscription to the newsletter"),
        "newsletter/mail/confirm",
        {"confirm_url": url, "days": max(1, settings.NEWSLETTER_CONFIRM_MAX_AGE // 86400)},
    )


def already_subscribed_message(subscriber) -> EmailMultiAlternatives:
    return _transactional(
        subscriber,
        _("You are already subscribed to the newsletter"),
        "newsletter/mail/already_subscribed",
        {},
    )


def _transactional(subscriber, subject, template, extra) -> EmailMultiAlternatives:
    context = {
        "site_name": site_name(),
        "site_url": absolute("/"),
        "manage_url": manage_url(subscriber),
        "privacy_url": absolute(reverse("newsletter:privacy")),
        **extra,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[subscriber.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
