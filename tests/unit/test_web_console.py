"""The console in-process (Flask's test client over a real SQLite file): sign-in, the notice
list and its filters, and the forms that change a notice, down to the stored row."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from notifyd.core.models import Classification
from notifyd.core.settings import Settings, load_settings
from notifyd.core.vocab import NoticeStatus
from notifyd.deliver.remind import next_reminder
from notifyd.store.db import EmailRecord, Store
from notifyd.web import auth
from notifyd.web.app import create_app

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
DEADLINE = NOW + timedelta(days=2)


def _store_notice(store: Store, number: int, marketplace: str, mailbox: str = "shop") -> int:
    email = EmailRecord(mailbox, "INBOX", f"{mailbox}/INBOX/1/{number}", f"<n{number}@x>", 1,
                        number, f"<n{number}@x>", NOW - timedelta(hours=number),
                        "seller-performance@amazon.com", f"Order defect rate {number}")
    result = Classification(is_notice=True, category="account_health",
                            issue_type="order_defect_rate", deadline_at=DEADLINE,
                            severity="high", marketplace=marketplace)
    with store.transaction() as conn:
        email_id = store.record_email(conn, email, "notice", None, NOW)
        assert email_id is not None
        notice_id = store.insert_notice(conn, email_id, email, "notice", result, "", NOW)
        store.schedule(conn, notice_id, DEADLINE - timedelta(hours=24), None)
    return notice_id


@pytest.fixture
def console(tmp_path: Path) -> Iterator[tuple[FlaskClient, Settings]]:
    config = tmp_path / "notifyd.toml"
    config.write_text(f'database = "{tmp_path / "n.db"}"\n[web]\n', encoding="utf-8")
    settings = load_settings(config)
    with Store(settings.database) as store:
        _store_notice(store, 1, "amazon.de")
        _store_notice(store, 2, "amazon.fr")
        store.set_web_user("alice", auth.hash_password("correct horse battery"), NOW)
    app = create_app(lambda: settings, clock=lambda: NOW)
    yield app.test_client(), settings


def _csrf(body: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', body)
    assert found, "the page has a form with its token"
    return found.group(1)


def _sign_in(client: FlaskClient) -> None:
    token = _csrf(client.get("/signin").get_data(as_text=True))
    reply = client.post("/signin", data={"csrf": token, "username": "alice",
                                         "password": "correct horse battery", "next": "/"})
    assert (reply.status_code, reply.headers["Location"]) == (303, "/")


def test_the_list_needs_a_session_and_filters_by_marketplace(
    console: tuple[FlaskClient, Settings],
) -> None:
    client, _ = console
    assert client.get("/").status_code == 303
    _sign_in(client)
    everything = client.get("/").get_data(as_text=True)
    assert 'href="/notice/1"' in everything and 'href="/notice/2"' in everything
    french = client.get("/?status=open&marketplace=amazon.fr").get_data(as_text=True)
    assert 'href="/notice/2"' in french and 'href="/notice/1"' not in french
    assert "Order Defect Rate above target on amazon.fr" in french


def test_resolve_then_reopen_from_the_console_brings_the_reminders_back(
    console: tuple[FlaskClient, Settings],
) -> None:
    client, settings = console
    _sign_in(client)
    token = _csrf(client.get("/notice/1").get_data(as_text=True))
    assert client.post("/notice/1/resolve", data={"text": "fixed the carrier"}).status_code == 403
    done = client.post("/notice/1/resolve", data={"csrf": token, "text": "fixed the carrier"})
    assert done.status_code == 303
    with Store(settings.database) as store:
        resolved = store.notice(1)
    assert (resolved.status, resolved.next_reminder_at) == (NoticeStatus.RESOLVED, None)
    assert client.post("/notice/1/reopen", data={"csrf": token}).status_code == 303
    with Store(settings.database) as store:
        reopened = store.notice(1)
        events = [(e.kind, e.actor, e.text) for e in store.events(1)]
    cfg = settings.reminders
    assert reopened.status is NoticeStatus.OPEN
    assert reopened.next_reminder_at == next_reminder(DEADLINE, cfg.before, cfg.overdue_every, NOW)
    assert events == [("received", None, "from seller-performance@amazon.com"),
                      ("resolved", "alice", "fixed the carrier"), ("reopened", "alice", None)]
    page = client.get("/notice/1?done=reopened").get_data(as_text=True)
    assert "Done: reopened." in page and "Reopened" in page
