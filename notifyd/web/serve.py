"""Serve the console with waitress from a thread of its own, beside the daemon or alone."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from waitress import create_server

from notifyd.core.errors import NotifydError
from notifyd.core.settings import Settings
from notifyd.core.webconfig import WebConfig
from notifyd.deliver.links import load_secret
from notifyd.web.app import create_app

log = logging.getLogger(__name__)

# Worker threads for requests; slow clients are buffered by waitress's I/O loop, not by these.
THREADS = 4


class WebServer:
    """One waitress server in a daemon thread: close() stops it; the process never waits on it."""

    def __init__(self, settings: Callable[[], Settings]) -> None:
        current = settings()
        web = current.web or WebConfig()
        host, port = web.host_port
        load_secret(current)  # made now, or refused now: not at the first link opened
        app = create_app(settings)
        try:
            self.server: Any = create_server(
                app,
                host=host,
                port=port,
                threads=THREADS,
                ident="notifyd",
                # A reverse proxy on this machine tells the client's address and the scheme.
                trusted_proxy="127.0.0.1",
                trusted_proxy_headers={"x-forwarded-for", "x-forwarded-proto"},
                clear_untrusted_proxy_headers=True,
                channel_timeout=60,
                connection_limit=100,
            )
        except OSError as exc:
            raise NotifydError(f"web: cannot listen on {web.listen}: {exc.strerror}") from None
        self.url = f"http://{web.listen}"
        self.thread = threading.Thread(target=self._run, name="web", daemon=True)

    def _run(self) -> None:
        try:
            self.server.run()
        except Exception:
            log.exception("the web console stopped")

    def start(self) -> WebServer:
        self.thread.start()
        log.info("web console listening on %s", self.url)
        return self

    def close(self, timeout: float = 2.0) -> None:
        with contextlib.suppress(Exception):
            self.server.close()
        with contextlib.suppress(Exception):
            self.server.task_dispatcher.shutdown(timeout=timeout)
        self.thread.join(timeout)


def start_console(settings: Callable[[], Settings]) -> WebServer | None:
    """The console for a daemon with [web]; None without it, or when it cannot start (logged:
    the alerts matter more than the console)."""
    if settings().web is None:
        return None
    try:
        return WebServer(settings).start()
    except NotifydError as exc:
        log.error("%s; the daemon runs without its console", exc)
        return None
