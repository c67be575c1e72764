-- What Amazon asks (issue 12 item 4) and the follow-ups that answer a notice (item 5).
ALTER TABLE notices ADD COLUMN requested TEXT NOT NULL DEFAULT '[]';
ALTER TABLE notices ADD COLUMN documents TEXT NOT NULL DEFAULT '[]';
ALTER TABLE notices ADD COLUMN respond_via TEXT;          -- JSON {"kind", "address", "url"}
ALTER TABLE notices ADD COLUMN case_ids TEXT NOT NULL DEFAULT '[]';  -- Amazon's case/notification IDs
ALTER TABLE notices ADD COLUMN last_followup TEXT;       -- kind of the newest follow-up, for its alert

CREATE TABLE followups (                -- Amazon's later mail about a notice: its timeline
    id INTEGER PRIMARY KEY,
    notice_id INTEGER NOT NULL REFERENCES notices (id),
    email_id INTEGER NOT NULL REFERENCES emails (id),
    message_key TEXT NOT NULL UNIQUE,
    message_id TEXT,
    kind TEXT NOT NULL,                 -- appeal_denied|more_information|appeal_received|reinstated
    matched_by TEXT NOT NULL,           -- thread|case_id|subject_match
    subject TEXT,
    received_at TEXT,
    deadline_at TEXT,
    excerpt TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX followups_notice ON followups (notice_id, created_at);
