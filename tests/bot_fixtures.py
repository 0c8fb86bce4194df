"""Fixtures for the bot tests: a hand-made engine (routing and rendering are tested, not ranking),
real `Update` objects, and a dispatcher fed through `LocalSession`, which records outgoing requests."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher
from aiogram.methods import SendMessage
from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineQuery,
    Message,
    MessageEntity,
    Sticker,
    Update,
    User,
)

from bot.config import Settings
from bot.factory import build_dispatcher
from bot.local import BOT_ID, BOT_USERNAME, LOCAL_TOKEN, LocalSession
from index import Answer, Article, Corpus, Passage

TASS = Article(id="000.txt", title="Галузин указал Баку на важность освобождения 11 россиян", source="ТАСС",
               date=dt.date(2025, 12, 10), url="https://tass.ru/politika/1")
RAPSI = Article(id="002.txt", title="РФ и Азербайджан продолжают обсуждение темы освобождения россиян",
                source="РАПСИ", date=dt.date(2025, 10, 29))
RIA = Article(id="003.txt", title="Россиян задержали в Баку", source="РИА Новости", date=None,
              url="https://ria.ru/1")

QUOTE = "Замглавы МИД РФ Михаил Галузин указал на важность освобождения 11 российских граждан, задержанных в Баку."


def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


BEST = Passage(quote=QUOTE, article=TASS, score=9.0, ref="aaa.3", sources=("ТАСС", "РИА Новости"),
               articles=(TASS, RIA), highlights=(_span(QUOTE, "освобождения"), _span(QUOTE, "Баку")))
SECOND = Passage(quote="О задержании восьмерых россиян стало известно 1 июля.", article=RAPSI, score=5.0,
                 ref="bbb.4", sources=("РАПСИ",), articles=(RAPSI,))
THIRD = Passage(quote="Сверен график контактов на 2026 год.", article=TASS, score=3.0, ref="aaa.9",
                sources=("ТАСС",), articles=(TASS,))


@dataclass
class FakeEngine:
    """Answers questions mentioning «Баку» (best + two more), refuses the rest; `boom` makes answer raise."""

    articles: list[Article] = field(default_factory=lambda: [RAPSI, TASS, RIA])
    fingerprint: str = "fake"
    boom: bool = False
    asked: list[str] = field(default_factory=list)

    @property
    def corpus(self) -> Corpus:
        return Corpus(articles=list(self.articles))

    def answer(self, question: str, more: int = 4) -> Answer:
        self.asked.append(question)
        if self.boom:
            raise RuntimeError("engine exploded")
        if not question.strip() or question.strip() in {"и", "что", "а как же"}:
            return Answer(question=question, best=None, reason="empty")
        if "баку" in question.lower() or "освобожд" in question.lower():
            return Answer(question=question, best=BEST, more=(SECOND, THIRD)[:more])
        return Answer(question=question, best=None, reason="no-match")

    def passage(self, ref: str) -> Passage | None:
        return {p.ref: p for p in (BEST, SECOND, THIRD)}.get(ref)


# -------------------------------------------------------------------------------------- updates

ALICE = User(id=111, is_bot=False, first_name="Алиса", language_code="ru")
BOB = User(id=222, is_bot=False, first_name="Боб")
ANON_ADMIN = User(id=1087968824, is_bot=True, first_name="Group", username="GroupAnonymousBot")
BOT_USER = User(id=BOT_ID, is_bot=True, first_name="Coverage", username=BOT_USERNAME)
PRIVATE = Chat(id=ALICE.id, type="private", first_name="Алиса")
GROUP = Chat(id=-1001, type="supergroup", title="Обсуждение")
SMALL_GROUP = Chat(id=-42, type="group", title="Маленькая группа")

_ids = itertools.count(1)
NOW = dt.datetime(2025, 12, 11, 12, 0, tzinfo=dt.UTC)


def message(text: str | None = None, *, chat: Chat = PRIVATE, user: User | None = ALICE,
            reply_to: Message | None = None, entities: list[MessageEntity] | None = None,
            sticker: bool = False, sender_chat: Chat | None = None) -> Message:
    if entities is None and text:
        entities = command_entities(text) + mention_entities(text)
    return Message(
        message_id=next(_ids), date=NOW, chat=chat, from_user=user, text=text, entities=entities or None,
        reply_to_message=reply_to, sender_chat=sender_chat,
        sticker=Sticker(file_id="s", file_unique_id="s", type="regular", width=512, height=512,
                        is_animated=False, is_video=False) if sticker else None,
    )


def command_entities(text: str) -> list[MessageEntity]:
    if not text.startswith("/"):
        return []
    return [MessageEntity(type="bot_command", offset=0, length=utf16(text.split()[0]))]


def mention_entities(text: str) -> list[MessageEntity]:
    out = []
    for word in text.split():
        if word.startswith("@") and len(word) > 1:
            prefix = text[: text.index(word)]
            out.append(MessageEntity(type="mention", offset=utf16(prefix), length=utf16(word.rstrip(",.!?"))))
    return out


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def bot_message(text: str = "ответ бота", chat: Chat = GROUP) -> Message:
    return Message(message_id=next(_ids), date=NOW, chat=chat, from_user=BOT_USER, text=text)


def as_update(event) -> Update:
    uid = next(_ids)
    if isinstance(event, Message):
        return Update(update_id=uid, message=event)
    if isinstance(event, CallbackQuery):
        return Update(update_id=uid, callback_query=event)
    if isinstance(event, InlineQuery):
        return Update(update_id=uid, inline_query=event)
    raise TypeError(event)


def callback(data: str, on: Message, user: User = ALICE) -> CallbackQuery:
    return CallbackQuery(id=str(next(_ids)), from_user=user, chat_instance="ci", message=on, data=data)


def inline(query: str, user: User = ALICE) -> InlineQuery:
    return InlineQuery(id=str(next(_ids)), from_user=user, query=query, offset="")


# -------------------------------------------------------------------------------------- harness

class Harness:
    """A dispatcher built by `build_dispatcher` and a bot whose session records what would be sent."""

    def __init__(self, engine: FakeEngine | None = None, *, throttle: bool = True) -> None:
        self.engine = engine or FakeEngine()
        self.session = LocalSession()
        self.bot = Bot(LOCAL_TOKEN, session=self.session)
        self.settings = Settings(_env_file=None, bot_token=None, example_question="Что с россиянами в Баку?")
        self.dp: Dispatcher = build_dispatcher(self.settings, self.engine, throttle=throttle)

    async def feed(self, event) -> list:
        """Feed one event; return the requests it caused (getMe excluded: aiogram caches it)."""
        before = len(self.session.requests)
        await self.dp.feed_update(self.bot, as_update(event))
        return [r for r in self.session.requests[before:] if r.__api_method__ != "getMe"]

    async def sends(self, event) -> list[SendMessage]:
        return [r for r in await self.feed(event) if isinstance(r, SendMessage)]

