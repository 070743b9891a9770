"""Settings for the study-materials CMS, read from environment variables.

One module for every environment: with ``DEBUG`` off (the default) the settings are
production-safe; ``make run`` turns it on for the local demo. The variables are
documented in README.md.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def read_env_file(path):
    """Add the KEY=value lines of a developer's .env to the environment; real variables win.

    `make install` writes a .env with DEBUG=1 so that manage.py commands run on a developer
    machine as they are. The file is never deployed (.dockerignore); without it, and in
    production, the settings stay production-safe and SECRET_KEY is required.
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        key, equals, value = line.strip().partition("=")
        if equals and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip())


read_env_file(Path(os.environ.get("ENV_FILE", BASE_DIR / ".env")))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Full-text search fields and lookups (used on PostgreSQL; harmless on SQLite).
    "django.contrib.postgres",
    "django_ckeditor_5",
    "django_filters",
    "axes",
    "auditlog",
    "reversion",
    "reversion_compare",
    "django_tasks_db",
    "accounts",
    "people",
    "documents",
    "bulletins",
    "notices",
    "feedback",
    "portal",
    "operations",
    "demo",
]

MIDDLEWARE = [
    # First: answers /healthz before host checks, HTTPS redirect and login (operations.health).
    "operations.health.HealthCheckMiddleware",
    # Gives every log line of a request its request id and user id (operations.logs).
    "operations.logs.RequestContextMiddleware",
    # A full or read-only media disk gets a clear message (operations.failures).
    "operations.failures.StorageFailureMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Next to the static files: a reader's page answered again to the same session (REPLAY_PAGES).
    "portal.replay.ReplayMiddleware",
    # Pages leave gzipped (static files are compressed by whitenoise): config.compression.
    "config.compression.TextGZipMiddleware",
    # A session that cannot be saved during a database restart answers 503, not 400.
    "operations.failures.SessionMiddleware",
    # Inside the session middleware, so a refresh it asks for is saved on the way out.
    "accounts.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy (SECURE_CSP), Permissions-Policy, private caching when logged in.
    "config.middleware.SecurityHeadersMiddleware",
    "accounts.middleware.AuditMiddleware",
    # Last, so it sees the login view's outcome and can answer a lock-out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "notices.context_processors.bell",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)  # the default SQLite file's folder, on a fresh clone

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests on a file, not in memory: browser tests' live server answers in threads of its own
    # (pages, the offline worker's fetches), and an in-memory database would be one connection
    # shared by all of them at once.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
    # The server and the task worker (make run), or the test and the live server, write at
    # once: a transaction takes the write lock when it starts, and waits for it, instead of
    # failing with "database is locked" when two of them upgrade a read at the same moment.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Short indexed queries only: PostgreSQL's JIT compiles a plan for up to a second when it
    # guesses a query is big, which a page never repays.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Covering indexes (INCLUDE) exist on PostgreSQL only; SQLite builds them without the
# extra columns, which the demo's small tables do not miss.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out client before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.NoDemoPasswordInProductionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lock-out after repeated failed logins (django-axes), counted per client address across
# usernames: trying one password on many accounts (spraying) locks the address as surely as
# guessing one account's. The address is the one the last trusted proxy saw (below).
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
AXES_USERNAME_CALLABLE = "accounts.security.login_username"
AXES_VERBOSE = False

# Sessions end after this much inactivity. The expiry is pushed forward at most once every
# SESSION_REFRESH_SECONDS (accounts.middleware.IdleSessionMiddleware), not written on every page.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "60")) * 60
SESSION_REFRESH_SECONDS = min(300, SESSION_COOKIE_AGE // 10)

# One process (make run, tests): the local-memory cache. Several processes or machines:
# REDIS_URL, shared by all, which then also holds the sessions in front of the database.
# Cached issue texts are keyed on what is in the database, so a per-process cache never
# serves a stale text; sessions are cached only in a shared cache, so a logout is seen by all.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tailieu",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
# Replaying readers' pages (portal.replay) needs the sessions and versions every process sees.
REPLAY_PAGES = bool(REDIS_URL)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "bulletins:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
# Dates are written day first in Vietnam (13/01/2019); Django's Vietnamese locale has no input
# formats of its own, so these apply to every form, the admin's included.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    # No partial file when the disk is full or read-only (operations.storage).
    "default": {"BACKEND": "operations.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media files are served by portal.media after a permission check. Behind nginx or Apache
# the check stays in Django and the web server sends the bytes: "nginx" answers with
# X-Accel-Redirect to MEDIA_ACCEL_PREFIX, "apache" with X-Sendfile (see README).
MEDIA_SERVER = os.environ.get("MEDIA_SERVER", "django")
MEDIA_ACCEL_PREFIX = os.environ.get("MEDIA_ACCEL_PREFIX", "/protected-media/")
# How many proxies in front of the site append to X-Forwarded-For (nginx: 1). The client is
# the address the outermost of them saw; anything further left was sent by the client and is
# not believed. 0: the connection's own address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Uploads larger than this are rejected before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# Rich text: CKEditor 5. Whatever it sends is sanitised again on save (bulletins.html).
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpg", "jpeg", "png", "gif", "webp"]
CKEDITOR_5_MAX_FILE_SIZE = 5  # megabytes
CKEDITOR_5_FILE_STORAGE = "bulletins.storage.EditorImageStorage"
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading",
                "|",
                "bold",
                "italic",
                "underline",
                "superscript",
                "link",
                "|",
                "bulletedList",
                "numberedList",
                "outdent",
                "indent",
                "blockQuote",
                "|",
                "insertTable",
                "imageUpload",
                "|",
                "removeFormat",
                "sourceEditing",
                "undo",
                "redo",
            ],
            "shouldNotGroupWhenFull": True,
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Tiêu đề nhỏ",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Tiêu đề mục",
                    "class": "ck-heading_heading4",
                },
            ]
        },
        "image": {
            "toolbar": ["toggleImageCaption", "imageTextAlternative", "|", "imageStyle:block"],
        },
        "table": {
            "contentToolbar": ["tableColumn", "tableRow", "mergeTableCells", "toggleTableCaption"],
        },
        "link": {"defaultProtocol": "https://"},
    }
}

