"""Inline mode: `@botname question` in any chat offers up to 5 quoted passages."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import InlineQuery, InlineQueryResultsButton

from . import render
from .deps import EngineHolder

# Results depend on the question and the corpus only, not on who asks: not personal, so Telegram may
# share its cache between users; short enough that a corpus reload shows within two minutes.
CACHE_SECONDS = 120
HELP_CACHE_SECONDS = 3600


def router() -> Router:
    r = Router(name=__name__)

    @r.inline_query()
    async def inline(query: InlineQuery, holder: EngineHolder) -> None:
        question = query.query.strip()
        if not question:
            await query.answer([], cache_time=HELP_CACHE_SECONDS, is_personal=False,
                               button=InlineQueryResultsButton(text="Как задать вопрос", start_parameter="help"))
            return
        answer = await holder.answer(question, render.INLINE_RESULTS - 1)
        results = render.inline_results(answer)
        button = None
        if not results:
            button = InlineQueryResultsButton(text="В статьях нет ответа — открыть бота", start_parameter="help")
        await query.answer(results, cache_time=CACHE_SECONDS, is_personal=False, button=button)

    return r
