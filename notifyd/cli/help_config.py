"""`notifyd help config`: a man-style page of every configuration key, built from the settings model."""

from __future__ import annotations

import textwrap
import types
import typing
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo

from notifyd.core.settings import (
    ChannelConfig,
    DigestConfig,
    MailboxConfig,
    MonitorConfig,
    RemindersConfig,
    Settings,
    parse_size,
)

# Meanings of keys whose model field carries no description. A key missing from both is a test
# failure (tests/unit/test_seller15_help_config.py), so a new key cannot ship undocumented.
DESCRIPTIONS: dict[str, str] = {
    "database": "The SQLite file that holds every notice, alert and response log entry; created "
    "with mode 0600 by `run` and `import` (every other command refuses a missing one). Default: "
    "/var/lib/notifyd/notifyd.db for root, else $XDG_DATA_HOME/notifyd/notifyd.db "
    "(~/.local/share/notifyd/notifyd.db); the default shown below is yours.",
    "timezone": "IANA time zone for every time a person reads: alerts, lists, quiet hours and "
    "the digest schedule.",
    "rules_dirs": "Extra rule files (*.toml) merged over the rules that ship with notifyd.",
    "log_level": "How much the daemon logs; -v on the command line forces debug.",
    "mailbox.name": "Letters, digits, '.', '_' and '-'. Used in logs, tags (mailbox:<name>) and "
    "the names of its secrets.",
    "mailbox.account": 'The seller account this mailbox receives notices for, e.g. "Northwind EU". '
    "Alerts, lists, exports and the digest show it; channels can route by it.",
    "mailbox.path": "Instead of IMAP: a Maildir, an mbox file or a folder of .eml files; relative "
    "to the configuration file.",
    "mailbox.host": "IMAP server name.",
    "mailbox.port": "IMAP port; 993 for tls, otherwise 143.",
    "mailbox.security": "tls (implicit TLS), starttls, or none (plain text, only when written out).",
    "mailbox.tls_verify": "false disables certificate checks; a warning is logged at every start.",
    "mailbox.ca_file": "CA bundle for a server with a private certificate.",
    "mailbox.username": "IMAP login name.",
    "mailbox.auth": "password, or oauth2 (XOAUTH2 for Gmail and Microsoft 365).",
    "mailbox.password": "The IMAP password. Better kept out of the file: see SECRETS.",
    "mailbox.password_file": "File whose content is the password.",
    "mailbox.oauth2_token_command": "Command whose standard output is an access token.",
    "mailbox.oauth2_client_id": "OAuth2 client ID for the refresh-token flow.",
    "mailbox.oauth2_client_secret": "OAuth2 client secret (a secret: see SECRETS).",
    "mailbox.oauth2_client_secret_file": "File holding the OAuth2 client secret.",
    "mailbox.oauth2_refresh_token": "OAuth2 refresh token (a secret: see SECRETS).",
    "mailbox.oauth2_refresh_token_file": "File holding the refresh token; a rotated token is "
    "written back to it.",
    "mailbox.oauth2_token_url": "The provider's token endpoint.",
    "mailbox.oauth2_scope": "Scope sent with the refresh (Microsoft 365 needs it).",
    "mailbox.folders": "IMAP folders to watch, each separately.",
    "mailbox.poll_interval": "How often to poll; also the safety-net poll under IDLE.",
    "mailbox.idle": "Use IMAP IDLE; unset means: when the server offers it.",
    "mailbox.since": "Mail older than this is recorded when first seen but not alerted.",
    "mailbox.timeout": "Socket timeout for every connection to the server.",
    "mailbox.batch_size": "How many messages are fetched per request.",
    "mailbox.max_size": "Larger mail is recorded as skipped, with the reason.",
    "mailbox.mark_seen": "Mark notices as read on the server (off: the mailbox is never changed).",
    "mailbox.add_keyword": "IMAP keyword added to each notice.",
    "mailbox.move_to": "Folder each notice is moved to after it is stored.",
    "channel.name": "Letters, digits, '.', '_' and '-'; named by reminders.escalate_to and "
    "monitor.channels.",
    "channel.url": "Any Apprise URL (a secret: see SECRETS); console:// prints to standard output.",
    "channel.url_file": "File whose content is the Apprise URL.",
    "channel.min_severity": "The least severe alert this channel gets.",
    "channel.categories": "Only these categories (and/or phishing); unset: all.",
    "channel.tags": "Only alerts with one of these tags: an issue type, a marketplace "
    "(amazon.de), phishing, unrecognised or mailbox:<name>.",
    "channel.quiet_hours": 'Like "22:00-07:00" in timezone: only critical alerts pass, the rest '
    "wait for the end.",
    "channel.format": "How the body is written; unset: chosen by the URL scheme (sms keeps one "
    "160-character segment).",
    "channel.accounts": "Only notices of these accounts (mailbox account or name); unset: all.",
    "reminders.before": "Reminders this long before a deadline.",
    "reminders.overdue_every": "Repeat interval once a deadline has passed.",
    "reminders.repeat_arrived_overdue": "Repeat overdue reminders (every overdue_every) also for "
    "notices whose deadline had already passed when notifyd first saw them; off by default: "
    "they get one 'arrived overdue' alert.",
    "reminders.escalate_after": "A critical notice not acknowledged by then goes to escalate_to.",
    "reminders.escalate_to": "Channel names for escalations.",
    "reminders.retry_max": "The longest wait between retries of a failed delivery.",
    "digest.schedule": 'Weekly, like "mon 08:00", in timezone.',
    "digest.per_account": "One digest per mailbox account (its `account`, else its name), "
    "each naming the account in subject and heading; off: one digest for all.",
    "digest.url": "Apprise URL the weekly digest goes to, usually mailto:// (a secret).",
    "digest.url_file": "File whose content is the digest URL.",
    "monitor.mailbox_failing_after": "A mailbox failing this long raises a self-alert.",
    "monitor.missed_polls": "No successful poll within this many intervals raises a self-alert.",
    "monitor.outbox_backlog": "This many undelivered alerts raise a self-alert.",
    "monitor.channels": "Where self-alerts go; empty: every channel.",
}

