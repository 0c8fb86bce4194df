"""Settings, the Bot API client, start-up steps, and keeping the token out of logs."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from aiogram.exceptions import TelegramNotFound
from aiogram.methods import SetMyCommands
from aiogram.types import BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats
from pydantic import ValidationError

from bot.config import Settings
from bot.factory import build_bot, build_dispatcher
from bot.local import LOCAL_TOKEN, LocalSession
from bot.logs import setup_logging
from bot.run import register_commands
from tests.bot_fixtures import FakeEngine

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_"


def test_settings_from_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("CORPUS_DIR", "corpus")
    monkeypatch.setenv("ADMIN_IDS", "1, 22;333")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    s = Settings()
    assert s.token == TOKEN and TOKEN not in repr(s) and TOKEN not in str(s.model_dump())
    assert s.telegram_api_url == "http://127.0.0.1:8081"
    assert str(s.corpus_dir) == "corpus" and s.admin_ids == {1, 22, 333} and s.log_level == "DEBUG"


def test_settings_from_dotenv_and_defaults(monkeypatch, tmp_path):
    for name in ("BOT_TOKEN", "CORPUS_DIR", "WEBHOOK_URL", "TELEGRAM_API_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("BOT_TOKEN=\nWEBHOOK_URL=https://bot.example.org/tg/hook\n")
    s = Settings()
    assert s.token is None, "an empty BOT_TOKEN means console mode, not a broken token"
    assert str(s.corpus_dir) == "seeds" and s.webhook_path == "/tg/hook"


@pytest.mark.parametrize("name, value", [("ADMIN_IDS", "alice"), ("TELEGRAM_API_URL", "127.0.0.1:8081"),
                                         ("LOG_LEVEL", "loud")])
def test_bad_settings_are_refused_with_the_variable_named(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as e:
        Settings(_env_file=None)
    assert name.lower() in str(e.value).lower()


def test_bot_uses_the_self_hosted_api_server():
    s = Settings(_env_file=None, bot_token=TOKEN, telegram_api_url="http://127.0.0.1:8081")
    bot = build_bot(s)
    assert bot.session.api.api_url(token="T", method="getMe") == "http://127.0.0.1:8081/botT/getMe"
    assert build_bot(Settings(_env_file=None, bot_token=TOKEN)).session.api.base.startswith("https://api.telegram.org")


def test_build_dispatcher_has_no_side_effects_and_can_be_built_twice():
    s = Settings(_env_file=None)
    first, second = build_dispatcher(s, FakeEngine()), build_dispatcher(s, FakeEngine())
    assert first is not second
    assert set(first.resolve_used_update_types()) == {"message", "callback_query", "inline_query"}


async def test_commands_are_registered_per_scope_and_a_refusal_is_only_a_warning(caplog):
    session = LocalSession()
    from aiogram import Bot

    bot = Bot(LOCAL_TOKEN, session=session)
    await register_commands(bot)
    scopes = [type(r.scope) for r in session.of(SetMyCommands)]
    assert scopes == [BotCommandScopeAllPrivateChats, BotCommandScopeAllGroupChats]
    session.failures["setMyCommands"] = TelegramNotFound(method=session.of(SetMyCommands)[0],
                                                         message="Not Found: method not found")
    caplog.set_level(logging.WARNING)
    await register_commands(bot)   # must not raise
    assert sum("setMyCommands" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING) == 2


def test_token_never_reaches_the_log():
    out = io.StringIO()
    setup_logging("DEBUG", secrets=[TOKEN], stream=out)
    log = logging.getLogger("test.token")
    try:
        log.error("request to https://api.telegram.org/bot%s/getMe failed", TOKEN)
        log.warning("other token 987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_ in text")
        log.info("short test token http://127.0.0.1:1/bot123:abc/getUpdates")
        try:
            raise RuntimeError(f"ClientConnectorError: https://api.telegram.org/bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("boom")
    finally:
        setup_logging("WARNING", stream=io.StringIO())
    text = out.getvalue()
    assert "getMe failed" in text and "boom" in text and "RuntimeError" in text
    assert TOKEN not in text and "AAHdqTcvCH1vGWJ" not in text and "ZZHdqTcv" not in text
    assert "123:abc" not in text


def test_env_example_lists_every_setting_and_loads(monkeypatch, tmp_path):
    example = (Path(__file__).resolve().parent.parent / ".env.example").read_text(encoding="utf-8")
    names = {line.split("=", 1)[0] for line in example.splitlines() if line and not line.startswith("#")}
    def documented(name, field):    # the first of a field's names is the one .env.example documents
        alias = field.validation_alias
        return (alias.choices[0] if hasattr(alias, "choices") else alias or name).upper()

    expected = {documented(name, f) for name, f in Settings.model_fields.items()}
    assert names == expected
    for name in names:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(example, encoding="utf-8")
    s = Settings()
    assert s.token is None and s.webhook_url is None and str(s.corpus_dir) == "seeds"


@pytest.mark.parametrize("token_name, url_name", [("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_SERVER"),
                                                  ("TELEGRAM_TOKEN", "BOT_API_URL")])
def test_settings_read_the_names_other_tools_use(monkeypatch, tmp_path, token_name, url_name):
    """A Bot API emulator or a deployment may name the token and the server otherwise; the bot still finds them."""
    for name in ("BOT_TOKEN", "TELEGRAM_API_URL", "TELEGRAM_BOT_TOKEN", "TELEGRAM_TOKEN", "TELEGRAM_API_SERVER",
                 "BOT_API_URL", "TELEGRAM_BOT_API_URL", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(token_name, TOKEN)
    monkeypatch.setenv(url_name, "http://127.0.0.1:8081/")
    s = Settings()
    assert s.token == TOKEN and s.telegram_api_url == "http://127.0.0.1:8081"
