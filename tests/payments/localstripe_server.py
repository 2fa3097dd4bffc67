"""Run localstripe (a stateful Stripe-compatible server) on a free localhost port for a test session."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalStripe:
    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        executable = shutil.which("localstripe") or str(Path(sys.executable).parent / "localstripe")
        self.process = subprocess.Popen(
            [executable, "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/js.stripe.com/v3/", timeout=1).read()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("localstripe did not start")

    def register_webhook(self, *, url: str, secret: str) -> None:
        """Ask localstripe to deliver its events, signed with ``secret``, to ``url``."""
        data = f"url={url}&secret={secret}".encode()
        urllib.request.urlopen(
            urllib.request.Request(f"{self.url}/_config/webhooks/ocop", data=data), timeout=5
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def localstripe_server():
    server = LocalStripe()
    yield server
    server.stop()


@pytest.fixture
def localstripe(localstripe_server, settings):
    """Stripe calls (server and Stripe.js address) go to the session's localstripe."""
    settings.STRIPE_API_BASE = localstripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_ocop_localstripe"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop_localstripe"
    settings.STRIPE_JS_URL = f"{localstripe_server.url}/js.stripe.com/v3/"
    return localstripe_server
