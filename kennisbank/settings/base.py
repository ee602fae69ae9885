"""Settings shared by every environment. Everything that differs per deployment comes from the
environment (see docs/operations.md); the defaults make a working embedded SQLite site."""

import os
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("KENNISBANK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "kennisbank.core",
    "kennisbank.taxonomy",
    "kennisbank.people",
    "kennisbank.articles",
    "kennisbank.home",
    "kennisbank.demo",
    "kennisbank.related",
    "kennisbank.questions",
    "kennisbank.offerings",
    "kennisbank.promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
    "kennisbank.importer",
    "kennisbank.literature",
    "kennisbank.search",
    "kennisbank.newsletter",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kennisbank.core.middleware.PublicCacheMiddleware",
    "kennisbank.core.cache.ContentVersionMiddleware",
    "kennisbank.core.middleware.CachedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "kennisbank.importer.middleware.LegacyQueryRedirectMiddleware",
]

ROOT_URLCONF = "kennisbank.urls"
WSGI_APPLICATION = "kennisbank.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kennisbank.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while a writer commits; IMMEDIATE avoids "database is locked" on the
    # read-then-write transactions of the admin and the task worker.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Django REST framework imports django.contrib.postgres, and with it psycopg and libpq (~10 MB
    # in every process), whenever psycopg is installed. On SQLite nothing uses them: marking the
    # package absent makes that optional import fail as it does where psycopg is not installed.
    sys.modules.setdefault("django.contrib.postgres", None)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kennisbank",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "kennisbank",
    }

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Kennisbank"
WAGTAILADMIN_BASE_URL = os.environ.get("KENNISBANK_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Kennisbank
# Seconds a public page may be kept by browsers (max-age) and by shared caches (s-maxage).
KENNISBANK_PAGE_MAX_AGE = int(os.environ.get("KENNISBANK_PAGE_MAX_AGE", "300"))
KENNISBANK_PAGE_SHARED_MAX_AGE = int(os.environ.get("KENNISBANK_PAGE_SHARED_MAX_AGE", "86400"))
KENNISBANK_WORDS_PER_MINUTE = 200
# The "Related" block (kennisbank.related): at most this many items per content type, and in all.
KENNISBANK_RELATED_PER_TYPE = int(os.environ.get("KENNISBANK_RELATED_PER_TYPE", "3"))
KENNISBANK_RELATED_TOTAL = int(os.environ.get("KENNISBANK_RELATED_TOTAL", "8"))

# Security headers that hold in every environment; production.py adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# The public site runs no inline script and loads nothing from other hosts. The Wagtail admin
# needs inline styles and scripts, so it gets its own, wider policy (kennisbank.core.middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
KENNISBANK_ADMIN_CSP = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https:"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Importer (kennisbank.importer; see docs/import.md). Limits for what one run may read.
KENNISBANK_IMPORT_MAX_FILE_BYTES = int(os.environ.get("KENNISBANK_IMPORT_MAX_FILE_BYTES", 5 << 20))
KENNISBANK_IMPORT_MAX_IMAGE_BYTES = int(
    os.environ.get("KENNISBANK_IMPORT_MAX_IMAGE_BYTES", 10 << 20)
)
KENNISBANK_IMPORT_MAX_ZIP_TOTAL_BYTES = int(
    os.environ.get("KENNISBANK_IMPORT_MAX_ZIP_TOTAL_BYTES", 500 << 20)
)
KENNISBANK_IMPORT_MAX_ZIP_RATIO = int(os.environ.get("KENNISBANK_IMPORT_MAX_ZIP_RATIO", 100))
KENNISBANK_IMPORT_MAX_ZIP_ENTRIES = int(os.environ.get("KENNISBANK_IMPORT_MAX_ZIP_ENTRIES", 20000))
KENNISBANK_IMPORT_MAX_UPLOAD_BYTES = int(
    os.environ.get("KENNISBANK_IMPORT_MAX_UPLOAD_BYTES", 200 << 20)
)
# Uploads wait here (outside MEDIA_ROOT, so never served) until their import task has run.
KENNISBANK_IMPORT_UPLOAD_DIR = Path(
    os.environ.get("KENNISBANK_IMPORT_UPLOAD_DIR", VAR_DIR / "imports")
)

# Search (kennisbank.search): override any default of kennisbank/search/conf.py here, e.g.
# KENNISBANK_SEARCH = {"RM3": False}. See docs/search.md.
KENNISBANK_SEARCH: dict = {}

# Newsletter (kennisbank.newsletter; see docs/newsletter.md)
NEWSLETTER_FROM_EMAIL = os.environ.get(
    "NEWSLETTER_FROM_EMAIL", os.environ.get("DEFAULT_FROM_EMAIL", "nieuwsbrief@localhost")
)
# Seconds a confirmation link stays valid.
NEWSLETTER_CONFIRM_MAX_AGE = int(os.environ.get("NEWSLETTER_CONFIRM_MAX_AGE", str(3 * 86400)))
# Addresses that never confirm are deleted after this many days, unsubscribed ones after
# NEWSLETTER_UNSUBSCRIBED_DAYS (manage.py newsletter_tick).
NEWSLETTER_PENDING_DAYS = int(os.environ.get("NEWSLETTER_PENDING_DAYS", "7"))
# Bots: a form sent faster than this (seconds) is refused; rate limits per hour.
NEWSLETTER_MIN_FILL_SECONDS = float(os.environ.get("NEWSLETTER_MIN_FILL_SECONDS", "2"))
NEWSLETTER_RATE_PER_IP = int(os.environ.get("NEWSLETTER_RATE_PER_IP", "20"))
NEWSLETTER_RATE_PER_ADDRESS = int(os.environ.get("NEWSLETTER_RATE_PER_ADDRESS", "3"))
# Sending: mails per SMTP connection and task, a ceiling in mails per second (0: none),
# retries with exponential back-off, and bounces before an address is suspended.
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "100"))
NEWSLETTER_MAX_PER_SECOND = float(os.environ.get("NEWSLETTER_MAX_PER_SECOND", "50"))
NEWSLETTER_MAX_ATTEMPTS = int(os.environ.get("NEWSLETTER_MAX_ATTEMPTS", "5"))
NEWSLETTER_RETRY_BASE_SECONDS = int(os.environ.get("NEWSLETTER_RETRY_BASE_SECONDS", "60"))
NEWSLETTER_BOUNCE_LIMIT = int(os.environ.get("NEWSLETTER_BOUNCE_LIMIT", "3"))
# A claimed delivery that is neither sent nor released after this many seconds belongs to a
# worker that died; newsletter_tick hands it to another worker.
NEWSLETTER_CLAIM_TIMEOUT = int(os.environ.get("NEWSLETTER_CLAIM_TIMEOUT", "300"))
NEWSLETTER_UNSUBSCRIBED_DAYS = int(os.environ.get("NEWSLETTER_UNSUBSCRIBED_DAYS", "30"))
