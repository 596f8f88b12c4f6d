"""Settings shared by every environment: safe by default (no DEBUG, no secret)."""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from lms_background.conf import DEFAULT_JOBS

from .connections import (  # noqa: F401 (the other settings modules import them here)
    POSTGRESQL_OPTIONS,
    SQLITE_OPTIONS,
    database,
    pool_options,
    redis_cache,
    redis_channel_layers,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("LMS_VAR_DIR", BASE_DIR / "var"))

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # daphne first: its runserver serves HTTP and WebSockets through lms.asgi.
    "daphne",
    "accounts",
    "home",
    "demo",
    "lms_courses",
    "lms_cohorts",
    "lms_quizzes",
    "lms_live",
    "lms_certificates",
    "lms_background",
    "lms_toolkit",
    "lms_insights",
    "lms_volunteers",
    "lms_assistance",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.SchoolUsersConfig",  # wagtail.users, without privilege escalation
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "channels",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.LanguagePrefixMiddleware",
    # Pages kept for visitors not signed in, by language: before anything that reads
    # the session or the user (lms_toolkit/page_cache.py).
    "lms_toolkit.page_cache.PageCacheMiddleware",
    # Before anything reads the body (CSRF, forms): refuses oversized requests.
    "home.uploads.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a locked-out login into the lockout page. Axes asks to be last; it stays
    # just before SyncChainMiddleware, which must be last to keep the chain synchronous.
    "axes.middleware.AxesMiddleware",
    "home.middleware.SyncChainMiddleware",
]

# Sessions are read from the cache (Redis in production) and kept in the database,
# which the live classroom reads to check a login is still valid.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

ROOT_URLCONF = "lms.urls"
ASGI_APPLICATION = "lms.asgi.application"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms_courses.context_processors.lms",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "lms.sqlite3",  # Django's, with writers queued (lms/sqlite3/base.py)
        "NAME": VAR_DIR / "db.sqlite3",
        # A pool of a few connections per process (connections.py).
        "OPTIONS": {**SQLITE_OPTIONS, "pool": pool_options()},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
if os.environ.get("REDIS_URL"):
    CHANNEL_LAYERS = redis_channel_layers(os.environ["REDIS_URL"])
# A live classroom message is at most 4 KiB (lms_live/protocol.py), which the consumer
# answers with an error; daphne closes a socket sending more than this before it
# buffers it. `manage.py runserver` reads these; production passes the same numbers
# on daphne's command line (docs/deployment.md).
DAPHNE_WEBSOCKET_MAX_MESSAGE_SIZE = 64 * 1024
DAPHNE_WEBSOCKET_MAX_FRAME_SIZE = 64 * 1024

# Background work: Django's Tasks API, queued in the database (PostgreSQL in
# production), run by `manage.py run_worker`, scheduled by `manage.py run_scheduler`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The background app's own jobs (publishing, requeueing, sessions), then the others'.
LMS_SCHEDULED_JOBS = [
    *DEFAULT_JOBS,
    {
        "name": "purge-unverified-signups",
        "task": "accounts.jobs.purge_unverified_signups",
        "every_minutes": 60,
    },
    {
        "name": "remind-expiring-qualifications",
        "task": "lms_volunteers.jobs.remind_expiring_qualifications",
        "daily_at": "09:00",
    },
    {
        "name": "remind-upcoming-shifts",
        "task": "lms_volunteers.jobs.remind_upcoming_shifts",
        "every_minutes": 10,
    },
    {
        "name": "issue-due-certificates",
        "task": "lms_certificates.jobs.sweep",
        "daily_at": "02:00",
    },
    {
        "name": "grade-overdue-quiz-attempts",
        "task": "lms_quizzes.jobs.grade_overdue",
        "every_minutes": 1,
    },
    {
        "name": "anonymise-due-requests",
        "task": "lms_assistance.jobs.anonymise_due_requests",
        "daily_at": "04:00",
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Axes first: it refuses a locked-out login before any password is checked. AxesBackend
# rather than AxesStandaloneBackend: it can also load a session's user, which tools
# that log in with the first backend (Wagtail's page test helpers) need.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes) on every form that calls authenticate(): the site's
# login and the Wagtail admin's. Failures count per typed address *and* client IP
# together, so a stranger elsewhere cannot lock a student out by typing her address
# wrongly, nor can a classmate behind the same school router; an attacker still gets
# only 5 guesses per account per 15 minutes from each address. Behind a proxy, run
# daphne with --proxy-headers so that REMOTE_ADDR is the client's, not the proxy's.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the email field's name in both login forms
AXES_USERNAME_CALLABLE = "accounts.lockout.login_username"  # lower-cased, as logins
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # keep failures only, not a log of everyone's logins
LOGIN_URL = "accounts:login"
# Private pages and documents send visitors to the site's login, not Wagtail's bare one.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "learning:dashboard"
LOGOUT_REDIRECT_URL = "/"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Migration School <school@localhost>"
)
PASSWORD_RESET_TIMEOUT = (
    60 * 60 * 24 * 3
)  # also how long an email confirmation link lasts

# Languages: Azerbaijani is the default; English and Russian are full alternatives.
LANGUAGE_CODE = "az"
LANGUAGES = [
    ("az", "Azərbaycanca"),
    ("en", "English"),
    ("ru", "Русский"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Baku"
# One date style per language (lms_toolkit/formats): "21 января 2027, 14:30".
FORMAT_MODULE_PATH = ["lms_toolkit.formats"]
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Request size. Wagtail's page editor posts many fields for long lessons.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields, files not counted
DATA_UPLOAD_MAX_NUMBER_FILES = 10  # Wagtail's multiple upload sends one per request
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # a larger file streams to a temporary file
# A whole request body may be the largest upload below plus its form; a larger one
# is refused with a 413 page before anything reads it (home/uploads.py).
LMS_MAX_REQUEST_SIZE = 12 * 1024 * 1024

# Content-Security-Policy (django-csp): every page works on its own static files, with
# no inline script or style, so injected markup can neither run nor restyle a page.
# A same-origin ws(s):// URL matches 'self' (CSP3; the browser tier checks it).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],
        # Video blocks embed players from these hosts (Wagtail's oEmbed finders).
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# The Wagtail admin (under LMS_ADMIN_PATH) needs exceptions: its pages write inline
# scripts (date choosers, the editor's chooser URLs, Jcrop's event handlers) and its
# bundles (vendor.js, wagtail-localize) insert inline scripts and <style> elements;
# its styles draw icons from data: URLs; its preview panel frames a preview page of
# the same origin. The browser tier shows the admin working under exactly this.
LMS_ADMIN_PATH = "/admin/"
LMS_ADMIN_CSP_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "frame-src": [SELF],
    "img-src": ["data:"],
}
LMS_ADMIN_CSP_REPLACE = {"frame-ancestors": [SELF]}

WAGTAIL_SITE_NAME = "Migration School"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads: allowlists of types (no HTML, SVG or executables) and sizes. Documents go
# through Wagtail's view, which checks collection privacy and sends them as downloads.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel photo, ~200 MB decoded
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_ALLOW_UNICODE_SLUGS = True
TAGGIT_CASE_INSENSITIVE = True

LMS_SITE_NAME = _("Migration School")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
