"""/timeline: a long chronology comes one page at a time, with buttons to turn the pages."""

from __future__ import annotations

import dataclasses
import datetime as dt

from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage

from handlers.timeline import TimelinePage
from tests.bot_fixtures import TASS, FakeEngine, Harness, callback, message


def _long_story() -> FakeEngine:
    articles = [dataclasses.replace(TASS, id=f"{i:03}.txt", date=dt.date(2025, 1, 1) + dt.timedelta(days=i),
                                    title=f"Событие номер {i}: " + "подробный заголовок статьи " * 4)
                for i in range(120)]
    return FakeEngine(articles=articles)


def _buttons(sent) -> list[tuple[str, str]]:
    return [(b.text, b.callback_data) for row in sent.reply_markup.inline_keyboard for b in row]


async def test_a_short_timeline_is_one_message_without_buttons():
    harness = Harness()
    sends = await harness.sends(message("/timeline"))
    assert len(sends) == 1 and sends[0].reply_markup is None


async def test_a_long_timeline_is_paged_with_buttons_in_order():
    harness = Harness(_long_story(), throttle=False)
    sends = await harness.sends(message("/timeline"))
    assert len(sends) == 1, "one message, not a wall of them"
    first = sends[0]
    assert len(first.text) <= 4096 and "Событие номер 0:" in first.text
    labels = [text for text, _ in _buttons(first)]
    assert labels[0] == "1 / " + labels[0].split(" / ")[1] and labels[-1] == "Дальше →"
    pages = int(labels[0].split(" / ")[1])
    assert pages > 1

    shown = [first.text]
    current = harness.session._result(first)
    data = _buttons(first)[-1][1]
    for _ in range(pages - 1):
        requests = await harness.feed(callback(data, current))
        edit = next(r for r in requests if isinstance(r, EditMessageText))
        assert any(isinstance(r, AnswerCallbackQuery) for r in requests), "the spinner stops"
        assert not [r for r in requests if isinstance(r, SendMessage)], "pages replace each other"
        assert len(edit.text) <= 4096
        shown.append(edit.text)
        current = current.model_copy(update={"text": edit.text, "reply_markup": edit.reply_markup})
        buttons = _buttons(edit)
        assert buttons[0][0] == "← Раньше"
        data = buttons[-1][1]
    assert _buttons(edit)[-1][0] == f"{pages} / {pages}", "no «Дальше» on the last page"
    everything = "\n".join(shown)
    positions = [everything.index(f"Событие номер {i}:") for i in range(120)]
    assert positions == sorted(positions), "every event shown once, in chronological order"


async def test_a_page_past_the_end_shows_the_last_page():
    harness = Harness(_long_story(), throttle=False)
    first = (await harness.sends(message("/timeline")))[0]
    requests = await harness.feed(callback(TimelinePage(page=999).pack(), harness.session._result(first)))
    edit = next(r for r in requests if isinstance(r, EditMessageText))
    assert "Событие номер 119:" in edit.text
