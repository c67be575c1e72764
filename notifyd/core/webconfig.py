"""The [web] section of the configuration: where the console listens and what alerts link to."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from notifyd.core.durations import Duration

_LISTEN = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$")


class WebConfig(BaseModel):
    """[web]: the console and the signed action links in alerts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    listen: str = Field(
        default="127.0.0.1:8080",
        description='Address the console listens on, like "127.0.0.1:8080" or "[::1]:8080"; '
        "keep it local and put a TLS proxy in front.",
    )
    public_url: str | None = Field(
        default=None,
        description="The address browsers reach the console at; alerts carry Acknowledge, "
        "Snooze and Open links only when it is set.",
    )
    secret_file: Path | None = Field(
        default=None,
        description="File holding the link and session secret (16 characters or more); unset: "
        "the credential web-secret, else a file web-secret made beside the database.",
    )
    link_ttl: Duration = Field(
        default=timedelta(days=30), description="How long the links in an alert work."
    )

    @field_validator("listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        match = _LISTEN.match(value.strip())
        if not match or not 0 < int(match.group(2)) < 65536:
            raise ValueError(f'{value!r} is not an address; write it like "127.0.0.1:8080"')
        return value.strip()

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", value.strip()):
            raise ValueError(
                f'{value!r} is not a web address; write it like "https://notifyd.example.com"'
            )
        return value.strip().rstrip("/")

    @property
    def host_port(self) -> tuple[str, int]:
        host, _, port = self.listen.rpartition(":")
        return host.strip("[]"), int(port)
