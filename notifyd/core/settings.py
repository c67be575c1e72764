"""Load and validate the configuration: a TOML file, NOTIFYD_* environment overrides, secret files."""

from __future__ import annotations

import json
import os
import re
import tomllib
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)
from pydantic_settings.exceptions import SettingsError

# parse_duration is re-exported: the CLI and the console parse typed durations with it too.
from notifyd.core.durations import Duration
from notifyd.core.durations import parse_duration as parse_duration
from notifyd.core.errors import ConfigError
from notifyd.core.loading import default_database, resolving_secrets
from notifyd.core.models import CATEGORIES
from notifyd.core.redact import url_secrets
from notifyd.core.webconfig import WebConfig

_SIZE = re.compile(r"^\s*(\d+)\s*(b|kb|mb|gb)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}


def parse_size(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = _SIZE.match(str(value)) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"{value!r} is not a size; write it like 25MB or 500KB")
    return int(match.group(1)) * _SIZE_UNITS[(match.group(2) or "b").lower()]


def _check_name(value: str) -> str:
    """Names become log labels, tags and secret file names: keep them to a safe alphabet."""
    if not _NAME.match(value):
        raise ValueError(f"{value!r} must be letters, digits, '.', '_' or '-'")
    return value


Size = Annotated[int, BeforeValidator(parse_size)]
Name = Annotated[str, AfterValidator(_check_name)]
SeverityName = Literal["critical", "high", "medium", "low"]

_QUIET = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def parse_quiet_hours(value: str) -> tuple[time, time]:
    match = _QUIET.match(value.strip())
    if not match:
        raise ValueError(f'{value!r} is not a time range; write it like "22:00-07:00"')
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ValueError(f"{value!r} has an hour or minute out of range")
    return time(h1, m1), time(h2, m2)


def parse_weekly(value: str) -> tuple[int, time]:
    """'mon 08:00' -> (0, 08:00): weekday number and local time."""
    parts = value.strip().lower().split()
    if len(parts) != 2 or parts[0][:3] not in _DAYS or not re.match(r"^\d{1,2}:\d{2}$", parts[1]):
        raise ValueError(f'{value!r} is not a weekly schedule; write it like "mon 08:00"')
    hour, minute = (int(p) for p in parts[1].split(":"))
    if hour > 23 or minute > 59:
        raise ValueError(f"{value!r} has an hour or minute out of range")
    return _DAYS.index(parts[0][:3]), time(hour, minute)


def _credentials_file(name: str) -> Path | None:
    """A secret systemd's LoadCredential= placed in $CREDENTIALS_DIRECTORY, if there is one."""
    directory = os.environ.get("CREDENTIALS_DIRECTORY")
    if not directory:
        return None
    path = Path(directory) / name
    return path if path.is_file() else None


def _read_secret(path: Path, key: str) -> SecretStr:
    try:
        return SecretStr(path.read_text(encoding="utf-8").strip())
    except OSError as exc:
        raise ValueError(f"cannot read {key} {path}: {exc.strerror}") from None


def _env_secret(*parts: str) -> SecretStr | None:
    name = "_".join(("NOTIFYD", *parts)).upper().replace("-", "_").replace(".", "_")
    value = os.environ.get(name)
    return SecretStr(value) if value else None


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MailboxConfig(_Section):
    name: Name
    path: Path | None = None
    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Literal["tls", "starttls", "none"] = "tls"
    tls_verify: bool = True
    ca_file: Path | None = None
    username: str | None = None
    auth: Literal["password", "oauth2"] = "password"
    password: SecretStr | None = None
    password_file: Path | None = None
    oauth2_token_command: str | None = None
    oauth2_client_id: str | None = None
    oauth2_client_secret: SecretStr | None = None
    oauth2_client_secret_file: Path | None = None
    oauth2_refresh_token: SecretStr | None = None
    oauth2_refresh_token_file: Path | None = None
    oauth2_token_url: str | None = None
    oauth2_scope: str | None = None  # Microsoft 365 wants it on refresh; Gmail does not
    folders: list[str] = Field(default_factory=lambda: ["INBOX"], min_length=1)
    poll_interval: Duration = timedelta(minutes=5)
    idle: bool | None = None  # None: use IDLE when the server offers it
    since: Duration = timedelta(days=30)
    timeout: Duration = timedelta(seconds=60)
    batch_size: int = Field(default=100, ge=1, le=5000)
    max_size: Size = 25 * 1024 * 1024
    mark_seen: bool = False
    add_keyword: str | None = None
    move_to: str | None = None
    account: str | None = Field(default=None, min_length=1, max_length=80)  # display name

    @model_validator(mode="after")
    def _source(self) -> MailboxConfig:
        if self.path is None and not (self.host and self.username):
            raise ValueError('needs either path = "..." or host and username')
        if self.path is not None and self.host:
            raise ValueError("give either path or host, not both")
        if self.host is None or not resolving_secrets():
            return self
        # Secrets resolve here so that the rest of the program sees one field, never a file.
        if self.auth == "password" and self.password is None:
            found = (
                (_read_secret(self.password_file, "password_file") if self.password_file else None)
                or _env_secret("mailbox", self.name, "password")
                or self._credential("password")
            )
            if found is None:
                raise ValueError(
                    "needs a password: set password_file, "
                    f"NOTIFYD_MAILBOX_{self.name.upper()}_PASSWORD or a credential "
                    f"mailbox-{self.name}-password"
                )
            object.__setattr__(self, "password", found)
        if self.auth == "oauth2":
            if self.oauth2_client_secret is None and self.oauth2_client_secret_file:
                object.__setattr__(
                    self,
                    "oauth2_client_secret",
                    _read_secret(self.oauth2_client_secret_file, "oauth2_client_secret_file"),
                )
            if self.oauth2_refresh_token is None:
                token = (
                    _read_secret(self.oauth2_refresh_token_file, "oauth2_refresh_token_file")
                    if self.oauth2_refresh_token_file and self.oauth2_refresh_token_file.exists()
                    else None
                ) or self._credential("refresh-token")
                object.__setattr__(self, "oauth2_refresh_token", token)
            flow = self.oauth2_client_id and self.oauth2_token_url and self.oauth2_refresh_token
            if not (self.oauth2_token_command or flow):
                raise ValueError(
                    'auth = "oauth2" needs oauth2_token_command, or oauth2_client_id, '
                    "oauth2_token_url and oauth2_refresh_token(_file)"
                )
        return self

    def _credential(self, what: str) -> SecretStr | None:
        path = _credentials_file(f"mailbox-{self.name}-{what}")
        return _read_secret(path, "credential") if path else None

    @property
    def effective_port(self) -> int:
        if self.port:
            return self.port
        return 993 if self.security == "tls" else 143


class ChannelConfig(_Section):
    name: Name
    url: SecretStr | None = None
    url_file: Path | None = None
    min_severity: SeverityName = "low"
    categories: list[str] | None = None
    tags: list[str] = Field(default_factory=list)
    quiet_hours: str | None = None
    format: Literal["markdown", "text", "html", "sms"] | None = None
    accounts: list[str] | None = None  # only notices of these accounts; None: every account

    @field_validator("categories")
    @classmethod
    def _categories(cls, value: list[str] | None) -> list[str] | None:
        for item in value or []:
            if item not in CATEGORIES and item != "phishing":
                raise ValueError(f"{item!r} is not a category; allowed: {', '.join(CATEGORIES)}")
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, value: str | None) -> str | None:
        if value is not None:
            parse_quiet_hours(value)
        return value

    @model_validator(mode="after")
    def _url(self) -> ChannelConfig:
        if self.url is None and resolving_secrets():
            found = (
                (_read_secret(self.url_file, "url_file") if self.url_file else None)
                or _env_secret("channel", self.name, "url")
                or (
                    _read_secret(path, "credential")
                    if (path := _credentials_file(f"channel-{self.name}-url"))
                    else None
                )
            )
            if found is None:
                raise ValueError(
                    f'needs url = "..." (an Apprise URL), url_file, '
                    f"NOTIFYD_CHANNEL_{self.name.upper()}_URL or a credential channel-{self.name}-url"
                )
            object.__setattr__(self, "url", found)
        return self

    @property
    def quiet(self) -> tuple[time, time] | None:
        return parse_quiet_hours(self.quiet_hours) if self.quiet_hours else None


