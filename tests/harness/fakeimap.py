"""A tiny scripted IMAP4rev1 server for faults a real Dovecot will not commit.

    with FakeImap(messages=[raw], inflate={1: 300_000_000}) as server:
        ...  # a mailbox with host=server.host, port=server.port, security="none"

It answers CAPABILITY, LOGIN (any password), SELECT/EXAMINE, STATUS, NOOP, UID SEARCH,
UID FETCH (RFC822.SIZE, header fields, BODY.PEEK[]), LOGOUT. Faults:

- ``inflate={uid: n}``: the body of that message is announced as an ``n``-byte literal
  (while RFC822.SIZE lists its true size) and then streamed as filler until the client
  hangs up. ``sent_bytes`` tells how much of it went out.
- ``status_items``: the STATUS items it answers with (leave out UIDNEXT to play a server
  whose STATUS omits it).
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from types import TracebackType

_FETCH = re.compile(rb"^(\S+) UID FETCH (\S+) \((.*)\)\r?\n$", re.IGNORECASE)


class FakeImap:
    host = "127.0.0.1"

    def __init__(self, messages: list[bytes], inflate: dict[int, int] | None = None,
                 status_items: tuple[str, ...] = ("MESSAGES", "UIDNEXT", "UIDVALIDITY")) -> None:
        self.messages = [m.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") for m in messages]
        self.inflate = inflate or {}
        self.status_items = status_items
        self.sent_bytes = 0
        self._stop = threading.Event()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((self.host, 0))
        self._listener.listen(16)
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, daemon=True, name="fakeimap")
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()

    def __enter__(self) -> FakeImap:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(30)
        reader = conn.makefile("rb")
        try:
            conn.sendall(b"* OK [CAPABILITY IMAP4rev1] fake ready\r\n")
            while not self._stop.is_set():
                line = reader.readline(65536)
                if not line:
                    return
                if not self._answer(conn, line):
                    return
        except OSError:
            return
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def _answer(self, conn: socket.socket, line: bytes) -> bool:
        tag, _, rest = line.partition(b" ")
        command = rest.split(b" ", 1)[0].upper().strip()
        out = b""
        if command == b"CAPABILITY":
            out = b"* CAPABILITY IMAP4rev1\r\n"
        elif command in (b"SELECT", b"EXAMINE"):
            out = (f"* {len(self.messages)} EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n"
                   f"* OK [UIDNEXT {len(self.messages) + 1}] ok\r\n").encode()
        elif command == b"STATUS":
            values = {"MESSAGES": len(self.messages), "UIDNEXT": len(self.messages) + 1,
                      "UIDVALIDITY": 7}
            items = " ".join(f"{k} {values[k]}" for k in self.status_items)
            out = f'* STATUS "INBOX" ({items})\r\n'.encode()
        elif command == b"LOGOUT":
            conn.sendall(b"* BYE bye\r\n" + tag + b" OK done\r\n")
            return False
        elif command == b"UID" and b"SEARCH" in rest.upper():
            last = rest.upper().rstrip().endswith(b"UID *")
            uids = " ".join(str(i + 1) for i in range(len(self.messages))
                            if not last or i + 1 == len(self.messages))
            out = f"* SEARCH {uids}\r\n".encode()
        elif command == b"UID" and b"FETCH" in rest.upper():
            return self._fetch(conn, line)
        conn.sendall(out + tag + b" OK done\r\n")
        return True

    def _fetch(self, conn: socket.socket, line: bytes) -> bool:
        match = _FETCH.match(line)
        if not match:
            conn.sendall(line.split(b" ", 1)[0] + b" BAD fetch\r\n")
            return True
        tag, ids, items = match.groups()
        uids = _uids(ids.decode(), len(self.messages))
        for uid in uids:
            raw = self.messages[uid - 1]
            if items.upper() == b"UID":
                conn.sendall(f"* {uid} FETCH (UID {uid})\r\n".encode())
            elif b"BODY.PEEK[]" in items.upper():
                if uid in self.inflate:
                    size = self.inflate[uid]
                    conn.sendall(f"* {uid} FETCH (UID {uid} BODY[] {{{size}}}\r\n".encode())
                    self._stream(conn, size)
                    return False
                conn.sendall(f"* {uid} FETCH (UID {uid} BODY[] {{{len(raw)}}}\r\n".encode()
                             + raw + b")\r\n")
            else:
                head = raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
                conn.sendall(
                    f"* {uid} FETCH (UID {uid} RFC822.SIZE {len(raw)} BODY[HEADER.FIELDS "
                    f"(FROM SUBJECT DATE MESSAGE-ID)] {{{len(head)}}}\r\n".encode() + head
                    + b")\r\n")
        conn.sendall(tag + b" OK done\r\n")
        return True

    def _stream(self, conn: socket.socket, size: int) -> None:
        block = b"x" * 65536
        while self.sent_bytes < size and not self._stop.is_set():
            conn.sendall(block)  # raises once the client hangs up
            self.sent_bytes += len(block)


def _uids(spec: str, count: int) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        if part == "*":
            out += [count] if count else []
            continue
        low, _, high = part.partition(":")
        top = count if high == "*" else int(high or low)
        out += [u for u in range(int(low), top + 1) if 1 <= u <= count]
    return out
