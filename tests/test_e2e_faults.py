"""The Bot API client against a misbehaving server (real HTTP on 127.0.0.1): flood control, 5xx, dropped
connections and garbled answers lose no reply and duplicate none."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiogram.exceptions import ClientDecodeError

from bot.config import Settings
from bot.factory import build_dispatcher
from tests.bot_fixtures import FakeEngine


async def test_flood_control_waits_as_told_and_sends_once(api, bot):
    api.add_fault("sendMessage", kind="retry_after", retry_after=1, times=1)
    started = time.monotonic()
    await bot.send_message(111, "ответ")
    assert time.monotonic() - started >= 1.0
    assert [c.outcome for c in api.calls_of("sendMessage")] == ["error 429", "ok"]
    assert len(api.sent) == 1


async def test_server_errors_and_dropped_connections_are_retried_once_delivered(api, bot):
    api.add_fault("sendMessage", kind="status", status=502, description="Bad Gateway", times=1)
    api.add_fault("sendMessage", kind="drop", times=1)
    await bot.send_message(111, "ответ")
    assert [c.outcome for c in api.calls_of("sendMessage")] == ["error 502", "drop", "ok"]
    assert len(api.sent) == 1


async def test_a_garbled_answer_to_a_send_is_not_sent_again(api, bot):
    api.add_fault("sendMessage", kind="garble", times=1)
    with pytest.raises(ClientDecodeError):
        await bot.send_message(111, "ответ")
    assert len(api.calls_of("sendMessage")) == 1 and len(api.sent) == 1


async def test_polling_bot_under_random_faults_answers_every_question_exactly_once(api, bot):
    for fault in ({"kind": "retry_after", "retry_after": 1, "probability": 0.10},
                  {"kind": "status", "status": 500, "probability": 0.06},
                  {"kind": "drop", "probability": 0.03},
                  {"kind": "garble", "probability": 0.02}):
        api.add_fault(None, updates=True, **fault)
    dp = build_dispatcher(Settings(_env_file=None), FakeEngine())
    users = [{"id": 5000 + i, "is_bot": False, "first_name": f"u{i}"} for i in range(30)]
    for user in users:
        api.push(api.private_text("Что с россиянами в Баку?", user=user))
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, close_bot_session=False,
                                                   polling_timeout=1))
    try:
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and len({m["chat"]["id"] for m in api.sent}) < len(users):
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.5)   # time for any duplicate to show up
    finally:
        await dp.stop_polling()
        await polling
    per_chat = {u["id"]: sum(m["chat"]["id"] == u["id"] for m in api.sent) for u in users}
    faults = sum(c.outcome != "ok" for c in api.calls)
    assert faults > 0, "the faults were injected"
    assert per_chat == {u["id"]: 1 for u in users}, per_chat
