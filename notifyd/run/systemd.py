"""What the daemon tells systemd (READY, STATUS, WATCHDOG) and the process limits it runs within."""

from __future__ import annotations

import logging
import os
import resource
import socket

log = logging.getLogger(__name__)


def sd_notify(message: str) -> None:
    """Send one sd_notify datagram (READY=1, STATUS=..., WATCHDOG=1) when run under systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]  # abstract namespace socket
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError as exc:
        log.debug("sd_notify failed: %s", exc)


def watchdog_interval() -> float | None:
    """Seconds between watchdog pings systemd expects (WATCHDOG_USEC), or None when it wants none."""
    usec = os.environ.get("WATCHDOG_USEC", "")
    pid = os.environ.get("WATCHDOG_PID", "")
    # WATCHDOG_PID names the process meant; a child that inherited the variable must not ping.
    if not usec.isdigit() or int(usec) == 0 or (pid.isdigit() and int(pid) != os.getpid()):
        return None
    return int(usec) / 1_000_000


def raise_descriptor_limit() -> tuple[int, int]:
    """Raise the soft open-file limit to the hard one (one descriptor per IMAP connection, and
    1,024 is a common soft default); returns (soft, hard) as they are afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (OSError, ValueError) as exc:
            # A seccomp filter (the unit's ~@resources) may refuse; LimitNOFILE= covers that.
            log.debug("cannot raise the open-file limit from %d to %d: %s", soft, hard, exc)
    return soft, hard


def descriptors_in_use() -> int | None:
    """Open descriptors of this process, or None where /proc cannot tell."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return None


def descriptor_limit() -> int:
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]
