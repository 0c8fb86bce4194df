"""/timeline: the chronology of the story, one page per message, «Раньше»/«Дальше» buttons between pages.

A button carries only the page number: the pages are a pure function of the corpus, so any replica of the
bot serving the same corpus turns the same page.
"""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.formatting import Text

from . import render
from .deps import EngineHolder
from .replies import reply

log = logging.getLogger(__name__)


class TimelinePage(CallbackData, prefix="tl"):
    page: int


def page_keyboard(page: int, pages: int) -> InlineKeyboardMarkup | None:
    """«← Раньше», «k / n», «Дальше →»; none for a timeline that fits one message."""
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(text="← Раньше", callback_data=TimelinePage(page=page - 1).pack()))
    row.append(InlineKeyboardButton(text=f"{page + 1} / {pages}", callback_data=TimelinePage(page=page).pack()))
    if page < pages - 1:
        row.append(InlineKeyboardButton(text="Дальше →", callback_data=TimelinePage(page=page + 1).pack()))
    return InlineKeyboardMarkup(inline_keyboard=[row])


class _Pages:
    """The rendered pages of the current timeline: rendering a big chronology takes tens of milliseconds
    of the event loop, so it is done once per timeline (one per engine), not on every page turn."""

    def __init__(self) -> None:
        self._of: object | None = None
        self._pages: list[Text] = []

    async def get(self, holder: EngineHolder) -> list[Text]:
        tl = await holder.timeline()
        if tl is not self._of:
            self._pages, self._of = render.timeline(tl), tl
        return self._pages


def router() -> Router:
    r = Router(name=__name__)
    cached = _Pages()

    async def timeline_pages(holder: EngineHolder) -> list[Text]:
        return await cached.get(holder)

    @r.message(Command("timeline"))
    async def timeline(message: Message, holder: EngineHolder) -> None:
        pages = await timeline_pages(holder)
        await reply(message, pages[0], keyboard=page_keyboard(0, len(pages)))

    @r.callback_query(TimelinePage.filter())
    async def turn(callback: CallbackQuery, callback_data: TimelinePage, holder: EngineHolder) -> None:
        pages = await timeline_pages(holder)
        page = min(max(callback_data.page, 0), len(pages) - 1)     # the corpus may have shrunk since
        origin = callback.message
        if isinstance(origin, Message):
            try:
                await origin.edit_text(**pages[page].as_kwargs(), reply_markup=page_keyboard(page, len(pages)))
            except TelegramAPIError as e:      # «message is not modified» when the current page is pressed
                log.info("timeline page %d not shown: %s", page, e)
        await callback.answer()

    return r
