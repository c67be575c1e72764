"""A scriptable HTTP webhook receiver for Apprise json:// and form:// notifications.

    with WebhookReceiver() as hook:
        url = hook.url()                    # "json://127.0.0.1:PORT/hook"
        ...                                 # something notifies url
        [req] = hook.wait_for(1, timeout=5)
        req.json["title"], req.json["message"], req.json["type"]

Apprise's json:// POSTs ``{"version": "1.0", "title", "message", "attachments": [],
"type": "info"|"success"|"warning"|"failure"}`` with Content-Type application/json;
form:// POSTs the same fields form-encoded (multipart when there are attachments).

Behaviour, per path or for every path (path=None): ``respond_with(status, times=None)``
(e.g. 500 until ``respond_with(200)``, or for the next ``times`` requests only),
``hang(seconds)`` (delay the response so the client times out), ``trickle(seconds)``
(answer one byte every ``seconds``: no per-read timeout ever fires), ``go_down()`` /
``come_up()`` (close the listening socket so connections are refused, then listen again
on the same port). Every request is recorded, whatever the response; one whose body is
shorter than its Content-Length (the sender died mid-request) is answered 400.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass
class WebhookRequest:
    """One received request."""

    method: str
    path: str  # path without the query string
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: Any  # parsed JSON, a dict for forms, else the decoded text
    raw: bytes
    time: float  # time.time() at receipt
    status: int = 0  # status the receiver answered with

    @property
    def json(self) -> Any:
        """The parsed JSON body (raises if the body was not JSON)."""
        return json.loads(self.raw)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class _Rule:
    status: int | None = None
    delay: float = 0.0
    trickle: float = 0.0  # seconds between the bytes of the answer; 0: all at once
    times: int | None = None  # None: until changed


def _parse_body(content_type: str, raw: bytes) -> Any:
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "application/json" or (ctype.endswith("+json")):
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", "replace")
    if ctype == "application/x-www-form-urlencoded":
        return {k: v[0] if len(v) == 1 else v
                for k, v in urllib.parse.parse_qs(raw.decode("utf-8", "replace"),
                                                  keep_blank_values=True).items()}
    if ctype == "multipart/form-data":
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
        form: dict[str, Any] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                payload = b""
            form[name] = (payload if part.get_filename()
                          else payload.decode("utf-8", "replace"))
        return form
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


class WebhookReceiver:
    """A real HTTP server on 127.0.0.1:<ephemeral port> in a daemon thread."""

    host = "127.0.0.1"

    def __init__(self, port: int = 0) -> None:
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._requests: list[WebhookRequest] = []
        self._rules: dict[str | None, _Rule] = {}
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = port
        self._serve()

    # -- lifecycle ---------------------------------------------------------------------
    def _serve(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                receiver._handle(self)

            do_POST = do_PUT = do_PATCH = do_GET = do_DELETE = _handle

        server = ThreadingHTTPServer((self.host, self.port), Handler, bind_and_activate=False)
        server.daemon_threads = True
        server.allow_reuse_address = True
        deadline = time.monotonic() + 5
        while True:
            try:
                server.server_bind()
                server.server_activate()
                break
            except OSError:
                if time.monotonic() > deadline:
                    server.server_close()
                    raise
                time.sleep(0.05)
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                        daemon=True, name=f"webhook-{self.port}")
        self._thread.start()

    def _shutdown(self) -> None:
        server, thread = self._server, self._thread
        self._server = None
        self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def go_down(self) -> None:
        """Close the listening socket: new connections are refused."""
        self._shutdown()

    def come_up(self) -> None:
        """Listen again on the same port."""
        if self._server is None:
            self._serve()

    @property
    def is_up(self) -> bool:
        return self._server is not None

    def close(self) -> None:
        self._stopping.set()  # releases hanging handlers
        self._shutdown()

    def __enter__(self) -> WebhookReceiver:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- URLs ----------------------------------------------------------------------------
    def url(self, kind: str = "json", path: str = "/hook") -> str:
        """Apprise URL for this receiver: json://, form:// or xml://127.0.0.1:PORT/path."""
        if not path.startswith("/"):
            path = "/" + path
        return f"{kind}://{self.host}:{self.port}{path}"

    def http_url(self, path: str = "/hook") -> str:
        return f"http://{self.host}:{self.port}{path}"

    # -- behaviour -----------------------------------------------------------------------
    def respond_with(self, status: int, path: str | None = None, times: int | None = None) -> None:
        """Answer ``status`` (on ``path``, or everywhere) from now on, or for the next
        ``times`` requests only. ``respond_with(200)`` restores normal service."""
        with self._lock:
            rule = self._rules.setdefault(path, _Rule())
            rule.status, rule.times = status, times

    def hang(self, seconds: float, path: str | None = None, times: int | None = None) -> None:
        """Wait ``seconds`` before answering (0 to stop hanging). Ends early on close()."""
        with self._lock:
            rule = self._rules.setdefault(path, _Rule())
            rule.delay, rule.times = seconds, times

    def trickle(self, seconds: float, path: str | None = None, times: int | None = None) -> None:
        """Send each answer one byte every ``seconds`` (0 to stop). Ends early on close()."""
        with self._lock:
            rule = self._rules.setdefault(path, _Rule())
            rule.trickle, rule.times = seconds, times

    def reset_behaviour(self) -> None:
        with self._lock:
            self._rules.clear()

    # -- records -------------------------------------------------------------------------
    @property
    def requests(self) -> list[WebhookRequest]:
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()

    def wait_for(self, n: int = 1, timeout: float = 10.0,
                 path: str | None = None) -> list[WebhookRequest]:
        """Wait until ≥ n requests (to ``path`` if given) were received; returns them all.
        Raises TimeoutError with what arrived."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                got = [r for r in self._requests if path is None or r.path == path]
                if len(got) >= n:
                    return got
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(got)} webhook requests after {timeout}s, "
                                       f"wanted {n}: {got!r}")
                self._cond.wait(left)

    # -- internals -----------------------------------------------------------------------
    def _decide(self, path: str) -> tuple[int, float, float]:
        with self._lock:
            status, delay, trickle = 200, 0.0, 0.0
            for key in (None, path):  # the path rule wins over the global one
                rule = self._rules.get(key)
                if rule is None:
                    continue
                if rule.status is not None:
                    status = rule.status
                delay = rule.delay if rule.delay else delay
                trickle = rule.trickle if rule.trickle else trickle
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        del self._rules[key]
            return status, delay, trickle

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length else b""
        parsed = urllib.parse.urlsplit(h.path)
        headers = {k.lower(): v for k, v in h.headers.items()}
        req = WebhookRequest(
            method=h.command, path=parsed.path, query=urllib.parse.parse_qs(parsed.query),
            headers=headers, body=_parse_body(headers.get("content-type", ""), raw),
            raw=raw, time=time.time())
        # A sender killed mid-request leaves a body shorter than announced: a real service
        # rejects it and never shows it, so it is recorded as refused and uses up no rule.
        status, delay, trickle = (
            (400, 0.0, 0.0) if len(raw) < length else self._decide(parsed.path))
        req.status = status
        with self._cond:
            self._requests.append(req)
            self._cond.notify_all()
        if delay and self._stopping.wait(delay):
            return
        body = json.dumps({"status": status}).encode()
        h.close_connection = True
        if trickle:
            self._trickle(h, status, body, trickle)
            return
        with contextlib.suppress(OSError):
            h.send_response(status)
            h.send_header("Content-Type", "application/json")
            h.send_header("Content-Length", str(len(body)))
            # No keep-alive: go_down() must really make the next request fail.
            h.send_header("Connection", "close")
            h.end_headers()
            h.wfile.write(body)

    def _trickle(self, h: BaseHTTPRequestHandler, status: int, body: bytes, gap: float) -> None:
        """The whole answer, status line included, one byte at a time (bounded by close())."""
        answer = (f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n"
                  f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
        with contextlib.suppress(OSError):
            for i in range(len(answer)):
                if self._stopping.wait(gap):
                    return
                h.wfile.write(answer[i:i + 1])
                h.wfile.flush()
