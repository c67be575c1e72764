"""A throwaway private Dovecot 2.3 instance for tests and benchmarks.

Follows /work/shared/DOVECOT.md. Needs root (Dovecot drops to ``nobody`` for mail and to
``dovecot`` for auth) and Debian's ``dovecot-imapd`` (2.3.x; 2.4 has another syntax).

    with Dovecot() as dc:                       # start() ... close()
        dc.deliver(b"Subject: hi\\r\\n\\r\\nbody\\r\\n")
        dc.status()        # {'messages': 1, 'uidnext': 2, 'uidvalidity': ..., 'unseen': 1}
        token = dc.mint_token()                 # XOAUTH2/OAUTHBEARER bearer token

Counting IMAP commands: every post-login IMAP session writes a rawlog
(``rawlog_dir``), so ``commands()`` / ``command_count()`` see every command a client
issued *after* authenticating, on any port, TLS or not. Pre-login commands (CAPABILITY,
STARTTLS, LOGIN, AUTHENTICATE) are handled by imap-login and are not in the rawlog; to
count those use ``tests.harness.proxy.TcpProxy`` on the plain port with no TLS.
``mark_commands()`` sets a baseline so only later commands are counted. The harness's
own helpers use ``doveadm`` (no IMAP session), except ``client()``, whose commands
*are* counted.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import grp
import hashlib
import hmac
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from .proxy import command_name, parse_imap_commands

INSTALL_HINT = ("Dovecot 2.3 is required for the real-server tests: "
                "apt-get install dovecot-imapd (Debian 12 ships 2.3.19)")

DEFAULT_USER = "seller@example.test"
DEFAULT_PASSWORD = "secret"
START_TIMEOUT = 15.0


_LIVE: weakref.WeakSet[Dovecot] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    """Never leave an orphaned dovecot master behind (e.g. after a crashed script)."""
    for instance in list(_LIVE):
        with contextlib.suppress(Exception):
            instance._kill_proc()


def _children(pid: int) -> list[int]:
    """Direct children of pid, from /proc."""
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may contain spaces, split after the last ')'.
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            kids.append(int(entry))
    return kids


def _alive(pid: int) -> bool:
    """True if pid exists and is not a zombie (PID 1 in a container may never reap)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rfind(b")") + 2:][:1] != b"Z"


class DovecotUnavailable(RuntimeError):
    """Dovecot is not installed, or is not a 2.3.x version."""


class DovecotError(RuntimeError):
    """A dovecot/doveadm command failed."""


def find_program(name: str) -> str | None:
    """Path of a Dovecot program: PATH first, then /usr/sbin and /usr/bin."""
    found = shutil.which(name)
    if found:
        return found
    for d in ("/usr/sbin", "/usr/bin"):
        if os.access(f"{d}/{name}", os.X_OK):
            return f"{d}/{name}"
    return None


def dovecot_version() -> str:
    """The output of ``dovecot --version``; raises DovecotUnavailable if missing."""
    exe = find_program("dovecot")
    if exe is None or find_program("doveadm") is None:
        raise DovecotUnavailable(f"dovecot/doveadm not found. {INSTALL_HINT}")
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=10,
                             check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError) as e:
        raise DovecotUnavailable(f"`dovecot --version` failed: {e}. {INSTALL_HINT}") from e
    return out


def dovecot_problem() -> str | None:
    """None when a usable Dovecot 2.3 is here; otherwise a message (names the apt package).

    Meant for fixtures: ``pytest.fail(msg)`` when CI=true, ``pytest.skip(msg)`` otherwise.
    """
    try:
        version = dovecot_version()
    except DovecotUnavailable as e:
        return str(e)
    if not version.startswith("2.3."):
        return (f"dovecot --version is {version!r}, the harness needs 2.3.x "
                f"(2.4 has an incompatible config syntax). {INSTALL_HINT}")
    if os.geteuid() != 0:
        return "the Dovecot harness must run as root (Dovecot switches to nobody/dovecot)"
    return None


