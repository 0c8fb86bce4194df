"""`make stress` in small: the polling bot (`bot.run.run_polling`, the same code `coverage-bot run` runs,
here in-process) on the seed corpus's engine against the fake Bot API server on 127.0.0.1, driven by the
stress tool's simulated users. Every question gets exactly one reply, to the right chat, quoting the right
message, word for word what the engine says — under random faults, after an outage, and for a backlog of
questions asked while the bot was down."""

from __future__ import annotations

import asyncio
import threading
import time
from contextlib import asynccontextmanager

import pytest

from bot.config import DEFAULT_EXAMPLE, Settings
from bot.run import MAX_CONCURRENT_UPDATES, run_polling
from handlers.deps import EngineHolder
from stress.load import Ask, Inbox, Load, Oracle, account, drain, make_users, queue_backlog
from stress.scenarios import RANDOM_FAULTS, dev_questions
from tests.fake_api import TOKEN, FakeBotAPI

POOL = [*dev_questions(), "Какая погода будет завтра в Сочи?", "<b>Баку</b> & _россияне_", "😀🔥", "   ", "1234"]


@pytest.fixture
async def api():
    async with FakeBotAPI(seed=3, max_poll_wait=1.0) as server:
        yield server


@pytest.fixture
async def oracle(seed_engine) -> Oracle:
    return Oracle(seed_engine, await EngineHolder(seed_engine, example_question=DEFAULT_EXAMPLE).example_question())


@asynccontextmanager
async def polling(api: FakeBotAPI, engine):
    """`run_polling` in this event loop until the block ends; yields once it polls."""
    settings = Settings(_env_file=None, bot_token=TOKEN, telegram_api_url=api.url)
    stop = asyncio.Event()
    mark = len(api.calls)
    task = asyncio.create_task(run_polling(settings, engine=engine, stop=stop))
    try:
        await api.wait_call(lambda c: c.method == "getUpdates", timeout=20, start=mark)
        yield
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)


async def test_small_load_under_random_faults_gets_one_reply_per_question(api, oracle, seed_engine):
    # The stress run's kinds of faults, rarer and slow answers quicker: each 429 costs its whole second
    # here, each 5xx half a second of back-off. Only 500s and drops hit getUpdates, where a fault holds up
    # every user (`make stress` and test_e2e_faults put every kind there).
    specs = [dict(spec, probability=spec["probability"] * 0.6, delay=0.2) for _, spec in RANDOM_FAULTS]
    rules = [api.add_fault(None, updates=spec["kind"] in ("status", "drop"), **spec) for spec in specs]
    async with polling(api, seed_engine):
        # A pause of 0.3–0.5 s keeps each simulated person inside the flood limit (8 at once, then 1/s).
        run = Load(api, oracle, make_users(20, 5), POOL, seed=5, think=(0.3, 0.5), deadline=40, quiet=0.5)
        res = await run.run()
        run.inbox.close()
    assert sum(r.hits for r in rules) > 20, "faults were injected"
    assert res.by_kind["question"] == 100 and res.by_kind["more"] > 0 and res.by_kind["command"] > 0
    assert res.clean, res.examples
    assert res.replied_once == res.updates - res.by_kind["chatter"]
    assert not res.throttled and not res.apologies


async def test_a_backlog_is_answered_in_order_and_not_taken_for_a_flood(api, oracle, seed_engine):
    # Twelve questions per person (more than the flood limit's burst of 8) asked over the last 10 minutes
    # while the bot was down: all arrive at once when it starts.
    inbox = Inbox(api)
    asks = queue_backlog(api, oracle, make_users(10, 12, groups=2, group_share=0.2), POOL)
    started = time.monotonic()
    async with polling(api, seed_engine):
        assert await drain(api, inbox, asks, timeout=30)
        await inbox.quiet(0.5)
    res = account(api, inbox, asks, started)
    assert res.questions == 120 and res.replied_once == 120, res.examples
    assert res.clean and not res.throttled, res.examples
    assert res.out_of_order == 0, "a private chat's answers come in the order of its questions"


async def test_questions_asked_during_an_outage_are_answered_once_it_ends(api, oracle, seed_engine):
    async with polling(api, seed_engine):
        inbox = Inbox(api)
        asks: list[Ask] = []
        rules = [api.add_fault(None, updates=True, kind="status", status=502, probability=0.5),
                 api.add_fault(None, updates=True, kind="html", status=503),
                 ]
        started = time.monotonic()
        for u in make_users(12, 1, groups=2, first_id=7_000):
            q = POOL[len(asks) % 5]
            text = q if u.private else f"/ask@coverage_bot {q}"
            update = api.push(api.message(text, chat=u.chat, user=u.user))
            asks.append(Ask("question", u.id, u.chat["id"], u.private, update["update_id"], time.monotonic(), 1,
                            oracle.reply("text" if u.private else "group_ask", q)[0],
                            thread=None if u.private else update["message"]["message_id"], open=True))
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        api.clear_faults()
        assert await drain(api, inbox, asks, timeout=30)
        await inbox.quiet(0.5)
    res = account(api, inbox, asks, started)
    assert sum(r.hits for r in rules) > 0
    assert res.replied_once == 12 and res.clean, res.examples


class BlockedEngine:
    """The seed engine, held up until `release` is set (a slow retrieval under a big backlog)."""

    def __init__(self, engine) -> None:
        self._engine = engine
        self.release = threading.Event()

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def answer(self, question: str, more: int = 4):
        self.release.wait(20)
        return self._engine.answer(question, more)


async def test_polling_leaves_a_backlog_queued_at_the_server(api, seed_engine):
    engine = BlockedEngine(seed_engine)
    users = make_users(400, 1, groups=0)
    for u in users:
        api.push(api.private_text("Сколько россиян задержали в Баку?", user=u.user))
    inbox = Inbox(api)
    try:
        async with polling(api, engine):
            await asyncio.sleep(1.0)
            taken = len(api.handed_out)
            engine.release.set()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and len({m["chat"]["id"] for m in api.sent}) < len(users):
                await asyncio.sleep(0.1)
    finally:
        engine.release.set()
    assert MAX_CONCURRENT_UPDATES <= taken <= MAX_CONCURRENT_UPDATES + 100, \
        "at most the limit plus one getUpdates batch is taken while answers are stuck"
    assert {m["chat"]["id"] for m in api.sent} == {u.id for u in users}
    assert len(api.sent) == len(users)
    inbox.close()
