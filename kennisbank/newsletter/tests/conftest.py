import re
from urllib.parse import urlsplit

import pytest

from .smtp import SmtpServer

LINK = re.compile(r"https?://[^\s\"<>]+")


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost; Django's SMTP backend is pointed at it."""
    with SmtpServer() as server:
        for name, value in server.django_settings().items():
            setattr(settings, name, value)
        settings.NEWSLETTER_MAX_PER_SECOND = 0
        settings.WAGTAILADMIN_BASE_URL = "http://testserver"
        yield server


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Runs on_commit callbacks (the task enqueues) inside the test transaction."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run


def text_part(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def path_of(url: str) -> str:
    return urlsplit(url).path


def links(message, contains: str) -> list[str]:
    """The paths of links in the plain-text part, for the test client to follow."""
    return [path_of(url) for url in LINK.findall(text_part(message)) if contains in url]