class RemindersConfig(_Section):
    before: list[Duration] = Field(
        default_factory=lambda: [timedelta(hours=72), timedelta(hours=24), timedelta(hours=4)]
    )
    overdue_every: Duration = timedelta(hours=24)
    escalate_after: Duration = timedelta(hours=2)
    escalate_to: list[str] = Field(default_factory=list)
    repeat_arrived_overdue: bool = False  # overdue repeats for notices first seen past deadline
    retry_max: Duration = timedelta(hours=6)  # retries of a failed delivery stop growing here


class DigestConfig(_Section):
    schedule: str = "mon 08:00"
    per_account: bool = False  # one digest per mailbox `account` instead of one for all
    url: SecretStr | None = None
    url_file: Path | None = None

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        parse_weekly(value)
        return value

    @model_validator(mode="after")
    def _url(self) -> DigestConfig:
        if not resolving_secrets():
            return self
        if self.url is None and self.url_file is not None:
            object.__setattr__(self, "url", _read_secret(self.url_file, "url_file"))
        if self.url is None and (path := _credentials_file("digest-url")):
            object.__setattr__(self, "url", _read_secret(path, "credential"))
        return self


class MonitorConfig(_Section):
    mailbox_failing_after: Duration = timedelta(minutes=15)
    missed_polls: int = Field(default=3, ge=1)
    outbox_backlog: int = Field(default=50, ge=1)
    channels: list[str] = Field(default_factory=list)  # empty: every channel