# Content-Security-Policy: no inline script anywhere (scripts are static files), no plugins,
# no <base>, no framing. The reading side allows styles from our stylesheet (and one element
# with the request's nonce); the admin
# allows inline styles, images from data:/blob: URLs and uploads by fetch, which Django's admin
# and CKEditor 5 need. Uploaded files get their own sandboxing policy (portal.media).
_CSP_BASE = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],  # the nonce: the print marking's @page rule
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CSP = _CSP_BASE
SECURE_CSP_ADMIN = {
    **_CSP_BASE,
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# The empty choice of a portal filter reads "All", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # CKEditor reads the token from the cookie to upload images.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Background work (django.tasks): stored in the database and run by `manage.py db_worker`
# (django-tasks-db); `make run` starts one beside the development server. TASKS_BACKEND=immediate
# runs each task inside the request instead, for a setup without a worker.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("TASKS_BACKEND", "database")],
        "QUEUES": ["default"],
    }
}
# A PDF rendering that takes longer than this is stopped and recorded as failed.
PDF_TASK_TIME_LIMIT = int(os.environ.get("PDF_TASK_TIME_LIMIT", "300"))
# Each step of an import (reading the file for its preview, writing the draft) likewise.
IMPORT_TASK_TIME_LIMIT = int(os.environ.get("IMPORT_TASK_TIME_LIMIT", "120"))
# Other tasks (scheduled publication, notices, reminders) are stopped after this many seconds.
TASK_TIME_LIMIT = int(os.environ.get("TASK_TIME_LIMIT", "600"))
# Memory a task may take beyond what the worker process already holds (operations.limits).
TASK_MEMORY_LIMIT_MB = int(os.environ.get("TASK_MEMORY_LIMIT_MB", "1024"))
# /healthz reports the task queue as stalled when a ready task has waited longer than this.
HEALTH_MAX_TASK_WAIT_SECONDS = int(os.environ.get("HEALTH_MAX_TASK_WAIT_SECONDS", "600"))

# One console handler on the root logger, with time, request id and user id on every line.
# Django's own loggers only propagate to it, so each error is written once.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "operations.logs.RequestContextFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s user=%(user_id)s] "
            "%(name)s: %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_context"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
        "django_tasks_db": {"handlers": [], "level": "INFO", "propagate": True},
        # Every failed or reset login would otherwise be logged twice.
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
# Errors go to Sentry (or a compatible service) when SENTRY_DSN is set.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from operations.logs import init_error_reporting

    init_error_reporting(SENTRY_DSN)

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tailieu@localhost")
# The address links in e-mails lead to (notices), e.g. https://tailieu.example.vn
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# Channels notices are sent through besides the site's bell: README, Notices, adding a channel.
NOTICE_CHANNELS = env_list("NOTICE_CHANNELS", "notices.channels.EmailChannel")
if DEBUG:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
