"""The weekly digest: what it says, through the real SMTP sink, sent once, and how it renders."""

from __future__ import annotations

import collections
import html.parser
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from conftest import ROOT, notifyd, unavailable
from freezegun import freeze_time
from harness import SmtpSink
from mailfactory import deactivation, odr_warning, trademark_complaint

from notifyd.cli import cli
from notifyd.core.settings import Settings, load_settings
from notifyd.deliver.monitor import next_weekly
from notifyd.ingest.pipeline import import_paths
from notifyd.seller import digest, respond
from notifyd.store.db import Store
from notifyd.understand.classify import load_rules

CORPUS = ROOT / "tests" / "corpus"
ARTIFACTS = ROOT / "test-artifacts"
BERLIN = ZoneInfo("Europe/Berlin")
TM_ASINS = ("B01G6I41N6", "B07XJ8C8F5")  # corpus 051 names the same two ASINs
CHROMIUM_INSTALL = "sudo apt-get install -y chromium"


def berlin(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=BERLIN).astimezone(UTC)


# Monday 30 Nov 2026 08:00 in Berlin: the digest for ISO week 48 (Mon 23 to Mon 30 Nov).
MONDAY = berlin(2026, 11, 30, 8, 0)


def redate(raw: bytes, when: datetime) -> bytes:
    head, sep, body = raw.partition(b"\n\n")
    head = re.sub(rb"(?m)^Date:.*$", b"Date: " + format_datetime(when).encode(), head, count=1)
    return head + sep + body


def config_for(folder: Path, url: str | None) -> Path:
    path = folder / "notifyd.toml"
    digest_part = f'\n[digest]\nschedule = "mon 08:00"\nurl = "{url}"\n' if url else ""
    path.write_text(f'database = "{folder / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n'
                    + digest_part, encoding="utf-8")
    return path


def ingest(store: Store, settings: Settings, folder: Path, name: str, raw: bytes,
           seen: datetime) -> int:
    """One email through the real pipeline, as if notifyd read it at `seen`."""
    path = folder / f"{name}.eml"
    path.write_bytes(raw)
    report = import_paths(store, settings, load_rules(settings.rules_dirs), [path], True, seen)
    assert report.notice_ids, f"{name} was not stored as a notice"
    return report.notice_ids[0]


def seller_weeks(store: Store, settings: Settings, folder: Path, base: datetime) -> dict[str, int]:
    """Three weeks of a seller's notices before `base` (a Monday 08:00 send)."""
    when = {
        "condition": base - timedelta(days=25),     # no deadline, still open
        "odr_overdue": base - timedelta(days=20),   # 72 h deadline long past, open
        "odr_resolved": base - timedelta(days=13),  # resolved this week
        "trademark": base - timedelta(days=5),      # new this week, 90-day deadline
        "deactivation": base - timedelta(days=4),   # new, 17-day deadline, acknowledged
        "phishing": base - timedelta(days=3),
    }
    mails = {
        "condition": redate((CORPUS / "051-condition-dp-gp-links.eml").read_bytes(),
                            when["condition"]),
        "odr_overdue": odr_warning(when["odr_overdue"], rate="2.4"),
        "odr_resolved": odr_warning(when["odr_resolved"], rate="1.6"),
        "trademark": trademark_complaint(when["trademark"], asins=TM_ASINS),
        "deactivation": deactivation(when["deactivation"]),
        "phishing": (CORPUS / "080-phish-f3dven-lookalike.eml").read_bytes(),
    }
    ids = {name: ingest(store, settings, folder, name, mails[name], when[name] + timedelta(minutes=3))
           for name in mails}
    respond.acknowledge(store, ids["deactivation"], "anna", when["deactivation"] + timedelta(hours=1))
    respond.resolve(store, ids["odr_resolved"], "anna", "back under 1%", base - timedelta(days=2))
    return ids


