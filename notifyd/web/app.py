"""The Flask application: security headers, sign-in and sign-out, and the two sets of pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, g, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from notifyd.core.clock import utcnow
from notifyd.core.settings import Settings
from notifyd.web import auth, context
from notifyd.web.actions import actions
from notifyd.web.console import console
from notifyd.web.view import badge, local

CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def create_app(settings: Callable[[], Settings], clock: Callable[[], datetime] = utcnow) -> Flask:
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=256 * 1024,  # forms carry notes, not files
        TEMPLATES_AUTO_RELOAD=False,
        # Nothing uses Flask's signed cookie session; a key only keeps Flask from complaining.
        SECRET_KEY=None,
    )
    app.extensions["notifyd"] = context.WebState(settings, clock)
    app.jinja_env.autoescape = True
    app.jinja_env.globals["local"] = lambda moment: local(moment, settings().tz)
    app.jinja_env.globals["badge"] = badge
    app.before_request(context.load_user)
    app.after_request(_headers)
    app.teardown_appcontext(context.close_store)
    app.register_error_handler(HTTPException, _error)
    app.add_url_rule("/signin", "signin", signin, methods=["GET", "POST"])
    app.add_url_rule("/signout", "signout", signout, methods=["POST"])
    app.register_blueprint(actions)
    app.register_blueprint(console)
    return app


def _headers(response: Response) -> Response:
    response = context.set_cookies(response)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Link tokens live in URLs: no page of ours may hand its address to another site.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    if context.secure():
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


def _error(exc: HTTPException) -> tuple[str, int]:
    code = exc.code or 500
    return render_template("error.html", code=code, message=exc.description or exc.name), code


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to somewhere else."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return "/"
    return target


def signin() -> Any:
    next_url = _safe_next(request.values.get("next"))
    if request.method == "GET":
        if context.user():
            return redirect(next_url, 303)
        return render_template("signin.html", next=next_url, csrf=context.form_token(), error="")
    context.require_form_token()
    name = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    now = context.now()
    throttle = context.state().throttle
    keys = [f"address:{request.remote_addr}", f"user:{name.lower()}"]
    wait = throttle.blocked(keys, now)
    if wait is not None:
        minutes = max(1, int(wait.total_seconds() // 60) + 1)
        message = f"Too many failed sign-ins. Try again in {minutes} min."
        return render_template(
            "signin.html", next=next_url, csrf=context.form_token(), error=message
        ), 429
    store = context.store()
    stored = store.web_password_hash(name) if name else None
    if not auth.verify_password(stored, password) or stored is None:
        throttle.failed(keys, now)
        return render_template(
            "signin.html", next=next_url, csrf=context.form_token(),
            error="Wrong user name or password.",
        ), 401
    throttle.succeeded(keys[1])
    if auth.needs_rehash(stored):
        store.replace_web_password_hash(name, auth.hash_password(password))
    token, csrf = auth.new_token(), auth.new_token()
    store.start_web_session(auth.token_hash(token), name, csrf, now, now + auth.SESSION_LIFETIME)
    response = redirect(next_url, 303)
    response.set_cookie(
        context.cookie_name(context.SESSION_COOKIE), token, httponly=True, samesite="Strict",
        secure=context.secure(), path="/", max_age=int(auth.SESSION_LIFETIME.total_seconds()),
    )
    return response


def signout() -> Any:
    if context.user():
        context.require_session_token()
        context.store().end_web_session(g.session_hash)
    response = redirect("/signin", 303)
    response.delete_cookie(
        context.cookie_name(context.SESSION_COOKIE), path="/", secure=context.secure(),
        httponly=True, samesite="Strict",
    )
    return response
