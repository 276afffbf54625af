"""The portal's settings for the bench: production settings over plain HTTP on 127.0.0.1,
the bench URLs (JSON floors and a bench admin site), and a query counter in each response.
The production password hasher stays: congress day logs in for real (the seed hashes once and copies)."""

from unionportal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # static files come from the finders; nothing is collected
MIDDLEWARE = ["bench.middleware.query_count", *MIDDLEWARE]  # noqa: F405 -- outermost: counts session and auth too
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
