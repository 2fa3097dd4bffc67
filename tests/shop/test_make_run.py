"""`make run PORT=…` gives the shop that address, so printed and generated links use that port."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _make_site_url(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(
        ["make", "-s", "--eval", "show-site-url:\n\t@echo $$SITE_URL", "show-site-url", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )
    return result.stdout.strip()


def test_the_port_given_to_make_becomes_the_site_url():
    assert _make_site_url("PORT=8101") == "http://127.0.0.1:8101"
    assert _make_site_url() == "http://127.0.0.1:8000"
    assert _make_site_url("PORT=8101", "SITE_URL=https://shop.example") == "https://shop.example"


def test_trace_links_follow_the_site_url():
    env = {**os.environ, "SITE_URL": "http://127.0.0.1:8101", "DJANGO_SETTINGS_MODULE": "shop.settings.dev"}
    env.pop("TRACE_BASE_URL", None)
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from django.conf import settings; print(settings.TRACE_BASE_URL, settings.WAGTAILADMIN_BASE_URL)"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert out == ["http://127.0.0.1:8101", "http://127.0.0.1:8101"]
