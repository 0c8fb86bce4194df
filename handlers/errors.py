"""One error handler: log the failure with the update id, and apologise to the person who asked.

No apology when the failure is Telegram itself refusing or not answering (network, 5xx, flood control,
blocked by the user, a garbled answer to a message that probably went out): another message would meet
the same fate, pile onto a flood, or follow a reply that did arrive. A bug or a rejected
message (400) gets a short apology where the user is waiting for an answer.
"""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import ErrorEvent, Message

from . import render
from .filters import is_private, is_reply_to, mention_spans
from .replies import sent_once, thread_to

log = logging.getLogger(__name__)

TELEGRAM_TROUBLE = (ClientDecodeError, TelegramNetworkError, TelegramServerError, TelegramRetryAfter, TelegramForbiddenError)


def router() -> Router:
    r = Router(name=__name__)

    @r.errors()
    async def on_error(event: ErrorEvent, bot: Bot) -> bool:
        update, exc = event.update, event.exception
        if isinstance(exc, TELEGRAM_TROUBLE):
            log.warning("update %s: Telegram call failed: %s: %s", update.update_id, type(exc).__name__, exc)
            return True
        log.error("update %s failed: %s: %s", update.update_id, type(exc).__name__, exc,
                  exc_info=not isinstance(exc, TelegramBadRequest))
        try:
            await _apologise(event, bot)
        except TelegramAPIError as e:
            log.warning("update %s: the apology failed too: %s", update.update_id, e)
        return True

    return r


async def _apologise(event: ErrorEvent, bot: Bot) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(render.plain(render.apology()), show_alert=True)
        return
    message = update.message
    if message is None or not await _was_addressed(message, bot):
        return
    await sent_once(message.answer(**render.apology().as_kwargs(), reply_parameters=thread_to(message)))


async def _was_addressed(message: Message, bot: Bot) -> bool:
    """Only answer in a group when someone spoke to the bot (a command, a mention, a reply to it)."""
    if is_private(message):
        return True
    me = await bot.me()
    text = message.text or ""
    return (text.startswith("/") or bool(mention_spans(text, message.entities, me))
            or is_reply_to(message, me))
