"""The command line in-process: `main()` (what `python -m notifyd` runs) under click's CliRunner."""

from __future__ import annotations

from dataclasses import dataclass

from click.testing import CliRunner

from notifyd.cli import main


@dataclass(frozen=True)
class Ran:
    """What a user would see of one command: its exit status and its two streams."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def notifyd(*args: str, env: dict[str, str] | None = None) -> Ran:
    """Run one command with the entry point's own error handling: a domain error comes out as
    its one line and exit status, and an unexpected exception as the exception itself."""
    runner = CliRunner()
    with runner.isolation(env=env) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        stdout, stderr = out.getvalue(), err.getvalue()
    return Ran(list(args), code, stdout.decode(), stderr.decode())
