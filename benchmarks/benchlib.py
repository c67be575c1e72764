"""Shared pieces of the benchmark scripts: a realistic mail mix, a private Dovecot, a result line."""

from __future__ import annotations

import base64
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from harness import Dovecot  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
NOW = datetime.now(UTC)

# The mail mix of a seller's inbox, by share of messages (notices are placed separately).
# Sizes are what a mailbox of a small business holds: short personal and business mail,
# HTML newsletters, invoices and photos as attachments, now and then a scan of several MB.
ORDINARY_MIX = (
    ("plain", 0.50),  # 1-8 KB text
    ("newsletter", 0.28),  # 20-120 KB multipart/alternative with an HTML part
    ("attachment", 0.12),  # 50 KB-1 MB PDF or image
    ("big_attachment", 0.015),  # 2-6 MB
    ("amazon_order", 0.085),  # "Sold, ship now" and other Amazon mail that is no notice
)
NOTICE_SHARE = 0.05

_WORDS = ["invoice", "order", "shipment", "delivery", "meeting", "tomorrow", "please", "find", "attached", "thanks", "regards", "customer", "supplier", "price", "quote", "stock", "warehouse", "pallet", "return", "refund", "question", "update", "schedule", "call", "week", "month", "product", "sample", "photo", "label", "packaging", "carton", "contract"]


def _pool(kind: str) -> str:
    """Two MB of filler made once: slicing it is far faster than writing words per message."""
    if kind not in _POOLS:
        rng = random.Random(kind)
        if kind == "text":
            words = [rng.choice(_WORDS) for _ in range(400_000)]
            text = "\r\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
        else:
            text = "".join(
                f'<tr><td><a href="https://shop.example/p/{n}">{rng.choice(_WORDS)}</a> '
                f"{' '.join(rng.choice(_WORDS) for _ in range(8))}</td></tr>\r\n"
                for n in range(30_000)
            )
        _POOLS[kind] = text
    return _POOLS[kind]


_POOLS: dict[str, str] = {}


def _text(rng: random.Random, size: int, kind: str = "text") -> str:
    pool = _pool(kind)
    start = rng.randrange(0, len(pool) - size)
    return pool[start : start + size]


class _Blobs:
    """Random base64 attachment bodies, made once and reused: their content is irrelevant."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cache: dict[int, str] = {}

    def get(self, size: int) -> str:
        # Round to 64 KB so a handful of blobs serve every message.
        key = max(1, size // 65536)
        if key not in self.cache:
            raw = self.rng.randbytes(key * 65536 * 3 // 4)
            b64 = base64.b64encode(raw).decode()
            self.cache[key] = "\r\n".join(b64[i : i + 76] for i in range(0, len(b64), 76))
        return self.cache[key]


def _head(sender: str, subject: str, date: datetime, msgid: str, extra: str = "") -> str:
    return (
        f"Return-Path: <{sender.split('<')[-1].rstrip('>')}>\r\n"
        f"Received: from mx.example.net (mx.example.net [192.0.2.7])\r\n"
        f"\tby mail.seller.example with ESMTPS; {format_datetime(date)}\r\n"
        f"From: {sender}\r\nTo: seller@example.test\r\nSubject: {subject}\r\n"
        f"Date: {format_datetime(date)}\r\nMessage-ID: {msgid}\r\nMIME-Version: 1.0\r\n{extra}"
    )


def ordinary_mail(kind: str, i: int, rng: random.Random, blobs: _Blobs) -> bytes:
    date = NOW - timedelta(minutes=rng.randint(10, 60 * 24 * 60))
    msgid = f"<bench-{kind}-{i}-{rng.getrandbits(32):x}@mail.example>"
    if kind == "plain":
        head = _head(
            f"Jane Supplier <jane{i % 97}@supplier{i % 13}.example>",
            f"Re: {rng.choice(_WORDS)} {rng.choice(_WORDS)} #{i}",
            date,
            msgid,
            "Content-Type: text/plain; charset=utf-8\r\n",
        )
        return (head + "\r\n" + _text(rng, rng.randint(1000, 8000)) + "\r\n").encode()
    if kind == "newsletter":
        size = rng.randint(20_000, 120_000)
        text = _text(rng, size // 4)
        html = "<html><body><table>\r\n" + _text(rng, size * 3 // 4, "html")
        html += "</table></body></html>"
        head = _head(
            f"Garden Weekly <news@gardenweekly{i % 7}.example>",
            f"This week's picks: {rng.choice(_WORDS)} and more",
            date,
            msgid,
            'Content-Type: multipart/alternative; boundary="nl-b"\r\n',
        )
        body = (
            "\r\n--nl-b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + text
            + "\r\n--nl-b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + html
            + "\r\n--nl-b--\r\n"
        )
        return (head + body).encode()
    if kind in ("attachment", "big_attachment"):
        size = (
            rng.randint(50_000, 1_000_000)
            if kind == "attachment"
            else rng.randint(2_000_000, 6_000_000)
        )
        head = _head(
            f"Accounts <billing@logistics{i % 11}.example>",
            f"Invoice {100000 + i} and delivery photos",
            date,
            msgid,
            'Content-Type: multipart/mixed; boundary="mx-b"\r\n',
        )
        body = (
            "\r\n--mx-b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + _text(rng, 1500)
            + f'\r\n--mx-b\r\nContent-Type: application/pdf; name="invoice-{i}.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n"
            f'Content-Disposition: attachment; filename="invoice-{i}.pdf"\r\n\r\n'
            + blobs.get(size)
            + "\r\n--mx-b--\r\n"
        )
        return (head + body).encode()
    if kind == "amazon_order":
        head = _head(
            "Amazon Seller Central <seller-notification@amazon.com>",
            f"Sold, ship now: {rng.choice(_WORDS).title()} {rng.choice(_WORDS)}, pack of {i % 9 + 1}",
            date,
            msgid,
            "Content-Type: text/plain; charset=utf-8\r\n",
        )
        return (
            head
            + "\r\nCongratulations, you sold an item. Please ship it now.\r\n"
            + f"Order ID: 113-{1000000 + i:07d}-{rng.randint(1000000, 9999999)}\r\n"
            + "Ship by: "
            + (date + timedelta(days=2)).strftime("%B %d, %Y")
            + "\r\n"
            + _text(rng, 1500)
            + "\r\n"
        ).encode()
    raise ValueError(kind)


def corpus_notices() -> list[bytes]:
    """The corpus emails labelled as notices or phishing: the mail notifyd exists for."""
    out = []
    for eml in sorted(CORPUS.glob("*.eml")):
        label = eml.with_suffix(".json")
        if not label.exists():
            continue
        want = json.loads(label.read_text(encoding="utf-8"))
        if want.get("is_notice") or want.get("suspected_phishing"):
            out.append(eml.read_bytes())
    return out


_MSGID = re.compile(rb"(?im)^message-id:[^\r\n]*(\r?\n[ \t][^\r\n]*)*\r?\n")


def with_message_id(raw: bytes, msgid: str) -> bytes:
    """The same email under a new Message-ID, so each copy is a distinct notice."""
    line = f"Message-ID: {msgid}\r\n".encode()
    if _MSGID.search(raw):
        return _MSGID.sub(lambda m: line, raw, count=1)
    return line + raw


def mailbox_mix(n: int, seed: int = 8) -> Iterator[tuple[str, bytes]]:
    """n messages in delivery order: 5 % notices, the rest ordinary mail of realistic sizes."""
    rng = random.Random(seed)
    blobs = _Blobs(rng)
    notices = corpus_notices()
    kinds = [k for k, _ in ORDINARY_MIX]
    weights = [w for _, w in ORDINARY_MIX]
    for i in range(n):
        # Notices at a fixed stride so every size has exactly 5 % of them.
        if i % round(1 / NOTICE_SHARE) == 7 % round(1 / NOTICE_SHARE):
            raw = notices[i % len(notices)]
            yield "notice", with_message_id(raw, f"<bench-notice-{i}-{seed}@email.amazonses.com>")
        else:
            kind = rng.choices(kinds, weights)[0]
            yield kind, ordinary_mail(kind, i, rng, blobs)


def fill(server: Dovecot, user: str, n: int, seed: int = 8, chunk: int = 5000) -> dict[str, Any]:
    """Deliver the mix into user's INBOX in chunks (bounded memory); returns counts and bytes."""
    counts: dict[str, int] = {}
    total = 0
    batch: list[bytes] = []
    for kind, raw in mailbox_mix(n, seed):
        counts[kind] = counts.get(kind, 0) + 1
        total += len(raw)
        batch.append(raw)
        if len(batch) >= chunk:
            server.deliver_many(batch, user=user)
            batch = []
    server.deliver_many(batch, user=user)
    return {"counts": counts, "bytes": total}


