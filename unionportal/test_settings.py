"""Settings for the test suite: the production settings with HTTPS redirects,
secure cookies and hashed static names turned off, and a fast password hasher."""

import os

from .settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
STATIC_ROOT = None  # tests never collect static files; WhiteNoise then looks only at the finders
WHITENOISE_USE_FINDERS = True
DOCUMENTS_IN_THREAD = False  # tests see a document finished when the request that queued it returns

# The Celery worker tests share a file database with the worker process they start.
if os.environ.get("TEST_SQLITE_PATH"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_SQLITE_PATH"]}  # noqa: F405
# WhiteNoise looks a static file up when one is asked for, instead of listing every static file each time a test
# client loads the middleware (once per test, 8 ms of CPU); the answers to every other path are the same.
WHITENOISE_AUTOREFRESH = True
