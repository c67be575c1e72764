"""Many mailboxes on one daemon: a cold start watches every one, within bounded threads and
descriptors, under a soft open-file limit of 1,024, and mail to any of them is alerted."""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import require_dovecot
from harness import WebhookReceiver
from harness.fleet import Fleet
from mailfactory import deactivation, odr_warning

# 1,000 as in the issue; NOTIFYD_SCALE_MAILBOXES=200 for a quicker run on a busy machine.
MAILBOXES = int(os.environ.get("NOTIFYD_SCALE_MAILBOXES", "1000"))
NOW = datetime.now(UTC) - timedelta(minutes=5)


def until(check: Callable[[], object], timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-4000:]
            raise AssertionError(f"waited {timeout:.0f}s for {what}\n{tail}")
        time.sleep(0.2)


def test_a_cold_start_watches_every_mailbox_within_bounded_threads_and_descriptors(
    tmp_path: Path, webhook: WebhookReceiver,
) -> None:
    require_dovecot()
    if shutil.which("prlimit") is None:
        pytest.skip("needs prlimit(1) for a real soft descriptor limit")
    log = tmp_path / "daemon.log"
    with Fleet(MAILBOXES) as fleet:
        config = fleet.write_config(tmp_path, webhook.url("json"))
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        proc = fleet.start_daemon(config, log, nofile=f"1024:{hard}")
        try:
            text = lambda: log.read_text(errors="replace")  # noqa: E731
            # Bounded, generous: a cold start of 1,000 logins on a shared 2-core machine.
            until(lambda: text().count("watching with IDLE") >= MAILBOXES or proc.poll() is not None,
                  600,
                  f"{MAILBOXES} mailboxes in IDLE", log)
            assert proc.poll() is None
            figures = fleet.process(proc.pid)
            assert figures["threads"] <= 64, figures
            # One descriptor per connection, plus a few: the soft limit of 1,024 was raised.
            assert MAILBOXES <= figures["fds"] <= MAILBOXES + 100, figures
            db = sqlite3.connect(tmp_path / "notifyd.db")
            polled = db.execute(
                "SELECT count(*) FROM mailbox_health WHERE last_success_at IS NOT NULL "
                "AND consecutive_failures = 0").fetchone()[0]
            db.close()
            assert polled == MAILBOXES
            # Mail into any of them is alerted.
            chosen = random.Random(13).sample(range(MAILBOXES), 3)
            for index in chosen:
                fleet.deliver(index, odr_warning(NOW) if index % 2 else deactivation(NOW))
            until(lambda: len(webhook.requests) >= 3, 60, "three alerts", log)
            tags = sorted(str(r.body) for r in webhook.requests)
            assert len(tags) == 3
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=15) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
    logged = log.read_text(errors="replace")
    assert "database is locked" not in logged
    assert "Traceback" not in logged
    assert "maximum number of running instances" not in logged
