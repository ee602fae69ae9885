"""Local development and `make demo`: debug on, embedded SQLite, mails to the console."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *env_list("ALLOWED_HOSTS")]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
