"""A fault-injecting TCP proxy for tests and benchmarks.

``TcpProxy(target_host, target_port)`` listens on 127.0.0.1 on an ephemeral port and
forwards every accepted connection to the target, byte for byte, in daemon threads.

Faults: ``cut_all()`` (drop every live connection now), ``cut_after_bytes(n, direction)``
(the *next* connection is cut after exactly ``n`` bytes went that way), ``refuse(True)``
(close the listening socket so new connections get ECONNREFUSED; ``refuse(False)``
listens again on the same port), ``pause(seconds)`` (hold all traffic for a while),
``trickle(seconds, direction)`` (forward one byte every ``seconds`` that way, on every
connection, until ``trickle(0)``: a server too slow for any overall deadline, yet fast
enough that no per-recv timeout fires).

Counting IMAP commands: the client-to-server stream of each connection is parsed into
command lines (``commands()``), literals included. This only works on a plain-text
stream: point the client at the Dovecot *plain* port through the proxy with no TLS
(``security=none``); parsing of a connection stops at ``STARTTLS`` or at a TLS handshake
(first byte 0x16), since the rest is ciphertext.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal

Direction = Literal["client_to_server", "server_to_client"]

_LITERAL_RE = re.compile(rb"\{(\d+)\+?\}\r?\n?$")
# "tag SP command": a tag is an IMAP atom without '+' (so "+ ..." continuations and
# base64 SASL responses, which contain no space, are excluded).
_COMMAND_RE = re.compile(r"^[^\s(){%*\"\\\]+]+ [A-Za-z]")


class ImapCommandParser:
    """Incremental parser turning a client-to-server IMAP byte stream into lines.

    ``feed(data)`` returns the complete *logical* lines seen so far: a line that ends
    with a literal ``{n}``/``{n+}`` continues after the n literal bytes, which are
    replaced by ``{n}`` in the returned text. Continuation lines such as ``DONE`` (end
    of IDLE) or base64 SASL responses are returned too; ``is_command()`` tells them
    apart.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self._parts: list[bytes] = []
        self._literal_left = 0

    def feed(self, data: bytes) -> list[str]:
        self._buf += data
        out: list[str] = []
        while True:
            if self._literal_left:
                take = min(self._literal_left, len(self._buf))
                del self._buf[:take]
                self._literal_left -= take
                if self._literal_left:
                    return out
            nl = self._buf.find(b"\n")
            if nl < 0:
                return out
            line = bytes(self._buf[: nl + 1])
            del self._buf[: nl + 1]
            m = _LITERAL_RE.search(line)
            if m:
                self._parts.append(line[: m.start()] + b"{" + m.group(1) + b"}")
                self._literal_left = int(m.group(1))
                continue
            self._parts.append(line.rstrip(b"\r\n"))
            out.append(b"".join(self._parts).decode("utf-8", "replace"))
            self._parts = []

    @staticmethod
    def is_command(line: str) -> bool:
        """True for a tagged command line ("a001 UID SEARCH ..."), False for DONE etc."""
        return bool(_COMMAND_RE.match(line))


def command_name(line: str) -> str:
    """The command of a tagged line, upper-cased: "a1 uid search x" -> "UID SEARCH"."""
    parts = line.split(None, 3)
    if len(parts) < 2:
        return ""
    name = parts[1].upper()
    if name == "UID" and len(parts) > 2:
        name += " " + parts[2].upper()
    return name


def parse_imap_commands(data: bytes) -> list[str]:
    """All tagged command lines in a complete client-to-server byte stream."""
    return [line for line in ImapCommandParser().feed(data) if ImapCommandParser.is_command(line)]


@dataclass
class ProxyConnection:
    """One proxied connection (live or finished)."""

    index: int
    client: socket.socket
    server: socket.socket
    opened_at: float
    bytes_client_to_server: int = 0
    bytes_server_to_client: int = 0
    lines: list[str] = field(default_factory=list)
    parsing: bool = True
    closed: bool = False
    cut_after: tuple[Direction, int] | None = None
    parser: ImapCommandParser = field(default_factory=ImapCommandParser)
    threads: list[threading.Thread] = field(default_factory=list)

    @property
    def commands(self) -> list[str]:
        return [line for line in self.lines if ImapCommandParser.is_command(line)]


