-- When each notice really arrived (the server's INTERNALDATE, or the import time for files) and
-- what its Date header claimed, so `show` gives both (issue 13). Rows from before stay NULL.
ALTER TABLE notices ADD COLUMN arrived_at TEXT;
ALTER TABLE notices ADD COLUMN date_header_at TEXT;
