"""Per-request plumbing shared by the console and the link pages: store, clock, user, CSRF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import abort, current_app, g, request

from notifyd.core.settings import Settings
from notifyd.deliver.links import load_secret
from notifyd.store.db import Store
from notifyd.web import auth

SESSION_COOKIE = "notifyd_session"
FORM_COOKIE = "notifyd_form"  # double-submit token for forms shown before sign-in


@dataclass
class WebState:
    """What the app needs from its host: the live settings and the clock."""

    settings: Callable[[], Settings]
    clock: Callable[[], datetime]
    throttle: auth.Throttle = field(default_factory=auth.Throttle)

    def secret(self) -> bytes:
        # Read per use, as the alerts do: after a reload both sign and check with the same key.
        return load_secret(self.settings())


def state() -> WebState:
    found: WebState = current_app.extensions["notifyd"]
    return found


def settings() -> Settings:
    return state().settings()


def now() -> datetime:
    """The request's one reading of the clock: every step below gets this value."""
    if "now" not in g:
        g.now = state().clock()
    moment: datetime = g.now
    return moment


def store() -> Store:
    if "store" not in g:
        g.store = Store(settings().database)
    opened: Store = g.store
    return opened


def close_store(_exc: BaseException | None = None) -> None:
    opened = g.pop("store", None)
    if opened is not None:
        opened.close()


def secure() -> bool:
    """Cookies are Secure when the browser reached us over HTTPS (directly or via the proxy)."""
    web = settings().web
    return request.is_secure or bool(web and web.public_url and web.public_url.startswith("https:"))


def cookie_name(base: str) -> str:
    # __Host- cookies are refused by browsers unless Secure, path / and host-only.
    return f"__Host-{base}" if secure() else base


def load_user() -> None:
    """Set g.user and g.session_csrf from the session cookie, when it is valid."""
    g.user, g.session_csrf, g.session_hash = None, None, None
    token = request.cookies.get(cookie_name(SESSION_COOKIE))
    if not token or request.path.startswith("/static/"):
        return  # the stylesheet needs no database
    digest = auth.token_hash(token)
    found = store().web_session(digest, now())
    if found is not None:
        g.user, g.session_csrf, g.session_hash = found.username, found.csrf, digest


def user() -> str | None:
    name: str | None = g.get("user")
    return name


def form_token() -> str:
    """The double-submit token for forms without a session; its cookie is set on the response."""
    if "form_token" not in g:
        g.form_token = request.cookies.get(cookie_name(FORM_COOKIE)) or auth.new_token()
    token: str = g.form_token
    return token


def require_form_token() -> None:
    """403 unless the form carries the token its cookie holds (forms shown before sign-in)."""
    if not auth.same(request.form.get("csrf"), request.cookies.get(cookie_name(FORM_COOKIE))):
        abort(403, description="This form is missing its security token or it is out of date. "
              "Open the page again and press the button once more.")


def require_session_token() -> None:
    if not auth.same(request.form.get("csrf"), g.get("session_csrf")):
        abort(403, description="This form is missing its security token or it is out of date. "
              "Reload the page and try again.")


def set_cookies(response: Any) -> Any:
    if "form_token" in g and request.cookies.get(cookie_name(FORM_COOKIE)) != g.form_token:
        response.set_cookie(
            cookie_name(FORM_COOKIE), g.form_token, httponly=True, samesite="Strict",
            secure=secure(), path="/",
        )
    return response