def warm_up(server: Dovecot, user: str, password: str) -> None:
    """Open the folder once, as the user's own mail client would have: Dovecot builds its main
    index on the first open of a freshly delivered Maildir, a one-time cost no side should pay."""
    client = server.client("ssl", user=user, password=password)
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    for start in range(0, len(uids), 5000):
        client.fetch(uids[start : start + 5000], ["FLAGS"])
    client.logout()


def drop_index_cache(server: Dovecot, user: str) -> None:
    """Forget Dovecot's cached header fields, so every measured sync starts equally cold."""
    for cache in server.maildir("INBOX", user).glob("dovecot.index.cache*"):
        cache.unlink()


@contextmanager
def dovecot() -> Iterator[Dovecot]:
    # No rawlog: it would copy every fetched byte to disk and slow both sides of a ratio.
    server = Dovecot(rawlog=False)
    server.start()
    try:
        yield server
    finally:
        server.close()


def mailbox_toml(server: Dovecot, user: str, password: str, **extra: Any) -> str:
    lines = [
        "[[mailbox]]",
        'name = "bench"',
        f'host = "{server.host}"',
        f"port = {server.tls_port}",
        'security = "tls"',
        f'username = "{user}"',
        f'password = "{password}"',
        f'ca_file = "{server.ca_file}"',
        'since = "3650d"',
        'timeout = "120s"',
    ]
    for key, value in extra.items():
        lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def workdir() -> Path:
    path = Path(tempfile.mkdtemp(prefix="notifyd-bench-"))
    return path


def write_config(directory: Path, *sections: str, database: str = "notifyd.db") -> Path:
    path = directory / "notifyd.toml"
    path.write_text(f'database = "{directory / database}"\n' + "\n".join(sections))
    return path


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def result(name: str, value: float, op: str, target: float, **detail: Any) -> None:
    """The last line of every benchmark: what benchmarks/run reads."""
    ok = value <= target if op == "<=" else value < target
    print(json.dumps({"figure": name, "value": value, "op": op, "target": target, "ok": ok,
                      **detail}), flush=True)


def log(*parts: Any) -> None:
    print(*parts, file=sys.stderr, flush=True)


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        mem_kb = int(info.readline().split()[1])
    dovecot_version = subprocess.run(
        ["dovecot", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "dovecot": dovecot_version,
        "kernel": platform.release(),
    }
