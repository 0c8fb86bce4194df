"""Private chat, callbacks and inline mode: real Updates through `build_dispatcher`'s Dispatcher, with a
bot whose session records what would be sent."""

from __future__ import annotations

import logging

import pytest
from aiogram.methods import AnswerCallbackQuery, AnswerInlineQuery, EditMessageReplyMarkup, SendMessage

from bot.factory import MESSAGE_BURST
from handlers import render
from tests.bot_fixtures import (
    BEST,
    BOB,
    SECOND,
    THIRD,
    FakeEngine,
    Harness,
    callback,
    inline,
    message,
)


@pytest.fixture
def harness() -> Harness:
    return Harness()


def one(sends: list[SendMessage]) -> SendMessage:
    assert len(sends) == 1, [s.text for s in sends]
    return sends[0]


def kinds(sent: SendMessage) -> list[str]:
    return [e.type for e in sent.entities or []]


async def test_any_text_is_a_question_answered_with_a_quote_and_more_button(harness: Harness):
    sent = one(await harness.sends(message("Кого освободят в Баку?")))
    assert harness.engine.asked == ["Кого освободят в Баку?"]
    assert sent.chat_id == message("x").chat.id
    assert BEST.quote in sent.text and "blockquote" in kinds(sent) and "bold" in kinds(sent)
    assert "ТАСС · Галузин указал Баку" in sent.text and "10 декабря 2025" in sent.text
    assert "Также: РИА Новости" in sent.text
    assert sent.parse_mode is None, "entities, never a parse mode"
    button = sent.reply_markup.inline_keyboard[0][0]
    assert button.text == "Ещё"
    assert render.MoreCallback.unpack(button.callback_data).refs == f"{SECOND.ref},{THIRD.ref}"
    assert sent.reply_parameters is None, "no quoting of the question in a private chat"


async def test_no_answer_says_so_and_points_to_sources_and_timeline(harness: Harness):
    sent = one(await harness.sends(message("Какая погода на Марсе?")))
    assert "нет ответа" in sent.text and "/sources" in sent.text and "/timeline" in sent.text
    assert sent.reply_markup is None and "blockquote" not in kinds(sent)


async def test_start_and_help_explain_in_russian_with_example_and_commands(harness: Harness):
    for command in ("/start", "/help", "/start help"):
        sent = one(await harness.sends(message(command)))
        assert "Что с россиянами в Баку?" in sent.text, "the configured example, since the corpus answers it"
        for cmd in ("/ask", "/sources", "/timeline"):
            assert cmd in sent.text


async def test_example_falls_back_to_a_headline_when_the_corpus_cannot_answer_it():
    h = Harness()
    h.settings = h.settings.model_copy(update={"example_question": "Кто выиграл чемпионат?"})
    from bot.factory import build_dispatcher
    h.dp = build_dispatcher(h.settings, h.engine)
    sent = one(await h.sends(message("/start")))
    assert "Кто выиграл чемпионат?" not in sent.text
    assert "Галузин указал Баку на важность освобождения 11 россиян" in sent.text   # the newest headline


async def test_ask_command_with_and_without_question(harness: Harness):
    sent = one(await harness.sends(message("/ask что в Баку")))
    assert harness.engine.asked == ["что в Баку"] and BEST.quote in sent.text
    usage = one(await harness.sends(message("/ask")))
    assert "Напишите вопрос после команды" in usage.text and harness.engine.asked == ["что в Баку"]


async def test_sources_lists_every_article_with_outlet_title_date(harness: Harness):
    sent = one(await harness.sends(message("/sources")))
    lines = sent.text.split("\n")
    assert lines[0] == "Статьи в подборке (3)"
    assert lines[1] == "1. РАПСИ · РФ и Азербайджан продолжают обсуждение темы освобождения россиян · 29 октября 2025"
    assert lines[3].startswith("3. РИА Новости · Россиян задержали в Баку · дата не указана")
    assert {e.url for e in sent.entities if e.type == "text_link"} == {"https://tass.ru/politika/1", "https://ria.ru/1"}


async def test_timeline_without_events_lists_articles_by_date(harness: Harness, monkeypatch):
    from handlers import deps

    monkeypatch.setattr(deps.importlib, "import_module", _missing_timeline)
    sent = one(await harness.sends(message("/timeline")))
    assert "Хронология публикаций" in sent.text
    assert sent.text.index("29 октября 2025") < sent.text.index("10 декабря 2025")


def _missing_timeline(name: str):
    raise ModuleNotFoundError(name=name)


