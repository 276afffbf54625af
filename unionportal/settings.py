"""Settings for the union portal, read from environment variables.

Every variable has a default that is safe for a laptop: SQLite, no Redis
(Celery tasks run in-process), DEBUG off. Production sets DATABASE_URL,
REDIS_URL, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and leaves DJANGO_DEBUG off.
"""

import os
from fractions import Fraction
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
# The fallback key is refused by `check --deploy` (security.W009), which the
# production entrypoint runs with --fail-level WARNING before it starts.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-local-development-only"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "unionportal.apps.UnionAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "unionportal",
    "unionportal.documents",
    "members",
    "congress",
    "disclosure",
    "welfare",
    "activities",
    "accounts",
    "funds",
    "contracts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "unionportal.privacy.ConfidentialResponseMiddleware",
    "unionportal.vocabulary.UnionKindMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "unionportal.query_params.QueryParamsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "unionportal.login.IdleSessionMiddleware",
]

ROOT_URLCONF = "unionportal.urls"
WSGI_APPLICATION = "unionportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "unionportal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks: take the write lock when a transaction starts, so
    # racing writers (the last place of an event) wait their turn instead of failing.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

# Django's four checks, each refusing in plain Chinese that names what is wrong (accounts.passwords)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator"},
    {"NAME": "accounts.passwords.CommonPasswordValidator"},
    {"NAME": "accounts.passwords.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "unionportal.permission_backend.RulesOnlyBackend",
    # only for the sessions opened before RulesOnlyBackend checked passwords: removable once they expired
    "django.contrib.auth.backends.ModelBackend",
]

# Scripts only from our own static files: no inline script, no eval. Inline
# style attributes stay allowed (Bootstrap progress bars and htmx indicators).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Django's database sessions, read through SQL built once per process (sessions.py)
SESSION_ENGINE = "unionportal.sessions"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_FAILURE_VIEW = "unionportal.views.csrf_failure"

# Argon2id at OWASP's minimum cost (see unionportal/hashers.py); older hashes still verify and are
# rehashed at the next login.
PASSWORD_HASHERS = [
    "unionportal.hashers.UnionArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Pages under these paths hold private data (hardship, money, ID numbers, documents): never cached.
# Every download is treated the same wherever it lives (unionportal.privacy).
CONFIDENTIAL_PATHS = ("/welfare/", "/funds/", "/members/", "/documents/")

# Failed-login throttling (django-axes): five wrong passwords for one
# username from one address lock that pair for fifteen minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The address a failure counts against is the person's, read from X-Forwarded-For behind this many
# proxies of our own (0: no proxy, the connecting address). See README, Deploy.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "unionportal.login.client_ip"
# One address guessing across many accounts (password spraying) is held for the same cool-off.
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("DJANGO_LOGIN_FAILURES_PER_ADDRESS", "20"))
# A session left idle this long ends (a shared computer in the staff room).
SESSION_IDLE_TIMEOUT = int(os.environ.get("DJANGO_SESSION_IDLE_SECONDS", str(2 * 60 * 60)))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}  # Bootstrap calls the error colour "danger".