SECTIONS: tuple[tuple[str, str, type[BaseModel], str], ...] = (
    ("mailbox", "[[mailbox]]", MailboxConfig, "one table per mailbox to watch"),
    ("channel", "[[channel]]", ChannelConfig, "one table per place alerts go (zero or more)"),
    ("reminders", "[reminders]", RemindersConfig, "deadline reminders and escalation"),
    ("digest", "[digest]", DigestConfig, "the weekly digest"),
    ("monitor", "[monitor]", MonitorConfig, "self-monitoring"),
)

_WIDTH = 78
_KEY_INDENT = " " * 7
_TEXT_INDENT = " " * 14


def describe(key: str, field: FieldInfo) -> str:
    return field.description or DESCRIPTIONS.get(key, "")


def undocumented() -> list[str]:
    """Configuration keys with no description anywhere."""
    missing = [
        k for k, f in Settings.model_fields.items() if k not in _SECTION_KEYS and not describe(k, f)
    ]
    for prefix, _, model, _ in SECTIONS:
        missing += [
            f"{prefix}.{k}"
            for k, f in model.model_fields.items()
            if not describe(f"{prefix}.{k}", f)
        ]
    return missing


_SECTION_KEYS = {s[0] for s in SECTIONS}


def type_name(annotation: Any, metadata: list[Any] | None = None) -> str:
    """A field's type in the words of the configuration file."""
    for item in metadata or []:
        if getattr(item, "func", None) is parse_size:
            return "size (25MB, 500KB)"
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = get_args(annotation)
        return type_name(inner, list(extra))
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return " or ".join(type_name(a) for a in options)
    if origin is Literal:
        return " | ".join(str(a) for a in get_args(annotation))
    if origin is list:
        (inner,) = get_args(annotation)
        return f"list of {type_name(inner)}"
    names = {
        bool: "true | false",
        int: "integer",
        str: "text",
        Path: "path",
        SecretStr: "secret text",
        timedelta: "duration (90s, 5m, 72h, 30d, 2w)",
    }
    if isinstance(annotation, type) and annotation in names:
        return names[annotation]
    return getattr(annotation, "__name__", str(annotation))


def format_default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True)
    if isinstance(value, int) and any(
        getattr(m, "func", None) is parse_size for m in field.metadata
    ):
        return f'"{size_text(value)}"'
    return _toml(value)


def _toml(value: Any) -> str:
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, timedelta):
        return f'"{duration_text(value)}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, int | float):
        return str(value)
    return f'"{value}"'


