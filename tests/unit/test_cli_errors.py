"""Bad configuration and bad arguments: one line on stderr, exit 2, no traceback, no secret."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from clirunner import notifyd


def one_clear_line(result: object, *needles: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in err and err.strip(), err
    lines = err.strip().splitlines()
    assert all(line.startswith("notifyd: ") for line in lines), err
    for needle in needles:
        assert needle in err, err


@pytest.mark.parametrize("toml, needles", [
    ('[[mailbox]]\nname = "m"\npath = "."\npoll_interval = "5x"\n',
     ["mailbox['m'].poll_interval", "'5x' is not a duration"]),
    ('[[channel]]\nname = "c"\nurl = "json://x"\nmin_severity = "urgent"\n',
     ["channel['c'].min_severity"]),
    ('timezone = "Mars/Olympus"\n', ["timezone", "IANA"]),
    ('colour = "blue"\n', ["colour: unknown key"]),
    ('database = \n', ["not valid TOML"]),
    ('[[mailbox]]\nname = "bad name!"\npath = "."\n', ["mailbox"]),
    ('[[mailbox]]\nname = "m"\nhost = "h"\nusername = "u"\nmax_size = "lots"\n'
     'password = "pw-never-shown"\n', ["max_size"]),
    ('[reminders]\nbefore = ["72h", "soon"]\n', ["reminders.before"]),
    ('[[channel]]\nname = "c"\nurl = "json://x"\nquiet_hours = "25:00-07:00"\n',
     ["quiet_hours"]),
])
def test_bad_config_values_are_one_line_and_exit_2(
    tmp_path: Path, toml: str, needles: list[str]
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(toml)
    result = notifyd("--config", str(config), "check")
    one_clear_line(result, *needles)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "pw-never-shown" not in result.stderr


def test_a_missing_config_file_is_one_line(tmp_path: Path) -> None:
    one_clear_line(notifyd("--config", str(tmp_path / "nope.toml"), "check"), "not found")


def test_a_bad_environment_override_is_one_line(write_config: Callable[..., Path]) -> None:
    config = write_config()
    result = notifyd("--config", str(config), "check", env={"NOTIFYD_LOG_LEVEL": "loud"})
    one_clear_line(result, "log_level")


@pytest.mark.parametrize("args, needle", [
    (["notices", "--status", "bogus"], "--status"),
    (["notices", "--since", "a while"], "--since"),
    (["notices", "--severity", "apocalyptic"], "--severity"),
    (["snooze", "1", "5x"], "DURATION"),
    (["snooze", "one", "5h"], "NOTICE_ID"),
    (["show", "abc"], "NOTICE_ID"),
    (["ack"], "NOTICE_ID"),
    (["note", "1"], "TEXT"),
    (["parse"], "FILES"),
    (["frobnicate"], "frobnicate"),
    (["run", "--twice"], "--twice"),
    (["test-alert", "--severity", "x"], "--severity"),
])
def test_bad_arguments_are_one_line_and_exit_2(
    write_config: Callable[..., Path], args: list[str], needle: str
) -> None:
    result = notifyd("--config", str(write_config()), *args)
    one_clear_line(result, needle)
    assert len(result.stderr.strip().splitlines()) == 1
