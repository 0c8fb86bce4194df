"""The handlers on the real engine and the seed corpus: hostile questions get a sensible reply, and a slow
retrieval does not hold up other chats."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiogram.methods import SendMessage

from tests.bot_fixtures import BOB, FakeEngine, Harness, message


@pytest.fixture
def real(seed_engine) -> Harness:
    return Harness(seed_engine, throttle=False)


@pytest.mark.parametrize("question", [
    "<b>Баку</b> & <i>россияне</i>",
    "&amp; &lt; <script>",
    "😀🔥🇷🇺",
    "Баку россияне " * 290,          # ~4000 characters
    "и а но или что как же",
    "   ",
    "?!",
])
async def test_hostile_questions_get_one_sensible_reply(real: Harness, question):
    sends = await real.sends(message(question))
    assert len(sends) == 1
    text = sends[0].text
    assert 0 < len(text) <= 4096
    entities = sends[0].entities or []
    size = len(text.encode("utf-16-le")) // 2
    assert all(0 <= e.offset and e.offset + e.length <= size for e in entities)
    assert "Извините" not in text, "no error path"


async def test_the_seed_corpus_answers_a_plain_question(real: Harness):
    (sent,) = await real.sends(message("Сколько россиян задержали в Баку?"))
    assert any(e.type == "blockquote" for e in sent.entities)
    assert "2025" in sent.text and ("ТАСС" in sent.text or "РАПСИ" in sent.text)


class SlowEngine(FakeEngine):
    def answer(self, question: str, more: int = 4):
        time.sleep(0.5)          # CPU-bound retrieval on a big corpus
        return super().answer(question, more)


async def test_slow_retrieval_does_not_stall_other_chats():
    h = Harness(SlowEngine())
    order: list[str] = []
    h.session.on_request = lambda method, _: order.append(method.text if isinstance(method, SendMessage) else "")
    await asyncio.gather(h.feed(message("Что в Баку?")), h.feed(message("/sources", user=BOB)))
    replies = [t for t in order if t]
    assert replies[0].startswith("Статьи в подборке"), "the /sources reply did not wait for the slow answer"
