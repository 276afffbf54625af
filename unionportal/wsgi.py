"""The WSGI application that gunicorn (scripts/start-web) and runserver serve."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionportal.settings")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, and every view through the URLconf) lives as long as the process. Frozen,
# the collector no longer walks it: a full collection of a warm web process took 65–73 ms over its 166,000
# objects on the bench's machine, a request's time many times over, and then only what requests leave behind.
get_resolver().url_patterns  # noqa: B018 -- imports the views
gc.collect()
gc.freeze()
