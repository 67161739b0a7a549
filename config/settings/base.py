"""Settings shared by every environment; everything deployment-specific comes from env vars."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("QUDAO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("QUDAO_DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-dev-key-only-for-the-embedded-demo")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_tasks_db",
    "qudao.core",
    "qudao.accounts",
    "qudao.territory",
    "qudao.channels",
    "qudao.ledger",
    "qudao.sales",
    "qudao.targets",
    "qudao.fraud",
    "qudao.performance",
    "qudao.reporting",
    "qudao.inspections",
    "qudao.fieldwork",
    "qudao.incentives",
    "qudao.statements",
    "qudao.demo",
    "qudao.ui",
    "qudao.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "qudao.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "qudao.ui.context_processors.navigation",
            ],
        },
    },
]


def database_from_env(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    return config


DATABASES = {
    "default": database_from_env(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'qudao.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Idle timeout: the session lives 30 minutes after the last request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Login throttling per account (see qudao.accounts.throttle).
QUDAO_LOGIN_MAX_FAILURES = int(os.environ.get("QUDAO_LOGIN_MAX_FAILURES", "5"))
QUDAO_LOGIN_LOCK_MINUTES = int(os.environ.get("QUDAO_LOGIN_LOCK_MINUTES", "15"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
QUDAO_IMPORT_MAX_BYTES = 20 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "qudao.api.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "qudao.api.errors.exception_handler",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Qudao API",
    "DESCRIPTION": "Channel management: territory, staff, agents, outlets and their lifecycle.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Many models have a field called "kind"; name each choice set after its class.
    "ENUM_NAME_OVERRIDES": {
        "NodeKindEnum": "qudao.territory.choices.NodeKind",
        "RequestKindEnum": "qudao.channels.choices.RequestKind",
        "ImportKindEnum": "qudao.sales.choices.ImportKind",
        "InspectionKindEnum": "qudao.inspections.choices.InspectionKind",
        "ViolationKindEnum": "qudao.inspections.choices.ViolationKind",
        "FollowUpKindEnum": "qudao.performance.choices.FollowUpKind",
        "WebhookKindEnum": "qudao.performance.choices.WebhookKind",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "qudao.core.logging.RedactSensitiveFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("QUDAO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO", "propagate": True}},
}

NAV_SECTIONS_LABEL = _("Navigation")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Columnar copies of the facts (Parquet per month), written by each import; derived, rebuildable.
QUDAO_FACTS_DIR = Path(os.environ.get("QUDAO_FACTS_DIR", VAR_DIR / "facts"))
# DuckDB's memory for one settlement run or what-if; beyond it the run spills to <run dir>/spill.
QUDAO_SETTLEMENT_MEMORY = os.environ.get("QUDAO_SETTLEMENT_MEMORY", "3GB")
# Customer ID numbers are stored only as SHA-256(salt + number); production sets its own salt.
QUDAO_CUSTOMER_HASH_SALT = os.environ.get("QUDAO_CUSTOMER_HASH_SALT", "qudao-demo-salt")
