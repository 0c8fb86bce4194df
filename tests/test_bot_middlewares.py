"""Retries and flood control on the Bot API session; throttling buckets."""

from __future__ import annotations

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import AnswerCallbackQuery, GetMe, SendMessage

from bot.local import LOCAL_TOKEN, LocalSession
from bot.middlewares import RetryMiddleware, TokenBuckets, sender_key
from tests.bot_fixtures import ANON_ADMIN, GROUP, message

SEND = SendMessage(chat_id=1, text="ответ")


class Script:
    """make_request that fails with the given exceptions in turn, then succeeds."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.calls = 0

    async def __call__(self, bot, method):
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "ok"


def network(cause: Exception, method=SEND) -> TelegramNetworkError:
    try:
        raise TelegramNetworkError(method=method, message=f"{type(cause).__name__}: {cause}") from cause
    except TelegramNetworkError as e:
        return e


@pytest.fixture
def slept():
    return []


@pytest.fixture
def retry(slept):
    async def sleep(seconds):
        slept.append(seconds)
    return RetryMiddleware(attempts=4, sleep=sleep)


BOT = Bot(LOCAL_TOKEN, session=LocalSession())


async def test_flood_control_waits_exactly_retry_after(retry, slept):
    script = Script(TelegramRetryAfter(method=SEND, message="Too Many Requests", retry_after=7))
    assert await retry(script, BOT, SEND) == "ok"
    assert script.calls == 2 and slept == [7]


async def test_too_long_flood_wait_is_not_slept_through(retry, slept):
    script = Script(TelegramRetryAfter(method=SEND, message="flood", retry_after=3600))
    with pytest.raises(TelegramRetryAfter):
        await retry(script, BOT, SEND)
    assert slept == []


async def test_server_errors_and_unsent_requests_are_retried_with_backoff(retry, slept):
    conn_key = type("K", (), {"ssl": None, "host": "h", "port": 1})()
    script = Script(TelegramServerError(method=SEND, message="Bad Gateway"),
                    network(aiohttp.ClientConnectorError(conn_key, OSError(111, "refused"))),
                    network(aiohttp.ServerDisconnectedError()))
    assert await retry(script, BOT, SEND) == "ok"
    assert script.calls == 4
    assert len(slept) == 3 and slept[0] < slept[1] < slept[2]


async def test_a_send_whose_fate_is_unknown_is_not_repeated(retry):
    for failure in (network(TimeoutError()), ClientDecodeError("garbled", ValueError(), "<html")):
        script = Script(failure)
        with pytest.raises(type(failure)):
            await retry(script, BOT, SEND)
        assert script.calls == 1, "a second sendMessage could post the reply twice"


async def test_idempotent_calls_are_repeated_even_when_the_fate_is_unknown(retry):
    for method in (GetMe(), AnswerCallbackQuery(callback_query_id="1")):
        script = Script(network(TimeoutError(), method), ClientDecodeError("garbled", ValueError(), "x"))
        assert await retry(script, BOT, method) == "ok" and script.calls == 3


async def test_client_errors_are_not_retried_and_retries_are_bounded(retry):
    script = Script(TelegramBadRequest(method=SEND, message="can't parse entities"))
    with pytest.raises(TelegramBadRequest):
        await retry(script, BOT, SEND)
    assert script.calls == 1
    script = Script(*[TelegramServerError(method=SEND, message="down")] * 10)
    with pytest.raises(TelegramServerError):
        await retry(script, BOT, SEND)
    assert script.calls == 4


def test_buckets_refill_and_stay_bounded():
    now = [0.0]
    buckets = TokenBuckets(rate=1.0, burst=2, cap=3, clock=lambda: now[0])
    assert [buckets.take("a")[0] for _ in range(3)] == [True, True, False]
    assert buckets.take("a") == (False, False), "only the first refusal is reported as first"
    now[0] += 1.0
    assert buckets.take("a")[0] is True
    for key in "bcdefg":
        buckets.take(key)
    assert len(buckets) == 3


def test_anonymous_admin_is_keyed_by_the_chat_it_speaks_for():
    anon = message("x", chat=GROUP, user=ANON_ADMIN, sender_chat=GROUP)
    assert sender_key(anon) == ("chat", GROUP.id)
    assert sender_key(message("x")) == ("user", 111)