class _ListsAsWritten(EnvSettingsSource):
    """Environment variables, with lists written as JSON (`["72h", "24h"]`) or plainly (`72h`
    or `72h,24h`), as the README shows them."""

    def decode_complex_value(self, field_name: str, field: FieldInfo, value: Any) -> Any:
        try:
            return super().decode_complex_value(field_name, field, value)
        except ValueError:
            text = str(value).strip()
            if not isinstance(value, str) or text.startswith(("[", "{")):
                raise
            return [part.strip() for part in text.split(",") if part.strip()]


class Settings(BaseSettings):
    """The whole configuration. Environment variables NOTIFYD_* override the file."""

    model_config = SettingsConfigDict(
        env_prefix="NOTIFYD_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    database: Path = Field(default_factory=default_database)
    timezone: str = "UTC"
    rules_dirs: list[Path] = Field(default_factory=list)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    mailbox: list[MailboxConfig] = Field(default_factory=list)
    channel: list[ChannelConfig] = Field(default_factory=list)
    reminders: RemindersConfig = Field(default_factory=RemindersConfig)
    digest: DigestConfig = Field(default_factory=DigestConfig)
    monitor: MonitorConfig = Field(default_factory=MonitorConfig)
    web: WebConfig | None = Field(
        default=None,  # the console is served only when [web] is written
        description="The [web] table: the console and the action links in alerts; keys "
        "listen, public_url, secret_file, link_ttl (README: From the phone).",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The TOML file arrives as init arguments; the environment must win over it.
        return (_ListsAsWritten(settings_cls), init_settings)

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f'{value!r} is not a time zone; use an IANA name like "Europe/Berlin"'
            ) from None
        return value

    @model_validator(mode="after")
    def _names(self) -> Settings:
        for kind, items in (("mailbox", self.mailbox), ("channel", self.channel)):
            names = [item.name for item in items]
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                raise ValueError(f"{kind} names must be unique; repeated: {', '.join(dupes)}")
        known = {c.name for c in self.channel}
        for ref in [*self.reminders.escalate_to, *self.monitor.channels]:
            if ref not in known:
                raise ValueError(
                    f"channel {ref!r} is named but not configured; known: {', '.join(sorted(known)) or 'none'}"
                )
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def secrets(self) -> list[str]:
        """Every configured secret, and the credential-like pieces of every Apprise URL: what
        must never appear in a log line, an error or the database. Longest first."""
        found: list[str] = []
        for box in self.mailbox:
            for value in (box.password, box.oauth2_client_secret, box.oauth2_refresh_token):
                if value is not None and value.get_secret_value():
                    found.append(value.get_secret_value())
        urls = [c.url for c in self.channel] + [self.digest.url]
        for url in urls:
            if url is not None:
                found += url_secrets(url.get_secret_value())
        return sorted(set(found), key=len, reverse=True)


def _location(loc: tuple[int | str, ...], data: dict[str, Any]) -> str:
    """('mailbox', 0, 'poll_interval') -> 'mailbox[0].poll_interval' (or the mailbox's name)."""
    out = ""
    node: Any = data
    for part in loc:
        if isinstance(part, int):
            name = None
            if isinstance(node, list) and part < len(node) and isinstance(node[part], dict):
                name = node[part].get("name")
            out += f"[{name!r}]" if isinstance(name, str) else f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
        node = node[part] if isinstance(node, list | dict) and _has(node, part) else None  # type: ignore[index]
    return out


def _has(node: list[Any] | dict[str, Any], part: int | str) -> bool:
    if isinstance(node, list):
        return isinstance(part, int) and part < len(node)
    return part in node


def _allowed_keys(parent: tuple[int | str, ...]) -> list[str]:
    model: type[BaseModel] = Settings
    for part in parent:
        if isinstance(part, int):
            continue
        annotation = (
            model.model_fields[str(part)].annotation if part in model.model_fields else None
        )
        inner = getattr(annotation, "__args__", (annotation,))[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            model = inner
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    return list(model.model_fields)


_SECRET_KEYS = ("password", "secret", "token", "url")


def _problem(error: Any, data: dict[str, Any]) -> str:
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    # Drop validator-internal path parts such as the Literal/union branch names.
    loc = tuple(p for p in loc if p not in ("str", "int", "float", "bool", "is-instance[Path]"))
    where = _location(loc, data) or "config"
    kind = error["type"]
    msg = str(error["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_keys(loc[:-1]))
        return f"{where}: unknown key; allowed here: {allowed}"
    if kind == "missing":
        return f"{where}: required key is missing"
    if kind == "literal_error":
        return f"{where}: {msg.replace('Input should be', 'must be')}"
    secret = any(s in where.rsplit(".", 1)[-1] for s in _SECRET_KEYS)
    got = "" if secret or kind.startswith("value_error") else f" (got {error.get('input')!r})"
    return f"{where}: {msg}{got}"


def load_settings(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Read `path` (or $NOTIFYD_CONFIG), apply the environment, validate; ConfigError on problems."""
    if path is None and os.environ.get("NOTIFYD_CONFIG"):
        path = Path(os.environ["NOTIFYD_CONFIG"])
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([f"config: file {path} not found; pass --config PATH"]) from None
        except OSError as exc:
            raise ConfigError([f"config: cannot read {path}: {exc.strerror}"]) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([f"config: {path} is not valid TOML: {exc}"]) from None
        data = _relative_paths(data, path.parent)
    data.update(overrides or {})
    try:
        return Settings(**data)
    except ValidationError as exc:
        raise ConfigError([_problem(e, data) for e in exc.errors()]) from None
    except SettingsError as exc:
        # An environment variable that is not valid JSON where a table is expected.
        field = re.search(r'field "(\w+)"', str(exc))
        name = f"NOTIFYD_{field.group(1).upper()}" if field else "a NOTIFYD_* variable"
        cause = exc.__cause__
        why = f" ({cause})" if isinstance(cause, json.JSONDecodeError) else ""
        raise ConfigError(
            [f"environment: {name}(__...) is not valid JSON{why}; write a list as a,b or JSON"]
        ) from None


def _relative_paths(data: dict[str, Any], base: Path) -> dict[str, Any]:
    """Mailbox paths and rule dirs in a config file are relative to that file's folder."""
    # The database stays relative to the working directory, as a state path should.
    out = dict(data)
    for box in out.get("mailbox", []) or []:
        if isinstance(box, dict) and isinstance(box.get("path"), str):
            p = Path(box["path"]).expanduser()
            box["path"] = str(p if p.is_absolute() else base / p)
    if isinstance(out.get("rules_dirs"), list):
        out["rules_dirs"] = [
            str(Path(d) if Path(d).is_absolute() else base / d)
            for d in out["rules_dirs"]
            if isinstance(d, str)
        ]
    return out