def free_port() -> int:
    """An ephemeral TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def make_hs256_jwt(claims: dict[str, Any], key: bytes, header: dict[str, Any] | None = None) -> str:
    """An HS256 JWT (hmac/hashlib/base64 only)."""
    hdr = {"alg": "HS256", "typ": "JWT"} if header is None else header
    signing_input = (_b64url(json.dumps(hdr, separators=(",", ":")).encode()) + "."
                     + _b64url(json.dumps(claims, separators=(",", ":")).encode()))
    sig = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + _b64url(sig)


def _mailbox_dir_name(folder: str) -> str:
    """Maildir++ directory of a folder (INBOX is the Maildir root)."""
    if folder.upper() == "INBOX":
        return ""
    # Maildir++ uses '.' as hierarchy separator and a leading dot; '/' in names from
    # callers means hierarchy too. (Non-ASCII names would need mUTF-7: not supported.)
    return "." + folder.replace("/", ".")


class Dovecot:
    """A private Dovecot instance in a temporary directory (see module docstring)."""

    host = "127.0.0.1"

    def __init__(self, user: str = DEFAULT_USER, password: str = DEFAULT_PASSWORD, *,
                 idle_notify_interval: int = 10, rawlog: bool = True,
                 max_userip_connections: int = 1000, extra_config: str = "",
                 keep_dir: bool = False) -> None:
        self.user = user
        self.password = password
        self.idle_notify_interval = idle_notify_interval
        self.rawlog = rawlog
        self.max_userip_connections = max_userip_connections
        self.extra_config = extra_config
        self.keep_dir = keep_dir or os.environ.get("HARNESS_KEEP_DOVECOT") == "1"
        self.oauth_key: bytes = secrets.token_bytes(32)
        self.dir: Path | None = None
        self.port = 0
        self.tls_port = 0
        self.start_seconds: float | None = None  # how long the last start() took
        self._users: dict[str, str] = {user: password}
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr_file: Any = None
        self._marks: dict[str, int] = {}
        self._uid = pwd.getpwnam("nobody").pw_uid
        self._gid = grp.getgrnam("nogroup").gr_gid

    # ---------------------------------------------------------------- paths & setup --
    def _d(self) -> Path:
        if self.dir is None:
            self._prepare()
        assert self.dir is not None
        return self.dir

    @property
    def conf_path(self) -> Path:
        return self._d() / "dovecot.conf"

    @property
    def ca_file(self) -> str:
        """Path of the self-signed certificate (SAN IP:127.0.0.1, DNS:localhost)."""
        return str(self._d() / "cert.pem")

    @property
    def log_path(self) -> Path:
        return self._d() / "dovecot.log"

    def home(self, user: str | None = None) -> Path:
        return self._d() / "home" / (user or self.user)

    def maildir(self, folder: str = "INBOX", user: str | None = None) -> Path:
        return self.home(user) / "Maildir" / _mailbox_dir_name(folder)

    def _prepare(self) -> None:
        problem = dovecot_problem()
        if problem:
            raise DovecotUnavailable(problem)
        d = Path(tempfile.mkdtemp(prefix="notifyd-dovecot-"))
        # Not pytest's tmp_path: the auth process (user dovecot) must traverse the path.
        d.chmod(0o755)
        self.dir = d
        for sub in ("run", "state", "home", "rawlog", "keys/default/HS256"):
            (d / sub).mkdir(parents=True, exist_ok=True)
            (d / sub).chmod(0o755)
        (d / "keys").chmod(0o755)
        (d / "keys/default").chmod(0o755)
        os.chown(d / "home", self._uid, self._gid)
        os.chown(d / "rawlog", self._uid, self._gid)
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(d / "key.pem"), "-out", str(d / "cert.pem")],
            check=True, capture_output=True, timeout=60)
        (d / "cert.pem").chmod(0o644)
        (d / "key.pem").chmod(0o600)
        key_file = d / "keys/default/HS256/default"
        key_file.write_text(base64.b64encode(self.oauth_key).decode() + "\n")
        key_file.chmod(0o644)
        (d / "dovecot-oauth2.conf.ext").write_text(
            "introspection_mode = local\n"
            f"local_validation_key_dict = fs:posix:prefix={d}/keys/\n"
            "username_attribute = email\n")
        self._write_passwd()
        for u in self._users:
            self._user_dirs(u)
        self.port = free_port()
        self.tls_port = free_port()
        while self.tls_port == self.port:
            self.tls_port = free_port()
        self._write_conf()

    def _write_passwd(self, only: str | None = None) -> None:
        """One passwd-file per user (``users/<user>``): Dovecot re-stats a passwd-file at
        most once a second, so a single shared file would make a just-added user fail
        to log in for up to a second; a new per-user file is read at once."""
        d = self._d()
        users_dir = d / "users"
        users_dir.mkdir(exist_ok=True)
        users_dir.chmod(0o755)
        for u, p in self._users.items():
            if only is not None and u != only:
                continue
            if "/" in u or u.startswith(".") or u != u.lower():
                raise ValueError(f"unsupported user name for the harness: {u!r}")
            f = users_dir / u
            tmp = users_dir / f".{u}.tmp"
            tmp.write_text(f"{u}:{{PLAIN}}{p}::::::\n")
            tmp.chmod(0o644)
            tmp.rename(f)

    def _user_dirs(self, user: str) -> None:
        if self.rawlog:
            p = self._d() / "rawlog" / user
            p.mkdir(exist_ok=True)
            os.chown(p, self._uid, self._gid)

    def _write_conf(self) -> None:
        d = self._d()
        rawlog = f"rawlog_dir = {d}/rawlog/%u\n" if self.rawlog else ""
        conf = f"""\
