"""Running actions at the same moment in threads, for the row-lock tests (PostgreSQL)."""

import threading

from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection


def race(actions):
    """Start every action at once, each in its own thread and database connection; return the refusals."""
    start = threading.Barrier(len(actions))
    refused = []

    def run(action):
        try:
            start.wait()
            action()
        except ValidationError as error:
            refused.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refused
