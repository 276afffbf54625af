"""Every app's own tests run with the suite: pytest collects only the folders named in testpaths."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_folder_with_tests_is_collected():
    testpaths = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"]
    with_tests = {p.parent.name for p in ROOT.glob("*/tests") if p.is_dir() and p.parent.name != "tests"}
    with_tests |= {p.parent.name for p in ROOT.glob("*/test_*.py") if p.parent.name != "tests"}
    assert with_tests - set(testpaths) == set()
