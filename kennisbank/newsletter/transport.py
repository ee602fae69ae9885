"""SMTP with a commit point inside the transaction, for the newsletter's sending path only.

An SMTP server accepts a message only when it reads the final "<CRLF>.<CRLF>" of DATA; when
the connection drops before that, it discards the transaction (RFC 5321, 4.1.1.4). So a copy
is sent in three steps: `TwoPhaseSMTP.begin_data()` sends MAIL, RCPT, DATA and the whole
dot-stuffed message, but not the terminator; the caller's `record(deliver)` marks the delivery
sent, commits, and calls `deliver()` (which writes the terminator) right after the commit;
then `read_data_reply()` reads the server's verdict. A worker killed before the commit leaves
an unterminated message that the server throws away, and a pending delivery; killed after the
terminator, both happened. Only the gap between the two writes is left (docs/newsletter.md).

The classes subclass smtplib.SMTP and Django's SMTP EmailBackend, so EMAIL_HOST, the port,
TLS/SSL, login and timeouts work as for any other mail."""

import contextlib
import functools
import re
import smtplib
import socket

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address
from django.utils.module_loading import import_string

_LEADING_DOT = re.compile(rb"(?m)^\.")


class PermanentFailure(Exception):
    """The server refused this message for good (5xx): do not retry."""

    def __init__(self, code: int, text: str):
        super().__init__(f"{code} {text}")
        self.code = code


class TemporaryFailure(Exception):
    """4xx or a broken connection: retry later."""


class TwoPhaseMixin:
    """For smtplib.SMTP and SMTP_SSL: DATA without its terminator, the terminator as a
    separate write, and the reply to it."""

    def begin_data(self, from_addr: str, to_addrs: list[str], msg: bytes) -> None:
        """MAIL, RCPT and DATA, then the message without the final dot. Raises
        SMTPSenderRefused, SMTPRecipientsRefused or SMTPDataError like sendmail() does."""
        self.ehlo_or_helo_if_needed()
        options = []
        if self.does_esmtp and self.has_extn("size"):
            options.append(f"size={len(msg)}")
        code, text = self.mail(from_addr, options)
        if code != 250:
            self._reset()
            raise smtplib.SMTPSenderRefused(code, text, from_addr)
        refused = {}
        for address in to_addrs:
            code, text = self.rcpt(address)
            if code not in (250, 251):
                refused[address] = (code, text)
        if refused:
            self._reset()
            raise smtplib.SMTPRecipientsRefused(refused)
        self.putcmd("data")
        code, text = self.getreply()
        if code != 354:
            self._reset()
            raise smtplib.SMTPDataError(code, text)
        data = _LEADING_DOT.sub(b"..", msg)
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        self.send(data)

    def terminator(self):
        """A callable that writes the final dot in one write, with nothing else to do first:
        the caller calls it right after its commit."""
        return functools.partial(self.sock.sendall, b".\r\n")

    def read_data_reply(self) -> None:
        code, text = self.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, text)

    def _reset(self):
        with contextlib.suppress(OSError):
            self.rset()


class TwoPhaseSMTP(TwoPhaseMixin, smtplib.SMTP):
    pass


class TwoPhaseSMTP_SSL(TwoPhaseMixin, smtplib.SMTP_SSL):  # noqa: N801 (smtplib's spelling)
    pass


class TwoPhaseBackendMixin:
    """For Django's SMTP EmailBackend and its subclasses: connections are TwoPhaseSMTP, with
    TCP_NODELAY, because the message and its final dot are two writes with no reply in
    between (with Nagle's algorithm the dot would wait ~40 ms for the server's ACK)."""

    @property
    def connection_class(self):
        return TwoPhaseSMTP_SSL if self.use_ssl else TwoPhaseSMTP

    def open(self):
        opened = super().open()
        sock = getattr(self.connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return opened


class NewsletterEmailBackend(TwoPhaseBackendMixin, SmtpBackend):
    pass


@functools.cache
def _two_phase_class(backend_class):
    if issubclass(backend_class, TwoPhaseBackendMixin):
        return backend_class
    if backend_class is SmtpBackend:
        return NewsletterEmailBackend
    # A project's own SMTP subclass keeps what it adds.
    return type(f"TwoPhase{backend_class.__name__}", (TwoPhaseBackendMixin, backend_class), {})


def newsletter_connection():
    """The configured e-mail backend; when it is (a subclass of) Django's SMTP backend, the
    same with two-phase connections. Other backends (console, locmem) are used as they are."""
    backend_class = import_string(settings.EMAIL_BACKEND)
    if issubclass(backend_class, SmtpBackend):
        return _two_phase_class(backend_class)(fail_silently=False)
    return get_connection(fail_silently=False)


class SmtpSender:
    """Sends copies over one connection. `send(message, record)` calls `record(deliver)`,
    which must mark the delivery sent, commit, call `deliver()` right after the commit and
    return True, or return False without calling it when this worker may not send the copy.
    With a backend that is not SMTP, `deliver()` hands the message to that backend."""

    def __init__(self):
        self.backend = newsletter_connection()
        self.two_phase = isinstance(self.backend, TwoPhaseBackendMixin)

    def open(self):
        try:
            self.backend.open()
        except OSError as error:  # smtplib errors are OSErrors
            raise TemporaryFailure(str(error)) from error

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
        """Returns whether the copy was sent; raises PermanentFailure or TemporaryFailure.
        After either, the delivery may have been recorded as sent: the caller sets it back."""
        if not self.two_phase:

            def deliver():
                try:
                    self.backend.send_messages([message])
                except OSError as error:
                    raise TemporaryFailure(str(error)) from error

            return record(deliver)
        encoding = message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in message.recipients()]
        data = message.message().as_bytes(linesep="\r\n")
        try:
            if self.backend.connection is None:
                self.open()
            conn = self.backend.connection
            conn.begin_data(sender, recipients, data)
        except smtplib.SMTPSenderRefused as error:
            # Our sender address, not the reader's: never a bounce of this subscriber.
            raise TemporaryFailure(_reply(error.smtp_code, error.smtp_error)) from error
        except smtplib.SMTPRecipientsRefused as error:
            [(code, text)] = list(error.recipients.values())[:1]
            raise _failure(code, text) from error
        except smtplib.SMTPResponseException as error:
            raise _failure(error.smtp_code, error.smtp_error) from error
        except OSError as error:
            self._drop()
            raise TemporaryFailure(str(error)) from error
        try:
            allowed = record(conn.terminator())
        except OSError as error:
            # The terminator could not be written: the connection is gone, and so is the
            # message. The caller sets the recorded delivery back.
            self._drop()
            raise TemporaryFailure(str(error)) from error
        except BaseException:
            self._drop()
            raise
        if not allowed:
            # Another worker owns this delivery now, or the reader unsubscribed: drop the
            # connection before the terminator, so the server discards the message.
            self._drop()
            return False
        try:
            conn.read_data_reply()
        except smtplib.SMTPResponseException as error:
            raise _failure(error.smtp_code, error.smtp_error) from error
        except OSError as error:
            self._drop()
            raise TemporaryFailure(str(error)) from error
        return True


def _reply(code, text) -> str:
    text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return f"{code} {text}"


def _failure(code, text) -> Exception:
    if 500 <= code < 600:
        return PermanentFailure(code, _reply(code, text).split(" ", 1)[1])
    return TemporaryFailure(_reply(code, text))
