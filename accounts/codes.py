"""One-time codes: short enough to type from a paper slip, stored only as a keyed hash."""

import secrets

from django.utils.crypto import salted_hmac

# No 0/O, 1/I/L: the code is read off paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_hash(code):
    """Keyed with SECRET_KEY, so a copy of the table alone gives no code; the same code always gives the same
    hash, so a typed code is found by index (a per-row salt would mean hashing against every live code)."""
    return salted_hmac("accounts.AccessCode", normalise(code), algorithm="sha256").hexdigest()
