"""Alert e-mails through the real SMTP sink (HTML and text with the same links, reminders threaded
under the first alert) and the HTML digest at a phone's 390 px in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from conftest import ROOT, notifyd, unavailable
from harness import SmtpSink, WebhookReceiver
from mailfactory import deactivation, odr_warning, trademark_complaint

from notifyd.core.settings import load_settings
from notifyd.run import tick as scheduler
from notifyd.store.db import Store

ARTIFACTS = ROOT / "test-artifacts"
HEALTH = "https://sellercentral.amazon.com/performance/dashboard"


def parts(message: EmailMessage) -> tuple[str, str]:
    assert message.get_content_type() == "multipart/alternative"
    text, markup = (p.get_content().replace("\r\n", "\n") for p in message.iter_parts())
    return text, markup


def test_alert_emails_carry_the_same_links_in_both_parts_and_reminders_thread_under_the_first(
    smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = tmp_path / "notifyd.toml"
    config.write_text(
        f'database = "{tmp_path / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n'
        f'[[channel]]\nname = "mail"\nurl = "{smtp_sink.apprise_url()}"\n',
        encoding="utf-8",
    )
    sent = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    mail = tmp_path / "odr.eml"
    mail.write_bytes(odr_warning(sent))
    imported = notifyd("--config", str(config), "import", str(mail))
    assert imported.returncode == 0, imported.stderr
    [first] = smtp_sink.wait_for(1)
    title = "[HIGH] Order Defect Rate above target on amazon.com (#1)"
    assert first.subject == title
    text, markup = parts(first.message)
    # The same facts and the same links in both parts: a text-only reader keeps the link.
    assert f"Account Health: {HEALTH}" in text
    assert f'href="{HEALTH}"' in markup
    for fact in ("Deadline: ", "Order Defect Rate: 2.4% (target < 1%)", "Subject: Warning: Your order defect rate"):
        assert fact in text
    assert "Acknowledge: notifyd ack 1" in text and "notifyd ack 1" in markup
    root = first.message["Message-ID"]
    assert re.fullmatch(r"<notifyd\.notice-1\.[0-9a-f]{12}@[\w.-]+>", root), root

    # The 24 h reminder, then the overdue repeat: each a reply in the same thread.
    settings = load_settings(config)
    deadline = sent + timedelta(hours=72)
    with Store(settings.database) as store:
        scheduler.tick(store, settings, deadline - timedelta(hours=24))
        scheduler.tick(store, settings, deadline + timedelta(minutes=1))
    _, reminder, overdue = smtp_sink.wait_for(3)
    assert reminder.subject == overdue.subject == f"Re: {title}"
    assert reminder.message["In-Reply-To"] == root
    assert reminder.message["References"] == root
    assert overdue.message["In-Reply-To"] == reminder.message["Message-ID"]
    assert overdue.message["References"].split() == [root, reminder.message["Message-ID"]]
    assert parts(overdue.message)[0].startswith("OVERDUE: [HIGH] Order Defect Rate")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    unavailable("chromium is not installed")


def test_the_digest_fits_a_390_px_phone_screen(tmp_path: Path) -> None:
    browser = chromium()
    config = tmp_path / "notifyd.toml"
    config.write_text(
        f'database = "{tmp_path / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n'
        '[[mailbox]]\nname = "eu"\npath = "inbox"\naccount = "Northwind Trading EU"\n',
        encoding="utf-8",
    )
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    now = datetime.now(UTC)
    (inbox / "1.eml").write_bytes(odr_warning(now - timedelta(days=4)))
    (inbox / "2.eml").write_bytes(deactivation(now - timedelta(days=1)))
    (inbox / "3.eml").write_bytes(
        trademark_complaint(now - timedelta(days=2), asins=tuple(f"B0{n:08d}" for n in range(8)))
    )
    assert notifyd("--config", str(config), "run", "--once").returncode == 0
    page = tmp_path / "digest.html"
    preview = notifyd("--config", str(config), "digest", "--preview", str(page))
    assert preview.returncode == 0, preview.stderr
    # Measure in the browser: the page's own width must not exceed the screen's, or the issue
    # column is clipped (or the reader scrolls sideways).
    probe = tmp_path / "probe.html"
    # Headless Chromium lays out at least 500 px whatever --window-size says, so the page is
    # held to the phone's 390 px and what overflows it is measured.
    probe.write_text(
        page.read_text(encoding="utf-8")
        .replace("</head>", "<style>html, body { width: 390px }</style></head>")
        .replace(
            "</body>",
            "<script>document.body.setAttribute('data-scroll-width', "
            "document.body.scrollWidth)</script></body>",
        ),
        encoding="utf-8",
    )
    ARTIFACTS.mkdir(exist_ok=True)
    png = ARTIFACTS / "digest-390.png"
    with tempfile.TemporaryDirectory() as profile:
        shot = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--screenshot={png}", "--dump-dom",
             "--window-size=390,1600", probe.as_uri()],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert shot.returncode == 0 and png.exists(), shot.stderr[-2000:]
    width = re.search(r'data-scroll-width="(\d+)"', shot.stdout)
    assert width, shot.stdout[-500:]
    assert int(width.group(1)) <= 390
    assert "Account deactivated: Late Shipment Rate above target, amazon.com, Northwind Trading EU" \
        in shot.stdout


def test_check_probe_reaches_a_live_channel_and_names_a_dead_one(
    webhook: WebhookReceiver, tmp_path: Path
) -> None:
    config = tmp_path / "notifyd.toml"
    config.write_text(
        f'database = "{tmp_path / "notifyd.db"}"\n'
        f'[[channel]]\nname = "live"\nurl = "{webhook.url("json")}"\n'
        '[[channel]]\nname = "dead"\nurl = "json://127.0.0.1:9/x"\n',
        encoding="utf-8",
    )
    result = notifyd("--config", str(config), "check", "--probe")
    assert result.returncode == 1, result.stderr  # valid, but a server does not answer
    lines = result.stdout.splitlines()
    live = lines.index("channel live: json://…, min_severity low")
    assert lines[live + 1].startswith("  reachable (127.0.0.1:")
    dead = lines.index("channel dead: json://…, min_severity low")
    assert lines[dead + 1].startswith("  UNREACHABLE 127.0.0.1:9: ")
    assert webhook.requests == []  # a probe connects; it never sends
