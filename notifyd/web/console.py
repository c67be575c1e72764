"""The signed-in console: notice lists with filters, the notice page and its forms, downloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, abort, g, redirect, render_template, request, url_for

from notifyd.core.errors import NotFound, NotifydError
from notifyd.core.settings import parse_duration
from notifyd.core.vocab import NoticeKind, NoticeStatus
from notifyd.deliver import remind
from notifyd.seller import draft as drafting
from notifyd.seller import export as exporting
from notifyd.seller import respond
from notifyd.store.db import STATUSES, Notice
from notifyd.store.web import FACETS, LEDGER_STATUSES
from notifyd.web import context, view

console = Blueprint("console", __name__)

LISTS = {
    "notices": (NoticeKind.NOTICE, "Notices"),
    "phishing": (NoticeKind.PHISHING, "Suspected phishing"),
    "unrecognised": (NoticeKind.UNRECOGNISED, "Unrecognised Amazon mail"),
}
SNOOZES = ("4h", "24h", "3d", "7d")


def signed_in(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Every console page needs a session; without one, the sign-in page (and nothing else)."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not context.user():
            target = request.full_path.rstrip("?") if request.method == "GET" else "/"
            return redirect("/signin?next=" + quote(target, safe="/"), 303)
        if request.method == "POST":
            context.require_session_token()
        return fn(*args, **kwargs)

    return wrapper


def _page(template: str, **values: Any) -> str:
    return render_template(
        template, user=context.user(), csrf=g.session_csrf, now=context.now(), **values
    )


def _notice(notice_id: int) -> Notice:
    try:
        return context.store().notice(notice_id)
    except NotFound:
        abort(404, description=f"There is no notice #{notice_id}.")


@console.get("/")
@signed_in
def index() -> Any:
    return _listing("notices")


@console.get("/phishing")
@signed_in
def phishing() -> Any:
    return _listing("phishing")


@console.get("/unrecognised")
@signed_in
def unrecognised() -> Any:
    return _listing("unrecognised")


def _listing(which: str) -> str:
    kind, heading = LISTS[which]
    args = request.args
    status = args.get("status", "open" if which == "notices" else "all")
    if status not in STATUSES:
        status = "open"
    store = context.store()
    rows = [n for n in store.notices(status) if n.kind is kind]
    chosen = {key: args.get(key, "") for key in FACETS}
    for key, value in chosen.items():
        if value:
            rows = [n for n in rows if (getattr(n, key) or "") == value]
    rows.sort(key=view.sort_key)
    now = context.now()
    items = [
        {"n": n, "title": view.title(n),
         # A resolved notice's deadline no longer counts down to anything.
         "countdown": view.countdown(n, now) if n.status is not NoticeStatus.RESOLVED else ("", False),
         "subject": view.untrusted(n.subject)}
        for n in rows
    ]
    return _page(
        "list.html", which=which, heading=heading, items=items, status=status,
        statuses=STATUSES, chosen=chosen, facets=store.notice_facets(),
    )


@console.get("/mail")
@signed_in
def mail() -> Any:
    status = request.args.get("status", "ignored")
    if status not in LEDGER_STATUSES:
        status = "ignored"
    store = context.store()
    rows = [
        replace(r, subject=view.untrusted(r.subject), sender=view.untrusted(r.sender),
                reason=view.untrusted(r.reason))
        for r in store.ledger(status)
    ]
    return _page(
        "mail.html", which="mail", rows=rows, status=status,
        statuses=LEDGER_STATUSES, counts=store.ledger_counts(),
    )


@console.get("/notice/<int:notice_id>")
@signed_in
def notice(notice_id: int) -> Any:
    n = _notice(notice_id)
    store = context.store()
    now, tz = context.now(), context.settings().tz
    events = store.events(notice_id)
    try:
        draft = drafting.render_draft(n, events, now, tz)
    except NotifydError as exc:
        draft, draft_note = "", str(exc)
    else:
        draft_note = ""
    return _page(
        "notice.html", which="", n=n, title=view.title(n), facts=view.facts(n, now, tz),
        reasons=[view.untrusted(r) for r in n.reasons],
        asks=view.amazon_asks(n), text=view.untrusted(n.excerpt),
        timeline=view.timeline(events, store.deliveries(notice_id), tz),
        draft=draft, draft_note=draft_note, countdown=view.countdown(n, now), snoozes=SNOOZES,
        message=request.args.get("done", ""),
    )


def _done(notice_id: int, message: str) -> Any:
    return redirect(url_for("console.notice", notice_id=notice_id, done=message), 303)


@console.post("/notice/<int:notice_id>/<what>")
@signed_in
def change(notice_id: int, what: str) -> Any:
    _notice(notice_id)
    store, now, who = context.store(), context.now(), str(context.user())
    text = request.form.get("text", "")
    try:
        if what == "ack":
            respond.acknowledge(store, notice_id, who, now)
            return _done(notice_id, "acknowledged")
        if what == "resolve":
            respond.resolve(store, notice_id, who, text.strip() or None, now)
            return _done(notice_id, "resolved")
        if what in ("note", "action"):
            respond.add_entry(store, notice_id, what, who, text, now)
            return _done(notice_id, f"{what} added")
        if what == "snooze":
            try:
                delta = parse_duration(request.form.get("duration", ""))
            except ValueError as exc:
                abort(400, description=str(exc))
            remind.snooze(store, notice_id, now + delta, who, now)
            return _done(notice_id, "snoozed")
        if what == "reopen":
            respond.reopen(store, notice_id, who, now, reminders=context.settings().reminders)
            return _done(notice_id, "reopened")
    except NotifydError as exc:
        abort(409, description=str(exc))
    abort(404)


def _download(text: str, name: str, mimetype: str) -> Response:
    response = Response(text, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@console.get("/notice/<int:notice_id>/dossier.md")
@signed_in
def dossier(notice_id: int) -> Any:
    _notice(notice_id)
    items = exporting.gather(context.store(), [notice_id])
    text = exporting.render(items, "md", context.now(), context.settings().tz)
    return _download(text, f"notifyd-notice-{notice_id}.md", "text/markdown")


@console.get("/export.<fmt>")
@signed_in
def export_all(fmt: str) -> Any:
    if fmt not in exporting.FORMATS:
        abort(404)
    store = context.store()
    ids = exporting.select_ids(store, "all")
    if not ids and fmt == "md":
        abort(404, description="There are no notices to export yet.")
    text = exporting.render(exporting.gather(store, ids), fmt, context.now(), context.settings().tz)
    types = {"md": "text/markdown", "csv": "text/csv", "json": "application/json"}
    return _download(text, f"notifyd-notices.{fmt}", types[fmt])
