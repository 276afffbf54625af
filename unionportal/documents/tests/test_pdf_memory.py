"""A worker renders document after document: its memory must not grow with each (it grew about
16 MB per PDF until a full garbage collection, 1.6 GB after 80)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def test_a_long_run_of_pdfs_stays_flat_in_memory():
    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("no database involved: it runs once, in the SQLite stage")
    result = subprocess.run(
        [sys.executable, "-m", "unionportal.documents.tests.pdf_memory", "100"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    samples = json.loads(result.stdout.splitlines()[-1])
    settled = max(samples[:10])  # fonts loaded, caches filled, a thread's memory arena made
    assert max(samples[10:]) - settled < 60, samples  # grew by hundreds of MB before
