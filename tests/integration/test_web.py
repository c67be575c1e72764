"""Acting from the phone: a running daemon's alert links and its console, over HTTP and in Chromium."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, channel_toml, notifyd, unavailable
from harness import WebhookReceiver
from mailfactory import make_email, newsletter, odr_warning, trademark_complaint

from notifyd.deliver.links import make_token

ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "correct horse battery staple"
PHONE_WIDTH = 390
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run")


def until(check: Callable[[], object], timeout: float, what: str, log: Callable[[], str] = str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f}s for {what}\n--- daemon log ---\n{log()}")
        time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def form_token(self) -> str:
        match = re.search(r'name="csrf" value="([^"]+)"', self.body)
        assert match, self.body
        return match.group(1)


@dataclass
class Browser:
    """A plain HTTP client that keeps cookies, as a link preview bot or a script would."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        send = dict(headers or {})
        if self.cookies:
            send["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            send["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=send)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        conn.close()
        return Reply(response.status, response.headers, text)

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request("GET", path, **kw)

    def post(self, path: str, form: dict[str, str], **kw: Any) -> Reply:
        return self.request("POST", path, form=form, **kw)

    def sign_in(self, name: str = "alice", password: str = PASSWORD,
                address: str | None = None) -> Reply:
        headers = {"X-Forwarded-For": address} if address else None
        token = self.get("/signin", headers=headers).form_token()
        return self.post("/signin", {"csrf": token, "username": name, "password": password},
                         headers=headers)


class Site:
    """`notifyd run` with [web], a folder mailbox and a webhook channel, and one console user."""

    def __init__(self, tmp_path: Path, webhook: WebhookReceiver, reminders: str = "") -> None:
        self.tmp = tmp_path
        self.inbox = tmp_path / "inbox"
        self.inbox.mkdir()
        self.port = free_port()
        self.public_url = f"http://127.0.0.1:{self.port}"
        self.webhook = webhook
        self.channel_url = webhook.url("json")
        self.config = tmp_path / "notifyd.toml"
        self.config.write_text(
            f'database = "{tmp_path / "notifyd.db"}"\n'
            f'[[mailbox]]\nname = "shop"\npath = "{self.inbox}"\npoll_interval = "1s"\n'
            + channel_toml("hook", self.channel_url)
            + f'[web]\nlisten = "127.0.0.1:{self.port}"\npublic_url = "{self.public_url}"\n'
            + reminders,
            encoding="utf-8",
        )
        (tmp_path / "password").write_text(PASSWORD + "\n", encoding="utf-8")
        added = self.cli("user", "add", "alice", "--password-file", str(tmp_path / "password"))
        assert added.returncode == 0 and added.stdout == "user alice added\n", added.stderr
        self.log_path = tmp_path / "daemon.log"
        self._out = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "notifyd", "--config", str(self.config), "run"],
            stdout=self._out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT,
        )
        until(lambda: "web console listening on" in self.log() or self.proc.poll() is not None,
              20, "the console to listen", self.log)
        assert self.proc.poll() is None, self.log()
        self._mails = 0

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return notifyd("--config", str(self.config), *args)

    def deliver(self, raw: bytes) -> None:
        self._mails += 1
        path = self.inbox / f"{self._mails:03d}.eml"
        path.with_suffix(".tmp").write_bytes(raw)
        path.with_suffix(".tmp").rename(path)  # whole or not at all for the poller

    def notice(self, number: int) -> dict[str, Any]:
        result = self.cli("notices", "--status", "all", "--json")
        assert result.returncode == 0, result.stderr
        rows = {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}
        return dict(rows[number])

    def events(self, number: int) -> list[dict[str, Any]]:
        result = self.cli("show", str(number), "--json")
        assert result.returncode == 0, result.stderr
        return list(json.loads(result.stdout)["events"])

    def secret(self) -> bytes:
        return (self.tmp / "web-secret").read_bytes().strip()

    def alert_links(self, number: int) -> dict[str, str]:
        """The links in the first alert about notice `number`, by label."""
        self.webhook.wait_for(1, timeout=30)
        until(lambda: any(f"(#{number})" in r.json["title"] for r in self.webhook.requests),
              30, f"the alert for notice {number}", self.log)
        message = next(r.json["message"] for r in self.webhook.requests
                       if f"(#{number})" in r.json["title"])
        return dict(re.findall(r"^(Acknowledge|Snooze 24 h|Open): (\S+)$", message, re.M))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._out.close()