def parts(message: EmailMessage) -> tuple[str, str]:
    """The text and HTML alternatives of a received message, with plain newlines."""
    assert message.get_content_type() == "multipart/alternative"
    kinds = [p.get_content_type() for p in message.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    text, markup = (p.get_content().replace("\r\n", "\n") for p in message.iter_parts())
    return text, markup


class _Text(html.parser.HTMLParser):
    """What a reader sees in the HTML: text only, <head> left out."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._head = self._head or tag == "head"

    def handle_endtag(self, tag: str) -> None:
        self._head = self._head and tag != "head"

    def handle_data(self, data: str) -> None:
        if not self._head and data.strip():
            self.chunks.append(data.strip())


def visible(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return " ".join(parser.chunks)


def between(text: str, start: str, end: str) -> str:
    assert start in text, f"{start!r} missing"
    rest = text.split(start, 1)[1]
    return rest.split(end, 1)[0] if end in rest else rest


def order_of(section: str, ids: list[int]) -> list[int]:
    """The notice IDs as they appear in a section, by first position of '#ID'."""
    found = {i: m.start() for i in ids if (m := re.search(rf"#{i}\b", section))}
    return sorted(found, key=found.__getitem__)


# --- what the digest says ---------------------------------------------------------------------


def test_weekly_digest_arrives_with_both_parts_listing_the_right_notices_in_order(
    smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    settings = load_settings(config_for(tmp_path, smtp_sink.apprise_url()))
    with Store(settings.database) as store:
        ids = seller_weeks(store, settings, tmp_path, MONDAY)
        sent = digest.send_due(store, settings, MONDAY + timedelta(seconds=30))
        row = store.one("SELECT * FROM digests")
    assert sent == digest.Attempt("2026-W48", True, None)
    assert row is not None and row["period"] == "2026-W48" and row["sent_at"]

    [mail] = smtp_sink.wait_for(1)
    assert mail.rcpt_tos == ["seller@example.test"]
    assert mail.subject == "notifyd weekly digest 2026-W48: 4 open (1 overdue), 2 new, 1 resolved"
    text, markup = parts(mail.message)
    seen = visible(markup)
    everything = list(ids.values())
    # Overdue first, then by deadline (17 days before 90 days), then no deadline.
    expected_open = [ids["odr_overdue"], ids["deactivation"], ids["trademark"], ids["condition"]]
    for body in (text, seen):
        opened = between(body, "OPEN NOTICES" if body is text else "Open notices",
                         "NEW THIS WEEK" if body is text else "New this week")
        assert order_of(opened, everything) == expected_open
        new = between(body, "NEW THIS WEEK" if body is text else "New this week",
                      "RESOLVED THIS WEEK" if body is text else "Resolved this week")
        assert order_of(new, everything) == [ids["trademark"], ids["deactivation"]]
        resolved = between(body, "RESOLVED THIS WEEK" if body is text else "Resolved this week",
                           "PHISHING" if body is text else "Phishing")
        assert order_of(resolved, everything) == [ids["odr_resolved"]]
        assert f"#{ids['phishing']}" in between(body, "PHISHING" if body is text else "Phishing",
                                                "REPEATED" if body is text else "Repeated")
        repeated = between(body, "REPEATED ASINS" if body is text else "Repeated ASINs",
                           "METRIC TREND" if body is text else "Metric trend")
        for asin in TM_ASINS:
            assert re.search(rf"{asin}\s+2 notices", repeated)
        assert "OVERDUE by 17 days" in opened
        assert "Account deactivated: Late Shipment Rate above target, amazon.com" in opened
        assert "acknowledged" in opened
        assert "Order Defect Rate (target under 1%)" in body

    # The text part is the digest's own, not a flattening of the HTML: bars and URLs survive.
    chart = between(text, "Order Defect Rate (target under 1%)", "Late Shipment Rate")
    assert re.search(r"target\s+░+\s+1%", chart)
    assert re.search(r"█+\s+2\.4% OFF TARGET", chart)
    assert re.search(r"█+\s+1\.6% OFF TARGET", chart)
    assert "amazon.com: https://sellercentral.amazon.com/performance/dashboard" in text

    # HTML that mail clients render: inline styles and tables, nothing fetched, nothing run.
    assert '<a href="https://sellercentral.amazon.com/performance/dashboard"' in markup
    for banned in ("<script", "<style", "<link", "<img", "javascript:", "url("):
        assert banned not in markup.lower()
    assert set(re.findall(r'(?:href|src)="([^"]+)"', markup)) == {
        "https://sellercentral.amazon.com/performance/dashboard"}
    assert 'bgcolor="#b3261e"' in markup  # the part of a metric bar over its target


def test_a_week_with_nothing_to_report_says_so_in_one_line(
    smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    settings = load_settings(config_for(tmp_path, smtp_sink.apprise_url()))
    with Store(settings.database) as store:
        # Last month's notice, resolved last month: history, not news.
        old = ingest(store, settings, tmp_path, "old", odr_warning(MONDAY - timedelta(days=40)),
                     MONDAY - timedelta(days=40))
        respond.resolve(store, old, "anna", None, MONDAY - timedelta(days=35))
        assert digest.send_due(store, settings, MONDAY + timedelta(minutes=1)) is not None
    [mail] = smtp_sink.wait_for(1)
    assert mail.subject == "notifyd weekly digest 2026-W48: nothing to report"
    text, markup = parts(mail.message)
    line = "Nothing to report for 2026-W48: no open notices, nothing new, nothing resolved."
    assert text.strip() == line
    # The whole page: the heading, the period, the one line.
    assert visible(markup) == (
        f"notifyd weekly digest 2026-W48 Mon 23 Nov 08:00 to Mon 30 Nov 08:00 CET {line}")


# --- sending it once ---------------------------------------------------------------------------


def test_a_digest_missed_while_down_is_sent_once_and_never_twice(
    smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    settings = load_settings(config_for(tmp_path, smtp_sink.apprise_url()))
    with Store(settings.database) as store:
        ingest(store, settings, tmp_path, "odr", odr_warning(MONDAY - timedelta(days=2)),
               MONDAY - timedelta(days=2))

        def subjects() -> list[str]:
            return [m.subject.split(":")[0] for m in smtp_sink.messages]

        # Down over Monday 08:00; started on Wednesday: the missed digest goes out once.
        wednesday = MONDAY + timedelta(days=2, hours=2)
        assert digest.due(store, settings, wednesday) == "2026-W48"
        assert digest.send_due(store, settings, wednesday) == digest.Attempt("2026-W48", True)
        for later in (wednesday, wednesday + timedelta(minutes=10), wednesday + timedelta(days=4)):
            assert digest.send_due(store, settings, later) is None
        assert digest.due(store, settings, wednesday) is None

        # The next Monday: not a minute early, then at 08:00 local.
        next_monday = berlin(2026, 12, 7, 8, 0)
        assert digest.send_due(store, settings, next_monday - timedelta(minutes=1)) is None
        assert digest.send_due(store, settings, next_monday).period == "2026-W49"  # type: ignore[union-attr]

        # Three weeks down: one digest, for the last week only, not three.
        back = berlin(2026, 12, 30, 9, 0)
        assert digest.send_due(store, settings, back).period == "2026-W52"  # type: ignore[union-attr]
        assert digest.send_due(store, settings, back + timedelta(minutes=10)) is None

        # A failed send leaves the week due; the next check sends it.
        new_year = berlin(2027, 1, 4, 8, 0, 10)
        smtp_sink.reject_with("451 4.3.0 Try again later", times=1)
        failed = digest.send_due(store, settings, new_year)
        assert failed is not None and not failed.ok and failed.period == "2026-W53"
        assert digest.due(store, settings, new_year) == "2026-W53"
        assert digest.send_due(store, settings, new_year + timedelta(minutes=10)) == \
            digest.Attempt("2026-W53", True)

        # Another process claimed the next week and is sending: leave it alone, unless that
        # claim is so old its process must have died.
        claimed = berlin(2027, 1, 11, 8, 0)
        with store.transaction() as conn:
            conn.execute("INSERT INTO digests (period, claimed_at) VALUES ('2027-W01', ?)",
                         (claimed.strftime("%Y-%m-%dT%H:%M:%SZ"),))
        assert digest.send_due(store, settings, claimed + timedelta(minutes=1)) is None
        assert digest.send_due(store, settings, claimed + digest.CLAIM_LEASE
                               + timedelta(minutes=1)) == digest.Attempt("2027-W01", True)
        sent = store.rows("SELECT period FROM digests WHERE sent_at IS NOT NULL ORDER BY period")

    assert subjects() == [f"notifyd weekly digest {p}" for p in (
        "2026-W48", "2026-W49", "2026-W52", "2026-W53", "2027-W01")]
    assert [r["period"] for r in sent] == ["2026-W48", "2026-W49", "2026-W52", "2026-W53",
                                           "2027-W01"]


def test_the_schedule_follows_the_local_clock_across_daylight_saving(tmp_path: Path) -> None:
    settings = load_settings(config_for(tmp_path, "mailto://localhost/?to=a@example.test"))
    # Berlin leaves summer time on Sunday 25 Oct 2026: 08:00 is 06:00 UTC before, 07:00 after.
    before, after = berlin(2026, 10, 19, 8, 0), berlin(2026, 10, 26, 8, 0)
    assert (before.hour, after.hour) == (6, 7)
    # The tick asks `due` every 15 s: the week turns over at 08:00 local on both sides.
    with Store(settings.database) as store:
        assert digest.due(store, settings, before - timedelta(minutes=1)) == "2026-W41"
        assert digest.due(store, settings, before) == "2026-W42"
        assert digest.due(store, settings, after - timedelta(minutes=1)) == "2026-W42"
        assert digest.due(store, settings, after) == "2026-W43"
    assert next_weekly("mon 08:00", settings.tz, before - timedelta(days=1)) == before
    assert next_weekly("mon 08:00", settings.tz, before + timedelta(minutes=1)) == after
    assert next_weekly("mon 08:00", settings.tz, after) == after + timedelta(weeks=1)


def test_run_once_at_a_due_digest_time_sends_it_once_and_a_second_run_sends_none(
    smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = config_for(tmp_path, smtp_sink.apprise_url())
    settings = load_settings(config)
    with Store(settings.database) as store:
        ingest(store, settings, tmp_path, "odr", odr_warning(MONDAY - timedelta(days=2)),
               MONDAY - timedelta(days=2))
    runner = CliRunner()
    args = ["--config", str(config), "run", "--once"]
    # The clock is frozen at the edge only: the CLI reads it once and passes `now` down.
    with freeze_time(MONDAY + timedelta(minutes=1)):
        first = runner.invoke(cli, args)
    with freeze_time(MONDAY + timedelta(minutes=2)):
        second = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "weekly digest 2026-W48: sent" in first.stderr
    assert second.exit_code == 0, second.output
    assert "weekly digest" not in second.stderr
    assert [m.subject for m in smtp_sink.messages] == [
        "notifyd weekly digest 2026-W48: 1 open, 1 new, 0 resolved"]


# --- the command line and a real browser -------------------------------------------------------


def read_png(data: bytes) -> tuple[int, int, collections.Counter[bytes]]:
    """Width, height and how many pixels of each colour, with nothing but zlib."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, bytearray()
    width = height = depth = ctype = interlace = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
    assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
    bpp = 3 if ctype == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(bytes(idat))
    prev = bytes(stride)
    colours: collections.Counter[bytes] = collections.Counter()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1:start + 1 + stride]
        if kind == 0:
            out = line
        elif kind == 2:  # "up": a row equal to the one above is all zeros, common on a page
            out = prev if not any(line) else bytes((a + b) & 255 for a, b in zip(line, prev, strict=True))
        else:
            buf = bytearray(line)
            for x in range(stride):
                left = buf[x - bpp] if x >= bpp else 0
                up = prev[x]
                if kind == 1:
                    buf[x] = (buf[x] + left) & 255
                elif kind == 3:
                    buf[x] = (buf[x] + ((left + up) >> 1)) & 255
                else:
                    corner = prev[x - bpp] if x >= bpp else 0
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    buf[x] = (buf[x] + (left if pa <= pb and pa <= pc else
                                        up if pb <= pc else corner)) & 255
            out = bytes(buf)
        colours.update(out[i:i + 3] for i in range(0, stride, bpp))
        prev = out
    return width, height, colours


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    unavailable(f"chromium is not installed; run: {CHROMIUM_INSTALL}")


