"""A real SMTP server on localhost for tests and benchmarks (aiosmtpd), recording what it
accepted, and able to refuse chosen recipients."""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RecordingHandler:
    def __init__(self, parse=True):
        self.parse = parse
        self.lock = threading.Lock()
        self.messages = []  # parsed EmailMessage objects (or raw bytes with parse=False)
        self.recipients = []  # one list per accepted message
        self.refuse = {}  # address -> "5xx text" or "4xx text", the reply to RCPT
        self.refuse_data = {}  # the same, but as the reply to the message's final dot

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.refuse.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            if address.lower() in self.refuse_data:
                return self.refuse_data[address.lower()]
        body = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(body, policy=email.policy.default) if self.parse else body
        with self.lock:
            self.messages.append(parsed)
            self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted"

    def to(self, address):
        with self.lock:
            return [m for m, r in zip(self.messages, self.recipients, strict=True) if address in r]


class SmtpServer:
    def __init__(self, parse=True, port=None):
        self.handler = RecordingHandler(parse=parse)
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def django_settings(self) -> dict:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
        }