@pytest.fixture
def site(tmp_path: Path, webhook: WebhookReceiver) -> Iterator[Callable[..., Site]]:
    made: list[Site] = []

    def make(reminders: str = "") -> Site:
        made.append(Site(tmp_path, webhook, reminders))
        return made[-1]

    yield make
    for one in made:
        one.close()


def path_of(url: str) -> str:
    return urllib.parse.urlsplit(url).path


def altered(token_path: str) -> str:
    """The same link with one character of its token changed."""
    head, token = token_path.rsplit("/", 1)
    position = len(token) // 2
    swap = "A" if token[position] != "A" else "B"
    return f"{head}/{token[:position]}{swap}{token[position + 1:]}"


# --- Chromium ----------------------------------------------------------------------------------


def chromium() -> Any:
    """Debian's chromium driven through Debian's chromium-driver; no browser is downloaded."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        unavailable("chromium and chromium-driver are needed; run: "
                    "sudo apt-get install -y chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    profile = tempfile.mkdtemp(prefix="notifyd-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--window-size={PHONE_WIDTH},844", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE_WIDTH, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    driver.profile_dir = profile
    return driver


@pytest.fixture
def phone() -> Iterator[Any]:
    driver = chromium()
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(driver.profile_dir, ignore_errors=True)


def text_of(driver: Any) -> str:
    """The page's visible text; '' while a navigation replaces the page under our feet."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By

    try:
        return str(driver.find_element(By.TAG_NAME, "body").text)
    except WebDriverException:
        return ""


def press(driver: Any, label: str) -> None:
    from selenium.webdriver.common.by import By

    [button] = [b for b in driver.find_elements(By.CSS_SELECTOR, "button") if b.text == label]
    button.click()


def screenshot(driver: Any, name: str) -> int:
    """A full-length 390 px screenshot under test-artifacts/; returns the page's scroll width."""
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE_WIDTH, "height": min(max(height, 844), 6000), "deviceScaleFactor": 1,
        "mobile": True})
    ARTIFACTS.mkdir(exist_ok=True)
    png = driver.get_screenshot_as_png()
    (ARTIFACTS / name).write_bytes(png)
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    width = int(driver.execute_script("return document.documentElement.scrollWidth"))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE_WIDTH, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    return width


# --- the tests -----------------------------------------------------------------------------------


