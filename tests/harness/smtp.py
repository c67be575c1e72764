"""An SMTP sink (aiosmtpd) that records every message, for Apprise mailto:// tests.

    with SmtpSink() as sink:
        url = sink.apprise_url()    # mailto://...:PORT?mode=insecure&... (plain SMTP)
        ...                         # something notifies url
        [msg] = sink.wait_for(1, timeout=5)
        msg.message["Subject"], msg.rcpt_tos, msg.text

No TLS anywhere. AUTH PLAIN/LOGIN is offered without TLS (``auth_require_tls=False``)
and succeeds only for the configured user/password (wrong ones get 535), since Apprise
logs in whenever its URL carries credentials. ``reject_with("451 ...")`` makes DATA fail;
``go_down()``/``come_up()`` stop/restart listening on the same port.
"""

from __future__ import annotations

import email.policy
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass
class SmtpMessage:
    """One received message."""

    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage
    auth_login: str | None  # who authenticated (None: no AUTH)
    peer: Any
    time: float

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def text(self) -> str:
        """The text/plain body (or the first text part), decoded."""
        part = self.message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return ""
        content = part.get_content()
        return content if isinstance(content, str) else content.decode("utf-8", "replace")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _QuietSession(Session):
    """aiosmtpd sets the deprecated ``login_data`` itself on every successful AUTH and
    warns about it; this session keeps the value without the DeprecationWarning."""

    @property
    def login_data(self) -> Any:
        return self._login_data

    @login_data.setter
    def login_data(self, value: Any) -> None:
        self._login_data = value


class _QuietSMTP(SMTP):
    def _create_session(self) -> Session:
        return _QuietSession(self.loop)


class _Controller(Controller):
    def factory(self) -> SMTP:
        return _QuietSMTP(self.handler, **self.SMTP_kwargs)


class _Handler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        return self.sink._on_data(session, envelope)


class SmtpSink:
    """aiosmtpd Controller on 127.0.0.1:<ephemeral port>, recording every message."""

    host = "127.0.0.1"

    def __init__(self, user: str = "notifyd", password: str = "smtp-secret", *,
                 port: int = 0) -> None:
        self.user = user
        self.password = password
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._messages: list[SmtpMessage] = []
        self.auth_attempts: list[tuple[str, bool]] = []  # (login, success)
        self._reject: str | None = None
        self._reject_times: int | None = None
        self._controller: Controller | None = None
        self.port = port
        self._start()

    # -- lifecycle ---------------------------------------------------------------------
    def _authenticator(self, server: SMTP, session: Session, envelope: Envelope,
                       mechanism: str, auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = auth_data.login.decode("utf-8", "replace")
        ok = login == self.user and auth_data.password.decode("utf-8", "replace") == self.password
        with self._lock:
            self.auth_attempts.append((login, ok))
        return AuthResult(success=ok, handled=False, auth_data=login if ok else None)

    def _start(self) -> None:
        attempts = 5 if self.port == 0 else 50
        last: Exception | None = None
        for _ in range(attempts):
            port = self.port or _free_port()
            controller = _Controller(
                _Handler(self), hostname=self.host, port=port, ready_timeout=5.0,
                authenticator=self._authenticator, auth_require_tls=False,
                auth_required=False, decode_data=False)
            try:
                controller.start()
            except Exception as e:  # port race, or the old socket not yet gone
                last = e
                time.sleep(0.1)
                continue
            self.port = port
            self._controller = controller
            return
        raise RuntimeError(f"could not start the SMTP sink: {last}")

    def go_down(self) -> None:
        """Stop listening: connections are refused."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    def come_up(self) -> None:
        """Listen again on the same port."""
        if self._controller is None:
            self._start()

    def close(self) -> None:
        self.go_down()

    def __enter__(self) -> SmtpSink:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- Apprise -------------------------------------------------------------------------
    def apprise_url(self, to: str = "seller@example.test", *,
                    from_addr: str = "notifyd@example.test", login: bool = True) -> str:
        """A mailto:// URL that makes Apprise send here over plain SMTP (no TLS).

        ``mailto://`` (not ``mailtos://``) plus ``mode=insecure`` means no STARTTLS;
        ``smtp=`` names the server; user/pass go in the query so Apprise does not build
        the From address from them. login=False: no AUTH at all."""
        params: dict[str, str] = {"smtp": self.host, "mode": "insecure",
                                  "from": from_addr, "to": to}
        if login:
            params.update(user=self.user, **{"pass": self.password})
        return (f"mailto://{self.host}:{self.port}/?"
                + urllib.parse.urlencode(params, safe="@"))

    # -- behaviour & records ---------------------------------------------------------------
    def reject_with(self, reply: str | None = "451 4.3.0 Try again later",
                    times: int | None = None) -> None:
        """Answer DATA with ``reply`` (None: accept again), optionally ``times`` times."""
        with self._lock:
            self._reject, self._reject_times = reply, times

    @property
    def messages(self) -> list[SmtpMessage]:
        with self._lock:
            return list(self._messages)

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self.auth_attempts.clear()

    def wait_for(self, n: int = 1, timeout: float = 10.0) -> list[SmtpMessage]:
        """Wait until ≥ n messages arrived; returns them all (TimeoutError otherwise)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._messages) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(self._messages)} SMTP messages after "
                                       f"{timeout}s, wanted {n}")
                self._cond.wait(left)
            return list(self._messages)

    def _on_data(self, session: Session, envelope: Envelope) -> str:
        with self._cond:
            if self._reject is not None:
                reply = self._reject
                if self._reject_times is not None:
                    self._reject_times -= 1
                    if self._reject_times <= 0:
                        self._reject, self._reject_times = None, None
                return reply
            raw = envelope.original_content or b""
            if isinstance(envelope.content, bytes) and not raw:
                raw = envelope.content
            msg = BytesParser(policy=email.policy.default).parsebytes(raw)
            assert isinstance(msg, EmailMessage)
            auth = session.auth_data if isinstance(session.auth_data, str) else None
            self._messages.append(SmtpMessage(
                mail_from=envelope.mail_from or "", rcpt_tos=list(envelope.rcpt_tos),
                raw=raw, message=msg, auth_login=auth, peer=session.peer, time=time.time()))
            self._cond.notify_all()
        return "250 Message accepted for delivery"