class TcpProxy:
    """Forward 127.0.0.1:<port> to (target_host, target_port) with fault controls."""

    host = "127.0.0.1"

    def __init__(self, target_host: str, target_port: int, *, connect_timeout: float = 5.0) -> None:
        self.target_host = target_host
        self.target_port = target_port
        self.connect_timeout = connect_timeout
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._conns: list[ProxyConnection] = []
        self._pending_cut: tuple[Direction, int] | None = None
        self._paused_until = 0.0
        self._trickle: tuple[Direction, float] | None = None
        self._refusing = False
        self._listener: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self.port = 0
        self._listen()

    # -- lifecycle ---------------------------------------------------------------------
    def _listen(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(128)
        sock.settimeout(0.2)
        self.port = sock.getsockname()[1]
        self._listener = sock
        t = threading.Thread(target=self._accept_loop, args=(sock,), daemon=True,
                             name=f"proxy-accept-{self.port}")
        self._accept_thread = t
        t.start()

    def _close_listener(self) -> None:
        sock, thread = self._listener, self._accept_thread
        self._listener = None
        self._accept_thread = None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()
        if thread is not None:
            thread.join(timeout=2)

    def close(self) -> None:
        """Stop listening, cut every connection and join the threads (bounded)."""
        self._stopping.set()
        self._close_listener()
        self.cut_all()
        with self._lock:
            threads = [t for c in self._conns for t in c.threads]
        for t in threads:
            t.join(timeout=2)

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def address(self) -> tuple[str, int]:
        return (self.host, self.port)

    # -- faults --------------------------------------------------------------------------
    def cut_all(self) -> int:
        """Close every live connection now (both sides). Returns how many were cut."""
        with self._lock:
            live = [c for c in self._conns if not c.closed]
        for c in live:
            self._shut(c)
        return len(live)

    def cut_after_bytes(self, n: int, direction: Direction = "server_to_client") -> None:
        """Cut the *next* accepted connection once n bytes went in ``direction``."""
        if direction not in ("client_to_server", "server_to_client"):
            raise ValueError(f"bad direction {direction!r}")
        with self._lock:
            self._pending_cut = (direction, n)

    def refuse(self, on: bool = True) -> None:
        """on=True: stop listening (connects are refused); False: listen again, same port."""
        if on and not self._refusing:
            self._refusing = True
            self._close_listener()
        elif not on and self._refusing:
            self._refusing = False
            deadline = time.monotonic() + 5
            while True:
                try:
                    self._listen()
                    return
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)

    def pause(self, seconds: float) -> None:
        """Hold all forwarding (both directions) for ``seconds`` from now."""
        self._paused_until = time.monotonic() + seconds

    def trickle(self, seconds: float, direction: Direction = "server_to_client") -> None:
        """Forward one byte every ``seconds`` in ``direction`` (0: full speed again)."""
        self._trickle = (direction, seconds) if seconds > 0 else None

    def resume(self) -> None:
        self._paused_until = 0.0

    # -- counters ------------------------------------------------------------------------
    @property
    def connections(self) -> list[ProxyConnection]:
        with self._lock:
            return list(self._conns)

    @property
    def connection_count(self) -> int:
        with self._lock:
            return len(self._conns)

    @property
    def active_count(self) -> int:
        with self._lock:
            return sum(1 for c in self._conns if not c.closed)

    @property
    def bytes_client_to_server(self) -> int:
        with self._lock:
            return sum(c.bytes_client_to_server for c in self._conns)

    @property
    def bytes_server_to_client(self) -> int:
        with self._lock:
            return sum(c.bytes_server_to_client for c in self._conns)

    def commands(self, connection: int | None = None) -> list[str]:
        """Tagged IMAP command lines seen client-to-server (all connections, in order of
        connection, or only connection number ``connection``)."""
        with self._lock:
            conns = self._conns if connection is None else [self._conns[connection]]
            return [cmd for c in conns for cmd in c.commands]

    def command_count(self, connection: int | None = None) -> int:
        return len(self.commands(connection))

    def command_names(self, connection: int | None = None) -> list[str]:
        """Like commands() but only the names: ["CAPABILITY", "LOGIN", "UID SEARCH"]."""
        return [command_name(c) for c in self.commands(connection)]

    def commands_per_connection(self) -> list[list[str]]:
        with self._lock:
            return [c.commands for c in self._conns]

    def reset_counters(self) -> None:
        """Forget finished connections and clear the lines/bytes of live ones."""
        with self._lock:
            self._conns = [c for c in self._conns if not c.closed]
            for i, c in enumerate(self._conns):
                c.index = i
                c.lines.clear()
                c.bytes_client_to_server = c.bytes_server_to_client = 0

    def wait_for_connections(self, n: int, timeout: float = 10.0) -> int:
        """Wait until at least n connections were accepted in total; returns the count."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.connection_count >= n:
                return self.connection_count
            time.sleep(0.02)
        raise TimeoutError(f"{self.connection_count} connections after {timeout}s, wanted {n}")

    # -- internals -----------------------------------------------------------------------
    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # listener closed
            try:
                server = socket.create_connection((self.target_host, self.target_port),
                                                  timeout=self.connect_timeout)
            except OSError:
                with contextlib.suppress(OSError):
                    client.close()
                continue
            client.settimeout(None)
            server.settimeout(None)
            with self._lock:
                conn = ProxyConnection(len(self._conns), client, server, time.time(),
                                       cut_after=self._pending_cut)
                self._pending_cut = None
                self._conns.append(conn)
            for direction in ("client_to_server", "server_to_client"):
                t = threading.Thread(target=self._pump, args=(conn, direction), daemon=True,
                                     name=f"proxy-{self.port}-{conn.index}-{direction}")
                conn.threads.append(t)
                t.start()

    def _wait_unpaused(self) -> None:
        # Bounded: at most the remaining pause, and it ends on close().
        while not self._stopping.is_set():
            left = self._paused_until - time.monotonic()
            if left <= 0:
                return
            self._stopping.wait(min(left, 0.1))

    def _shut(self, conn: ProxyConnection) -> None:
        conn.closed = True
        for s in (conn.client, conn.server):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                s.close()

    def _pump(self, conn: ProxyConnection, direction: Direction) -> None:
        src, dst = ((conn.client, conn.server) if direction == "client_to_server"
                    else (conn.server, conn.client))
        try:
            while not conn.closed:
                data = src.recv(65536)
                if not data:
                    break
                self._wait_unpaused()
                limit_hit = False
                if conn.cut_after and conn.cut_after[0] == direction:
                    done = (conn.bytes_client_to_server if direction == "client_to_server"
                            else conn.bytes_server_to_client)
                    left = conn.cut_after[1] - done
                    if len(data) >= left:
                        data = data[: max(left, 0)]
                        limit_hit = True
                if data:
                    # Count before forwarding: once the peer answers, the test may look.
                    self._account(conn, direction, data)
                    self._forward(conn, direction, dst, data)
                if limit_hit:
                    break
        except OSError:
            pass
        finally:
            self._shut(conn)

    def _forward(self, conn: ProxyConnection, direction: Direction, dst: socket.socket,
                 data: bytes) -> None:
        for i in range(len(data)):
            trickle = self._trickle
            if trickle is None or trickle[0] != direction:
                dst.sendall(data[i:])
                return
            # Bounded: ends on close(), on a cut, or when trickling is switched off.
            if self._stopping.wait(trickle[1]) or conn.closed:
                return
            dst.sendall(data[i:i + 1])

    def _account(self, conn: ProxyConnection, direction: Direction, data: bytes) -> None:
        with self._lock:
            if direction == "server_to_client":
                conn.bytes_server_to_client += len(data)
                return
            first = conn.bytes_client_to_server == 0
            conn.bytes_client_to_server += len(data)
            if not conn.parsing:
                return
            if first and data[:1] == b"\x16":  # TLS ClientHello: nothing to parse
                conn.parsing = False
                return
            for line in conn.parser.feed(data):
                conn.lines.append(line)
                parts = line.split(None, 2)
                if len(parts) >= 2 and parts[1].upper() == "STARTTLS":
                    conn.parsing = False
                    break
