"""A tiny HTTP client for the bench: one logged-in session (session cookie made with Django's
SessionStore, or a real login through the login form, plus a CSRF cookie and header so POSTs pass),
timed GETs and form POSTs."""

import http.client
import http.cookies
import secrets
import time
import urllib.parse

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse

from unionportal import permission_backend
from unionportal.login import LAST_SEEN


def session_key_for(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = permission_backend.PATH
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LAST_SEEN] = int(time.time())  # as a login stamps it, so the first request does not rewrite the session
    session.create()
    return session.session_key


class Session:
    def __init__(self, port, user=None, timeout=120):
        self.port = port
        self.timeout = timeout
        self.csrf = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
        self.cookies = {settings.CSRF_COOKIE_NAME: self.csrf}
        if user is not None:
            self.cookies[settings.SESSION_COOKIE_NAME] = session_key_for(user)
        self.connection = None

    def keep_cookies(self, response):
        """Take the cookies the server set (a login's new session and rotated CSRF secret)."""
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        self.csrf = self.cookies[settings.CSRF_COOKIE_NAME]

    def log_in(self, username, password):
        """POST the login form as a browser would; (status, seconds), 302 when the password was taken."""
        status, elapsed, _, _ = self.post(reverse(settings.LOGIN_URL), {"username": username, "password": password})
        return status, elapsed

    def request(self, method, url, body=None):
        """(status, seconds, headers, body) of one request; reconnects when the server closed."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Cookie": cookie, "Host": f"127.0.0.1:{self.port}"}
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": self.csrf})
        path = urllib.parse.quote(url, safe="/?=&%")
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = self._new_connection()
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()  # a kept-alive connection the server had closed: retry once on a new one
                if attempt == 2:
                    raise
                continue
            except OSError:
                self.close()
                raise
            elapsed = time.perf_counter() - started
            self.keep_cookies(response)
            if response.will_close:
                self.close()
            return response.status, elapsed, response, content

    def connect(self):
        """Open the connection now, as a browser that has the page open holds one, so that a timed request
        does not also time the TCP handshake."""
        if self.connection is None:
            self.connection = self._new_connection()
            self.connection.connect()

    def _new_connection(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)

    def get(self, url):
        return self.request("GET", url)

    def post(self, url, data=None):
        return self.request("POST", url, body=data or {})

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None
