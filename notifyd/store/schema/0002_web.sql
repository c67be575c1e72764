-- The web console: users, server-side sessions and action links already used.
CREATE TABLE web_users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,        -- argon2id, never the password
    created_at TEXT NOT NULL
);

CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,        -- sha256 of the cookie: a stolen database opens nothing
    username TEXT NOT NULL REFERENCES web_users (name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE web_used_links (           -- an action link works once
    signature TEXT PRIMARY KEY,
    notice_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    used_at TEXT NOT NULL,
    actor TEXT NOT NULL
);