def test_the_acknowledge_link_in_an_alert_acknowledges_from_a_phone_and_reminders_stop(
    site: Callable[..., Site], phone: Any
) -> None:
    # Overdue by 8 hours when it arrives, reminded every 10 s (repeats for a notice that arrived
    # overdue are opt-in): the reminders are there to be stopped.
    web = site('[reminders]\noverdue_every = "10s"\nrepeat_arrived_overdue = true\n')
    # Twenty clients that never finish their request hold the console's connections throughout:
    # the daemon's polling, alerts and reminders must not notice them.
    stalled = [socket.create_connection(("127.0.0.1", web.port)) for _ in range(20)]
    for sock in stalled:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    web.deliver(odr_warning(datetime.now(UTC) - timedelta(hours=80)))
    links = web.alert_links(1)
    assert list(links) == ["Acknowledge", "Snooze 24 h", "Open"]
    ack = links["Acknowledge"]
    assert ack.startswith(web.public_url + "/l/")
    until(lambda: any(r.json["title"].startswith("OVERDUE: ") for r in web.webhook.requests),
          40, "an overdue reminder", web.log)
    reminder = next(r.json for r in web.webhook.requests if r.json["title"].startswith("OVERDUE: "))
    assert "Acknowledge: " + web.public_url + "/l/" in reminder["message"]

    # A link preview (Slack, a mail scanner) fetches the link: nothing changes.
    preview = Browser(web.port).get(path_of(ack))
    assert preview.status == 200
    assert "Acknowledge notice #1" in preview.body
    assert web.notice(1)["status"] == "open"

    phone.get(ack)
    page = text_of(phone)
    assert "Order Defect Rate above target on amazon.com" in page
    assert "HIGH" in page and "OVERDUE by 8 h" in page
    assert "Amazon asks" in page and "Submit a plan of action in Account Health." in page
    assert "Recorded as done by web link from channel hook" in page
    assert screenshot(phone, "web-link-phone.png") <= PHONE_WIDTH
    assert web.notice(1)["status"] == "open"  # the GET in a real browser changed nothing either
    press(phone, "Acknowledge notice #1")
    until(lambda: "This link was used" in text_of(phone), 10, "the result page", web.log)
    assert "by web link from channel hook. The notice is now acknowledged." in text_of(phone)

    row = web.notice(1)
    assert row["status"] == "acknowledged"
    assert row["acknowledged_by"] == "web link from channel hook"
    assert row["next_reminder_at"] is None
    # Reminders stop: let the daemon's queue drain, wait a full overdue period, then tick.
    until(lambda: json.loads(web.cli("status", "--json").stdout)["outbox_depth"] == 0,
          30, "the outbox to drain", web.log)
    before = len(web.webhook.requests)
    time.sleep(11)
    once = web.cli("run", "--once")
    assert once.returncode == 0, once.stderr
    assert "alerts: 0 sent, 0 to retry, 0 failed" in once.stderr
    assert len(web.webhook.requests) == before
    kinds = [e["kind"] for e in web.events(1)]
    assert kinds.count("acknowledged") == 1
    assert "overdue" not in kinds[kinds.index("acknowledged"):]

    # The same link again: the current state, and no second acknowledgement.
    again = Browser(web.port)
    shown = again.get(path_of(ack))
    assert shown.status == 200 and "This link was used on" in shown.body
    assert "Acknowledge notice #1" not in shown.body
    replay = again.post(path_of(ack), {"csrf": again.cookies["notifyd_form"]})
    assert replay.status == 200 and "This link was used on" in replay.body
    assert [e["kind"] for e in web.events(1)].count("acknowledged") == 1
    # Stalled clients or not, SIGTERM ends the daemon and its console cleanly.
    web.proc.send_signal(signal.SIGTERM)
    assert web.proc.wait(timeout=15) == 0, web.log()
    assert "stopped" in web.log()
    for sock in stalled:
        sock.close()


