"""The password hasher: Argon2id at OWASP's minimum cost instead of Django's PBKDF2.

On congress day some 200 delegates log in within a minute on a 2-core server.
PBKDF2 at Django's 1,500,000 iterations costs about 0.34 s of CPU per login, so
the queue of logins grows to tens of seconds. Argon2id with 19 MiB, two passes
and one lane (OWASP Password Storage Cheat Sheet, 2025) costs a few tens of
milliseconds and resists GPU cracking through its memory cost instead of time.
Passwords stored with another hasher are rehashed at the next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class UnionArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
