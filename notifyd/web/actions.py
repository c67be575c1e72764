"""The pages behind alert links: GET shows and asks, only a POST with its form token acts."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request

from notifyd.core.errors import NotFound, NotifydError
from notifyd.core.vocab import NoticeStatus
from notifyd.deliver import remind
from notifyd.deliver.links import SNOOZE, ExpiredLink, ForgedLink, Link, read_token
from notifyd.seller import respond
from notifyd.store.db import Notice
from notifyd.web import context, view

actions = Blueprint("actions", __name__)


def _link(token: str) -> tuple[Link, bool]:
    """The verified link and whether it expired; 403 (and nothing else) for a forged one."""
    try:
        return read_token(context.state().secret(), token, context.now()), False
    except ExpiredLink as exc:
        return exc.link, True
    except ForgedLink as exc:
        abort(403, description=f"{str(exc).capitalize()}. Nothing was changed.")


def _page(link: Link, token: str, state: str, code: int = 200) -> tuple[str, int]:
    """state: confirm | open | used | expired | done | closed."""
    store = context.store()
    try:
        notice = store.notice(link.notice_id)
    except NotFound:
        abort(404, description="The notice this link was made for no longer exists.")
    now = context.now()
    left, overdue = view.countdown(notice, now)
    return (
        render_template(
            "link.html",
            link=link,
            token=token,
            state=state,
            notice=notice,
            title=view.title(notice),
            asks=view.amazon_asks(notice),
            left=left,
            overdue=overdue,
            used=store.used_link(link.signature),
            csrf=context.form_token(),
            signed_in=context.user(),
        ),
        code,
    )


def _settled(link: Link, notice: Notice) -> bool:
    """Nothing left for this link to do: the notice is already where the action would put it."""
    if notice.status is NoticeStatus.RESOLVED:
        return True
    return link.action == "ack" and notice.status is NoticeStatus.ACKNOWLEDGED


@actions.get("/l/<token>")
def show(token: str) -> Any:
    link, expired = _link(token)
    if expired:
        return _page(link, token, "expired", 410)
    if link.action == "open":
        return _page(link, token, "open")
    if context.store().used_link(link.signature):
        return _page(link, token, "used")
    try:
        notice = context.store().notice(link.notice_id)
    except NotFound:
        abort(404, description="The notice this link was made for no longer exists.")
    return _page(link, token, "closed" if _settled(link, notice) else "confirm")


@actions.post("/l/<token>")
def act(token: str) -> Any:
    link, expired = _link(token)
    context.require_form_token()
    if expired:
        return _page(link, token, "expired", 410)
    if link.action == "open":
        abort(405, description="An Open link only shows the notice.")
    store = context.store()
    now = context.now()
    actor = context.user() or f"web link from channel {link.channel}"
    try:
        notice = store.notice(link.notice_id)
        if store.used_link(link.signature):
            return _page(link, token, "used")
        if _settled(link, notice):
            return _page(link, token, "closed")
        with store.transaction() as conn:
            if not store.claim_link(conn, link.signature, link.notice_id, link.action, actor, now):
                return _page(link, token, "used")
            if link.action == "ack":
                respond.acknowledge(store, link.notice_id, actor, now)
            else:
                remind.snooze(store, link.notice_id, now + SNOOZE, actor, now)
    except NotFound:
        abort(404, description="The notice this link was made for no longer exists.")
    except NotifydError as exc:
        abort(409, description=str(exc))
    # Post/Redirect/Get: a reload shows the result instead of sending the form again.
    return redirect(request.path, 303)