def test_digest_command_previews_and_sends_and_the_html_renders_in_chromium(
    smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    browser = chromium()
    config = config_for(tmp_path, smtp_sink.apprise_url())
    settings = load_settings(config)
    now = datetime.now(UTC).replace(microsecond=0)
    with Store(settings.database) as store:
        ids = seller_weeks(store, settings, tmp_path, now)
    ARTIFACTS.mkdir(exist_ok=True)
    page = ARTIFACTS / "digest.html"
    png = ARTIFACTS / "digest.png"
    png.unlink(missing_ok=True)

    result = notifyd("--config", str(config), "digest", "--preview", str(page), "--send")
    assert result.returncode == 0, result.stderr
    wrote, sent = result.stderr.splitlines()
    assert wrote == f"wrote {page}"
    assert re.fullmatch(r"digest sent \(\d{4}-W\d\d\)", sent)
    [mail] = smtp_sink.wait_for(1)
    text, markup = parts(mail.message)
    # The preview is exactly what was sent: printed text and written HTML.
    assert text == result.stdout
    assert markup.strip() == page.read_text(encoding="utf-8").strip()

    headlines = ["Order Defect Rate above target, amazon.com",
                 "Account deactivated: Late Shipment Rate above target, amazon.com",
                 "Trademark complaint, amazon.com"]
    with tempfile.TemporaryDirectory() as profile:
        shot = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={png}",
             "--dump-dom", "--window-size=1000,1400", page.as_uri()],
            capture_output=True, text=True, timeout=60, check=False,
        )
    assert shot.returncode == 0 and png.exists(), shot.stderr[-2000:]
    dom = visible(shot.stdout)
    for headline in headlines:
        assert headline in dom
    assert order_of(between(dom, "Open notices", "New this week"), list(ids.values()))[:3] == [
        ids["odr_overdue"], ids["deactivation"], ids["trademark"]]

    data = png.read_bytes()
    assert len(data) > 20_000
    width, height, colours = read_png(data)
    assert (width, height) == (1000, 1400)
    assert len(colours) > 50  # text, borders, bars: not a blank page
    background = colours.most_common(1)[0][1]
    assert background < 0.9 * width * height
    # The chart drew: a bar over its target in red, inside it in green, the target in grey.
    for rgb in ("b3261e", "2e7d32", "9e9e9e"):
        assert colours[bytes.fromhex(rgb)] > 200, rgb


