"""`make bench`: seed a large union into PostgreSQL, serve it with gunicorn, time the main pages.

Each app plugs in at two places: its seed function in ``bench/seed.py`` (``SEEDS``)
and its pages in ``bench/pages.py`` (``PAGES``). Everything else is shared.
"""
