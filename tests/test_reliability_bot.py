"""What the stress run found, pinned down: a backlog is not a flood, one person's answers come in order,
a garbled answer to a delivered message does not cut a reply short, an HTML error page is retried, an
outage of a minute or two is waited out."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest
from aiogram.exceptions import ClientDecodeError, TelegramServerError
from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup, SendMessage

from bot.factory import MESSAGE_BURST
from bot.local import LocalSession
from bot.middlewares import RetryMiddleware
from tests.bot_fixtures import BEST, BOB, NOW, RAPSI, SECOND, FakeEngine, Harness, callback, message


def texts(sends: list[SendMessage]) -> list[str]:
    return [s.text for s in sends]


# ------------------------------------------------------------------------------------------ flood control

async def test_questions_queued_while_the_bot_was_down_are_not_a_flood():
    h = Harness()
    backlog = [message(f"Баку? {i}") for i in range(3 * MESSAGE_BURST)]
    backlog = [m.model_copy(update={"date": NOW - dt.timedelta(minutes=30 - i)}) for i, m in enumerate(backlog)]
    sends = [s for m in backlog for s in await h.sends(m)]     # all arrive now, one after another
    assert len(sends) == len(backlog) and all(BEST.quote in t for t in texts(sends))


async def test_a_real_flood_is_still_throttled_by_the_messages_own_times():
    h = Harness()
    sends = [s for _ in range(MESSAGE_BURST + 5) for s in await h.sends(message("Баку?"))]   # same second
    assert sum(BEST.quote in t for t in texts(sends)) == MESSAGE_BURST
    assert sum("Слишком много" in t for t in texts(sends)) == 1


async def test_button_presses_have_their_own_allowance():
    h = Harness()
    for _ in range(MESSAGE_BURST):
        await h.sends(message("Баку?"))
    answer = h.session.sent()[-1]
    requests = await h.feed(callback(answer.reply_markup.inline_keyboard[0][0].callback_data,
                                     h.session._result(answer)))
    assert any(isinstance(r, SendMessage) and SECOND.quote in r.text for r in requests)


# ------------------------------------------------------------------------------------------ order

class SlowFirst(FakeEngine):
    """The first question of each person is slow to answer (a big corpus), the rest are quick."""

    def answer(self, question: str, more: int = 4):
        if question.startswith("медленно"):
            time.sleep(0.3)
        return super().answer(question, more)


async def test_one_persons_answers_come_in_the_order_asked_and_others_do_not_wait():
    h = Harness(SlowFirst(), throttle=False)
    order: list[tuple[int, str]] = []
    h.session.on_request = lambda m, _: order.append((m.chat_id, m.text)) if isinstance(m, SendMessage) else None
    await asyncio.gather(
        h.feed(message("медленно: что в Баку?")),
        h.feed(message("Какая погода на Марсе?")),
        h.feed(message("Баку?", user=BOB, chat=message("x").chat.model_copy(update={"id": BOB.id}))),
    )
    alice = [t for chat, t in order if chat == 111]
    assert BEST.quote in alice[0] and "нет ответа" in alice[1], "Alice's answers in the order she asked"
    assert order[0][0] == BOB.id, "Bob's quick question did not wait behind Alice's slow one"
    assert len(h.dp["in_order"]) == 0, "no lock is kept once a conversation is idle"


# ------------------------------------------------------------------------------------------ garbled answers

class GarbleOnce(LocalSession):
    """Records and 'delivers' a send, then answers the first one with something unreadable."""

    def __init__(self) -> None:
        super().__init__()
        self.garbled = False

    async def make_request(self, bot, method, timeout=None):
        result = await super().make_request(bot, method, timeout)
        if isinstance(method, SendMessage) and not self.garbled:
            self.garbled = True
            raise ClientDecodeError("Failed to decode object", ValueError("truncated"), '{"ok": true, "res')
        return result


def garbling_harness(engine: FakeEngine | None = None) -> Harness:
    h = Harness(engine)
    h.session = GarbleOnce()
    h.bot = h.bot.__class__(h.bot.token, session=h.session)
    return h


async def test_a_garbled_answer_to_the_first_part_does_not_drop_the_rest():
    articles = [RAPSI.__class__(id=f"{i}.txt", title=f"Статья {i} " + "длинный заголовок " * 4, source="ТАСС")
                for i in range(120)]
    plain = Harness(FakeEngine(articles=articles))
    expected = len(await plain.sends(message("/sources")))
    assert expected > 1
    h = garbling_harness(FakeEngine(articles=articles))
    sends = await h.sends(message("/sources"))
    assert len(sends) == expected, "every part was sent once, the garbled first one included"
    assert not any("Извините" in t for t in texts(sends))


async def test_a_garbled_answer_to_the_more_message_still_stops_the_spinner_and_removes_the_button():
    h = garbling_harness()
    h.session.garbled = True                 # the first answer goes through cleanly
    (answer,) = await h.sends(message("Баку?"))
    h.session.garbled = False                # the «Ещё» message is the one answered with garbage
    requests = await h.feed(callback(answer.reply_markup.inline_keyboard[0][0].callback_data,
                                     h.session._result(answer)))
    sends = [r for r in requests if isinstance(r, SendMessage)]
    assert len(sends) == 1 and SECOND.quote in sends[0].text, "sent once, not repeated"
    assert any(isinstance(r, AnswerCallbackQuery) for r in requests)
    assert any(isinstance(r, EditMessageReplyMarkup) and r.reply_markup is None for r in requests)


# ------------------------------------------------------------------------------------------ HTTP faults

async def test_an_html_error_page_instead_of_json_is_retried_and_sent_once(api, bot):
    api.add_fault("sendMessage", kind="html", status=502, description="Bad Gateway", times=1)
    await bot.send_message(111, "ответ")
    assert [c.outcome for c in api.calls_of("sendMessage")] == ["html 502", "ok"]
    assert len(api.sent) == 1


async def test_a_gateway_timeout_page_is_not_repeated_for_a_send(api, bot):
    api.add_fault("sendMessage", kind="html", status=504, description="Gateway Time-out", times=1)
    with pytest.raises(ClientDecodeError):
        await bot.send_message(111, "ответ")
    assert len(api.calls_of("sendMessage")) == 1, "the proxy gave up waiting: the message may have gone out"


async def test_an_outage_of_a_minute_and_a_half_is_waited_out():
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    failures = [TelegramServerError(method=SendMessage(chat_id=1, text="x"), message="Bad Gateway")] * 15

    async def make_request(bot, method):
        if failures:
            raise failures.pop()
        return "ok"

    assert await RetryMiddleware(sleep=sleep)(make_request, None, SendMessage(chat_id=1, text="x")) == "ok"
    assert len(slept) == 15 and sum(slept) > 80, "backed off up to 8 s a try, about 100 s in all"
    assert max(slept) <= 8 * 1.2


# ------------------------------------------------------------------------------------------ derived once

async def test_a_hundred_timeline_requests_at_once_build_it_once(monkeypatch):
    from handlers import deps

    builds = []
    real = deps.build_timeline_entries

    def slow_build(engine):
        builds.append(engine)
        time.sleep(0.2)            # 10^5 sentences take seconds
        return real(engine)

    monkeypatch.setattr(deps, "build_timeline_entries", slow_build)
    h = Harness(throttle=False)
    users = [BOB.model_copy(update={"id": 5000 + i}) for i in range(100)]
    chats = [message("x").chat.model_copy(update={"id": u.id}) for u in users]
    await asyncio.gather(*(h.feed(message("/timeline", user=u, chat=c)) for u, c in zip(users, chats)))
    assert len(builds) == 1, "one build, the other 99 waited for it"
    sent = h.session.sent()
    assert sorted(int(m.chat_id) for m in sent) == [u.id for u in users]
    assert all("Хронолог" in m.text for m in sent)
