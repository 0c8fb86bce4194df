"""/sources: the articles behind the answers (outlet, headline with link, date)."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from . import render
from .deps import EngineHolder
from .filters import is_private
from .replies import reply


def router() -> Router:
    r = Router(name=__name__)

    @r.message(Command("sources"))
    async def sources(message: Message, holder: EngineHolder) -> None:
        group = not is_private(message)
        parts = render.sources(holder.engine.articles, render.parts_limit(group=group))
        await reply(message, render.capped(parts, group=group))

    return r
