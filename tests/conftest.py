"""Shared fixtures: one real Dovecot per session, a webhook receiver, an SMTP sink, config files."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from harness import Dovecot, SmtpSink, WebhookReceiver, dovecot_problem

ROOT = Path(__file__).resolve().parent.parent
_users = itertools.count(1)


def unavailable(problem: str) -> NoReturn:
    """A tool a test needs is missing: CI must fail on it, never skip; elsewhere it skips."""
    # Read at call time, so a test can check both outcomes with monkeypatch.setenv.
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"required in CI: {problem}", pytrace=False)
    pytest.skip(problem)


def require_dovecot() -> None:
    """Return when a usable Dovecot is installed; otherwise fail in CI, skip elsewhere."""
    problem = dovecot_problem()
    if problem:
        unavailable(problem)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    require_dovecot()
    with Dovecot() as server:
        yield server


class ImapAccount:
    """A fresh Dovecot user per test, so tests never see each other's mail."""

    def __init__(self, server: Dovecot, user: str, password: str) -> None:
        self.server = server
        self.user = user
        self.password = password

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        self.server.deliver(raw, folder=folder, user=self.user)

    def status(self, folder: str = "INBOX") -> dict[str, int]:
        return self.server.status(folder, user=self.user)

    def unseen(self, folder: str = "INBOX") -> list[int]:
        return self.server.unseen_uids(folder, user=self.user)

    def mailbox_toml(self, name: str = "main", security: str = "tls", **extra: Any) -> str:
        port = self.server.tls_port if security == "tls" else self.server.port
        lines = [
            "[[mailbox]]",
            f'name = "{name}"',
            f'host = "{self.server.host}"',
            f"port = {port}",
            f'security = "{security}"',
            f'username = "{self.user}"',
            f'password = "{self.password}"',
            f'ca_file = "{self.server.ca_file}"',
            'since = "3650d"',
            'timeout = "10s"',
        ]
        for key, value in extra.items():
            lines.append(f"{key} = {_toml(value)}")
        return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def imap(dovecot: Dovecot) -> ImapAccount:
    user = f"seller{next(_users)}-{os.getpid()}@example.test"
    dovecot.add_user(user, "secret")
    return ImapAccount(dovecot, user, "secret")


@pytest.fixture
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    try:
        yield receiver
    finally:
        receiver.close()


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    try:
        yield sink
    finally:
        sink.close()


def channel_toml(name: str, url: str, min_severity: str = "low", **extra: Any) -> str:
    lines = ["[[channel]]", f'name = "{name}"', f"url = {_toml(url)}",
             f'min_severity = "{min_severity}"']
    lines += [f"{k} = {_toml(v)}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[..., Path]:
    """write_config(*sections, **top) -> path of a config whose database lives in tmp_path."""

    def write(*sections: str, **top: Any) -> Path:
        top.setdefault("database", str(tmp_path / "notifyd.db"))
        head = "".join(f"{k} = {_toml(v)}\n" for k, v in top.items())
        path = tmp_path / "notifyd.toml"
        path.write_text(head + "\n".join(sections), encoding="utf-8")
        return path

    return write


def notifyd(*args: str, env: dict[str, str] | None = None, timeout: float = 120,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "notifyd", *args], capture_output=True, text=True,
        timeout=timeout, env=full_env, cwd=cwd or ROOT, check=False,
    )