def test_per_account_digests_go_one_to_each_account_and_once_each(
    smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = tmp_path / "notifyd.toml"
    config.write_text(
        f'database = "{tmp_path / "notifyd.db"}"\ntimezone = "Europe/Berlin"\n'
        f'[digest]\nschedule = "mon 08:00"\nper_account = true\nurl = "{smtp_sink.apprise_url()}"\n'
        '[[mailbox]]\nname = "eu"\npath = "eu"\naccount = "Northwind EU"\nsince = "3650d"\n'
        '[[mailbox]]\nname = "us"\npath = "us"\naccount = "Northwind US"\nsince = "3650d"\n',
        encoding="utf-8",
    )
    for box in ("eu", "us"):
        (tmp_path / box).mkdir()
    (tmp_path / "eu" / "1.eml").write_bytes(odr_warning(MONDAY - timedelta(days=2)))
    (tmp_path / "us" / "1.eml").write_bytes(deactivation(MONDAY - timedelta(days=1)))
    runner = CliRunner()
    args = ["--config", str(config), "run", "--once"]
    with freeze_time(MONDAY + timedelta(minutes=1)):
        first = runner.invoke(cli, args, catch_exceptions=False)
    with freeze_time(MONDAY + timedelta(minutes=2)):
        second = runner.invoke(cli, args, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert "weekly digest 2026-W48 Northwind EU: sent" in first.stderr
    assert "weekly digest 2026-W48 Northwind US: sent" in first.stderr
    assert second.exit_code == 0, second.output
    assert "weekly digest" not in second.stderr
    mails = smtp_sink.wait_for(2)
    assert sorted(m.subject for m in mails) == [
        "notifyd weekly digest 2026-W48 for Northwind EU: 1 open, 0 new, 0 resolved",
        "notifyd weekly digest 2026-W48 for Northwind US: 1 open, 0 new, 0 resolved",
    ]
    by_account = {m.subject.split(" for ")[1].split(":")[0]: parts(m.message) for m in mails}
    eu_text, _ = by_account["Northwind EU"]
    us_text, us_html = by_account["Northwind US"]
    # Each names its account in its heading and lists only that account's notice.
    assert eu_text.startswith("notifyd weekly digest 2026-W48 for Northwind EU (")
    assert "notifyd weekly digest 2026-W48 for Northwind US" in visible(us_html)
    assert "Order Defect Rate" in eu_text and "deactivated" not in eu_text.lower()
    assert "deactivated" in us_text.lower() and "Order Defect Rate" not in us_text
    assert len(smtp_sink.messages) == 2