def test_forged_altered_expired_and_reused_links_change_nothing(site: Callable[..., Site]) -> None:
    web = site()
    web.deliver(trademark_complaint(datetime.now(UTC) - timedelta(hours=1)))
    links = web.alert_links(1)
    client = Browser(web.port)
    good = client.get(path_of(links["Acknowledge"]))
    token = good.form_token()

    # One character of the token changed: refused, on GET and on POST, with nothing shown.
    bent = altered(path_of(links["Acknowledge"]))
    for reply in (client.get(bent), client.post(bent, {"csrf": token})):
        assert reply.status == 403
        assert "not valid" in reply.body and "Trademark" not in reply.body
    # Signed with another key, or pointing the snooze link's signature at another action.
    foreign = make_token(b"not-this-servers-secret-at-all", 1, "ack", "hook",
                         datetime.now(UTC) + timedelta(days=1))
    assert client.post(f"/l/{foreign}", {"csrf": token}).status == 403
    snooze_token = path_of(links["Snooze 24 h"]).rsplit("/", 1)[1]
    value, _, signature = snooze_token.rpartition(".")
    moved = value.replace(".s.", ".a.", 1) + "." + signature
    assert client.post(f"/l/{moved}", {"csrf": token}).status == 403

    # Expired: a genuine link past its time shows the state and does nothing.
    old = make_token(web.secret(), 1, "ack", "hook", datetime.now(UTC) - timedelta(minutes=1))
    for reply in (client.get(f"/l/{old}"), client.post(f"/l/{old}", {"csrf": token})):
        assert reply.status == 410
        assert "This link has expired. The notice is <strong>open</strong>." in reply.body
    assert web.notice(1)["status"] == "open"
    assert web.events(1)[-1]["kind"] == "received"

    # CSRF: the right link without the form token (or with another one) is refused.
    ack = path_of(links["Acknowledge"])
    assert client.post(ack, {}).status == 403
    assert client.post(ack, {"csrf": "x" * 43}).status == 403
    assert Browser(web.port).post(ack, {"csrf": token}).status == 403  # token without its cookie
    assert web.notice(1)["status"] == "open"

    # The Open link shows the notice and asks nothing; it has no action to post.
    opened = client.get(path_of(links["Open"]))
    assert opened.status == 200 and "Trademark complaint on amazon.com" in opened.body
    assert "<form" not in opened.body.split("<main>")[1]
    assert client.post(path_of(links["Open"]), {"csrf": token}).status == 405

    # The snooze link works once.
    snooze = path_of(links["Snooze 24 h"])
    done = client.post(snooze, {"csrf": token})
    assert done.status == 303
    after = client.get(snooze)
    assert "This link was used on" in after.body and "web link from channel hook" in after.body
    assert client.post(snooze, {"csrf": token}).status == 200
    kinds = [e["kind"] for e in web.events(1)]
    assert kinds == ["received", "snoozed"]
    row = web.notice(1)
    assert row["status"] == "open" and row["snoozed_until"] is not None


