"""The HTTP plumbing the wallet stand-ins share: a threaded server on a free localhost port that hands
each request (method, path, query, parsed body) to the stand-in and writes back what it returns."""

import json
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Reply:
    def __init__(self, status: int = 200, *, body: dict | str = "", headers: dict | None = None):
        self.status, self.body, self.headers = status, body, headers or {}


class StandInServer:
    """Subclasses answer ``handle(method, path, query, body) -> Reply``; ``log`` keeps every request.

    ``deliver(url, body) -> status`` sends the wallet's notifications to the shop: over HTTP by
    default (a live server), or through Django's test client (``deliver_through``) in tests that
    keep the database in one transaction.
    """

    def __init__(self):
        stand_in = self
        self.log: list[tuple[str, str, dict]] = []
        self.deliver = lambda url, body: post_json(url, body)[0]

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method):
                parsed = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parsed.query))
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = dict(urllib.parse.parse_qsl(raw))
                stand_in.log.append((method, parsed.path, body))
                reply = stand_in.handle(method, parsed.path, query, body)
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                self.send_response(reply.status)
                content_type = "application/json" if isinstance(reply.body, dict) else "text/html; charset=utf-8"
                self.send_header("Content-Type", content_type)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload.encode())))
                self.end_headers()
                self.wfile.write(payload.encode())

            def do_GET(self):  # noqa: N802 (http.server's name)
                self._serve("GET")

            def do_POST(self):  # noqa: N802
                self._serve("POST")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handle(self, method: str, path: str, query: dict, body: dict) -> Reply:
        raise NotImplementedError

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def post_json(url: str, body: dict) -> tuple[int, str]:
    """POST JSON like a wallet's server does; returns the HTTP status and the answer's text."""
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def deliver_through(client):
    """A ``deliver`` that posts to the shop with Django's test client (same thread, same transaction)."""

    def deliver(url: str, body: dict) -> int:
        path = urllib.parse.urlsplit(url).path
        return client.post(path, data=json.dumps(body), content_type="application/json").status_code

    return deliver


def serving_the_test_client(stand_in: StandInServer, *, settings, client, configure):
    """Run ``stand_in`` for one test: ``configure(settings, stand_in)`` points the shop at it, and its
    notifications reach the shop through the test client (links are built on ``http://testserver``)."""
    configure(settings, stand_in)
    settings.SITE_URL = "http://testserver"
    stand_in.deliver = deliver_through(client)
    try:
        yield stand_in
    finally:
        stand_in.stop()
