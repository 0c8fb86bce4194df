"""The «Ещё» button: the next passage of an earlier answer, found by its ref (any replica can answer)."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, ReplyParameters

from . import render
from .deps import EngineHolder
from .filters import PRIVATE
from .replies import sent_once

log = logging.getLogger(__name__)


def router() -> Router:
    r = Router(name=__name__)

    @r.callback_query(render.MoreCallback.filter())
    async def more(callback: CallbackQuery, callback_data: render.MoreCallback, bot: Bot,
                   holder: EngineHolder) -> None:
        refs = [ref for ref in callback_data.refs.split(",") if ref]
        found, rest = None, []
        for i, ref in enumerate(refs):
            found = holder.passage(ref)
            if found is not None:
                rest = refs[i + 1:]
                break
        origin = callback.message
        if found is None or origin is None:
            await callback.answer(render.stale_more(), show_alert=True)
            return
        content = render.passage(found, bold=False)
        keyboard = render.more_keyboard(rest)
        threaded = None
        if origin.chat.type != PRIVATE:
            threaded = ReplyParameters(message_id=origin.message_id, allow_sending_without_reply=True)
        if isinstance(origin, Message):
            await sent_once(origin.answer(**content.as_kwargs(), reply_markup=keyboard, reply_parameters=threaded))
        else:   # too old to be shown to bots, but its chat is known
            await sent_once(bot.send_message(origin.chat.id, **content.as_kwargs(), reply_markup=keyboard,
                                             reply_parameters=threaded))
        await callback.answer()
        if isinstance(origin, Message) and origin.reply_markup is not None:
            # The button has done its job; the new message carries the next one.
            try:
                await origin.edit_reply_markup(reply_markup=None)
            except TelegramAPIError as e:
                log.warning("could not remove the used «Ещё» button: %s", e)

    return r
