"""/timeline: the chronology of the story (issue 4's events; the articles by date until those exist)."""

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

    @r.message(Command("timeline"))
    async def timeline(message: Message, holder: EngineHolder) -> None:
        await reply(message, render.capped(render.timeline(await holder.timeline()), group=not is_private(message)))

    return r
