"""Read mail from an IMAP server or a local Maildir/mbox/.eml path, without changing what is there."""

from __future__ import annotations

import contextlib
import hashlib
import imaplib
import logging
import mailbox as mailboxlib
import socket
import ssl
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from notifyd.core.errors import AuthError, MailboxError
from notifyd.core.settings import MailboxConfig
from notifyd.ingest import headers
from notifyd.ingest.headers import Header
from notifyd.ingest.imapwire import BoundedClient, DeadlineExceeded, LiteralTooLarge
from notifyd.ingest.oauth import TokenSource

log = logging.getLogger(__name__)
_E = TypeVar("_E", bound=BaseException)

# Network errors that mean "try again later", as opposed to a refusal of the credentials.
_WARNED_INSECURE: set[str] = set()
_CONTEXTS: dict[tuple[str, bool], ssl.SSLContext] = {}
TRANSIENT = (OSError, socket.timeout, ssl.SSLError, IMAPClientError, EOFError)
# A body FETCH may take `timeout` plus the time its bytes need at this rate; a server slower
# than this (a trickle) is cut off rather than holding the poll, the tick or a shutdown.
MIN_RATE = 64 * 1024
# A literal may exceed the size the server listed for its message by this much (line ends,
# servers that count differently); more is a server inflating the body.
SIZE_SLACK = 1024 * 1024
# Literals in answers other than a body (header fields, LIST, STATUS) are refused past this or
# past max_size, whichever is larger.
ANY_LITERAL = 4 * 1024 * 1024


@dataclass(frozen=True)
class FolderStatus:
    uidvalidity: int
    uidnext: int
    messages: int


def message_key(message_id: str | None, raw: bytes) -> str:
    """The identity used to keep one email from becoming two notices, wherever it is found."""
    if message_id:
        return message_id.strip()
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def content_key(message_id: str, raw: bytes) -> str:
    """The identity of an email whose Message-ID another, different email already used: the
    Message-ID and a hash of its body (the same mail seen again has the same body)."""
    body = raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[-1]
    return f"{message_id.strip()}#sha256:{hashlib.sha256(body).hexdigest()[:32]}"


