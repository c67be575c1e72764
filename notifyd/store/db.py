"""The Store: one object over the database, assembled from the store's table modules."""

from __future__ import annotations

from datetime import datetime

from notifyd.core.clock import from_db
from notifyd.core.errors import StoreError
from notifyd.store.connection import migrations
from notifyd.store.digests import Digests
from notifyd.store.followups import Followups
from notifyd.store.mail import EmailRecord, MailLedger
from notifyd.store.notices import STATUSES
from notifyd.store.outbox import Outbox
from notifyd.store.rows import Alert, Delivery, Event, Notice
from notifyd.store.state import SystemState
from notifyd.store.web import WebConsole

__all__ = [
    "STATUSES",
    "Alert",
    "Delivery",
    "EmailRecord",
    "Event",
    "Notice",
    "Store",
    "StoreError",
    "migrations",
]


class Store(MailLedger, Followups, Outbox, Digests, SystemState, WebConsole):
    """The notifyd database; the only place in notifyd that writes SQL."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def timestamp(self, value: str | None) -> datetime | None:
        return from_db(value)
