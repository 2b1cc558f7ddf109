"""Another website, on loopback: serves the pictures a journalist pastes.

``picture_host`` (registered for the whole suite in tests/conftest.py)
starts one per call, on 127.0.0.1 or another loopback address, answering
``routes`` (path -> (status, headers, body)) and remembering every path asked.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class PictureHost(ThreadingHTTPServer):
    """Answers what ``routes`` says for each path and remembers every path asked."""

    daemon_threads = True

    def __init__(self, address, routes):
        self.routes, self.asked = routes, []
        super().__init__((address, 0), _Handler)

    def url(self, path):
        return f"http://{self.server_address[0]}:{self.server_address[1]}{path}"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.asked.append(self.path)
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def picture_host():
    hosts = []

    def start(address="127.0.0.1", routes=None):
        host = PictureHost(address, routes or {})
        threading.Thread(target=host.serve_forever, daemon=True).start()
        hosts.append(host)
        return host

    yield start
    for host in hosts:
        host.shutdown()
        host.server_close()
