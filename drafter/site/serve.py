"""``drafter site --serve``: the output folder over HTTP on this machine only,
for a look at the site as a web server would show it."""

from __future__ import annotations

import contextlib
import functools
import http.server
from collections.abc import Callable
from pathlib import Path

#: Only this machine: the site is for a look before publishing, not a server.
HOST = "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def site_server(output: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server of ``output`` (the site and the drafts it links to) on
    127.0.0.1:``port`` (0: any free port); the caller runs and closes it."""
    handler = functools.partial(_QuietHandler, directory=str(output))
    return http.server.ThreadingHTTPServer((HOST, port), handler)


def serve(output: Path, port: int, *, started: Callable[[str], None]) -> None:
    """Serve until interrupted; ``started`` gets the site's address."""
    from drafter.site.paths import SITE_DIR

    with site_server(output, port) as server:
        started(f"http://{HOST}:{server.server_address[1]}/{SITE_DIR}/")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
