"""Watching the daemon's own parts: a dead or stuck one is logged, restarted and reported to the
self-monitoring channels directly (not through the database, which may be what failed)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from notifyd.core.settings import ChannelConfig, Settings
from notifyd.deliver import notify
from notifyd.deliver.render import Message

log = logging.getLogger(__name__)

# Restarts of one part come no faster than this, doubling up to RESTART_CAP after each.
RESTART_FIRST = 1.0
RESTART_CAP = 60.0


@dataclass
class Part:
    """One supervised part: how to tell it is alive and how to start it again."""

    name: str
    alive: Callable[[], bool]
    restart: Callable[[], None] | None = None
    restarts: int = 0
    next_restart_at: float = 0.0


@dataclass
class Supervisor:
    """Checks the parts; `check()` returns True while every one of them is alive."""

    settings: Callable[[], Settings]
    parts: list[Part] = field(default_factory=list)
    # Problems currently reported: name -> the line that was sent.
    raised: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, part: Part) -> None:
        self.parts.append(part)

    def check(self, extra: dict[str, str] | None = None) -> bool:
        """Restart what died (with backoff), report what is wrong and what recovered.

        `extra` names problems found elsewhere (a database that cannot be written, a tick
        failing again and again): reported and cleared the same way, but not counted in the
        result, which is about the parts alone. Never raises.
        """
        healthy = True
        problems = dict(extra or {})
        now = time.monotonic()
        for part in self.parts:
            try:
                alive = part.alive()
            except Exception as exc:
                alive = False
                log.exception("supervisor: cannot tell whether %s is alive: %s", part.name, exc)
            if alive:
                continue
            healthy = False
            problems[f"part:{part.name}"] = f"notifyd's {part.name} stopped working"
            if part.restart is None or now < part.next_restart_at:
                continue
            part.restarts += 1
            part.next_restart_at = now + min(RESTART_CAP, RESTART_FIRST * 2**part.restarts)
            log.error("%s is not running; restarting it (restart %d)", part.name, part.restarts)
            try:
                part.restart()
            except Exception:
                log.exception("restarting %s failed; trying again later", part.name)
        self._report(problems)
        return healthy

    def _report(self, problems: dict[str, str]) -> None:
        with self._lock:
            fresh = {k: v for k, v in problems.items() if k not in self.raised}
            gone = {k: v for k, v in self.raised.items() if k not in problems}
            self.raised.update(fresh)
            for key in gone:
                del self.raised[key]
        for text in fresh.values():
            log.error("self-check: %s", text)
            self.alert("notifyd problem", text, "high")
        for text in gone.values():
            log.info("self-check: recovered: %s", text)
            self.alert("notifyd recovered", f"recovered: {text}", "low")

    def alert(self, title: str, text: str, severity: str) -> None:
        """Straight to the self-monitoring channels, each send in its own bounded thread."""
        try:
            settings = self.settings()
            channels = [
                c
                for c in settings.channel
                if not settings.monitor.channels or c.name in settings.monitor.channels
            ]
        except Exception:
            log.exception("cannot read the channels for a self-alert")
            return
        for channel in channels:
            threading.Thread(
                target=_send, args=(channel, title, text, severity), name="self-alert", daemon=True
            ).start()


def _send(channel: ChannelConfig, title: str, text: str, severity: str) -> None:
    url = channel.url.get_secret_value() if channel.url is not None else ""
    try:
        fmt = channel.format or notify.channel_format(url)
        outcome = notify.send(url, Message(title, text, severity, fmt))
    except Exception as exc:
        log.error("channel %s: self-alert not sent: %s", channel.name, exc)
        return
    if not outcome.ok:
        log.error("channel %s: self-alert not sent: %s", channel.name, outcome.error)
