"""Sending rendered content: split messages, threading in groups, the keyboard on the last part."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup, Message, ReplyParameters
from aiogram.utils.formatting import Text

from .filters import is_private


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
        await message.answer(
            **part.as_kwargs(),
            reply_markup=keyboard if last else None,
            reply_parameters=thread_to(message) if i == 0 else None,
        )
