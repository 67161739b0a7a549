"""Test settings: the database comes from DATABASE_URL (SQLite in var/ by default)."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
QUDAO_LOGIN_MAX_FAILURES = 5
