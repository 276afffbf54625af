import importlib.util
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("healthcheck", ROOT / "scripts" / "healthcheck.py")
healthcheck = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(healthcheck)


def run_check(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "unionportal.settings", **env},
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_check(DJANGO_SECRET_KEY=secrets.token_urlsafe(50), DJANGO_ALLOWED_HOSTS="union.example.org")
    assert result.returncode == 0, result.stderr


def test_deploy_check_refuses_the_development_secret_key():
    result = run_check(DJANGO_ALLOWED_HOSTS="union.example.org")
    assert result.returncode != 0
    assert "security.W009" in result.stderr


# The compose stack as docker compose would read it (no Docker engine here), with the variables
# a .env beside it would give.
COMPOSE_ENV = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "union.example.org,.union.example.org"}
APP_SERVICES = ["migrate", "web", "worker", "beat"]


def compose(env=COMPOSE_ENV):
    def substitute(match):
        name, default = match.group(1), match.group(3)
        return env.get(name) or default or ""

    text = re.sub(r"\$\{(\w+)(:[-?]([^}]*))?\}", substitute, (ROOT / "docker-compose.yml").read_text())
    return yaml.safe_load(text)["services"]


def test_compose_health_check_sends_a_host_that_allowed_hosts_accepts(client, settings, db):
    settings.ALLOWED_HOSTS = COMPOSE_ENV["DJANGO_ALLOWED_HOSTS"].split(",")
    assert compose()["web"]["healthcheck"]["test"] == ["CMD", "python", "scripts/healthcheck.py"]
    assert client.get("/healthz", HTTP_HOST="127.0.0.1:8000").status_code == 400  # what it sent before
    assert client.get("/healthz", HTTP_HOST=healthcheck.host(COMPOSE_ENV["DJANGO_ALLOWED_HOSTS"])).status_code == 200
    assert healthcheck.host(".union.example.org") == "union.example.org"
    assert healthcheck.host("*") == healthcheck.host("") == "localhost"


def test_worker_beat_and_web_start_after_the_migrations():
    services = compose()
    assert "migrate --noinput" in " ".join(services["migrate"]["command"])
    assert "migrate" not in services["migrate"]["depends_on"]
    for name in ["web", "worker", "beat"]:
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_every_app_container_reads_the_env_file():
    """The email settings, and every other variable of the README's table, reach the containers."""
    for name in APP_SERVICES:
        assert compose()[name]["env_file"] == ".env"


def test_the_portal_listens_on_localhost_unless_told_otherwise():
    assert compose()["web"]["ports"] == ["127.0.0.1:8000:8000"]
    assert compose({**COMPOSE_ENV, "PORTAL_BIND": "0.0.0.0:80"})["web"]["ports"] == ["0.0.0.0:80:8000"]


def test_the_worker_recycles_its_children(settings):
    assert settings.CELERY_WORKER_MAX_TASKS_PER_CHILD and settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD


def test_readme_lists_every_variable_the_settings_read():
    source = (ROOT / "unionportal" / "settings.py").read_text()
    variables = set(re.findall(r"""(?:os\.environ\.get|env_bool|env_list)\(\s*["'](\w+)["']""", source))
    assert {"DJANGO_SECRET_KEY", "REDIS_URL", "DJANGO_EMAIL_PASSWORD"} <= variables
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Configuration") : readme.index("## Deploy")]
    assert sorted(name for name in variables if f"`{name}`" not in table) == []


def test_make_clean_keeps_the_data_unless_told_yes(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    for folder in [".venv", "var/media", "var/backups", "var/static"]:
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "db.sqlite3").touch()

    def clean(answer):
        subprocess.run(["make", "--quiet", "clean"], cwd=tmp_path, input=answer, text=True, capture_output=True)
        return sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.name != "Makefile")

    assert clean("") == ["db.sqlite3", "var", "var/backups", "var/media"]
    assert clean("yes\n") == ["var"]