def test_console_pages_need_a_session_and_forms_need_their_token(site: Callable[..., Site]) -> None:
    web = site()
    web.deliver(odr_warning(datetime.now(UTC) - timedelta(hours=1)))
    web.alert_links(1)
    anonymous = Browser(web.port)
    for path in ("/", "/phishing", "/unrecognised", "/mail", "/notice/1", "/notice/1/dossier.md",
                 "/export.csv"):
        reply = anonymous.get(path)
        assert reply.status == 303, path
        assert reply.headers["Location"].startswith("/signin?next=")
        assert "order defect" not in reply.body.lower()
    assert anonymous.post("/notice/1/ack", {"csrf": "anything"}).status == 303
    assert web.notice(1)["status"] == "open"

    assert anonymous.post("/signin", {"username": "alice", "password": PASSWORD}).status == 403
    signin = anonymous.sign_in(password="wrong password here")
    assert signin.status == 401 and "Wrong user name or password." in signin.body
    signed = Browser(web.port)
    reply = signed.sign_in()
    assert reply.status == 303
    cookie = next(h for h in reply.headers.get_all("Set-Cookie") or [] if h.startswith("notifyd_session="))
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    listing = signed.get("/")
    assert listing.status == 200 and "Order Defect Rate above target on amazon.com" in listing.body
    for header, value in (("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")):
        assert listing.headers[header] == value
    assert "script-src 'self'" in listing.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in listing.headers["Content-Security-Policy"]
    assert "<script>" not in listing.body  # no inline script anywhere

    # A form posted without its token, or with the anonymous form token, does nothing.
    assert signed.post("/notice/1/ack", {}).status == 403
    assert signed.post("/notice/1/note", {"csrf": signed.cookies["notifyd_form"], "text": "x"}).status == 403
    assert web.notice(1)["status"] == "open"
    token = signed.get("/notice/1").form_token()
    assert signed.post("/notice/1/ack", {"csrf": token}).status == 303
    row = web.notice(1)
    assert (row["status"], row["acknowledged_by"]) == ("acknowledged", "alice")

    # No secret on any page: not the channel's URL, not the link secret.
    pages = "".join(signed.get(p).body for p in ("/", "/notice/1", "/mail", "/export.json"))
    assert web.channel_url.split("://", 1)[1] not in pages
    assert web.secret().decode() not in pages

    # Filters, and the mail that became no notice, are there to look at.
    web.deliver(trademark_complaint(datetime.now(UTC) - timedelta(hours=1)))
    web.alert_links(2)
    web.deliver(newsletter(datetime.now(UTC)))
    until(lambda: "ignored (1)" in signed.get("/mail").body, 20, "the newsletter", web.log)
    filtered = signed.get("/?status=all&category=policy_violation").body
    assert "Trademark complaint" in filtered and "Order Defect Rate" not in filtered
    ignored = signed.get("/mail?status=ignored").body
    assert re.search(r"Why: .+", ignored), ignored

    # Behind an HTTPS proxy on this machine the session cookie is Secure and host-only.
    secure = Browser(web.port)
    form = secure.get("/signin", headers={"X-Forwarded-Proto": "https"})
    reply = secure.post("/signin", {"csrf": form.form_token(), "username": "alice",
                                    "password": PASSWORD}, headers={"X-Forwarded-Proto": "https"})
    cookie = next(h for h in reply.headers.get_all("Set-Cookie") or []
                  if h.startswith("__Host-notifyd_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert reply.headers["Strict-Transport-Security"] == "max-age=31536000"

    # Signed out, the session is gone on the server too.
    session = signed.cookies["notifyd_session"]
    assert signed.post("/signout", {"csrf": token}).status == 303
    assert Browser(web.port, {"notifyd_session": session}).get("/").status == 303


def test_sign_in_is_rate_limited_per_address_and_per_user(site: Callable[..., Site]) -> None:
    web = site()
    # Through a reverse proxy on this machine: X-Forwarded-For names the client.
    for attempt in range(5):
        guess = Browser(web.port).sign_in(f"user{attempt}", "a wrong guess", address="203.0.113.7")
        assert guess.status == 401
    blocked = Browser(web.port).sign_in(address="203.0.113.7")  # the right password, too late
    assert blocked.status == 429 and "Too many failed sign-ins" in blocked.body
    assert Browser(web.port).sign_in(address="203.0.113.8").status == 303  # another address
    for attempt in range(5):
        Browser(web.port).sign_in("bob", f"guess {attempt} wrong", address=f"198.51.100.{attempt}")
    assert Browser(web.port).sign_in("bob", "whatever it is", address="198.51.100.99").status == 429
    assert Browser(web.port).sign_in(address="198.51.100.99").status == 303  # alice is not bob


def test_the_console_on_a_390px_phone(
    site: Callable[..., Site], phone: Any, webhook: WebhookReceiver
) -> None:
    web = site()
    now = datetime.now(UTC)
    web.deliver(odr_warning(now - timedelta(hours=3) + timedelta(minutes=10)))
    web.alert_links(1)
    web.deliver(trademark_complaint(now - timedelta(hours=2)))
    web.alert_links(2)
    pixel = f"http://127.0.0.1:{webhook.port}/pixel.gif"
    lure = ("Hello,\n\nYour account is at risk. Please verify your identity within 24 hours at "
            "https://seller-verify.example/" + "session" * 20 + " <script>alert('x')</script>\n")
    web.deliver(make_email("Amazon Seller Performance <seller-performance@amazon.com>",
                           "Action required: verify your seller account", lure, now,
                           html=f"<p>{lure}</p><img src=\"{pixel}\">"))
    web.alert_links(3)

    phone.get(web.public_url + "/")
    assert phone.current_url.startswith(web.public_url + "/signin")
    phone.find_element("name", "username").send_keys("alice")
    phone.find_element("name", "password").send_keys(PASSWORD)
    press(phone, "Sign in")
    until(lambda: "Notices" in phone.title, 10, "the notice list", web.log)
    listing = text_of(phone)
    # Open notices sorted by deadline: the ODR warning (72 h) before the trademark one (90 days).
    assert listing.index("Order Defect Rate above target") < listing.index("Trademark complaint")
    assert "in 2 days 21 h" in listing
    assert screenshot(phone, "web-console-phone.png") <= PHONE_WIDTH

    phone.get(web.public_url + "/notice/1")
    page = text_of(phone)
    for part in ("Facts", "Amazon's text", "Timeline", "Draft response", "Email received",
                 "New alert to hook: delivered", "Submit a plan of action in Account Health."):
        assert part in page, part
    draft = phone.find_element("id", "draft")
    assert draft.tag_name == "textarea" and "Order Defect Rate" in draft.get_property("value")
    assert screenshot(phone, "web-notice-phone.png") <= PHONE_WIDTH

    phone.find_element("css selector", "form[action$='/note'] textarea").send_keys("Called the carrier")
    press(phone, "Add note")
    until(lambda: "Done: note added." in text_of(phone), 10, "the note", web.log)
    phone.find_element("css selector", "form[action$='/resolve'] textarea").send_keys("Refunded 3 orders")
    press(phone, "Resolve")
    until(lambda: "Done: resolved." in text_of(phone), 10, "the resolution", web.log)
    events = [(e["kind"], e["actor"], e["text"]) for e in web.events(1)]
    assert ("note", "alice", "Called the carrier") in events
    assert ("resolved", "alice", "Refunded 3 orders") in events
    assert web.notice(1)["status"] == "resolved"

    # The lookalike: listed as phishing, its text shown inert, its image never fetched.
    phone.get(web.public_url + "/phishing")
    assert "Suspected phishing, do not click" in text_of(phone)
    phone.get(web.public_url + "/notice/3")
    page = text_of(phone)
    assert "hxxps://seller-verify[.]example/session" in page
    assert "<script>alert('x')</script>" in page  # shown as text, not run
    assert phone.find_elements("css selector", "main a[href*='seller-verify'], main img") == []
    assert screenshot(phone, "web-phishing-phone.png") <= PHONE_WIDTH
    assert not [r for r in webhook.requests if r.path.startswith("/pixel")]

    # The dossier downloads with the session.
    session = phone.get_cookie("notifyd_session")["value"]
    dossier = Browser(web.port, {"notifyd_session": session}).get("/notice/1/dossier.md")
    assert dossier.status == 200
    assert dossier.headers["Content-Disposition"] == 'attachment; filename="notifyd-notice-1.md"'
    assert dossier.body.startswith("# Appeal dossier: notice #1")
    assert "Called the carrier" in dossier.body


def test_notifyd_web_serves_the_console_alone_and_users_are_managed(
    tmp_path: Path, webhook: WebhookReceiver
) -> None:
    port = free_port()
    config = tmp_path / "notifyd.toml"
    config.write_text(f'database = "{tmp_path / "n.db"}"\n[web]\nlisten = "127.0.0.1:{port}"\n',
                      encoding="utf-8")
    (tmp_path / "pw").write_text("short\n", encoding="utf-8")
    weak = notifyd("--config", str(config), "user", "add", "alice", "--password-file", str(tmp_path / "pw"))
    assert weak.returncode == 1
    assert weak.stderr == "notifyd: the password is too short; use at least 10 characters\n"
    (tmp_path / "pw").write_text(PASSWORD + "\n", encoding="utf-8")
    assert notifyd("--config", str(config), "user", "add", "alice", "--password-file",
                   str(tmp_path / "pw")).returncode == 0
    log = (tmp_path / "web.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "notifyd", "--config", str(config), "web"],
                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env=dict(os.environ))
    try:
        until(lambda: b"console on" in (tmp_path / "web.log").read_bytes(), 20, "notifyd web")
        client = Browser(port)
        assert client.sign_in().status == 303
        assert client.get("/").status == 200
        removed = notifyd("--config", str(config), "user", "remove", "alice")
        assert (removed.returncode, removed.stdout) == (0, "user alice removed\n")
        assert client.get("/").status == 303  # the session ended with the user
        missing = notifyd("--config", str(config), "user", "remove", "alice")
        assert (missing.returncode, missing.stderr) == (1, "notifyd: no user alice\n")
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        log.close()
    assert stat_mode(tmp_path / "web-secret") == 0o600


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
