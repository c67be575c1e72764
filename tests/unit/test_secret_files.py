"""A password or token file other users can read is warned about by `check` and at `run`."""

from __future__ import annotations

from pathlib import Path

from clirunner import notifyd


def _config(tmp_path: Path, mode: int) -> tuple[Path, Path]:
    secret = tmp_path / "imap-password"
    secret.write_text("pw-never-shown\n")
    secret.chmod(mode)
    hook = tmp_path / "hook-url"
    hook.write_text("json://hooks.example.test/x\n")
    hook.chmod(0o600)
    (tmp_path / "mail").mkdir()
    config = tmp_path / "notifyd.toml"
    config.write_text(
        f'database = "{tmp_path / "notifyd.db"}"\n'
        f'[[mailbox]]\nname = "shop"\nhost = "imap.example.test"\nusername = "anna"\n'
        f'password_file = "{secret}"\n'
        f'[[mailbox]]\nname = "files"\npath = "{tmp_path / "mail"}"\n'
        f'[[channel]]\nname = "hook"\nurl_file = "{hook}"\n'
    )
    return config, secret


def test_check_names_the_world_readable_password_file_in_one_line(tmp_path: Path) -> None:
    config, secret = _config(tmp_path, 0o644)
    result = notifyd("--config", str(config), "check")
    assert result.returncode == 0, result.stderr  # a warning, not a configuration error
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: mailbox['shop'].password_file: {secret} is readable by every user on this "
        f"machine (mode 0644); run `chmod 600 {secret}`"
    ]
    assert "pw-never-shown" not in result.stdout + result.stderr


def test_a_private_password_file_gets_no_warning(tmp_path: Path) -> None:
    config, _secret = _config(tmp_path, 0o600)
    result = notifyd("--config", str(config), "check")
    assert result.returncode == 0
    assert "warning:" not in result.stdout and "chmod" not in result.stdout + result.stderr


def test_run_warns_once_at_start(tmp_path: Path) -> None:
    hook = tmp_path / "hook-url"
    hook.write_text("json://hooks.example.test/x\n")
    hook.chmod(0o604)
    (tmp_path / "mail").mkdir()
    config = tmp_path / "notifyd.toml"
    config.write_text(
        f'database = "{tmp_path / "notifyd.db"}"\n'
        f'[[mailbox]]\nname = "files"\npath = "{tmp_path / "mail"}"\n'
        f'[[channel]]\nname = "hook"\nurl_file = "{hook}"\n'
    )
    result = notifyd("--config", str(config), "run", "--once")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "chmod 600" in line]
    assert len(lines) == 1, result.stderr
    assert f"channel['hook'].url_file: {hook} is readable by every user" in lines[0]
    assert "(mode 0604)" in lines[0] and "hooks.example.test" not in result.stderr
