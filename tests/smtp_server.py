"""A small SMTP server on localhost for the tests: it refuses every message, or accepts and keeps them.

It speaks enough of RFC 5321 for Django's SMTP backend (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT), so a test exercises the real SMTP client against a server that says no.
"""

import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy

import pytest


@dataclass
class SmtpState:
    refusing: bool = True
    received: list = field(default_factory=list)
    refusals: int = 0


class _Session(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self) -> None:
        state: SmtpState = self.server.state
        self.reply("220 localhost test SMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 localhost")
            elif verb == "MAIL":
                if state.refusing:
                    state.refusals += 1
                    self.reply("554 5.7.1 Service unavailable; mail refused")
                else:
                    self.reply("250 OK")
            elif verb in ("RCPT", "RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk
                state.received.append(message_from_bytes(data, policy=policy.default))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def smtp_server(settings):
    """An SMTP server the shop sends through; ``.refusing`` (True at first) says whether it refuses."""
    server = _Server(("127.0.0.1", 0), _Session)
    server.state = SmtpState()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server.state
    server.shutdown()
    server.server_close()
