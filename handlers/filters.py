"""Who is talking to the bot. In a private chat every text is for it; in a group only a message that
mentions @botname or replies to one of its messages is (commands are matched by `Command`, which already
rejects `/ask@otherbot`). The filter hands the cleaned question to the handler as `question`."""

from __future__ import annotations

import re

from aiogram import Bot
from aiogram.enums import ChatType, MessageEntityType
from aiogram.filters import Filter
from aiogram.types import Message, User

PRIVATE = ChatType.PRIVATE
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)

_LEADING_PUNCT = re.compile(r"^[\s,.:;!—–-]+")


def is_private(message: Message) -> bool:
    return message.chat.type == PRIVATE


def is_reply_to(message: Message, me: User) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == me.id)


def mention_spans(text: str, entities, me: User) -> list[tuple[int, int]]:
    """Character spans of @botname mentions (entities when Telegram sent them, else a plain-text match)."""
    spans: list[tuple[int, int]] = []
    username = (me.username or "").lower()
    for entity in entities or ():
        if entity.type == MessageEntityType.MENTION and username:
            if entity.extract_from(text).lower() == "@" + username:
                spans.append(_char_span(text, entity.offset, entity.length))
        elif entity.type == MessageEntityType.TEXT_MENTION and entity.user and entity.user.id == me.id:
            spans.append(_char_span(text, entity.offset, entity.length))
    if not spans and username:
        spans = [m.span() for m in re.finditer(rf"(?<![\w@])@{re.escape(username)}(?!\w)", text, re.IGNORECASE)]
    return spans


def _char_span(text: str, offset16: int, length16: int) -> tuple[int, int]:
    """UTF-16 offsets (what Telegram sends) → Python string indices."""
    pos16 = 0
    start = end = len(text)
    for i, ch in enumerate(text):
        if pos16 == offset16:
            start = i
        if pos16 == offset16 + length16:
            end = i
            break
        pos16 += 2 if ord(ch) > 0xFFFF else 1
    return start, end


def without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    text = re.sub(r"\s+([,.!?;:])", r"\1", " ".join(text.split()))   # «Скажи , что» → «Скажи, что»
    text = re.sub(r",(?:\s*,)+", ",", text)
    return _LEADING_PUNCT.sub("", text)


class Addressed(Filter):
    """Passes a text message that is meant for the bot; the handler receives `question` (mention removed).

    Commands are left to the command routers (a `/` text never passes), except that a private chat's
    unknown command is handled by its own handler. A mention with nothing after it passes with an empty
    question, so the handler can explain how to ask.
    """

    async def __call__(self, message: Message, bot: Bot) -> bool | dict:
        text = message.text
        if text is None or text.startswith("/"):
            return False
        if is_private(message):
            return {"question": text}
        if message.chat.type not in GROUPS or message.is_automatic_forward:
            return False
        me = await bot.me()
        spans = mention_spans(text, message.entities, me)
        if spans:
            return {"question": without_spans(text, spans)}
        if is_reply_to(message, me):
            return {"question": text}
        return False


class UnknownCommand(Filter):
    """A `/…` text no command router took, when it is meant for the bot: any in a private chat; in a
    group one that names the bot (`/foo@thisbot`) or replies to its message without naming another bot.
    A group's bare `/weather` may be for another bot: silence."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        text = message.text
        if text is None or not text.startswith("/"):
            return False
        if is_private(message):
            return True
        if message.chat.type not in GROUPS:
            return False
        me = await bot.me()
        _, at, target = text.split(maxsplit=1)[0].partition("@")
        if at:
            return target.lower() == (me.username or "").lower()
        return is_reply_to(message, me)


class AddressedNonText(Filter):
    """A message without text that is meant for the bot: anything in a private chat; in a group, only a
    reply to the bot's message (a sticker in a group is people talking to each other)."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        if message.text is not None:
            return False
        if is_private(message):
            return True
        if message.chat.type in GROUPS:
            return is_reply_to(message, await bot.me())
        return False
