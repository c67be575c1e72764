"""One pass over a mailbox: find mail not yet in the ledger, read it, store it, queue its alerts."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from notifyd.core.errors import AuthError, MailboxError, ParseError
from notifyd.core.models import Classification
from notifyd.core.settings import MailboxConfig, Settings
from notifyd.core.vocab import AlertPurpose
from notifyd.deliver import monitor, remind
from notifyd.deliver import outbox as alert
from notifyd.ingest.arrival import plausible
from notifyd.ingest.headers import Header, header_from_bytes
from notifyd.ingest.imap import ImapMailbox, content_key, local_messages, message_key
from notifyd.ingest.parse import parse_email
from notifyd.seller.casework import attach_followup
from notifyd.seller.excerpt import excerpt
from notifyd.seller.followups import thread_ids
from notifyd.store.db import EmailRecord, Notice, Store
from notifyd.understand.classify import Rules, classify, might_be_notice

log = logging.getLogger(__name__)

NOT_DOWNLOADED = "no possible notice by its headers; body not downloaded"
UID_WINDOW = 5000
# Bodies fetched per round trip: few enough that a run of 25 MB mails cannot exhaust memory.
BODY_BATCH_COUNT = 20
BODY_BATCH_BYTES = 32 * 1024 * 1024


@dataclass
class PollReport:
    """What one poll did, for logs, `run --once` output and the tests."""

    mailbox: str
    seen: int = 0
    notices: int = 0
    phishing: int = 0
    unrecognised: int = 0
    ignored: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0
    old: int = 0
    followups: int = 0  # Amazon's replies stored on the notice they answer
    error: str | None = None
    auth_failed: bool = False
    notice_ids: list[int] = field(default_factory=list)

    def add(self, status: str, notice_id: int | None) -> None:
        self.seen += 1
        counter = {
            "notice": "notices",
            "phishing": "phishing",
            "unrecognised": "unrecognised",
            "duplicate": "duplicates",
            "followup": "followups",
        }.get(status, status)
        setattr(self, counter, getattr(self, counter) + 1)
        if notice_id is not None:
            self.notice_ids.append(notice_id)


def kind_of(result: Classification) -> str:
    """The ledger status a classification earns."""
    if result.suspected_phishing:
        return "phishing"
    if result.unrecognised:
        return "unrecognised"
    if result.is_notice:
        return "notice"
    return "ignored"


def excerpt_of(text: str, limit: int = 600) -> str:
    # Whole sentences, paragraphs kept: `show` prints it as Amazon's words.
    return excerpt(text, limit)


class Ingest:
    """Reads raw messages into the store; the same rules for IMAP, local paths and `import`."""

    def __init__(self, store: Store, settings: Settings, rules: Rules, alerts: bool = True) -> None:
        self.store = store
        self.settings = settings
        self.rules = rules
        self.alerts = alerts

    def skip(self, record: EmailRecord, status: str, reason: str, now: datetime) -> None:
        """Record one mail read no further: unreadable, refused by the server, or no notice."""
        with self.store.transaction() as conn:
            self.store.record_email(conn, record, status, reason, now)

    def message(
        self,
        record: EmailRecord,
        raw: bytes,
        since: timedelta | None,
        now: datetime,
        arrived_at: datetime | None = None,
    ) -> tuple[str, int | None]:
        """Parse, classify, store and queue alerts for one message; never raises for bad mail.

        `arrived_at` (the server's INTERNALDATE) decides whether the mail is older than
        `since`, and stands in for a Date header that cannot be true (see ingest.arrival)."""
        try:
            claimed = parse_email(raw)
            parsed = plausible(claimed, arrived_at, since, now, record.location)
        except ParseError as exc:
            self.skip(record, "failed", f"unreadable: {exc}", now)
            return "failed", None
        except Exception as exc:  # one bad message must never stop the mailbox
            log.exception("parser crashed on %s", record.location)
            self.skip(record, "failed", f"parser error: {type(exc).__name__}: {exc}"[:300], now)
            return "failed", None
        record = EmailRecord(
            mailbox=record.mailbox,
            folder=record.folder,
            location=record.location,
            uidvalidity=record.uidvalidity,
            uid=record.uid,
            message_key=message_key(parsed.message_id or record.message_id, raw),
            message_id=parsed.message_id or record.message_id,
            received_at=parsed.date_at or record.received_at,
            sender=parsed.sender or record.sender,
            subject=parsed.subject or record.subject,
            size=len(raw),
        )
        try:
            result = classify(parsed, self.rules)
        except Exception as exc:  # likewise: record it as failed, go on with the rest
            log.exception("classifier crashed on %s", record.location)
            self.skip(record, "failed", f"classifier error: {type(exc).__name__}: {exc}"[:300], now)
            return "failed", None
        kind = kind_of(result)
        reason = "; ".join(result.reasons)[:500] or None
        if kind == "ignored":
            self.skip(record, "ignored", reason or "not a notice", now)
            return "ignored", None
        arrival = arrived_at or record.received_at
        old = since is not None and arrival is not None and arrival < now - since
        if result.followup and kind != "phishing":
            # Amazon's answer about a stored notice joins that notice's timeline (issue 12).
            attached = attach_followup(
                self.store,
                self.settings,
                record,
                result,
                thread_ids(parsed.headers),
                excerpt_of(parsed.text),
                self.alerts and not old,
                now,
            )
            if attached is not None:
                return attached
        with self.store.transaction() as conn:
            existing = self.store.notice_id_for_key(record.message_key)
            if existing is not None and record.message_id and not _same_content(
                self.store.notice(existing), record, parsed.text
            ):
                # Another email under a Message-ID already used (a sender's template reusing
                # it): its own notice, keyed by Message-ID and body.
                record = dataclasses.replace(
                    record, message_key=content_key(record.message_id, raw)
                )
                existing = self.store.notice_id_for_key(record.message_key)
            if existing is not None:
                # The same mail in another folder, or again after a UIDVALIDITY change.
                self.store.record_email(
                    conn, record, "duplicate", f"same message as notice #{existing}", now
                )
                return "duplicate", None
            email_id = self.store.record_email(
                conn,
                record,
                "old" if old else kind,
                "older than `since`; not alerted" if old else reason,
                now,
            )
            if email_id is None:
                return "duplicate", None
            notice_id = self.store.insert_notice(
                conn, email_id, record, kind, result, excerpt_of(parsed.text), now
            )
            # Without an INTERNALDATE (a file, an odd server), arrival is when notifyd read it.
            self.store.record_arrival(conn, notice_id, arrived_at or now, claimed.date_at)
            if self.alerts and not old:
                # A deadline already past at first sight gets one "arrived overdue" alert.
                late = result.deadline_at is not None and result.deadline_at <= now
                purpose = AlertPurpose.ARRIVED_OVERDUE if late else AlertPurpose.NEW
                severity = alert.alert_severity(kind, result.severity)
                tags = alert.notice_tags(
                    kind, result.issue_type, result.marketplace, record.mailbox
                )
                sent_to = alert.enqueue_for_notice(
                    self.store,
                    conn,
                    self.settings,
                    notice_id,
                    purpose,
                    severity,
                    "phishing" if kind == "phishing" else result.category,
                    tags,
                    now,
                )
                remind.schedule_new(self.store, conn, self.settings, notice_id, result, now)
                if late:
                    self.store.add_event(
                        conn,
                        notice_id,
                        "arrived_overdue",
                        None,
                        "deadline already past when first seen: one alert to "
                        + (", ".join(sent_to) or "no channel"),
                        now,
                    )
            else:
                self.store.add_event(
                    conn,
                    notice_id,
                    "recorded",
                    None,
                    "older than `since`: recorded without alert" if old else "imported, no alert",
                    now,
                )
        return ("old" if old else kind), notice_id


def _same_content(existing: Notice, record: EmailRecord, text: str) -> bool:
    return existing.subject == record.subject and existing.excerpt == excerpt_of(text)


def ingest_local(
    ingest: Ingest,
    mailbox: str,
    path: Path,
    since: timedelta | None,
    max_size: int,
    now: datetime,
    report: PollReport,
    progress: Callable[[int], None] = lambda n: None,
) -> PollReport:
    """Read a Maildir, mbox, .eml folder or file. Bodies are local, so every message is read."""
    folder = str(path.resolve())
    for item in local_messages(path):
        location = f"{mailbox}:{folder}:{item.key}"
        if ingest.store.known_locations([location]):
            progress(1)
            continue
        head = item.raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        header = header_from_bytes(0, len(item.raw), head)
        record = _record(mailbox, folder, location, header, None, None)
        if header.size > max_size:
            ingest.skip(record, "skipped", f"{header.size} bytes is over max_size {max_size}", now)
            report.add("skipped", None)
        else:
            report.add(*ingest.message(record, item.raw, since, now))
        progress(1)
    return report


def _record(
    mailbox: str,
    folder: str,
    location: str,
    header: Header,
    uidvalidity: int | None,
    uid: int | None,
) -> EmailRecord:
    return EmailRecord(
        mailbox=mailbox,
        folder=folder,
        location=location,
        uidvalidity=uidvalidity,
        uid=uid,
        message_key=header.message_id or location,
        message_id=header.message_id,
        received_at=header.date_at,
        sender=header.sender,
        subject=header.subject,
        size=header.size,
    )


def poll_imap(
    ingest: Ingest,
    box: MailboxConfig,
    conn: ImapMailbox,
    now: datetime,
    report: PollReport,
    stop: Callable[[], bool] = lambda: False,
) -> PollReport:
    """Poll every folder of an open connection; with nothing new, a NOOP and a STATUS each."""
    for folder in box.folders:
        # Selected first: Dovecot answers NOOP + STATUS on the selected folder from the open
        # index, whereas STATUS on another folder reopens that folder's index, which costs
        # more the larger the folder. A kept connection then polls in constant time.
        conn.select(folder)
        status = conn.status(folder)
        state = ingest.store.folder_state(box.name, folder)
        if (
            state
            and state.uidvalidity == status.uidvalidity
            and (state.uidnext == status.uidnext)
        ):
            continue
        if state and state.uidvalidity == status.uidvalidity:
            first = state.uidnext
        else:
            if state:
                log.warning(
                    "mailbox %s folder %s: UIDVALIDITY changed %s -> %s; re-scanning, "
                    "Message-IDs keep notices from repeating",
                    box.name,
                    folder,
                    state.uidvalidity,
                    status.uidvalidity,
                )
            first = 1
        # Walk the new UIDs in windows, so a first sync of a huge folder holds one window of
        # UIDs in memory, not the whole folder.
        for low in range(first, status.uidnext, UID_WINDOW):
            high = min(low + UID_WINDOW, status.uidnext) - 1
            uids = conn.uids_between(folder, low, high)
            known = ingest.store.known_uids(box.name, folder, status.uidvalidity, low - 1, high)
            todo = [u for u in uids if u not in known]
            _fetch_batches(ingest, box, conn, folder, status.uidvalidity, todo, now, report, stop)
            if stop():
                return report
        ingest.store.save_folder_state(
            box.name, folder, status.uidvalidity, status.uidnext, status.messages
        )
    return report


def _fetch_batches(
    ingest: Ingest,
    box: MailboxConfig,
    conn: ImapMailbox,
    folder: str,
    uidvalidity: int,
    uids: list[int],
    now: datetime,
    report: PollReport,
    stop: Callable[[], bool],
) -> None:
    """Headers of each batch first; bodies only of possible notices, a few at a time."""
    size = box.batch_size
    for start in range(0, len(uids), size):
        if stop():
            return
        batch, following = uids[start : start + size], uids[start + size : start + 2 * size]
        headers = conn.headers(folder, batch, ahead=following)
        records = {
            h.uid: _record(
                box.name,
                folder,
                f"{box.name}/{folder}/{uidvalidity}/{h.uid}",
                h,
                uidvalidity,
                h.uid,
            )
            for h in headers
        }
        # The pre-filter runs once per message: it is most of the cost of mail that is not read.
        wanted = []
        settled: list[tuple[EmailRecord, str, str | None]] = []
        for h in headers:
            if not might_be_notice(h.sender, h.sender_name, h.subject, ingest.rules):
                settled.append((records[h.uid], "ignored", NOT_DOWNLOADED))
                report.add("ignored", None)
            elif h.size > box.max_size:
                why = f"{h.size} bytes is over max_size {box.max_size}"
                settled.append((records[h.uid], "skipped", why))
                report.add("skipped", None)
            else:
                wanted.append(h)
        # Mail ruled out by its headers is recorded in one statement per batch; it is
        # committed before any body is parsed, so no other writer waits on the parser.
        with ingest.store.transaction() as db:
            ingest.store.record_emails(db, settled, now)
        chosen = {h.uid for h in wanted}
        done = [h.uid for h in headers if h.uid not in chosen]
        for chunk in _by_size(wanted, BODY_BATCH_BYTES, BODY_BATCH_COUNT):
            if stop():  # a stop finishes the message in hand; the next poll resumes here
                break
            bodies = conn.bodies(folder, [h.uid for h in chunk], [h.size for h in chunk])
            for h in chunk:
                if h.uid in conn.refused:  # the server sent far more than it listed
                    ingest.skip(records[h.uid], "skipped", conn.refused.pop(h.uid), now)
                    report.add("skipped", None)
                else:
                    body = bodies.get(h.uid, b"")
                    outcome = ingest.message(records[h.uid], body, box.since, now, h.arrived_at)
                    report.add(*outcome)
                done.append(h.uid)
        conn.post_actions(folder, sorted(done))


def _by_size(headers: list[Header], max_bytes: int, max_count: int) -> Iterable[list[Header]]:
    """Groups of messages whose bodies together stay under max_bytes (one larger one alone)."""
    chunk: list[Header] = []
    size = 0
    for h in headers:
        if chunk and (size + h.size > max_bytes or len(chunk) >= max_count):
            yield chunk
            chunk, size = [], 0
        chunk.append(h)
        size += h.size
    if chunk:
        yield chunk


def poll_mailbox(
    store: Store,
    settings: Settings,
    rules: Rules,
    box: MailboxConfig,
    now: datetime,
    connection: ImapMailbox | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> PollReport:
    """Poll one mailbox, recording success or failure in mailbox_health; never raises."""
    report = PollReport(box.name)
    ingest = Ingest(store, settings, rules)
    owned = connection is None
    conn = connection
    try:
        if box.path is not None:
            ingest_local(ingest, box.name, box.path, box.since, box.max_size, now, report)
        else:
            if conn is None:
                conn = ImapMailbox(box, monitor.token_source(box))
            if conn.client is None:
                conn.connect(now)
                poll_imap(ingest, box, conn, now, report, stop)
            else:
                try:
                    poll_imap(ingest, box, conn, now, report, stop)
                except AuthError:
                    raise
                except MailboxError:
                    # A kept connection may have been dropped by the server while unused:
                    # one fresh connection is normal operation, not a failure to report.
                    conn.close()
                    conn.connect(now)
                    poll_imap(ingest, box, conn, now, report, stop)
    except AuthError as exc:
        report.error, report.auth_failed = str(exc), True
    except MailboxError as exc:
        report.error = str(exc)
    finally:
        if owned and conn is not None:
            conn.close()
    monitor.record_poll(store, box.name, report.error, now)
    return report


def import_paths(
    store: Store,
    settings: Settings,
    rules: Rules,
    paths: Iterable[Path],
    alerts: bool,
    now: datetime,
    progress: Callable[[int], None] = lambda n: None,
    since: timedelta | None = None,
) -> PollReport:
    """`notifyd import`: local files into the same ledger, with the same duplicate rules; only
    mail received inside `since` (None: all of it) alerts."""
    report = PollReport("import")
    ingest = Ingest(store, settings, rules, alerts=alerts)
    for path in paths:
        ingest_local(ingest, "import", path, since, 25 * 1024 * 1024, now, report, progress)
    return report