instance_name = notifyd-test-{self.port}
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
ssl_dh = </usr/share/dovecot/dh.pem
disable_plaintext_auth = no
auth_mechanisms = xoauth2 oauthbearer plain login
auth_verbose = yes
auth_failure_delay = 0
# Failed logins are otherwise answered by a 500 ms timer even with auth_failure_delay = 0.
# This first passdb only adds the "nodelay" field; continue-fail keeps the final result
# up to the real passdbs below (wrong passwords/tokens and unknown users still fail).
passdb {{
  driver = static
  args = nopassword=y nodelay=yes
  result_success = continue-fail
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {d}/dovecot-oauth2.conf.ext
}}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {d}/users/%Lu
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={d}/home/%u allow_all_users=yes
}}
mail_location = maildir:~/Maildir
imap_idle_notify_interval = {self.idle_notify_interval} secs
{rawlog}protocol imap {{
  mail_max_userip_connections = {self.max_userip_connections}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
    ssl = yes
  }}
}}
{self.extra_config}
"""
        (d / "dovecot.conf").write_text(conf)

    # ------------------------------------------------------------------- lifecycle --
    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> Dovecot:
        """Run ``dovecot -F`` and wait (≤15 s) until both ports accept connections."""
        d = self._d()
        if self.running:
            return self
        t0 = time.monotonic()
        self._stderr_file = open(d / "dovecot.stderr", "ab")  # noqa: SIM115
        self._proc = subprocess.Popen(
            [find_program("dovecot") or "dovecot", "-F", "-c", str(self.conf_path)],
            stdin=subprocess.DEVNULL, stdout=self._stderr_file, stderr=subprocess.STDOUT)
        _LIVE.add(self)
        deadline = t0 + START_TIMEOUT
        pending = {self.port, self.tls_port}
        while pending and time.monotonic() < deadline:
            if self._proc.poll() is not None:
                break
            for port in list(pending):
                if self._greets(port, tls=port == self.tls_port):
                    pending.discard(port)
            if pending:
                time.sleep(0.02)
        if pending:
            rc = self._proc.poll()
            self._kill_proc()
            raise DovecotError(
                f"Dovecot did not accept connections on {sorted(pending)} within "
                f"{START_TIMEOUT:.0f}s (exit code {rc}).\n--- stderr ---\n"
                f"{self._tail(d / 'dovecot.stderr')}\n--- log ---\n{self._tail(self.log_path)}")
        self.start_seconds = time.monotonic() - t0
        return self

    def _greets(self, port: int, tls: bool) -> bool:
        """True once the port answers with an IMAP greeting (over TLS for imaps): a mere
        accept() is not enough, imap-login/auth may still be starting then."""
        try:
            with socket.create_connection((self.host, port), timeout=2) as raw:
                sock: socket.socket = raw
                if tls:
                    sock = self.ssl_context().wrap_socket(raw, server_hostname=self.host)
                sock.settimeout(2)
                data = b""
                while b"\n" not in data and len(data) < 4096:
                    chunk = sock.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                with contextlib.suppress(OSError):
                    sock.sendall(b"z LOGOUT\r\n")
                return data.startswith(b"* OK")
        except (OSError, ssl.SSLError):
            return False

    def stop(self, graceful: bool = False) -> None:
        """Stop the server and wait (bounded) until it is gone: master and children
        exited, both ports refuse connections. Live IMAP sessions are dropped.

        By default the master *and its children* get SIGTERM together (~20 ms); a plain
        master SIGTERM (graceful=True) takes ~1.1 s (the log process lingers), and ~6 s
        right after start()."""
        kids = self._kill_proc(graceful=graceful)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            busy = any(_alive(pid) for pid in kids)
            for port in (self.port, self.tls_port):
                try:
                    with socket.create_connection((self.host, port), timeout=0.2):
                        busy = True
                except OSError:
                    pass
            if not busy:
                return
            time.sleep(0.02)
        raise DovecotError(f"Dovecot still running/listening 10 s after stop: {kids}")

    def _kill_proc(self, graceful: bool = False) -> list[int]:
        """Terminate the master (and, unless graceful, its children). Returns the pids."""
        proc = self._proc
        self._proc = None
        kids: list[int] = []
        if proc is not None and proc.poll() is None:
            kids = _children(proc.pid)
            proc.terminate()
            if not graceful:
                for pid in kids:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
            kids += _children(proc.pid)  # anything forked meanwhile (reparented: gone)
        if self._stderr_file is not None:
            self._stderr_file.close()
            self._stderr_file = None
        return kids

    def restart(self) -> Dovecot:
        self.stop()
        return self.start()

    def close(self) -> None:
        """stop() and delete the directory (unless keep_dir / HARNESS_KEEP_DOVECOT=1)."""
        self.stop()
        if self.dir is not None and not self.keep_dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> Dovecot:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # ------------------------------------------------------------------------ users --
    def add_user(self, name: str, password: str) -> None:
        """Add a passwd-file user (lower-case name), usable at once without a restart.

        Changing the password of an existing user of a running instance sleeps 1.1 s:
        Dovecot re-reads a passwd-file at most once a second."""
        existed = name in self._users
        self._users[name] = password
        if self.dir is not None:
            self._write_passwd(only=name)
            self._user_dirs(name)
            if existed and self.running:
                time.sleep(1.1)

    @property
    def users(self) -> dict[str, str]:
        return dict(self._users)

    # ---------------------------------------------------------------------- doveadm --
    def doveadm(self, *args: str, input: bytes | None = None, check: bool = True,
                timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
        """Run ``doveadm -c CONF ARGS``; raises DovecotError on a non-zero exit."""
        cmd = [find_program("doveadm") or "doveadm", "-c", str(self.conf_path), *args]
        res = subprocess.run(cmd, input=input, capture_output=True, timeout=timeout)
        if check and res.returncode != 0:
            raise DovecotError(f"{' '.join(cmd)} exited {res.returncode}: "
                               f"{res.stderr.decode(errors='replace').strip()}")
        return res

    def create_folder(self, name: str, user: str | None = None) -> None:
        """Create a folder (no error if it exists)."""
        res = self.doveadm("mailbox", "create", "-u", user or self.user, name, check=False)
        if res.returncode != 0 and b"exists" not in res.stderr:
            raise DovecotError(f"mailbox create {name}: {res.stderr.decode().strip()}")

    def delete_folder(self, name: str, user: str | None = None) -> None:
        """Delete a folder and its messages (no error if it does not exist)."""
        res = self.doveadm("mailbox", "delete", "-u", user or self.user, "-s", name, check=False)
        if res.returncode != 0 and b"exist" not in res.stderr:
            raise DovecotError(f"mailbox delete {name}: {res.stderr.decode().strip()}")

    def folders(self, user: str | None = None) -> list[str]:
        out = self.doveadm("mailbox", "list", "-u", user or self.user).stdout.decode()
        return [line for line in out.splitlines() if line]

    def deliver(self, raw: bytes, folder: str = "INBOX", user: str | None = None) -> None:
        """Store one message via ``doveadm save`` (creates the folder if missing)."""
        u = user or self.user
        res = self.doveadm("save", "-u", u, "-m", folder, input=raw, check=False)
        if res.returncode != 0:
            if folder.upper() != "INBOX" and b"doesn't exist" in res.stderr:
                self.create_folder(folder, u)
                self.doveadm("save", "-u", u, "-m", folder, input=raw)
                return
            raise DovecotError(f"doveadm save failed: {res.stderr.decode().strip()}")

    def deliver_many(self, messages: Sequence[bytes], folder: str = "INBOX",
                     user: str | None = None, *, seen: bool = False) -> None:
        """Bulk delivery: writes Maildir files straight into ``cur/`` (in order, so UIDs
        follow the list order) and then runs ``doveadm force-resync``. ~thousands/s.

        ``seen=True`` stores them with the \\Seen flag. Messages are stored byte for byte
        (give them CRLF or LF endings as you like)."""
        if not messages:
            return
        u = user or self.user
        # Make sure the folder (and its index/uidlist) exists, owned by nobody.
        if folder.upper() == "INBOX":
            self.doveadm("mailbox", "status", "-u", u, "messages", "INBOX")
        else:
            self.create_folder(folder, u)
        box = self.maildir(folder, u)
        tmp, cur = box / "tmp", box / "cur"
        if not cur.is_dir():
            raise DovecotError(f"{cur} missing after creating {folder!r}")
        base = int(time.time())
        pid = os.getpid()
        host = socket.gethostname().replace("/", "_").replace(":", "_") or "harness"
        flags = "S" if seen else ""
        nonce = secrets.token_hex(4)
        for i, raw in enumerate(messages):
            # Dovecot sorts new files by the <secs>.M<usecs> prefix: keep it monotonic.
            secs, usecs = base + i // 1_000_000, i % 1_000_000
            name = f"{secs}.M{usecs}P{pid}Q{i}R{nonce}.{host},S={len(raw)}:2,{flags}"
            p = tmp / name
            with open(p, "wb") as f:
                f.write(raw)
            os.chown(p, self._uid, self._gid)
            os.rename(p, cur / name)
        self.doveadm("force-resync", "-u", u, folder, timeout=300)

    def status(self, folder: str = "INBOX", user: str | None = None) -> dict[str, int]:
        """{'messages', 'uidnext', 'uidvalidity', 'unseen'} via ``doveadm mailbox status``."""
        out = self.doveadm("-f", "flow", "mailbox", "status", "-u", user or self.user,
                           "messages uidnext uidvalidity unseen", folder).stdout.decode()
        result: dict[str, int] = {}
        for tok in out.split():
            key, sep, value = tok.partition("=")
            if sep and key in ("messages", "uidnext", "uidvalidity", "unseen"):
                result[key] = int(value)
        if len(result) != 4:
            raise DovecotError(f"unexpected doveadm status output: {out!r}")
        return result

    def fetch_flags(self, folder: str = "INBOX", user: str | None = None) -> dict[int, set[str]]:
        """{uid: {'\\\\Seen', ...}} for every message, via doveadm (no IMAP session, so
        nothing is counted in the rawlog and nothing gets marked seen)."""
        out = self.doveadm("-f", "tab", "fetch", "-u", user or self.user, "uid flags",
                           "mailbox", folder, "all").stdout.decode()
        lines = out.splitlines()
        result: dict[int, set[str]] = {}
        for line in lines[1:]:  # first line is the header "uid\tflags"
            if not line.strip():
                continue
            uid, _, flags = line.partition("\t")
            result[int(uid)] = set(flags.split())
        return result

    def flags(self, uid: int, folder: str = "INBOX", user: str | None = None) -> set[str]:
        return self.fetch_flags(folder, user).get(uid, set())

    def unseen_uids(self, folder: str = "INBOX", user: str | None = None) -> list[int]:
        return sorted(u for u, f in self.fetch_flags(folder, user).items() if "\\Seen" not in f)

    def kick(self, user: str | None = None) -> None:
        """Disconnect every IMAP session of the user (server side)."""
        res = self.doveadm("kick", user or self.user, check=False)
        # "no users found" (exit 68 / EX_NOUSER?) is fine: nothing to kick.
        if res.returncode not in (0, 68):
            raise DovecotError(f"doveadm kick: {res.stderr.decode().strip()}")

    def who(self) -> str:
        return self.doveadm("who", check=False).stdout.decode()

    def reset_uidvalidity(self, folder: str = "INBOX", user: str | None = None) -> int:
        """Delete & recreate the folder (its messages are gone) so UIDVALIDITY changes.

        Sleeps 1.1 s first: UIDVALIDITY comes from the clock in seconds. For INBOX the
        INBOX files in the Maildir root are removed (other folders survive). Live
        sessions that have the folder selected are not kicked; Dovecot notices on its
        own. Returns the new UIDVALIDITY."""
        u = user or self.user
        old = self.status(folder, u)["uidvalidity"]
        time.sleep(1.1)
        if folder.upper() == "INBOX":
            root = self.maildir("INBOX", u)
            for entry in list(root.iterdir()) if root.exists() else []:
                if entry.name in ("cur", "new", "tmp") or entry.name.startswith(
                        ("dovecot-uidlist", "dovecot.index", "dovecot-keywords")):
                    if entry.is_dir():
                        shutil.rmtree(entry)
                    else:
                        entry.unlink()
        else:
            self.delete_folder(folder, u)
            self.create_folder(folder, u)
        new = self.status(folder, u)["uidvalidity"]
        if new == old:
            raise DovecotError(f"UIDVALIDITY of {folder} did not change ({old})")
        return new

    def set_uidvalidity(self, value: int, folder: str = "INBOX", user: str | None = None) -> None:
        """Change UIDVALIDITY in place (messages kept) via ``doveadm mailbox update``."""
        self.doveadm("mailbox", "update", "-u", user or self.user, "--uid-validity",
                     str(value), folder)

    # ------------------------------------------------------------------------ OAuth --
    def mint_token(self, user: str | None = None, exp_in: int | None = 3600,
                   key: bytes | None = None, **claims: Any) -> str:
        """A bearer token Dovecot accepts for XOAUTH2/OAUTHBEARER (HS256 JWT).

        Claims default to sub=email=user, iat=now, exp=now+exp_in (exp_in=None: no exp).
        Extra keyword claims override; a claim given as None is removed. key=another
        32-byte secret gives a token Dovecot rejects."""
        u = user or self.user
        now = int(time.time())
        body: dict[str, Any] = {"sub": u, "email": u, "iat": now}
        if exp_in is not None:
            body["exp"] = now + exp_in
        body.update(claims)
        body = {k: v for k, v in body.items() if v is not None}
        if self.rawlog and self.dir is not None:
            self._user_dirs(u)
        return make_hs256_jwt(body, self.oauth_key if key is None else key)

    # ----------------------------------------------------------------------- clients --
    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts (only) this instance's certificate."""
        return ssl.create_default_context(cafile=self.ca_file)

    def client(self, mode: Literal["ssl", "starttls", "none"] = "ssl", *, login: bool = True,
               user: str | None = None, password: str | None = None,
               timeout: float = 10) -> Any:
        """A connected ``imapclient.IMAPClient`` (logged in unless login=False)."""
        from imapclient import IMAPClient

        if mode == "ssl":
            c = IMAPClient(self.host, port=self.tls_port, ssl=True,
                           ssl_context=self.ssl_context(), timeout=timeout)
        else:
            c = IMAPClient(self.host, port=self.port, ssl=False, timeout=timeout)
            if mode == "starttls":
                c.starttls(self.ssl_context())
        if login:
            u = user or self.user
            c.login(u, password if password is not None else self._users.get(u, self.password))
        return c

    # ------------------------------------------------------------------ diagnostics --
    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    @staticmethod
    def _tail(path: Path, lines: int = 40) -> str:
        try:
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no file)"

    def log_tail(self, lines: int = 40) -> str:
        return self._tail(self.log_path, lines)

    # ---------------------------------------------------------------- command count --
    def _rawlog_files(self, user: str | None) -> list[Path]:
        base = self._d() / "rawlog"
        dirs: Iterable[Path] = [base / user] if user else [p for p in base.iterdir() if p.is_dir()]
        files = [f for d in dirs if d.is_dir() for f in d.glob("*.in")]
        return sorted(files, key=lambda f: (f.stat().st_mtime, f.name))

    def mark_commands(self) -> None:
        """Baseline for commands()/command_count(): only later input is counted."""
        if not self.rawlog:
            raise DovecotError("rawlog is disabled on this instance")
        self._marks = {}
        for f in self._rawlog_files(None):
            self._marks[str(f)] = f.stat().st_size

    def commands(self, user: str | None = None, settle: float = 0.05) -> list[str]:
        """Tagged IMAP commands sent after login by all sessions (of ``user``), from the
        rawlog, excluding input before mark_commands(). Waits ``settle`` seconds first
        because Dovecot writes the rawlog asynchronously."""
        if not self.rawlog:
            raise DovecotError("rawlog is disabled; count commands with TcpProxy instead")
        if settle:
            time.sleep(settle)
        out: list[str] = []
        for f in self._rawlog_files(user):
            data = f.read_bytes()
            start = self._marks.get(str(f), 0)
            # Parse the whole file (literal state), then drop commands before the mark.
            out.extend(_commands_after(data, start))
        return out

    def command_count(self, user: str | None = None, settle: float = 0.05) -> int:
        return len(self.commands(user, settle))

    def command_names(self, user: str | None = None, settle: float = 0.05) -> list[str]:
        """Like commands() but only the names: ["SELECT", "UID SEARCH", "LOGOUT"]."""
        return [command_name(c) for c in self.commands(user, settle)]


_RAWLOG_TS = re.compile(rb"(?m)^\d+\.\d+ ")


def _strip_rawlog_timestamps(data: bytes) -> bytes:
    """Dovecot's rawlog prefixes *every* line (literal lines too) with "secs.usecs "."""
    return _RAWLOG_TS.sub(b"", data)


def _commands_after(data: bytes, offset: int) -> list[str]:
    commands = parse_imap_commands(_strip_rawlog_timestamps(data))
    if offset <= 0:
        return commands
    before = len(parse_imap_commands(_strip_rawlog_timestamps(data[:offset])))
    return commands[before:]


__all__ = [
    "DEFAULT_PASSWORD",
    "DEFAULT_USER",
    "INSTALL_HINT",
    "Dovecot",
    "DovecotError",
    "DovecotUnavailable",
    "dovecot_problem",
    "dovecot_version",
    "find_program",
    "free_port",
    "make_hs256_jwt",
]
