"""Stickers, photos, voice: a short hint that the bot answers text questions."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from . import render
from .filters import AddressedNonText
from .replies import reply


def router() -> Router:
    r = Router(name=__name__)

    @r.message(AddressedNonText())
    async def non_text(message: Message) -> None:
        await reply(message, render.non_text_hint())

    return r
