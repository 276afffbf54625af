import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LOADED = """
import gc, sys
import unionportal.wsgi
print(gc.get_freeze_count(), len(gc.get_objects()), "members.views" in sys.modules)
"""


def test_the_web_process_loads_its_views_and_freezes_them_out_of_the_collectors_walk():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", LOADED], cwd=ROOT, env={**clean, "DJANGO_DEBUG": "1"}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    frozen, walked, views_loaded = result.stdout.split()
    assert views_loaded == "True"
    assert int(frozen) > 50_000 and int(walked) < 1_000
