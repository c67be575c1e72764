-- notifyd schema version 1: the ledger, notices, outbox, deliveries, response log and state.
-- Never edit a shipped migration; add the next numbered file instead.

CREATE TABLE emails (
    id INTEGER PRIMARY KEY,
    location TEXT NOT NULL UNIQUE,      -- mailbox/folder/uidvalidity/uid, or mailbox/file key
    mailbox TEXT NOT NULL,
    folder TEXT NOT NULL,
    uidvalidity INTEGER,
    uid INTEGER,
    message_key TEXT NOT NULL,          -- Message-ID, or sha256 of the raw mail without one
    message_id TEXT,
    received_at TEXT,
    seen_at TEXT NOT NULL,
    sender TEXT,
    subject TEXT,
    size INTEGER,
    status TEXT NOT NULL,               -- notice|phishing|unrecognised|ignored|duplicate|old|failed|skipped
    reason TEXT
);
CREATE INDEX emails_folder ON emails (mailbox, folder, uidvalidity, uid);
CREATE INDEX emails_key ON emails (message_key);

CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    email_id INTEGER NOT NULL REFERENCES emails (id),
    message_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                 -- notice|phishing|unrecognised
    mailbox TEXT NOT NULL,
    message_id TEXT,
    subject TEXT,
    sender TEXT,
    received_at TEXT,
    is_notice INTEGER NOT NULL,
    category TEXT,
    issue_type TEXT,
    severity TEXT,
    deadline_at TEXT,
    marketplace TEXT,
    language TEXT,
    metrics TEXT NOT NULL DEFAULT '{}',
    skus TEXT NOT NULL DEFAULT '[]',
    order_ids TEXT NOT NULL DEFAULT '[]',
    suspected_phishing INTEGER NOT NULL DEFAULT 0,
    reasons TEXT NOT NULL DEFAULT '[]',
    excerpt TEXT,
    created_at TEXT NOT NULL,
    alerted_at TEXT,
    next_reminder_at TEXT,
    escalate_at TEXT,
    escalated_at TEXT,
    snoozed_until TEXT,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    resolved_at TEXT
);
CREATE INDEX notices_reminder ON notices (next_reminder_at);
CREATE INDEX notices_escalate ON notices (escalate_at);

CREATE TABLE notice_asins (
    notice_id INTEGER NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    asin TEXT NOT NULL,
    PRIMARY KEY (notice_id, asin)
);
CREATE INDEX notice_asins_asin ON notice_asins (asin);

CREATE TABLE alerts (                   -- the outbox: one row per message per channel
    id INTEGER PRIMARY KEY,
    notice_id INTEGER REFERENCES notices (id),
    channel TEXT NOT NULL,
    purpose TEXT NOT NULL,              -- new|reminder|overdue|escalation|system|test
    title TEXT,                         -- set for alerts without a notice; notices render at send
    body TEXT,
    severity TEXT NOT NULL,
    created_at TEXT NOT NULL,
    due_at TEXT NOT NULL,               -- not before: quiet hours and retry backoff move it
    claimed_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent_at TEXT,
    failed_at TEXT,                     -- a permanent failure: no more retries
    last_error TEXT
);
CREATE INDEX alerts_due ON alerts (sent_at, failed_at, due_at);

CREATE TABLE deliveries (               -- every attempt, with its error
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts (id),
    notice_id INTEGER,
    channel TEXT NOT NULL,
    purpose TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT
);

CREATE TABLE events (                   -- the response log
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT,
    text TEXT
);
CREATE INDEX events_notice ON events (notice_id, at);

CREATE TABLE folders (                  -- where each poll left off
    mailbox TEXT NOT NULL,
    folder TEXT NOT NULL,
    uidvalidity INTEGER,
    uidnext INTEGER,
    messages INTEGER,
    PRIMARY KEY (mailbox, folder)
);

CREATE TABLE mailbox_health (
    mailbox TEXT PRIMARY KEY,
    last_poll_at TEXT,
    last_success_at TEXT,
    last_failure_at TEXT,
    failing_since TEXT,
    last_error TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE digests (
    period TEXT PRIMARY KEY,            -- the week it covers, e.g. 2026-W48
    claimed_at TEXT NOT NULL,
    sent_at TEXT
);

CREATE TABLE system_state (             -- self-monitoring conditions currently raised
    name TEXT PRIMARY KEY,
    raised_at TEXT NOT NULL,
    detail TEXT
);
