"""Production settings refuse to start without their secrets, and pass Django's deploy checks."""

import base64
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
SIGNING_KEY = base64.b64encode(secrets.token_bytes(32)).decode()
REDIS = {"REDIS_URL": "redis://127.0.0.1:6379/0"}


def run_with(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "TRACE_SIGNING_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    unset |= {"REDIS_URL", "SINGLE_PROCESS"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(DJANGO_SETTINGS_MODULE="shop.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "shop.example", "TRACE_SIGNING_KEY": SIGNING_KEY, **REDIS}, "SECRET_KEY"),
        ({"SECRET_KEY": "s" * 50, "TRACE_SIGNING_KEY": SIGNING_KEY, **REDIS}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "shop.example", **REDIS}, "TRACE_SIGNING_KEY"),
    ],
)
def test_production_refuses_to_start_without_a_secret(env, missing):
    result = run_with(env, "check")
    assert result.returncode != 0
    assert f"Set {missing} in the environment" in result.stderr


def test_deploy_checks_pass_with_secrets_from_the_environment():
    result = run_with(
        {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "shop.example",
            "TRACE_SIGNING_KEY": SIGNING_KEY,
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
        "check", "--deploy", "--fail-level", "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_an_in_process_cache_unless_told_it_runs_as_one_process():
    secrets_only = {
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "shop.example", "TRACE_SIGNING_KEY": SIGNING_KEY,
    }
    refused = run_with(secrets_only, "check")
    assert refused.returncode != 0
    assert "Set REDIS_URL" in refused.stderr
    single = run_with({**secrets_only, "SINGLE_PROCESS": "true"}, "check")
    assert single.returncode == 0, single.stderr
