"""Issue 15 through the command line: imports without alert floods, several IDs per command, and
read-only commands that need no secrets and never create a database."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from clirunner import notifyd
from conftest import channel_toml
from fakes import RecordingSender
from mailfactory import deactivation, odr_warning, trademark_complaint

from notifyd.core.settings import load_settings
from notifyd.run import tick
from notifyd.store.db import Store

NOW = datetime.now(UTC).replace(second=0, microsecond=0)
PHISH = (Path(__file__).parents[1] / "corpus" / "080-phish-f3dven-lookalike.eml").read_bytes()


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> RecordingSender:
    """Every channel accepts, and the test sees what it was sent (no Apprise, no network)."""
    recorder = RecordingSender()
    monkeypatch.setattr("notifyd.deliver.notify.send", recorder)
    return recorder


def config(folder: Path, db: Path, extra: str = "") -> Path:
    path = folder / "notifyd.toml"
    path.write_text(
        f'database = "{db}"\ntimezone = "Europe/Berlin"\n'
        + channel_toml("phone", "json://hooks.example.test/notify")
        + extra,
        encoding="utf-8",
    )
    return path


def ok(*args: str, env: dict[str, str] | None = None) -> str:
    result = notifyd(*args, env=env)
    assert result.returncode == 0, (result.stdout, result.stderr)
    return result.stdout


def year_of_mail(folder: Path) -> Path:
    """79 order-defect warnings, one every 4.6 days over the past year, each with a 72 h deadline."""
    mail = folder / "mail"
    mail.mkdir()
    for n in range(79):
        (mail / f"{n:03}.eml").write_bytes(odr_warning(NOW - timedelta(hours=110 * n + 5)))
    return mail


# --- history without noise ---------------------------------------------------------------------


def test_importing_a_year_alerts_only_the_last_30_days_and_sends_no_overdue_storm_next_day(
    tmp_path: Path, sent: RecordingSender
) -> None:
    db = tmp_path / "notifyd.db"
    cfg = config(tmp_path, db)
    out = ok("--config", str(cfg), "import", str(year_of_mail(tmp_path)))
    assert out.startswith("79 new emails: 7 notices")
    assert "72 received before 30 days ago: recorded without alerts" in out
    titles = [m.title for _, m in sent.sent]
    assert len(titles) == 7, titles
    # Six deadlines had passed before notifyd saw them: one alert each, saying so.
    assert sum(t.startswith("Arrived overdue: [HIGH] Order Defect Rate") for t in titles) == 6
    assert sum(t.startswith("[HIGH] Order Defect Rate") for t in titles) == 1
    sent.sent.clear()
    # The next day, and the week after: no OVERDUE repeats of the old deadlines. The one live
    # deadline (67 h away at import) gets its reminders, nothing else.
    settings = load_settings(cfg)
    with Store(db) as store:
        for day in range(1, 8):
            tick.tick(store, settings, NOW + timedelta(days=day))
    assert [m.title.split(" [")[0] for _, m in sent.sent] == ["Reminder:", "OVERDUE:"] + [
        "OVERDUE:"
    ] * 4
    assert all("(#1)" in m.title for _, m in sent.sent)  # only the live notice


def test_arrived_overdue_repeats_daily_only_when_configured(
    tmp_path: Path, sent: RecordingSender
) -> None:
    db = tmp_path / "notifyd.db"
    cfg = config(tmp_path, db, "[reminders]\nrepeat_arrived_overdue = true\n")
    mail = tmp_path / "late.eml"
    mail.write_bytes(odr_warning(NOW - timedelta(days=10)))
    ok("--config", str(cfg), "import", str(mail))
    assert [m.title for _, m in sent.sent] == [
        "Arrived overdue: [HIGH] Order Defect Rate above target on amazon.com (#1)"
    ]
    with Store(db) as store:
        tick.tick(store, load_settings(cfg), NOW + timedelta(days=1, minutes=1))
    assert sent.sent[-1][1].title.startswith("OVERDUE: [HIGH] Order Defect Rate")


def test_import_since_all_alerts_every_notice_and_a_bad_since_is_one_line(
    tmp_path: Path, sent: RecordingSender
) -> None:
    cfg = config(tmp_path, tmp_path / "notifyd.db")
    mail = tmp_path / "old.eml"
    mail.write_bytes(trademark_complaint(NOW - timedelta(days=200)))
    ok("--config", str(cfg), "import", "--since", "all", str(mail))
    assert len(sent.sent) == 1
    bad = notifyd("--config", str(cfg), "import", "--since", "soon", str(mail))
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--since" in bad.stderr


# --- several IDs, --all with filters, dismiss, --at --------------------------------------------


@pytest.fixture
def seeded(tmp_path: Path, sent: RecordingSender) -> Path:
    cfg = config(tmp_path, tmp_path / "notifyd.db")
    mail = tmp_path / "mail"
    mail.mkdir()
    (mail / "1.eml").write_bytes(odr_warning(NOW - timedelta(days=3)))
    (mail / "2.eml").write_bytes(trademark_complaint(NOW - timedelta(days=2)))
    (mail / "3.eml").write_bytes(deactivation(NOW - timedelta(days=1)))
    (mail / "4.eml").write_bytes(odr_warning(NOW - timedelta(hours=2), rate="1.9"))
    (mail / "5.eml").write_bytes(PHISH)
    ok("--config", str(cfg), "import", "--since", "all", str(mail))
    return cfg


def statuses(cfg: Path) -> dict[int, str]:
    rows = [json.loads(line) for line in ok("--config", str(cfg), "notices", "--status", "all",
                                            "--json").splitlines()]  # fmt: skip
    return {int(r["id"]): str(r["status"]) for r in rows}


def test_ack_1_2_3_acknowledges_three(seeded: Path) -> None:
    out = ok("--config", str(seeded), "ack", "1", "2", "3", "--by", "dana")
    assert out == "notice 1 acknowledged\nnotice 2 acknowledged\nnotice 3 acknowledged\n"
    assert statuses(seeded) == {1: "acknowledged", 2: "acknowledged", 3: "acknowledged",
                                4: "open", 5: "open"}  # fmt: skip


def test_a_bad_id_among_several_fails_alone(seeded: Path) -> None:
    result = notifyd("--config", str(seeded), "resolve", "1", "99", "2")
    assert result.returncode == 1
    assert result.stdout == "notice 1 resolved\nnotice 2 resolved\n"
    assert result.stderr == "notifyd: no notice with ID 99; `notifyd notices` lists them\n"


def test_all_with_before_and_kind_filters(seeded: Path) -> None:
    cutoff = (NOW - timedelta(days=1, hours=12)).astimezone().strftime("%Y-%m-%d %H:%M")
    ok("--config", str(seeded), "ack", "--all", "--before", cutoff, "--kind", "notice")
    assert statuses(seeded) == {1: "acknowledged", 2: "acknowledged", 3: "open", 4: "open",
                                5: "open"}  # fmt: skip
    refused = notifyd("--config", str(seeded), "ack", "3", "--kind", "notice")
    assert refused.returncode == 2 and "with --all only" in refused.stderr


def test_dismiss_closes_phishing_in_one_step_and_refuses_a_real_notice(seeded: Path) -> None:
    assert ok("--config", str(seeded), "dismiss", "--all") == "phishing 5 dismissed\n"
    assert statuses(seeded)[5] == "resolved"
    real = notifyd("--config", str(seeded), "dismiss", "1")
    assert real.returncode == 1
    assert "notice 1 is not a suspected phishing email; `notifyd resolve 1`" in real.stderr
    assert ok("--config", str(seeded), "dismiss", "--all") == "no open phishing matches\n"


def test_at_back_dates_an_action_in_local_time(seeded: Path) -> None:
    ok("--config", str(seeded), "action", "1", "Refunded 3 buyers", "--at", "2026-11-30 14:30")
    events = json.loads(ok("--config", str(seeded), "show", "1", "--json"))["events"]
    assert [e["at"] for e in events if e["kind"] == "action"] == ["2026-11-30T13:30:00Z"]
    future = notifyd("--config", str(seeded), "note", "1", "x", "--at", "2099-01-01")
    assert future.returncode == 2 and "back-dates only" in future.stderr


def test_snooze_takes_several_ids_and_prints_local_time(seeded: Path) -> None:
    out = ok("--config", str(seeded), "snooze", "1", "2", "4h").splitlines()
    assert [line.split(" snoozed until ")[0] for line in out] == ["notice 1", "notice 2"]
    assert all(line.endswith(("CET", "CEST")) for line in out), out


def test_show_prints_amazons_words_defanged_and_raw_on_request(seeded: Path) -> None:
    shown = ok("--config", str(seeded), "show", "5")
    words = shown.split("The email's words (NOT from Amazon):\n", 1)[1].split("\nresponse log:")[0]
    assert "hxxp://sellercentral[.]amazon[.]f3dven-amazon[.]com/" in words and "http:" not in words
    raw = ok("--config", str(seeded), "show", "5", "--raw")
    assert "(NOT from Amazon) (raw):" in raw and "http://sellercentral.amazon.f3dven" in raw
    text = ok("--config", str(seeded), "show", "1")
    assert "Amazon's words:\n  Your Order Defect Rate is 2.4%; the target is 1%." in text
    assert "\x1b" not in shown + raw + text


# --- a safe CLI ----------------------------------------------------------------------------------


def test_notices_on_a_missing_database_exits_1_with_one_line_and_creates_nothing(
    tmp_path: Path,
) -> None:
    db = tmp_path / "nowhere" / "notifyd.db"
    cfg = config(tmp_path, db)
    for command in (["notices"], ["show", "1"], ["ack", "1"], ["status"], ["stats"],
                    ["export", "--format", "csv"], ["draft", "1"], ["backup", "x.db"],
                    ["test-alert"], ["dismiss", "--all"]):  # fmt: skip
        result = notifyd("--config", str(cfg), *command)
        assert result.returncode == 1, (command, result.stderr)
        assert result.stderr == (
            f"notifyd: no database at {db}; set `database` in the config or NOTIFYD_DATABASE "
            "(`notifyd import` or `notifyd run` creates it)\n"
        ), command
        assert result.stdout == ""
    assert not db.parent.exists()


def test_read_only_commands_work_with_the_mailbox_password_file_unreadable(
    tmp_path: Path, sent: RecordingSender
) -> None:
    db = tmp_path / "notifyd.db"
    secret = tmp_path / "secret"
    mailbox = (
        '[[mailbox]]\nname = "main"\nhost = "imap.example.test"\nusername = "seller"\n'
        f'password_file = "{secret}"\n'
    )
    cfg = config(tmp_path, db, mailbox)
    # The administrator imported with the password readable; the seller's account cannot read it.
    secret.write_text("hunter2\n", encoding="utf-8")
    mail = tmp_path / "one.eml"
    mail.write_bytes(odr_warning(NOW - timedelta(hours=1)))
    ok("--config", str(cfg), "import", str(mail))
    secret.unlink()
    for command in (["notices"], ["show", "1"], ["stats"], ["draft", "1"],
                    ["export", "--format", "json"], ["ack", "1"]):  # fmt: skip
        ok("--config", str(cfg), *command)
    result = notifyd("--config", str(cfg), "status")
    assert "password" not in result.stderr, result.stderr
    broken = notifyd("--config", str(cfg), "check")
    assert broken.returncode == 2 and "cannot read password_file" in broken.stderr


def test_the_default_database_is_per_user_or_the_system_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "empty.toml"
    cfg.write_text("", encoding="utf-8")
    monkeypatch.delenv("NOTIFYD_DATABASE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr("os.geteuid", lambda: 1000)
    assert load_settings(cfg).database == tmp_path / "data" / "notifyd" / "notifyd.db"
    monkeypatch.setattr("os.geteuid", lambda: 0)
    assert load_settings(cfg).database == Path("/var/lib/notifyd/notifyd.db")


def test_import_creates_the_database_and_its_folder(tmp_path: Path, sent: RecordingSender) -> None:
    db = tmp_path / "state" / "notifyd.db"
    mail = tmp_path / "one.eml"
    mail.write_bytes(odr_warning(NOW - timedelta(hours=1)))
    ok("--config", str(config(tmp_path, db)), "import", str(mail))
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM notices").fetchone() == (1,)


# --- check, backup, accounts, SMS ---------------------------------------------------------------


def test_check_rejects_an_apprise_url_apprise_cannot_use_with_exit_2(tmp_path: Path) -> None:
    cfg = config(
        tmp_path,
        tmp_path / "notifyd.db",
        # The README's old digest example: no user, so Apprise has no sender to use.
        '[digest]\nurl = "mailto://smtp.example.com/?to=seller@example.com"\n'
        + channel_toml("chat", "tgram://x"),
    )
    result = notifyd("--config", str(cfg), "check")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "notifyd: config: channel['chat'].url: Apprise cannot use this tgram:// URL (unknown "
        "service, or a required part such as user, token or recipient is missing)",
        "notifyd: config: digest.url: Apprise cannot use this mailto:// URL (unknown service, "
        "or a required part such as user, token or recipient is missing)",
    ]
    assert "channel phone: json://…" in result.stdout and "tgram://x" not in result.stdout


def test_check_lists_the_credential_names_systemd_must_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOTIFYD_MAILBOX_SHOP_DE_PASSWORD", "pw")
    monkeypatch.setenv("NOTIFYD_CHANNEL_OPS_URL", "json://hooks.example.test/x")
    path = tmp_path / "notifyd.toml"
    # The "desk" URL is written in the file: it needs no credential and is not listed.
    path.write_text(
        f'database = "{tmp_path / "n.db"}"\n[[mailbox]]\nname = "shop-de"\n'
        'host = "imap.example.test"\nusername = "u"\naccount = "Northwind EU"\n'
        '[[channel]]\nname = "ops"\n[[channel]]\nname = "desk"\nurl = "console://"\n',
        encoding="utf-8",
    )
    out = ok("--config", str(path), "check")
    assert "mailbox shop-de: tls://imap.example.test:993 as u (password), folders INBOX, " \
        "account 'Northwind EU'" in out
    assert "  mailbox-shop-de-password  (or $NOTIFYD_MAILBOX_SHOP_DE_PASSWORD)" in out
    assert "  channel-ops-url  (or $NOTIFYD_CHANNEL_OPS_URL)" in out
    assert "channel-desk-url" not in out
    assert "pw" not in out.replace("password", "")


def test_backup_gives_a_database_notices_json_reads_identically(
    seeded: Path, tmp_path: Path
) -> None:
    ok("--config", str(seeded), "ack", "2")
    copy = tmp_path / "backup.db"
    out = ok("--config", str(seeded), "backup", str(copy))
    assert out.startswith(f"backed up {tmp_path / 'notifyd.db'} to {copy}: schema version ")
    assert ", 5 notices, " in out
    listing = ("notices", "--status", "all", "--json")
    original = ok("--config", str(seeded), *listing)
    restored = ok(*listing, env={"NOTIFYD_DATABASE": str(copy), "NOTIFYD_CONFIG": str(seeded)})
    assert restored == original and original.count("\n") == 5
    again = notifyd("--config", str(seeded), "backup", str(copy))
    assert again.returncode == 1 and again.stderr == (
        f"notifyd: {copy} already exists; choose another file name\n"
    )


def test_restore_keeps_the_replaced_database(seeded: Path, tmp_path: Path) -> None:
    copy = tmp_path / "backup.db"
    ok("--config", str(seeded), "backup", str(copy))
    ok("--config", str(seeded), "resolve", "1", "2", "3", "4")
    out = ok("--config", str(seeded), "restore", str(copy))
    assert out.endswith(f"the previous database is kept as {tmp_path / 'notifyd.db.bak'}\n")
    assert list(statuses(seeded).values()) == ["open"] * 5


def test_help_config_prints_the_reference_page() -> None:
    page = ok("help", "config")
    assert "repeat_arrived_overdue" in page and "account" in page


def test_an_alert_names_its_account_and_an_sms_fits_one_segment(
    tmp_path: Path, sent: RecordingSender
) -> None:
    from notifyd.deliver.sms import segments

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1.eml").write_bytes(
        trademark_complaint(NOW - timedelta(hours=1), asins=tuple(f"B0{n:08d}" for n in range(9)))
    )
    boxes = "".join(
        f'[[mailbox]]\nname = "{name}"\npath = "{path}"\naccount = "{account}"\n'
        for name, path, account in (
            ("eu", inbox, "Northwind EU"), ("us", tmp_path / "empty", "Northwind US"),
        )
    )  # fmt: skip
    (tmp_path / "empty").mkdir()
    cfg = config(
        tmp_path,
        tmp_path / "notifyd.db",
        boxes
        + channel_toml("sms", "json://sms.example.test/send", format="sms")
        + channel_toml("us-team", "json://us.example.test/x", accounts=["Northwind US"]),
    )
    ok("--config", str(cfg), "run", "--once")
    by_channel = {url: message for url, message in sent.sent}
    assert set(by_channel) == {"json://hooks.example.test/notify", "json://sms.example.test/send"}
    text = by_channel["json://hooks.example.test/notify"].body
    assert text.splitlines()[0] == "Account: Northwind EU"
    sms = by_channel["json://sms.example.test/send"].body
    assert sms.startswith("HIGH #1 Trademark complaint, Northwind EU, amazon.com, due in ")
    assert segments(sms) == 1 and len(sms) <= 160 and sms.endswith(". ack: notifyd ack 1")
    listing = ok("--config", str(cfg), "notices")
    assert "ACCOUNT" in listing.splitlines()[0] and "Northwind EU" in listing
    # The digest, the dossier and the rows say whose notice it is too.
    digest = ok("--config", str(cfg), "digest", "--preview", str(tmp_path / "d.html"))
    assert "Trademark complaint, amazon.com, Northwind EU" in digest
    assert "Trademark complaint, amazon.com, Northwind EU" in (tmp_path / "d.html").read_text()
    assert "| Account | Northwind EU |" in ok("--config", str(cfg), "export", "1")
    rows = ok("--config", str(cfg), "export", "1", "--format", "csv")
    assert [r["account"] for r in csv.DictReader(io.StringIO(rows))] == ["Northwind EU"]


def test_one_journal_line_per_alert_sent_or_failed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from notifyd.deliver import outbox
    from notifyd.deliver.notify import Outcome
    from notifyd.ingest.pipeline import import_paths
    from notifyd.understand.classify import load_rules

    cfg = config(tmp_path, tmp_path / "notifyd.db",
                 channel_toml("down", "json://down.example.test/x"))  # fmt: skip
    settings = load_settings(cfg)
    mail = tmp_path / "one.eml"
    mail.write_bytes(odr_warning(NOW - timedelta(hours=1)))
    with Store(tmp_path / "notifyd.db") as store:
        import_paths(store, settings, load_rules(), [mail], True, NOW)
        caplog.set_level("INFO", logger="notifyd.deliver.outbox")
        outbox.deliver_due(
            store, settings, NOW,
            send=lambda url, m: Outcome(True) if "hooks" in url else Outcome(False, "HTTP 503"),
        )  # fmt: skip
    assert sorted(r.getMessage() for r in caplog.records) == [
        "channel down: new alert for notice #1 failed, will be retried: HTTP 503",
        "channel phone: new alert for notice #1 sent",
    ]


def test_every_listing_command_has_json_and_csv(seeded: Path) -> None:
    for command in (["notices"], ["stats", "--weeks", "2"], ["export"]):
        as_json = notifyd("--config", str(seeded), *command, "--json") if command[0] != "export" \
            else notifyd("--config", str(seeded), *command, "--format", "json")
        assert as_json.returncode == 0, (command, as_json.stderr)
        json.loads(as_json.stdout.splitlines()[0] if command[0] == "notices" else as_json.stdout)
    weeks = list(csv.DictReader(io.StringIO(ok("--config", str(seeded), "stats", "--csv",
                                               "--weeks", "2"))))  # fmt: skip
    assert sum(int(w["total"]) for w in weeks) == 4  # phishing is not counted
    status = notifyd("--config", str(seeded), "status", "--csv")
    assert status.stdout.splitlines()[0] == (
        "name,state,last_success_at,last_failure_at,failing_since,last_error"
    )
    assert json.loads(notifyd("--config", str(seeded), "status", "--json").stdout)["open_notices"]
