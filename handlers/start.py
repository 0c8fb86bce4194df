"""/start and /help: what the bot does, an example question, the commands (also `/start help` deep links)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import Message

from . import render
from .deps import EngineHolder
from .filters import is_private
from .replies import reply


def router() -> Router:
    r = Router(name=__name__)

    @r.message(Command("start", "help"))
    async def help_(message: Message, bot: Bot, holder: EngineHolder) -> None:
        me = await bot.me()
        await reply(message, render.help_text(
            username=me.username,
            example=await holder.example_question(),
            articles=len(holder.engine.articles),
            group=not is_private(message),
            inline=bool(me.supports_inline_queries),
        ))

    return r
