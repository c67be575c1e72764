"""Many mailboxes for scale tests and the capacity benchmark: one Dovecot, N users, one config.

    with Fleet(1000) as fleet:
        config = fleet.write_config(workdir, channel_url)   # N [[mailbox]] sections, plain IMAP
        proc = fleet.start_daemon(config, log, nofile="1024:65536")
        fleet.deliver(17, raw)                              # into the 18th mailbox
        fleet.process(proc.pid)  # {"threads": ..., "fds": ..., "rss_kib": ..., "cpu_s": ...}
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from .dovecot import Dovecot

# Dovecot's defaults stop at 100 imap processes (one per IMAP session): room for the fleet.
# Past the kernel's 128 inotify instances per user, Dovecot notices new mail for IDLE by
# checking every mailbox_idle_check_interval (30 s by default): 1 s, as inotify would give.
SCALE_CONFIG = """
mailbox_idle_check_interval = 1 secs
default_client_limit = 20000
service imap {{
  process_limit = {processes}
}}
service imap-login {{
  process_limit = 500
}}
service anvil {{
  client_limit = 20000
}}
"""


class Fleet:
    """A private Dovecot with `size` users named fleetN@example.test (password "secret")."""

    def __init__(self, size: int) -> None:
        self.size = size
        # Keep-alives during IDLE at Dovecot's default (2 min), not the tests' 10 s.
        self.server = Dovecot(rawlog=False, idle_notify_interval=120,
                              extra_config=SCALE_CONFIG.format(processes=size + 100),
                              max_userip_connections=10)
        self.users = [f"fleet{i}@example.test" for i in range(size)]

    def __enter__(self) -> Fleet:
        self.server.start()
        for user in self.users:
            self.server.add_user(user, "secret")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.server.close()

    def write_config(self, workdir: Path, channel_url: str, **top: str) -> Path:
        lines = [f'database = "{workdir / "notifyd.db"}"']
        lines += [f'{k} = "{v}"' for k, v in top.items()]
        lines += ["[[channel]]", 'name = "hook"', f'url = "{channel_url}"']
        for i, user in enumerate(self.users):
            lines += [
                "[[mailbox]]", f'name = "box{i}"', f'host = "{self.server.host}"',
                f"port = {self.server.port}", 'security = "none"', f'username = "{user}"',
                'password = "secret"', 'since = "3650d"', 'timeout = "30s"',
            ]
        config = workdir / "notifyd.toml"
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return config

    def start_daemon(self, config: Path, log: Path, nofile: str = "1024:"
                     ) -> subprocess.Popen[bytes]:
        """`notifyd run` under `prlimit --nofile=SOFT:HARD`, output to `log`."""
        with log.open("ab") as out:
            return subprocess.Popen(
                ["prlimit", f"--nofile={nofile}", "--", sys.executable, "-m", "notifyd",
                 "--config", str(config), "run"],
                stdout=out, stderr=out, stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )

    def deliver(self, index: int, raw: bytes) -> None:
        self.server.deliver(raw, user=self.users[index])

    @staticmethod
    def process(pid: int) -> dict[str, float]:
        """Threads, open descriptors, RSS and CPU seconds of a process, from /proc."""
        status = Path(f"/proc/{pid}/status").read_text()
        values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        stat = Path(f"/proc/{pid}/stat").read_bytes()
        fields = stat[stat.rfind(b")") + 2:].split()
        tick = os.sysconf("SC_CLK_TCK")
        return {
            "threads": int(values["Threads"].strip()),
            "fds": len(os.listdir(f"/proc/{pid}/fd")),
            "rss_kib": int(values["VmRSS"].split()[0]),
            "cpu_s": (int(fields[11]) + int(fields[12])) / tick,
        }
