"""The IMAP transport under imapclient, bounded: each command has an overall deadline and a literal limit."""

from __future__ import annotations

import imaplib
import logging
import ssl
import time
from collections.abc import Callable
from functools import partial
from io import BufferedReader
from typing import Any, TypeVar, cast

from imapclient import IMAPClient
from imapclient.imap4 import IMAP4WithTimeout
from imapclient.tls import IMAP4_TLS

_T = TypeVar("_T")
# imaplib refuses a response line longer than this; kept so a line cannot grow without end.
MAX_LINE = 1_000_000
# Bytes taken from the socket per read: small enough that a deadline is checked often.
CHUNK = 64 * 1024


class DeadlineExceeded(imaplib.IMAP4.abort):
    """The server did not finish answering within the command's overall deadline."""


class LiteralTooLarge(imaplib.IMAP4.abort):
    """The server announced a literal larger than the caller allows; nothing of it was read."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"the server announced {size} bytes where at most {limit} are allowed")


class _Bounded(imaplib.IMAP4):
    """imaplib's read and readline, in chunks, each under the current deadline.

    A per-recv timeout alone never ends a server that sends one byte a second; the overall
    deadline does. Literals are refused from their announced size, before any of it is read,
    so a server inflating a body cannot make this process hold it.
    """

    deadline: float | None = None
    literal_limit: int | None = None
    recv_timeout: float | None = None

    def _stream(self) -> BufferedReader:
        return cast(BufferedReader, self.file)

    def _arm(self) -> None:
        if self.deadline is None:
            return
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise DeadlineExceeded("no complete answer within the deadline")
        wait = left if self.recv_timeout is None else min(left, self.recv_timeout)
        if self.sock.gettimeout() != wait:  # a system call per line otherwise, in every FETCH
            self.sock.settimeout(wait)

    def _timed(self, read: Callable[[], _T]) -> _T:
        try:
            return read()
        except TimeoutError:
            if self.deadline is not None and time.monotonic() >= self.deadline:
                raise DeadlineExceeded("no complete answer within the deadline") from None
            raise

    def readline(self) -> bytes:
        out = bytearray()
        while True:
            self._arm()
            # peek() does at most one recv; read() then takes only what is buffered.
            chunk = self._timed(lambda: self._stream().peek(1))
            if not chunk:
                break
            newline = chunk.find(b"\n")
            out += self._stream().read(newline + 1 if newline >= 0 else len(chunk))
            if newline >= 0:
                break
            if len(out) > MAX_LINE:
                raise self.error(f"got more than {MAX_LINE} bytes in one line")
        return bytes(out)

    def read(self, size: int) -> bytes:
        if self.literal_limit is not None and size > self.literal_limit:
            raise LiteralTooLarge(size, self.literal_limit)
        buffer = bytearray(size)
        view = memoryview(buffer)
        got = 0
        while got < size:
            self._arm()
            n = self._timed(partial(self._stream().readinto1, view[got : got + CHUNK]))
            if not n:
                break
            got += n
        view.release()
        del buffer[got:]
        return bytes(buffer)


class _PlainIMAP4(_Bounded, IMAP4WithTimeout):  # type: ignore[misc]
    def __init__(self, host: str, port: int, timeout: float | None, deadline: float) -> None:
        self.deadline, self.recv_timeout = deadline, timeout
        super().__init__(host, port, timeout)


class _TlsIMAP4(_Bounded, IMAP4_TLS):  # type: ignore[misc]
    def __init__(
        self,
        host: str,
        port: int,
        context: ssl.SSLContext | None,
        timeout: float | None,
        deadline: float,
    ) -> None:
        self.deadline, self.recv_timeout = deadline, timeout
        super().__init__(host, port, context, timeout)  # type: ignore[call-arg,arg-type]


class BoundedClient(IMAPClient):  # type: ignore[misc]
    """IMAPClient whose greeting, and later every command the caller bounds, has a deadline."""

    def __init__(self, host: str, *, connect_deadline: float, **kwargs: Any) -> None:
        self._connect_deadline = connect_deadline
        super().__init__(host, **kwargs)
        self.transport.deadline = None
        # imapclient sets imaplib's debug level to 5, which formats a repr of every line and of
        # every response (a whole body included) before its logger drops it: a third of the
        # header pass of a first sync. Traced only when that logger would print it.
        traced = logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG)
        self.transport.debug = 5 if traced else 0

    def _create_IMAP4(self) -> _Bounded:
        timeout = getattr(self._timeout, "connect", None)
        if self.ssl:
            return _TlsIMAP4(
                self.host, self.port, self.ssl_context, timeout, self._connect_deadline
            )
        return _PlainIMAP4(self.host, self.port, timeout, self._connect_deadline)

    @property
    def transport(self) -> _Bounded:
        imap: _Bounded = self._imap
        return imap

    def bound(self, seconds: float | None, literal_limit: int | None) -> None:
        """Give the commands that follow `seconds` overall (None: no deadline, as in IDLE)."""
        imap = self.transport
        imap.deadline = None if seconds is None else time.monotonic() + seconds
        imap.literal_limit = literal_limit
        if seconds is None:
            # Back to the plain per-recv timeout for what is not bounded (IDLE's own waits).
            self._set_read_timeout()