def duration_text(delta: timedelta) -> str:
    """timedelta(hours=72) -> '72h': days only from a week up, as people write deadlines."""
    seconds = int(delta.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        big_enough = unit != "d" or seconds >= 7 * 86400
        if seconds and seconds % size == 0 and big_enough:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def size_text(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size and size % factor == 0:
            return f"{size // factor}{unit}"
    return str(size)


def _wrap(text: str, indent: str = _TEXT_INDENT) -> list[str]:
    return textwrap.wrap(
        text, _WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    ) or [""]


def _key_entry(prefix: str | None, key: str, field: FieldInfo, env: str | None) -> list[str]:
    full = f"{prefix}.{key}" if prefix else key
    head = f"{_KEY_INDENT}{key} = {type_name(field.annotation, list(field.metadata))}"
    lines = [head, *_wrap(describe(full, field))]
    default = format_default(field)
    lines += _wrap("Required." if default == "required" else f"Default: {default}.")
    if env:
        lines += _wrap(f"Environment: {env}.")
    return [*lines, ""]


def config_page() -> str:
    """The whole page, plain text wrapped at 78 columns, for a pager or `| less`."""
    title = "NOTIFYD.TOML(5)"
    out = [f"{title}{'notifyd configuration':^{_WIDTH - 2 * len(title)}}{title}", ""]
    out += ["NAME", *_wrap("notifyd.toml - the configuration of notifyd", _KEY_INDENT), ""]
    out += [
        "SYNOPSIS",
        f"{_KEY_INDENT}notifyd --config FILE COMMAND   (or NOTIFYD_CONFIG=FILE)",
        "",
    ]
    out += [
        "DESCRIPTION",
        *_wrap(
            "A TOML file. Unknown keys are errors. Every top-level key can also be set with an "
            "environment variable NOTIFYD_<KEY>, and a key of a [section] with "
            "NOTIFYD_<SECTION>__<KEY>; the environment wins over the file. Durations are "
            "written like 90s, 5m, 72h, 30d or 2w. `notifyd check` validates a file.",
            _KEY_INDENT,
        ),
        "",
        "TOP-LEVEL KEYS",
    ]
    for key, field in Settings.model_fields.items():
        if key in _SECTION_KEYS:
            continue
        out += _key_entry(None, key, field, f"NOTIFYD_{key.upper()}")
    for prefix, header, model, meaning in SECTIONS:
        out.append(f"{header}  ({meaning})")
        for key, field in model.model_fields.items():
            env = None if header.startswith("[[") else f"NOTIFYD_{prefix.upper()}__{key.upper()}"
            out += _key_entry(prefix, key, field, env)
    out += [
        "SECRETS",
        *_wrap(
            "A secret is read from the first of: the key itself, its *_file key, an environment "
            "variable, or a systemd credential (LoadCredential=) in CREDENTIALS_DIRECTORY. "
            "<name> is the mailbox's or channel's name; in a variable it is upper-case with "
            "'-' and '.' written as '_'.",
            _KEY_INDENT,
        ),
        "",
    ]
    for what, env, credential in SECRET_NAMES:
        out += [f"{_KEY_INDENT}{what}", *_wrap(f"Credential: {credential}")]
        out += [*(_wrap(f"Environment: {env}") if env else []), ""]
    out += [
        "FILES",
        *_wrap(
            "/etc/notifyd/notifyd.toml under the systemd unit; credentials in "
            "/etc/notifyd/credentials.",
            _KEY_INDENT,
        ),
        "",
        "SEE ALSO",
        f"{_KEY_INDENT}notifyd check, notifyd --help, README.md",
    ]
    return "\n".join(line.rstrip() for line in out) + "\n"


SECRET_NAMES: tuple[tuple[str, str, str], ...] = (
    ("mailbox password", "NOTIFYD_MAILBOX_<NAME>_PASSWORD", "mailbox-<name>-password"),
    ("mailbox OAuth2 refresh token", "", "mailbox-<name>-refresh-token"),
    ("channel URL", "NOTIFYD_CHANNEL_<NAME>_URL", "channel-<name>-url"),
    ("digest URL", "", "digest-url"),
)


def credential_names(settings: Settings) -> list[tuple[str, str]]:
    """(credential name, environment variable or "") for every secret this configuration reads
    from outside the file, for `check` to list and for LoadCredential= lines."""
    out: list[tuple[str, str]] = []
    for box in settings.mailbox:
        if box.host is None:
            continue
        env = _env_name("mailbox", box.name)
        # A secret written in the file itself (model_fields_set) needs no credential.
        if box.auth == "password" and box.password_file is None and (
            "password" not in box.model_fields_set
        ):
            out.append((f"mailbox-{box.name}-password", f"{env}_PASSWORD"))
        if box.auth == "oauth2" and box.oauth2_refresh_token_file is None and box.oauth2_client_id:
            out.append((f"mailbox-{box.name}-refresh-token", ""))
    for channel in settings.channel:
        if channel.url_file is None and "url" not in channel.model_fields_set:
            out.append((f"channel-{channel.name}-url", f"{_env_name('channel', channel.name)}_URL"))
    digest = settings.digest
    if digest.url is not None and digest.url_file is None and "url" not in digest.model_fields_set:
        out.append(("digest-url", ""))
    return out


def _env_name(kind: str, name: str) -> str:
    return f"NOTIFYD_{kind}_{name}".upper().replace("-", "_").replace(".", "_")
