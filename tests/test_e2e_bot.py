"""End to end: the real `coverage-bot run` process polls a fake Bot API server on 127.0.0.1 through
TELEGRAM_API_URL, answers the seed corpus with the real engine, and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fake_api import TOKEN, FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
SCENARIO_TIMEOUT = 90
QUESTION = "Сколько россиян задержали в Баку?"


def command() -> list[str]:
    script = Path(sys.executable).with_name("coverage-bot")
    return [str(script), "run"] if script.exists() else [sys.executable, "-m", "bot", "run"]


def types(message: dict) -> list[str]:
    return [e["type"] for e in message.get("entities", [])]


def threaded_to(message: dict, asked: dict) -> bool:
    return (message.get("reply_parameters") or {}).get("message_id") == asked["message"]["message_id"]


@pytest.fixture
async def api():
    async with FakeBotAPI() as server:
        # An optional method the server refuses: the bot must log a warning and keep answering.
        server.add_fault("setMyCommands", kind="status", status=404, description="Not Found: method not found")
        yield server


@pytest.fixture
def bot_process(api, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "BOT_", "TELEGRAM_"))}
    env.update(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.url, CORPUS_DIR=str(ROOT / "seeds"), LOG_LEVEL="INFO",
               COVERAGE_BOT_CACHE=str(tmp_path / "cache"), NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
    log = (tmp_path / "bot.log").open("w+")
    proc = subprocess.Popen(command(), cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=log,
                            stderr=subprocess.STDOUT)
    yield proc, log
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)
    log.close()


async def test_bot_end_to_end(api: FakeBotAPI, bot_process):
    proc, log = bot_process
    started = time.monotonic()
    await asyncio.wait_for(scenario(api), SCENARIO_TIMEOUT)
    took = time.monotonic() - started

    proc.send_signal(signal.SIGTERM)
    code = await asyncio.to_thread(proc.wait, 20)
    log.seek(0)
    output = log.read()
    assert code == 0, output
    assert TOKEN not in output, "the token must never reach the log"
    assert "setMyCommands" in output and "WARNING" in output
    assert "Traceback" not in output, output
    print(f"e2e scenario took {took:.1f} s")


async def scenario(api: FakeBotAPI) -> None:
    # Start-up: token checked, menus attempted per scope (refused), webhook removed without dropping
    # the queue, then long polling for exactly the update types the handlers use.
    poll = await api.wait_call(lambda c: c.method == "getUpdates", timeout=60)
    assert poll.params["allowed_updates"] == ["callback_query", "inline_query", "message"]
    commands = api.calls_of("setMyCommands")
    assert len(commands) == 2 and {c.params["scope"]["type"] for c in commands} == {"all_private_chats", "all_group_chats"}
    assert all(str(c.params.get("drop_pending_updates", "false")).lower() != "true" for c in api.calls_of("deleteWebhook"))
    alice = api.alice["id"]

    async def ask(update: dict, chat_id: int, what: str = "") -> dict:
        mark = len(api.calls)
        api.push(update)
        return await api.wait_sent(lambda m: m["chat"]["id"] == chat_id and what in m["text"], start=mark)

    start = await ask(api.private_text("/start"), alice)
    assert "/ask" in start["text"] and "/sources" in start["text"] and "/timeline" in start["text"]

    answer = await ask(api.private_text(QUESTION), alice)
    assert "blockquote" in types(answer) and "bold" in types(answer)
    assert "россиян" in answer["text"] and ("РАПСИ ·" in answer["text"] or "ТАСС ·" in answer["text"])
    button = answer["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "Ещё"

    mark = len(api.calls)
    api.push(api.callback(button["callback_data"], on=answer))
    more = await api.wait_sent(lambda m: m["chat"]["id"] == alice, start=mark)
    assert "blockquote" in types(more) and more["text"] != answer["text"]
    await api.wait_call(lambda c: c.method == "answerCallbackQuery", start=mark)

    sources = await ask(api.private_text("/sources"), alice, "Статьи в подборке (2)")
    assert "ТАСС" in sources["text"] and "РАПСИ" in sources["text"]
    timeline = await ask(api.private_text("/timeline"), alice, "Хронология")
    assert "2025" in timeline["text"]

    bob = api.bob["id"]
    nothing = await ask(api.private_text("Кто выиграл чемпионат мира по футболу?", user=api.bob), bob)
    assert "нет ответа" in nothing["text"] and "blockquote" not in types(nothing)

    hint = await ask(api.sticker(user=api.bob), bob)
    assert "текстовые вопросы" in hint["text"]

    # Group: chatter is ignored; /ask@bot, a mention and a reply to the bot are answered, threaded.
    group = api.group["id"]
    chatter = api.group_text("Кто-нибудь читал, что с россиянами в Баку?")
    api.push(chatter)
    asked = api.group_text(f"/ask@coverage_bot {QUESTION}")
    reply = await ask(asked, group)
    assert threaded_to(reply, asked) and "blockquote" in types(reply)
    mention = api.group_text("@coverage_bot когда прошли консультации в Баку?")
    reply = await ask(mention, group)
    assert threaded_to(reply, mention)
    follow_up = api.group_text("А кто такой Галузин?", reply_to=reply)
    reply2 = await ask(follow_up, group)
    assert threaded_to(reply2, follow_up)

    mark = len(api.calls)
    api.push(api.inline_query("россияне в Баку"))
    inline = await api.wait_call(lambda c: c.method == "answerInlineQuery", start=mark)
    assert inline.outcome == "ok" and 1 <= len(inline.params["results"]) <= 5
    assert "россиян" in inline.params["results"][0]["input_message_content"]["message_text"]

    # Nothing went to the group except the three threaded answers; everything the bot sent was accepted.
    await asyncio.sleep(0.5)
    to_group = [m for m in api.sent if m["chat"]["id"] == group]
    assert len(to_group) == 3 and not any(threaded_to(m, chatter) for m in to_group)
    assert all(c.outcome == "ok" for c in api.calls if c.method != "setMyCommands"), \
        [(c.method, c.outcome) for c in api.calls if c.outcome != "ok"]