# Celery: with no REDIS_URL the tasks run in the calling process, so the
# portal works on a laptop with nothing else installed.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker's child process is replaced after a task that left it holding more than this many KiB, so a long
# run of documents cannot pile up memory, or after this many tasks. The memory limit is the guard (a process
# rendering notices stays at 169 MB over 400 PDFs); each replacement costs a fork, billiard's hand-over of the
# old process (a tenth of a second and more without a task), and a first document at twice the CPU, so it comes rarely.
CELERY_WORKER_MAX_TASKS_PER_CHILD = 1000
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 400_000
# Celery's Django fixup closes the database connection before and after every task unless told to reuse it for
# this many tasks: a new PostgreSQL backend per document (6-7 ms of the server's CPU, 1-2 ms of the worker's, on
# cores the workers share). With the tasks a process runs at most, the connection lives as CONN_MAX_AGE and the
# health checks say, closed or kept around each task as around a request (unionportal/celery.py).
CELERY_DB_REUSE_MAX = CELERY_WORKER_MAX_TASKS_PER_CHILD
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message whose worker died unacknowledged goes back to the queue after this
# many seconds; it must exceed the longest task (the annual report).
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BEAT_SCHEDULE = {
    "sweep-documents": {
        "task": "unionportal.documents.tasks.sweep_jobs",
        "schedule": float(os.environ.get("DOCUMENT_SWEEP_SECONDS", "60")),
    },
    "disclosure-period-over": {
        "task": "disclosure.tasks.tell_period_over",
        "schedule": crontab(hour=8, minute=0),  # each morning, in CELERY_TIMEZONE
    },
    # 集体合同: filed contracts whose 15-day review has passed go into force, early each morning.
    "contracts-into-force": {
        "task": "contracts.tasks.bring_into_force",
        "schedule": crontab(hour=0, minute=30),
    },
}
# Nothing reads task results; a result backend that is down must not hold up a
# request that queues a task (it retries for 20 s, then raises RuntimeError).
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 3,
    # A Redis that hangs without closing the connection must not hang a publish for ever.
    "socket_timeout": 10,
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}

# Document jobs: the request waits this long for the broker to take a job, then
# answers that the job waits. A running job writes a heartbeat this often; one
# silent for four beats lost its worker, and the sweep runs it again.
DOCUMENT_DISPATCH_WAIT = 1.0
DOCUMENT_HEARTBEAT_SECONDS = float(os.environ.get("DOCUMENT_HEARTBEAT_SECONDS", "15"))
# Without Redis, `make run` renders documents in a thread of the web process, so the
# job page shows its progress at once (the test settings keep them synchronous).
DOCUMENTS_IN_THREAD = DEBUG and not REDIS_URL

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

# Notices go inside the portal first; email is a copy, through the SMTP
# server named here (a local relay by default), or the console while developing.
# A copy that cannot be sent must not undo the notice: the mailer fails silently.
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {"fail_silently": True}}
    if DEBUG
    else {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("DJANGO_EMAIL_PORT", "25")),
            "username": os.environ.get("DJANGO_EMAIL_USER", ""),
            "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
            "use_ssl": env_bool("DJANGO_EMAIL_USE_SSL"),
            "fail_silently": True,
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "union-portal@localhost")

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

PORTAL_NAME = _("基层工会门户")

# accounts: members reset a forgotten password by email only where an SMTP server is named; elsewhere the
# chair or staff hand them a one-time link.
EMAIL_SELF_SERVICE = bool(os.environ.get("DJANGO_EMAIL_HOST"))
# Union elections (congress/elections.py), per 《工会基层组织选举工作条例》: an election is valid when MORE than
# this share of those entitled to vote took part (2/3); a candidate is elected with MORE than this share (1/2)
# of the base: "entitled" (应到会有选举权人数, the 条例's rule) or "voted" (实到, some unions' own rules).
ELECTION_TURNOUT_OVER = Fraction(os.environ.get("UNION_ELECTION_TURNOUT_OVER", "2/3"))
ELECTION_MAJORITY_OVER = Fraction(os.environ.get("UNION_ELECTION_MAJORITY_OVER", "1/2"))
ELECTION_MAJORITY_BASE = os.environ.get("UNION_ELECTION_MAJORITY_BASE", "entitled")
# 差额选举 (an election marked competitive): candidates must exceed the seats by at least this share of the
# seats (差额比例不低于5%, the 条例's common rule; some unions' own 选举办法 say 10%), and by at least
# this many candidates whatever the share (one more candidate than seats).
ELECTION_MARGIN_SHARE = Fraction(os.environ.get("UNION_ELECTION_MARGIN_SHARE", "5/100"))
ELECTION_MARGIN_MIN = int(os.environ.get("UNION_ELECTION_MARGIN_MIN", "1"))
