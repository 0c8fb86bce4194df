"""The token never reaches a log line or a reply, even inside an exception's message; nothing from the
corpus or a user is evaluated or unpickled."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError
from aiogram.methods import SendMessage

from bot.logs import setup_logging
from tests.bot_fixtures import FakeEngine, Harness, message

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "8123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw9"


class LeakyEngine(FakeEngine):
    def answer(self, question: str, more: int = 4):
        raise RuntimeError(f"could not reach https://api.telegram.org/bot{TOKEN}/getMe with token {TOKEN}")


@pytest.fixture
def log_text():
    """The root logger as `coverage-bot run` sets it up, writing into a string."""
    out = io.StringIO()
    setup_logging("DEBUG", secrets=[TOKEN], stream=out)
    yield out
    setup_logging("WARNING", stream=io.StringIO())


def sent_texts(h: Harness) -> str:
    return "\n".join(f"{r.text} {r.entities}" for r in h.session.requests if isinstance(r, SendMessage))


async def test_an_exception_holding_the_token_reaches_neither_the_log_nor_the_reply(log_text):
    h = Harness(LeakyEngine())
    (apology,) = await h.sends(message("Баку?"))
    assert "Извините" in apology.text
    logged = log_text.getvalue()
    assert "RuntimeError" in logged and "Traceback" in logged, "the failure is logged in full…"
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged, "…with the token masked"
    assert TOKEN not in sent_texts(h) and "RuntimeError" not in sent_texts(h)


@pytest.mark.parametrize("failure", [
    TelegramBadRequest(method=SendMessage(chat_id=1, text="x"), message=f"Bad Request: chat bot{TOKEN} not found"),
    TelegramNetworkError(method=SendMessage(chat_id=1, text="x"),
                         message=f"ClientConnectorError: Cannot connect to https://api.telegram.org/bot{TOKEN}/"),
])
async def test_a_bot_api_error_holding_the_token_is_logged_masked(log_text, failure):
    h = Harness()
    h.session.failures["sendMessage"] = failure
    await h.feed(message("Баку?"))
    logged = log_text.getvalue()
    assert type(failure).__name__ in logged and "<token>" in logged
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged


# Calls that run code or rebuild objects from bytes. Nothing the bot reads (articles, questions, button
# data, the index cache) may reach one of them.
DANGEROUS = re.compile(r"\b(eval|exec|compile)\s*\(|\bpickle\b|\bmarshal\b|\bshelve\b|allow_pickle\s*=\s*True"
                       r"|\byaml\.(unsafe_)?load\b|__import__\s*\(|\bjsonpickle\b|\bdill\b")


def test_no_code_evaluates_or_unpickles_anything():
    found = []
    for folder in ("bot", "handlers", "index"):
        for path in (ROOT / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if DANGEROUS.search(code) and not re.search(r"re\.compile\s*\(", code):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], found


def test_the_index_cache_is_read_without_pickles():
    source = (ROOT / "index" / "cache.py").read_text(encoding="utf-8")
    assert "allow_pickle=False" in source and "json.loads" in source


async def test_errors_are_not_logged_as_a_hint_to_the_user(caplog):
    """The apology is fixed text: no exception type, message or path from the failure."""
    caplog.set_level(logging.ERROR)

    class PathEngine(FakeEngine):
        def answer(self, question: str, more: int = 4):
            raise OSError(2, "No such file", "/srv/coverage/secret/index.npz")

    h = Harness(PathEngine())
    (apology,) = await h.sends(message("Баку?"))
    assert "/srv" not in apology.text and "OSError" not in apology.text
