"""Group chats: silent unless addressed; threaded replies when addressed."""

from __future__ import annotations

import pytest
from aiogram.methods import SendMessage

from tests.bot_fixtures import (
    ALICE,
    ANON_ADMIN,
    BEST,
    BOB,
    GROUP,
    SMALL_GROUP,
    Harness,
    bot_message,
    message,
)


@pytest.fixture
def harness() -> Harness:
    return Harness()

CHATS = [pytest.param(GROUP, id="supergroup"), pytest.param(SMALL_GROUP, id="group")]


@pytest.mark.parametrize("chat", CHATS)
@pytest.mark.parametrize("text", [
    "Кто-нибудь знает, что с россиянами в Баку?",
    "/ask@other_bot что в Баку",
    "/sources@other_bot",
    "/timeline@other_bot",
    "/weather",
    "пишу про @coverage_botik и @other",
])
async def test_unaddressed_messages_cause_no_request_at_all(harness: Harness, chat, text):
    assert await harness.feed(message(text, chat=chat)) == []
    assert harness.engine.asked == []


@pytest.mark.parametrize("chat", CHATS)
async def test_stickers_and_replies_to_other_people_are_ignored(harness: Harness, chat):
    assert await harness.feed(message(None, chat=chat, sticker=True)) == []
    other = message("Баку?", chat=chat, user=BOB)
    assert await harness.feed(message("А что в Баку?", chat=chat, reply_to=other)) == []


def threaded(sent: SendMessage, to) -> bool:
    return (sent.reply_parameters is not None and sent.reply_parameters.message_id == to.message_id
            and sent.reply_parameters.allow_sending_without_reply)


@pytest.mark.parametrize("chat", CHATS)
async def test_ask_with_bot_name_answers_threaded(harness: Harness, chat):
    asked = message("/ask@coverage_bot что в Баку?", chat=chat)
    (sent,) = await harness.sends(asked)
    assert harness.engine.asked == ["что в Баку?"]
    assert BEST.quote in sent.text and threaded(sent, asked) and sent.chat_id == chat.id
    assert sent.reply_markup.inline_keyboard[0][0].text == "Ещё"


async def test_plain_ask_in_group_and_ask_as_reply_to_someone(harness: Harness):
    (sent,) = await harness.sends(message("/ask Баку", chat=GROUP))
    assert BEST.quote in sent.text
    question = message("Что там с освобождением?", chat=GROUP, user=BOB)
    (sent,) = await harness.sends(message("/ask", chat=GROUP, reply_to=question))
    assert harness.engine.asked[-1] == "Что там с освобождением?"
    (usage,) = await harness.sends(message("/ask@coverage_bot", chat=GROUP))
    assert "/ask@coverage_bot" in usage.text


@pytest.mark.parametrize("text, question", [
    ("@coverage_bot что в Баку?", "что в Баку?"),
    ("Скажи, @coverage_bot, что в Баку?", "Скажи, что в Баку?"),
    ("что в Баку? @Coverage_Bot", "что в Баку?"),
])
async def test_mention_is_a_question_without_the_mention(harness: Harness, text, question):
    asked = message(text, chat=GROUP)
    (sent,) = await harness.sends(asked)
    assert "@coverage_bot" not in harness.engine.asked[0].lower()
    assert harness.engine.asked == [" ".join(question.split())]
    assert BEST.quote in sent.text and threaded(sent, asked)


async def test_bare_mention_explains_how_to_ask(harness: Harness):
    (sent,) = await harness.sends(message("@coverage_bot", chat=GROUP))
    assert "Напишите вопрос после упоминания" in sent.text and harness.engine.asked == []


async def test_reply_to_the_bot_is_a_question(harness: Harness):
    mine = bot_message()
    asked = message("А что в Баку?", chat=GROUP, reply_to=mine)
    (sent,) = await harness.sends(asked)
    assert harness.engine.asked == ["А что в Баку?"] and threaded(sent, asked)
    (hint,) = await harness.sends(message(None, chat=GROUP, reply_to=mine, sticker=True))
    assert "текстовые вопросы" in hint.text


@pytest.mark.parametrize("text", ["/", "/weather", "/ ", "/weather@coverage_bot сегодня"])
async def test_an_unknown_command_meant_for_the_bot_gets_the_list_of_commands(harness: Harness, text):
    if "@" in text:
        asked = message(text, chat=GROUP)                            # names the bot
    else:
        asked = message(text, chat=GROUP, reply_to=bot_message())    # replies to it
    (sent,) = await harness.sends(asked)
    assert "Такой команды нет" in sent.text and threaded(sent, asked) and harness.engine.asked == []


async def test_an_unknown_command_for_another_bot_is_left_alone(harness: Harness):
    assert await harness.feed(message("/weather@other_bot", chat=GROUP, reply_to=bot_message())) == []


async def test_group_commands_with_bot_name(harness: Harness):
    for text, expected in (("/sources@coverage_bot", "Статьи в подборке"), ("/timeline@coverage_bot", "Хронология"),
                           ("/help@coverage_bot", "/ask@coverage_bot")):
        asked = message(text, chat=GROUP)
        (sent,) = await harness.sends(asked)
        assert expected in sent.text and threaded(sent, asked)


async def test_anonymous_admins_are_throttled_per_group_not_with_everyone(harness: Harness):
    other_group = GROUP.model_copy(update={"id": -2002})
    for _ in range(8):
        await harness.sends(message("/ask Баку", chat=GROUP, user=ANON_ADMIN, sender_chat=GROUP))
    sent = await harness.sends(message("/ask Баку", chat=other_group, user=ANON_ADMIN, sender_chat=other_group))
    assert len(sent) == 1 and BEST.quote in sent[0].text
    sent = await harness.sends(message("/ask Баку", chat=GROUP, user=ALICE))
    assert len(sent) == 1 and BEST.quote in sent[0].text


async def test_bare_ask_replying_to_the_bot_asks_for_a_question(harness: Harness):
    (sent,) = await harness.sends(message("/ask", chat=GROUP, reply_to=bot_message("Цитата из статьи")))
    assert "Напишите вопрос после команды" in sent.text and harness.engine.asked == []