class ImapMailbox:
    """One authenticated IMAP connection; every call can raise MailboxError or AuthError."""

    def __init__(self, config: MailboxConfig, tokens: TokenSource | None = None) -> None:
        self.config = config
        self.tokens = tokens
        self.client: IMAPClient | None = None
        self.selected: str | None = None
        # Messages whose body the server sent larger than allowed: uid -> why it was refused.
        self.refused: dict[int, str] = {}
        self._now: datetime | None = None
        # A header FETCH sent ahead (tag, folder, uids), and an answer read early (folder, uids,
        # answer): see headers().
        self._sent: tuple[bytes, str, list[int]] | None = None
        self._early: tuple[str, list[int], list[Any]] | None = None

    def ssl_context(self) -> ssl.SSLContext:
        # One context per CA file and verify setting, shared: each holds the whole CA store
        # (about a megabyte), which per connection would cost a gigabyte at 1,000 mailboxes.
        if not self.config.tls_verify and self.config.name not in _WARNED_INSECURE:
            # Once per process, i.e. at every start: loud enough to be seen, not a flood.
            _WARNED_INSECURE.add(self.config.name)
            log.warning(
                "mailbox %s: tls_verify = false: the server's certificate is NOT checked; "
                "anyone on the network path can read the mailbox password",
                self.config.name,
            )
        key = (str(self.config.ca_file or ""), self.config.tls_verify)
        context = _CONTEXTS.get(key)
        if context is None:
            context = _CONTEXTS[key] = self._new_ssl_context()
        return context

    def _new_ssl_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(
            cafile=str(self.config.ca_file) if self.config.ca_file else None
        )
        if not self.config.tls_verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def connect(self, now: datetime) -> None:
        cfg = self.config
        timeout = cfg.timeout.total_seconds()
        self._now = now
        try:
            # The greeting, STARTTLS and LOGIN each get `timeout` overall, not per recv.
            client = BoundedClient(
                cfg.host or "",
                connect_deadline=time.monotonic() + timeout,
                port=cfg.effective_port,
                ssl=cfg.security == "tls",
                ssl_context=self.ssl_context() if cfg.security == "tls" else None,
                timeout=timeout,
            )
            if cfg.security == "starttls":
                client.bound(timeout, max(cfg.max_size, ANY_LITERAL))
                client.starttls(self.ssl_context())
        except ssl.SSLCertVerificationError as exc:
            raise MailboxError(
                f"mailbox {cfg.name}: TLS certificate of {cfg.host} not trusted ({exc.verify_message});"
                " set ca_file to the server's CA, or tls_verify = false at your own risk"
            ) from None
        except TRANSIENT as exc:
            raise MailboxError(
                f"mailbox {cfg.name}: cannot connect to {cfg.host}:{cfg.effective_port}: "
                f"{_describe(exc)}"
            ) from None
        try:
            client.bound(timeout, max(cfg.max_size, ANY_LITERAL))
            if cfg.auth == "oauth2":
                assert self.tokens is not None
                client.oauth2_login(cfg.username or "", self.tokens.token(now))
            else:
                assert cfg.password is not None
                client.login(cfg.username or "", cfg.password.get_secret_value())
        except LoginError as exc:
            _close_quietly(client)
            # imapclient reports a connection that died during LOGIN as a LoginError too; that
            # is the network, not the credentials, and must not back off like a refusal.
            if isinstance(exc.__context__, imaplib.IMAP4.abort | OSError):
                raise MailboxError(
                    f"mailbox {cfg.name}: connection lost during login: {_describe(exc)}"
                ) from None
            raise AuthError(
                f"mailbox {cfg.name}: {cfg.host} refused the login for {cfg.username}: "
                f"{_server_text(exc)}; check the username and password (or app password/token)"
            ) from None
        except AuthError:
            _close_quietly(client)
            raise
        except TRANSIENT as exc:
            _close_quietly(client)
            raise MailboxError(f"mailbox {cfg.name}: login failed: {_describe(exc)}") from None
        client.bound(None, max(cfg.max_size, ANY_LITERAL))
        self.client = client
        self.selected = None
        self._sent = self._early = None

    def close(self) -> None:
        if self.client is not None:
            _close_quietly(self.client)
        self.client = None
        self.selected = None
        self._sent = self._early = None

    def goodbye(self) -> None:
        """Leave IDLE and log out without waiting for the answer: with thousands of
        connections to close at a stop, waiting on each would outlast any stop budget."""
        client = self.client
        if client is None:
            return
        with contextlib.suppress(*TRANSIENT, AttributeError):
            client.socket().settimeout(0.5)
            imap = client._imap
            imap.send(b"DONE\r\n" + imap._new_tag() + b" LOGOUT\r\n")

    def abort(self) -> None:
        """Drop the connection without a goodbye (it is broken, or being cut off)."""
        client, self.client, self.selected = self.client, None, None
        self._sent = self._early = None
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()

    def _client(self) -> IMAPClient:
        if self.client is None:
            raise MailboxError(f"mailbox {self.config.name}: not connected")
        return self.client

    def _call(
        self,
        what: str,
        fn: Any,
        *args: Any,
        folder: str | None = None,
        expect: int = 0,
        literal_limit: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """Run one IMAP command within `timeout` overall (plus time for `expect` bytes); a
        network or protocol error, or a server too slow, closes the connection and becomes a
        MailboxError (naming the folders that exist when `folder` is not one of them)."""
        if self._sent is not None:
            # The answer to a FETCH sent ahead comes first on the wire: read it before this.
            tag, sent_folder, uids = self._sent
            self._sent = None
            answer = self._call("FETCH headers", self._finish_fetch, tag)
            self._early = (sent_folder, uids, answer)
        client = self._client()
        cfg = self.config
        bounded = client if isinstance(client, BoundedClient) else None
        if bounded is not None:
            bounded.bound(
                cfg.timeout.total_seconds() + expect / MIN_RATE,
                literal_limit or max(cfg.max_size, ANY_LITERAL),
            )
        try:
            return fn(*args, **kwargs)
        except TRANSIENT as exc:
            if folder is not None and isinstance(exc, IMAPClientError) and _is_missing(exc):
                raise self._missing(folder) from None
            # A broken or lying connection is dropped, not logged out of: LOGOUT would wait on it.
            self.abort()
            refused = _found(exc, LiteralTooLarge)
            if refused is not None:
                raise refused from None
            raise MailboxError(f"mailbox {self.config.name}: {what}: {_describe(exc)}") from None
        finally:
            still_open = self.client is client
            if bounded is not None and still_open:
                with contextlib.suppress(*TRANSIENT):
                    bounded.bound(None, max(cfg.max_size, ANY_LITERAL))

    def list_folders(self) -> list[str]:
        rows = self._call("LIST", self._client().list_folders)
        return [str(name) for _flags, _delim, name in rows]

    def status(self, folder: str) -> FolderStatus:
        if self.selected == folder:
            # STATUS on the selected folder may answer from the session's last view (Dovecot
            # does); a NOOP first brings that view up to date.
            self._call("NOOP", self._client().noop)
        data = self._call(
            f"STATUS {folder}",
            self._client().folder_status,
            folder,
            [b"UIDVALIDITY", b"UIDNEXT", b"MESSAGES"],
            folder=folder,
        )
        if b"UIDVALIDITY" not in data:
            raise MailboxError(
                f"mailbox {self.config.name}: the server's STATUS of {folder} gives no "
                "UIDVALIDITY; without it notifyd cannot tell old mail from new"
            )
        uidnext = data.get(b"UIDNEXT")
        if uidnext is None:
            # Some servers leave it out: one past the highest UID in the folder says the same.
            self.select(folder)
            last = self._call("UID SEARCH UID *", self._client().search, ["UID", "*"])
            uidnext = max((int(uid) for uid in last), default=0) + 1
        return FolderStatus(
            uidvalidity=int(data[b"UIDVALIDITY"]),
            uidnext=int(uidnext),
            messages=int(data.get(b"MESSAGES", 0)),
        )

    def _missing(self, folder: str) -> MailboxError:
        try:
            existing = ", ".join(self.list_folders())
        except MailboxError:
            existing = "(could not list them)"
        return MailboxError(
            f"mailbox {self.config.name}: folder {folder!r} does not exist; folders are: {existing}"
        )

    def select(self, folder: str) -> None:
        if self.selected == folder:
            return
        # Read-only unless a post-action must change flags or move mail.
        writes = self.config.mark_seen or self.config.add_keyword or self.config.move_to
        self._call(
            f"SELECT {folder}",
            self._client().select_folder,
            folder,
            readonly=not writes,
            folder=folder,
        )
        self.selected = folder

    def uids_between(self, folder: str, low: int, high: int) -> list[int]:
        """UIDs in low..high. `UID n:*` would match the last message even past the end, so the
        range is explicit and the result filtered anyway."""
        self.select(folder)
        found = self._call("UID SEARCH", self._client().search, ["UID", f"{max(low, 1)}:{high}"])
        return sorted(int(u) for u in found if low <= int(u) <= high)

    def headers(
        self, folder: str, uids: Sequence[int], ahead: Sequence[int] = ()
    ) -> list[Header]:
        """Size, arrival time and the four header fields of each of `uids`, by UID.

        With `ahead` (the next batch), that batch's FETCH is sent as soon as this answer is in,
        so the server prepares it while the caller handles this batch (a tenth of a first sync
        was waiting for it); its answer is read by the next call, or before any other command.
        """
        self.select(folder)
        early, self._early = self._early, None
        if early is not None and early[:2] == (folder, list(uids)):
            data = early[2]
        else:
            data = self._call("FETCH headers", self._fetch_raw, list(uids))
        if ahead:
            tag = self._call("FETCH headers", self._send_fetch, list(ahead))
            self._sent = (tag, folder, list(ahead))
        return headers.read_fetch(data, uids)

    def _fetch_raw(self, uids: list[int]) -> list[Any]:
        """imaplib's own untagged FETCH answer, unparsed (headers.py reads it)."""
        return self._finish_fetch(self._send_fetch(uids))

    def _send_fetch(self, uids: list[int]) -> bytes:
        imap = self._client()._imap
        tag: bytes = imap._command("UID", "FETCH", ",".join(str(u) for u in uids), headers.REQUEST)
        return tag

    def _finish_fetch(self, tag: bytes) -> list[Any]:
        imap = self._client()._imap
        typ, data = imap._command_complete("UID", tag)
        if typ != "OK":
            raise IMAPClientError(f"FETCH failed: {data!r}")
        typ, data = imap._untagged_response(typ, data, "FETCH")
        return list(data)

    def bodies(
        self, folder: str, uids: Sequence[int], sizes: Sequence[int] = ()
    ) -> dict[int, bytes]:
        """Whole messages with BODY.PEEK[], which leaves the \\Seen flag alone.

        `sizes` are the sizes the server listed: a body sent much larger than listed is refused
        as it is announced, its connection dropped, and the uid put in `refused`; the others are
        fetched again one by one on a new connection.
        """
        limit = max(sizes, default=0) * 2 + SIZE_SLACK if sizes else None
        try:
            return self._bodies(folder, uids, sum(sizes), limit)
        except LiteralTooLarge as exc:
            if len(uids) == 1:
                self.refused[uids[0]] = (
                    f"the server sent {exc.size} bytes for a message it listed as "
                    f"{sizes[0] if sizes else '?'} bytes; refused (limit {exc.limit})"
                )
                return {}
        out: dict[int, bytes] = {}
        by_uid = dict(zip(uids, sizes, strict=False))
        for uid in uids:
            if self.client is None and self._now is not None:
                self.connect(self._now)
            out.update(self.bodies(folder, [uid], [by_uid[uid]] if uid in by_uid else []))
        return out

    def _bodies(
        self, folder: str, uids: Sequence[int], expect: int, limit: int | None
    ) -> dict[int, bytes]:
        self.select(folder)
        data = self._call(
            "FETCH bodies",
            self._client().fetch,
            list(uids),
            ["BODY.PEEK[]"],
            expect=expect,
            literal_limit=limit,
        )
        return {int(uid): bytes(item.get(b"BODY[]", b"") or b"") for uid, item in data.items()}

    def post_actions(self, folder: str, uids: Sequence[int]) -> None:
        """The optional per-mailbox changes a user asked for; by default there are none."""
        cfg = self.config
        if not uids or not (cfg.mark_seen or cfg.add_keyword or cfg.move_to):
            return
        self.select(folder)
        client = self._client()
        if cfg.mark_seen:
            self._call("STORE \\Seen", client.add_flags, list(uids), [b"\\Seen"])
        if cfg.add_keyword:
            self._call("STORE keyword", client.add_flags, list(uids), [cfg.add_keyword.encode()])
        if cfg.move_to:
            self._call("MOVE", client.move, list(uids), cfg.move_to)

    def idle_start(self) -> None:
        """Enter IDLE; what the server says then is read by the caller (idle_check)."""
        self._call("IDLE", self._client().idle)

    def idle_end(self) -> list[Any]:
        """Leave IDLE (DONE); returns what the server said since the last idle_check."""
        _text, responses = self._call("DONE", self._client().idle_done)
        return list(responses)

    def has_idle(self) -> bool:
        return bool(self._call("CAPABILITY", self._client().has_capability, "IDLE"))


def _is_missing(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("nonexistent", "doesn't exist", "does not exist", "not found"))


def _found(exc: BaseException, kind: type[_E]) -> _E | None:
    """The `kind` error behind exc: imaplib re-raises a failed command's abort as a new one."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None or isinstance(seen, kind):
            return seen
        seen = seen.__context__
    return None


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    if _found(exc, DeadlineExceeded) is not None:
        return "the server answered too slowly (no complete answer within `timeout`)"
    return text[:300]


def _server_text(exc: BaseException) -> str:
    text = str(exc)
    for junk in ("b'", 'b"', "'", '"'):
        text = text.replace(junk, "")
    return text.strip()[:200] or "authentication failed"


def _close_quietly(client: IMAPClient) -> None:
    # A dying connection can fail in any way while closing; it is being dropped either way.
    try:
        client.logout()
    except Exception:
        with contextlib.suppress(Exception):
            client.shutdown()


# --- local sources ------------------------------------------------------------------------


@dataclass(frozen=True)
class LocalMessage:
    key: str  # stable within the source: file path or Maildir key or mbox index
    raw: bytes


def local_messages(path: Path) -> Iterator[LocalMessage]:
    """Every message under path: a Maildir, an mbox file, a folder of .eml files, or one .eml."""
    if not path.exists():
        raise MailboxError(f"path {path} does not exist")
    if path.is_dir() and ((path / "cur").is_dir() or (path / "new").is_dir()):
        # Read Maildir files directly: read-only, and tolerant of a missing cur/ or tmp/ (git
        # does not keep empty folders, so a Maildir in a checkout may lack them).
        for sub in ("new", "cur"):
            folder = path / sub
            for file in sorted(folder.iterdir()) if folder.is_dir() else []:
                if file.is_file() and not file.name.startswith("."):
                    yield LocalMessage(f"maildir:{file.name.split(':', 1)[0]}", file.read_bytes())
    elif path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            if file.suffix.lower() in (".eml", ".msg", ".txt") or file.suffix == "":
                yield LocalMessage(str(file.relative_to(path)), file.read_bytes())
            elif file.suffix.lower() == ".mbox":
                yield from local_messages(file)
    elif _is_mbox(path):
        mbox = mailboxlib.mbox(path, factory=None, create=False)
        for index, key in enumerate(mbox.iterkeys()):
            yield LocalMessage(f"mbox:{path.name}:{index}", mbox.get_bytes(key))
    else:
        yield LocalMessage(path.name, path.read_bytes())


def _is_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"From "
