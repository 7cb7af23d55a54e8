"""Settings: every bad value stops start-up with one line naming it and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import SettingsError, load_settings
from tests.conftest import TEST_SECRET


def good(**overrides: str) -> dict[str, str]:
    return {"BOT_TOKEN": "123:abc", "SECRET_KEY": TEST_SECRET, **overrides}


def set_env(monkeypatch: pytest.MonkeyPatch, values: dict[str, str]) -> None:
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch, good())
    settings = load_settings()
    assert settings.bot_api_base_url == "https://api.telegram.org/bot"
    assert settings.file_url == "https://api.telegram.org/file/bot"
    assert settings.database_path == Path("data/unionbot.sqlite3")
    assert settings.timezone == "America/Los_Angeles"
    assert settings.default_language == "en"
    assert settings.admin_ids == frozenset()


def test_env_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"BOT_TOKEN=1:x\nSECRET_KEY={TEST_SECRET}\nADMIN_IDS=5, 7\nLOG_LEVEL=debug\n"
    )
    settings = load_settings()
    assert settings.admin_ids == frozenset({5, 7})
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (good(SECRET_KEY="short"), "SECRET_KEY is invalid"),
        (good(ADMIN_IDS="12,bob"), "ADMIN_IDS is invalid (Value error, must be numbers"),
        (good(TIMEZONE="Mars/Olympus"), "TIMEZONE is invalid (Value error, unknown time zone"),
        (good(DEFAULT_LANGUAGE="fr"), "DEFAULT_LANGUAGE is invalid"),
        (good(LOG_LEVEL="loud"), "LOG_LEVEL is invalid"),
        (good(BOT_API_BASE_URL="ftp://x"), "BOT_API_BASE_URL is invalid"),
        (good(BACKUP_RETENTION="0"), "BACKUP_RETENTION is invalid"),
        (good(BACKUP_TIME="25:00"), "BACKUP_TIME is invalid"),
    ],
)
def test_bad_setting_is_named(
    monkeypatch: pytest.MonkeyPatch, values: dict[str, str], expected: str
) -> None:
    set_env(monkeypatch, values)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_missing_settings_are_named_at_once_with_the_first_step(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make run` on a fresh clone: what is missing, every bad value, and `cp .env.example`."""
    set_env(monkeypatch, {"BOT_TOKEN": "1:x", "LOG_LEVEL": "loud"})
    assert main(["db", "migrate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unionbot: 3 things to fix:\n")
    assert "  SECRET_KEY is missing: generate one with" in err
    assert "  LOG_LEVEL is invalid" in err
    assert "  there is no .env here: cp .env.example .env, then fill it in" in err
    assert "Traceback" not in err

    monkeypatch.delenv("LOG_LEVEL")
    Path(".env").write_text("BOT_TOKEN=1:x\n")  # a .env, still without SECRET_KEY: one line
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith("SECRET_KEY is missing: generate one with")
    assert "\n" not in str(caught.value)


def test_missing_token_only_matters_to_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    set_env(monkeypatch, {"SECRET_KEY": TEST_SECRET})
    assert main(["db", "migrate"]) == 0
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unionbot: BOT_TOKEN is missing: get one from @BotFather")
    assert "Traceback" not in err and err.count("\n") == 1


def test_cli_reports_bad_setting_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    set_env(monkeypatch, good(TIMEZONE="Nowhere/Land"))
    assert main(["db", "migrate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unionbot: TIMEZONE is invalid") and err.count("\n") == 1
