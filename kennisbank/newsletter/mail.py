"""Building the mails, and an SMTP transaction with a commit point inside it.

Exactly once over SMTP: a message is only accepted by the server when it reads the final
"<CRLF>.<CRLF>" of the DATA command; a connection that drops before that aborts the transaction
(RFC 5321, 4.1.1.4). `SmtpSender.send()` therefore sends MAIL, RCPT and the whole message,
then records the delivery as sent and writes the terminator, back to back and without waiting
for any reply in between. A worker killed before both leaves no accepted mail and a claimed
delivery that is handed out again later; killed after both, both happened. What is left is the
gap between the two (see docs/newsletter.md)."""

import contextlib
import hashlib
import re
import socket

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address
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


class PermanentFailure(Exception):
    """The server refused this message for good (5xx): do not retry."""

    def __init__(self, code: int, text: str):
        super().__init__(f"{code} {text}")
        self.code = code


class TemporaryFailure(Exception):
    """4xx or a broken connection: retry later."""


_LEADING_DOT = re.compile(rb"(?m)^\.")


class SmtpSender:
    """Sends over one connection of the configured Django e-mail backend. With Django's SMTP
    backend (or a subclass) the commit point sits inside the SMTP transaction (see the module
    docstring); any other backend (console, locmem in tests) hands the message over inside the
    recording transaction, which commits after it returns."""

    def __init__(self):
        self.backend = get_connection(fail_silently=False)
        self.two_phase = isinstance(self.backend, SmtpBackend)

    def open(self):
        try:
            self.backend.open()
        except OSError as error:  # smtplib errors are OSErrors
            raise TemporaryFailure(str(error)) from error
        sock = getattr(getattr(self.backend, "connection", None), "sock", None)
        if sock is not None:
            # The message body and its final dot are two writes with no reply in between;
            # with Nagle's algorithm the dot would wait for the server's delayed ACK (~40 ms).
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self):
        # Closing a broken connection may fail again; there is nothing left to save.
        with contextlib.suppress(Exception):
            self.backend.close()

    def reachable(self) -> bool:
        """After a failure: is there, or can there be made, a connection for the next one?"""
        if not self.two_phase or self.backend.connection is not None:
            return True
        try:
            self.open()
        except TemporaryFailure:
            return False
        return True

    def _drop(self):
        """Closes the socket without QUIT: mid-DATA, the server would read QUIT as message text
        and wait for the terminator. The next send opens a new connection."""
        conn = self.backend.connection
        self.backend.connection = None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def send(self, message, record) -> bool:
        """Sends `message`. `record()` is a context manager: it opens a database transaction,
        marks the delivery sent and yields False when this worker may no longer send it; the
        transaction commits when the block ends. Returns whether the message was sent."""
        if not self.two_phase:
            with record() as allowed:
                if not allowed:
                    return False
                try:
                    self.backend.send_messages([message])
                except OSError as error:
                    raise TemporaryFailure(str(error)) from error
            return True
        try:
            return self._send_two_phase(message, record)
        except (PermanentFailure, TemporaryFailure):
            raise
        except OSError as error:
            # A broken connection: the next message opens a new one.
            self._drop()
            raise TemporaryFailure(str(error)) from error

    def _send_two_phase(self, message, record) -> bool:
        if self.backend.connection is None:
            self.open()
        conn = self.backend.connection
        encoding = message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in message.recipients()]
        data = message.message().as_bytes(linesep="\r\n")
        conn.ehlo_or_helo_if_needed()
        code, text = conn.mail(sender)
        if code != 250:
            self._abort(conn)
            self._raise(code, text, counts_as_bounce=False)
        for recipient in recipients:
            code, text = conn.rcpt(recipient)
            if code not in (250, 251):
                self._abort(conn)
                self._raise(code, text)
        conn.putcmd("data")
        code, text = conn.getreply()
        if code != 354:
            self._abort(conn)
            self._raise(code, text)
        data = _LEADING_DOT.sub(b"..", data)
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        conn.send(data)
        # `record` commits the copy right before or right after this block (see
        # sending.send_batch), never after waiting for a reply: a crash can only fall in the
        # gap between the commit and the dot.
        with record() as allowed:
            if not allowed:
                # Another worker owns this delivery now, or the reader unsubscribed: drop the
                # connection before the terminator, so the server discards the message.
                self._drop()
                return False
            conn.send(b".\r\n")
        code, text = conn.getreply()
        if code != 250:
            self._raise(code, text)
        return True

    @staticmethod
    def _abort(conn):
        with contextlib.suppress(OSError):
            conn.rset()

    @staticmethod
    def _raise(code, text, counts_as_bounce=True):
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        if 500 <= code < 600 and counts_as_bounce:
            raise PermanentFailure(code, text)
        raise TemporaryFailure(f"{code} {text}")
