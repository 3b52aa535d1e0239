"""Django settings: local mode by default, every value overridable from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from netkort import config

BASE_DIR = Path(__file__).resolve().parent

# Server mode (NETKORT_MODE=server): accounts, coaches, PostgreSQL, HTTPS behind a proxy.
# Every server setting comes from the environment and is checked at start-up.
NETKORT_SERVER_MODE = config.server_mode()
_server = config.server_settings() if NETKORT_SERVER_MODE else {}

SECRET_KEY = _server["SECRET_KEY"] if NETKORT_SERVER_MODE else config.secret_key()
DEBUG = os.environ.get("NETKORT_DEBUG", "") == "1" and not NETKORT_SERVER_MODE
ALLOWED_HOSTS = (
    _server.get("ALLOWED_HOSTS")
    or [h for h in os.environ.get("NETKORT_ALLOWED_HOSTS", "").split(",") if h]
    or [
        "127.0.0.1",
        "localhost",
        "[::1]",
    ]
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    # The optional second sign-in factor (TOTP); its tables come with its own migrations.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "netkort.store",
    "netkort.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "netkort.web.middleware.RequestSizeLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netkort.web.urls"
WSGI_APPLICATION = "netkort.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netkort.web.context_processors.mode",
            ],
        },
    }
]

DATABASES = {
    "default": _server["DATABASE"]
    if NETKORT_SERVER_MODE
    else config.database_settings(config.database_url())
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Computed network measures are shared by the server's processes and kept across
# restarts in a folder of the data directory (services.measures_cache).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "measures": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(config.data_dir() / "cache" / "measures"),
        "TIMEOUT": 60 * 60 * 24 * 30,
        "OPTIONS": {"MAX_ENTRIES": 2_000},
    },
}

LANGUAGE_CODE = os.environ.get("NETKORT_LANGUAGE", "da")
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["netkort.web.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("NETKORT_TIME_ZONE", "Europe/Copenhagen")

STATIC_URL = "/static/"
STATIC_ROOT = config.data_dir() / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Local mode serves static files straight from the package, without collectstatic.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "netkort:login" if NETKORT_SERVER_MODE else "netkort:signed-out"
LOGIN_REDIRECT_URL = "netkort:start"
SESSION_COOKIE_AGE = 60 * 60 * 24 * (14 if NETKORT_SERVER_MODE else 30)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Argon2 hashes new passwords; the others only read hashes made before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): five wrong passwords for one user from one address
# lock that pair out for fifteen minutes. Local mode has no passwords to guess.
AXES_ENABLED = NETKORT_SERVER_MODE
AUTHENTICATION_BACKENDS = [
    *(["axes.backends.AxesStandaloneBackend"] if NETKORT_SERVER_MODE else []),
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "netkort/accounts/locked_out.html"
AXES_VERBOSE = False
# Failed attempts are what throttling needs; a log of every successful login is not.
AXES_DISABLE_ACCESS_LOG = True
SILENCED_SYSTEM_CHECKS = [] if NETKORT_SERVER_MODE else ["axes.W003"]

OTP_TOTP_ISSUER = "netkort"

# Upload limits: form bodies stay small; files spill to disk past 10 MB, and no request
# may be larger than NETKORT_MAX_UPLOAD_MB (checked by RequestSizeLimitMiddleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
NETKORT_MAX_UPLOAD_BYTES = int(os.environ.get("NETKORT_MAX_UPLOAD_MB") or "64") * 1024 * 1024
# Uploads larger than this (together) are imported in the background, with progress.
NETKORT_BACKGROUND_IMPORT_BYTES = (
    int(os.environ.get("NETKORT_BACKGROUND_IMPORT_MB") or "2") * 1024 * 1024
)

if NETKORT_SERVER_MODE:
    # Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto itself
    # (overwriting whatever the client sent); see docs/deploy.md.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _server["SSL_REDIRECT"]
    SECURE_HSTS_SECONDS = _server["HSTS_SECONDS"]
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _server["EMAIL_HOST"]
    EMAIL_PORT = _server["EMAIL_PORT"]
    EMAIL_HOST_USER = _server["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _server["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _server["EMAIL_USE_TLS"]
    DEFAULT_FROM_EMAIL = _server["DEFAULT_FROM_EMAIL"]
    SERVER_EMAIL = DEFAULT_FROM_EMAIL

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# The region a phone number without a country code belongs to.
NETKORT_DEFAULT_REGION = os.environ.get("NETKORT_DEFAULT_REGION", "DK")

# No user data in logs: the filter drops requests, query strings and exception messages
# (a database error can quote a name) from every record the handler writes.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_user_data": {"()": "netkort.web.logfilter.DropUserData"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_user_data"]},
    },
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        # django-axes names the user name and address of every failed login.
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
