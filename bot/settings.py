"""Settings read from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API = "https://api.telegram.org/bot"

# One line per setting that can go wrong: what to do about it.
FIX_HINTS = {
    "BOT_TOKEN": "get one from @BotFather (see README) and put BOT_TOKEN=... in .env",
    "SECRET_KEY": (
        'generate one with: python3 -c "import secrets; print(secrets.token_hex(32))" '
        "and put SECRET_KEY=... in .env"
    ),
    "ADMIN_IDS": "comma-separated numeric Telegram user ids, e.g. ADMIN_IDS=12345,67890",
    "TIMEZONE": "an IANA time zone name such as America/Los_Angeles",
    "DEFAULT_LANGUAGE": "en or es",
    "LOG_LEVEL": "one of DEBUG, INFO, WARNING, ERROR",
    "BOT_API_BASE_URL": "a URL ending in /bot, e.g. https://api.telegram.org/bot",
    "BACKUP_RETENTION": "a whole number of backups to keep, at least 1",
    "BACKUP_TIME": "a time of day as HH:MM, e.g. 03:30",
    "BROADCAST_RATE": "messages per second, more than 0 and at most 1000 (Telegram: 30 free)",
    "PAID_BROADCAST": "true or false",
    "BROADCAST_CONCURRENCY": "a whole number of requests from 1 to 200",
}


class Settings(BaseSettings):
    """Everything the bot needs to know about its deployment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr | None = None  # required to run; the db commands work without it
    secret_key: SecretStr
    bot_api_base_url: str = TELEGRAM_API
    bot_api_file_url: str | None = None
    union_name: str = "the union"
    database_path: Path = Path("data/unionbot.sqlite3")
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "America/Los_Angeles"
    default_language: Literal["en", "es"] = "en"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    broadcast_rate: float = Field(default=30.0, gt=0, le=1000)
    paid_broadcast: bool = False
    broadcast_concurrency: int = Field(default=8, ge=1, le=200)
    backup_dir: Path = Path("data/backups")
    backup_retention: int = Field(default=14, ge=1)
    backup_time: str = Field(default="03:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")

    @field_validator("bot_token", "bot_api_file_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("secret_key")
    @classmethod
    def _long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 32:
            raise ValueError("must be at least 32 characters")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not all(p.lstrip("-").isdigit() for p in parts):
                raise ValueError("must be numbers separated by commas")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("bot_api_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @property
    def send_rate(self) -> float:
        """Messages per second for bulk sends: Telegram allows 30 free, 1000 paid."""
        return self.broadcast_rate if self.paid_broadcast else min(self.broadcast_rate, 30.0)

    @property
    def token(self) -> str:
        """The bot token, or a SettingsError saying how to get one."""
        if self.bot_token is None:
            raise SettingsError(f"BOT_TOKEN is missing: {FIX_HINTS['BOT_TOKEN']}")
        return self.bot_token.get_secret_value()

    @property
    def tz(self) -> ZoneInfo:
        """The union's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def file_url(self) -> str:
        """Where files are downloaded from; derived from the API URL unless set."""
        if self.bot_api_file_url:
            return self.bot_api_file_url
        root, _, tail = self.bot_api_base_url.rpartition("/")
        return f"{root}/file/{tail}"


class SettingsError(Exception):
    """A setting is missing or invalid; the message says which and how to fix it."""


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning validation errors into one clear line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(describe(exc)) from None


def describe(exc: ValidationError) -> str:
    """Every bad variable, each with the problem and the fix: one line when there is one.

    When a setting is missing and there is no .env file here, the first step is named too
    (a deployment may set everything in the environment instead, so only then).
    """
    lines = []
    errors = exc.errors()
    for error in errors:
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        problem = "is missing" if error["type"] == "missing" else f"is invalid ({error['msg']})"
        hint = FIX_HINTS.get(name)
        lines.append(f"{name} {problem}" + (f": {hint}" if hint else ""))
    if any(e["type"] == "missing" for e in errors) and not Path(".env").exists():
        lines.append("there is no .env here: cp .env.example .env, then fill it in")
    if len(lines) == 1:
        return lines[0]
    return f"{len(lines)} things to fix:\n  " + "\n  ".join(lines)