async def test_sticker_and_unknown_command_get_hints(harness: Harness):
    hint = one(await harness.sends(message(None, sticker=True)))
    assert "текстовые вопросы" in hint.text
    unknown = one(await harness.sends(message("/weather")))
    assert "Такой команды нет" in unknown.text
    assert harness.engine.asked == []


async def test_hostile_questions_get_sensible_replies(harness: Harness):
    for question in ("<b>Баку</b> & <i>", "😀😀😀", "и", "Баку " * 800):
        sent = one(await harness.sends(message(question)))
        assert 0 < len(sent.text) <= 4096
    assert harness.engine.asked[0] == "<b>Баку</b> & <i>"


async def test_more_button_shows_next_passage_and_passes_the_rest_on(harness: Harness):
    answer = one(await harness.sends(message("Баку?")))
    bot_msg = await _sent_message_object(harness, answer)
    requests = await harness.feed(callback(answer.reply_markup.inline_keyboard[0][0].callback_data, bot_msg))
    sends = [r for r in requests if isinstance(r, SendMessage)]
    assert len(sends) == 1 and SECOND.quote in sends[0].text and "РАПСИ" in sends[0].text
    assert render.MoreCallback.unpack(sends[0].reply_markup.inline_keyboard[0][0].callback_data).refs == THIRD.ref
    assert any(isinstance(r, AnswerCallbackQuery) for r in requests), "the spinner stops"
    assert any(isinstance(r, EditMessageReplyMarkup) and r.reply_markup is None for r in requests)


async def _sent_message_object(h: Harness, sent: SendMessage):
    return h.session._result(sent)


async def test_more_button_from_another_corpus_says_it_is_stale(harness: Harness):
    requests = await harness.feed(callback(render.MoreCallback(refs="zzz.1,zzz.2").pack(),
                                           await _sent_message_object(harness, SendMessage(chat_id=111, text="x"))))
    assert not [r for r in requests if isinstance(r, SendMessage)]
    alert = [r for r in requests if isinstance(r, AnswerCallbackQuery)]
    assert alert and alert[0].show_alert and "устарела" in alert[0].text


async def test_inline_query_offers_up_to_five_quotes(harness: Harness):
    requests = await harness.feed(inline("Баку"))
    (answer,) = [r for r in requests if isinstance(r, AnswerInlineQuery)]
    assert 1 <= len(answer.results) <= 5
    assert BEST.quote in answer.results[0].input_message_content.message_text
    assert "ТАСС, 10 декабря 2025" in answer.results[0].input_message_content.message_text
    assert answer.is_personal is False and 0 < answer.cache_time <= 300


async def test_inline_query_empty_or_unanswered_offers_the_bot_instead(harness: Harness):
    for query in ("", "погода на Марсе"):
        (answer,) = [r for r in await harness.feed(inline(query)) if isinstance(r, AnswerInlineQuery)]
        assert answer.results == [] and answer.button.start_parameter == "help"


async def test_flood_from_one_user_is_throttled_without_starving_others(harness: Harness):
    sends = []
    for _ in range(MESSAGE_BURST + 10):
        sends += await harness.sends(message("Баку?"))
    answers = [s for s in sends if BEST.quote in s.text]
    notices = [s for s in sends if "Слишком много сообщений" in s.text]
    assert len(answers) == MESSAGE_BURST and len(notices) == 1
    other = await harness.sends(message("Баку?", user=BOB))
    assert len(other) == 1 and BEST.quote in other[0].text


async def test_unexpected_error_is_logged_with_update_id_and_apologised_for(caplog):
    h = Harness(FakeEngine(boom=True))
    caplog.set_level(logging.ERROR)
    sent = one(await h.sends(message("Баку?")))
    assert "Извините" in sent.text
    record = next(r for r in caplog.records if r.name == "handlers.errors")
    assert "update" in record.getMessage() and "RuntimeError" in record.getMessage()
    assert record.exc_info is not None


async def test_optional_method_failure_on_send_is_not_met_with_more_sends():
    from aiogram.exceptions import TelegramNetworkError
    from aiogram.methods import SendMessage as SM

    h = Harness()
    h.session.failures["sendMessage"] = TelegramNetworkError(method=SM(chat_id=1, text="x"), message="down")
    requests = await h.feed(message("Баку?"))
    assert [r.__api_method__ for r in requests] == ["sendMessage"], "no apology piled onto a failing network"


async def test_a_blank_message_gets_an_example_not_the_group_mention_hint(harness: Harness):
    sent = one(await harness.sends(message("   ")))
    assert "упоминания" not in sent.text and "Спросите, например" in sent.text
