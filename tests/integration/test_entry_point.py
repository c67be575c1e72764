"""The installed entry points as a user runs them, in a new interpreter: output and exit status.

Everything else about the command line runs in-process (tests/unit/test_cli_*.py); these few
check what only a real process shows: the console script, `python -m notifyd`, and that a
domain error leaves as one line and its status rather than a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, notifyd

CORPUS = ROOT / "tests" / "corpus"


def test_the_console_script_lists_every_command() -> None:
    script = Path(sys.executable).with_name("notifyd")
    result = subprocess.run(
        [str(script), "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    for command in ("run", "notices", "ack", "draft", "digest", "parse", "test-alert"):
        assert f"  {command} " in result.stdout


def test_python_m_notifyd_parses_a_notice_and_exits_0() -> None:
    eml = CORPUS / "001-odr-warning-us-ses.eml"
    result = notifyd("parse", str(eml))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{eml}: high account_health/order_defect_rate")


def test_a_config_error_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('timezone = "Mars/Olympus"\n', encoding="utf-8")
    result = notifyd("--config", str(config), "check")
    assert result.returncode == 2
    assert result.stderr.startswith("notifyd: config: timezone")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_an_unknown_notice_is_one_line_and_exit_1(tmp_path: Path) -> None:
    config = tmp_path / "notifyd.toml"
    config.write_text(f'database = "{tmp_path / "notifyd.db"}"\n', encoding="utf-8")
    # An existing, empty database: a missing one is its own error (exit 1, nothing created).
    assert notifyd("--config", str(config), "import", str(tmp_path)).returncode == 0
    result = notifyd("--config", str(config), "ack", "999")
    assert result.returncode == 1
    assert result.stderr == "notifyd: no notice with ID 999; `notifyd notices` lists them\n"
