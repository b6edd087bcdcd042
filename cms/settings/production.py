"""Production: refuses to start without a strong secret key and the host names it serves, or with
DEBUG on."""

import os

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

if DEBUG:  # noqa: F405
    # Django's debug pages show any visitor the settings, the code around an error and the SQL, and
    # DEBUG keeps every query in memory: never in production, whatever the environment says
    raise ImproperlyConfigured(
        "DEBUG is on (DEBUG in the environment) and production refuses to start with it: its error "
        "pages show visitors the settings, code and queries. Unset DEBUG, or use cms.settings.dev "
        "for development."
    )

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
# Refused at start rather than warned about, since a weak key (it signs sessions and password-reset
# links) is a hole from the first request: Django's own rules (check --deploy's W009), plus what a
# generated key always has (a key of spaces and five letters passes Django's), and never the
# placeholder of an example file.
MIN_DIFFERENT_CHARACTERS = 20


def secret_key_problem(key):
    """Why ``key`` is too weak for production, or None."""
    if len(key) < SECRET_KEY_MIN_LENGTH or key.startswith(SECRET_KEY_INSECURE_PREFIX):
        return (
            f"it needs at least {SECRET_KEY_MIN_LENGTH} characters "
            f"and not Django's '{SECRET_KEY_INSECURE_PREFIX}' prefix"
        )
    different = max(SECRET_KEY_MIN_UNIQUE_CHARACTERS, MIN_DIFFERENT_CHARACTERS)
    if len(set(key)) < different or any(character.isspace() for character in key):
        return f"it needs at least {different} different characters and no spaces"
    if "change-me" in key.lower() or "changeme" in key.lower():
        return "it is a placeholder from an example file"
    return None


if problem := secret_key_problem(SECRET_KEY):  # noqa: F405
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production: {problem}. Generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in the environment in production (comma-separated host names)."
    )

# Hashed, compressed static files served by WhiteNoise, right after the security middleware; its
# manifest (staticfiles.json) is not served (cms/static_files.py).
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "cms.static_files.StaticFilesMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Off only for a production-like server on plain http://127.0.0.1 (the browser tests).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTP Strict Transport Security: browsers that saw the site once refuse plain http for a year, on its
# host and the host's subdomains (for toolbox.example.org: *.toolbox.example.org, not example.org).
# Sent on https responses only. SECURE_HSTS_SECONDS=0 turns it off (set it low for a first deployment
# if unsure: a browser keeps the rule for as long as it was told). SECURE_HSTS_PRELOAD stays off unless
# set: asking browsers to ship the rule built in is for the owner of the whole registrable domain to
# decide (https://hstspreload.org), is hard to undo, and binds every subdomain of that domain; so
# check --deploy's reminder about it (W021) is silenced while it is off.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
