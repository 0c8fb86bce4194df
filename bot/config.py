"""Settings from the environment and `.env` (see `.env.example`). Built in `main`, never at import."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EXAMPLE = "Сколько россиян задержали в Баку?"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True)

    # The names other tools and Bot API emulators use are read too (the first is the documented one).
    bot_token: SecretStr | None = Field(None, validation_alias=AliasChoices(
        "BOT_TOKEN", "TELEGRAM_BOT_TOKEN", "TELEGRAM_TOKEN"))
    # a self-hosted Bot API server; unset = api.telegram.org
    telegram_api_url: str | None = Field(None, validation_alias=AliasChoices(
        "TELEGRAM_API_URL", "TELEGRAM_API_SERVER", "TELEGRAM_BOT_API_URL", "BOT_API_URL", "TELEGRAM_API_BASE_URL"))
    corpus_dir: Path = Path("seeds")
    coverage_bot_cache: Path | None = None    # root of the engine's index cache; unset = ~/.cache/coverage-bot
    admin_ids_raw: str = Field("", validation_alias="ADMIN_IDS")
    log_level: str = "INFO"
    example_question: str = DEFAULT_EXAMPLE   # shown by /start when the corpus answers it

    webhook_url: str | None = None            # public https URL Telegram posts to; set = webhook mode
    webhook_secret: SecretStr | None = None   # X-Telegram-Bot-Api-Secret-Token Telegram must send
    webhook_host: str = "127.0.0.1"           # where the webhook server listens (behind a reverse proxy)
    webhook_port: int = 8080

    @field_validator("bot_token", "webhook_secret", "coverage_bot_cache", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_api_url", "webhook_url", mode="before")
    @classmethod
    def _url(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        parts = urlsplit(str(value).strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http(s) URL, e.g. http://127.0.0.1:8081")
        return str(value).strip().rstrip("/")

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("admin_ids_raw")
    @classmethod
    def _ids(cls, value: str) -> str:
        if any(not part.lstrip("-").isdigit() for part in re.split(r"[\s,;]+", value.strip()) if part):
            raise ValueError("ADMIN_IDS must be numeric Telegram user ids separated by commas")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")
        return level

    @property
    def admin_ids(self) -> frozenset[int]:
        return frozenset(int(p) for p in re.split(r"[\s,;]+", self.admin_ids_raw.strip()) if p)

    @property
    def webhook_path(self) -> str:
        return urlsplit(self.webhook_url).path or "/" if self.webhook_url else "/webhook"

    @property
    def token(self) -> str | None:
        return self.bot_token.get_secret_value() if self.bot_token else None
