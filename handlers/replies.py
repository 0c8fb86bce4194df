"""Sending rendered content: split messages, threading in groups, the keyboard on the last part."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence

from aiogram.exceptions import ClientDecodeError
from aiogram.types import InlineKeyboardMarkup, Message, ReplyParameters
from aiogram.utils.formatting import Text

from .filters import is_private

log = logging.getLogger(__name__)


async def sent_once(send: Awaitable[Message]) -> Message | None:
    """Await a send whose answer may come back unreadable. Telegram answered, so it most likely did send
    the message: sending it again could post it twice, and giving up would drop what follows (the other
    parts of a long reply, stopping a button's spinner). Log it and go on; None stands for the message."""
    try:
        return await send
    except ClientDecodeError as e:
        log.warning("the answer to a sent message was unreadable (%s); not sending it again", e.message)
        return None


def thread_to(message: Message) -> ReplyParameters | None:
    """In a group a reply quotes the asker's message (and still goes out if that message was deleted)."""
    if is_private(message):
        return None
    return ReplyParameters(message_id=message.message_id, allow_sending_without_reply=True)


async def reply(message: Message, content: Text | Sequence[Text],
                keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Send `content` (one message, or several already split by render.pack) in answer to `message`."""
    parts = [content] if isinstance(content, Text) else list(content)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        await sent_once(message.answer(
            **part.as_kwargs(),
            reply_markup=keyboard if last else None,
            reply_parameters=thread_to(message) if i == 0 else None,
        ))
