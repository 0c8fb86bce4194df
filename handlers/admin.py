"""/reload, for the ids in ADMIN_IDS only: re-read the corpus folder without a restart.

The new engine is built in a thread in the background (`EngineHolder.start_reload`) while the current one
keeps answering, then swapped in one step: no question fails or waits for the reload, the admin's own
included; the admin gets «reloading…» at once and a report of what changed when it is done. Anyone else gets a polite refusal in a
private chat and nothing at all in a group. Admins are recognised by their user id only: an anonymous group
admin or a channel (which post with `sender_chat`, under a shared placeholder account) is never one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import Message

from . import render
from .deps import Engine, EngineHolder, Reloaded
from .filters import is_private
from .replies import reply

log = logging.getLogger(__name__)


def is_admin(message: Message, admin_ids: frozenset[int]) -> bool:
    user = message.from_user
    return (user is not None and not user.is_bot and message.sender_chat is None
            and user.id in admin_ids)


def router() -> Router:
    r = Router(name=__name__)

    @r.message(Command("reload"))
    async def reload(message: Message, settings, holder: EngineHolder,
                     engine_loader: Callable[[], Engine]) -> None:
        if not is_admin(message, settings.admin_ids):
            user = message.from_user
            log.warning("/reload refused for user %s in chat %s", user.id if user else None, message.chat.id)
            if is_private(message):
                await reply(message, render.admin_only())
            return
        if holder.reloading:
            await reply(message, render.reload_busy())
            return
        await reply(message, render.reload_started())      # before the report, however fast the reload
        if not holder.start_reload(engine_loader, lambda outcome: _report(message, outcome)):
            await reply(message, render.reload_busy())      # another one started while we said so
            return
        log.info("/reload by %s: building a new index", message.from_user.id)

    return r


async def _report(message: Message, outcome: Reloaded | Exception) -> None:
    """Tell the admin how the reload went (the update that asked is long finished by now)."""
    if isinstance(outcome, Exception):
        log.error("/reload failed, still serving the previous corpus: %s: %s", type(outcome).__name__, outcome,
                  exc_info=outcome)
        content = render.reload_failed(type(outcome).__name__)
    else:
        added, removed, edited = outcome.diff()
        log.info("/reload: %d → %d articles (+%d −%d ~%d), %d warnings, %.1f s", len(outcome.old.articles),
                 len(outcome.new.articles), len(added), len(removed), len(edited), len(outcome.warnings),
                 outcome.seconds)
        for w in outcome.warnings:
            log.warning("corpus: %s: %s", w.path, w.problem)
        content = render.reload_report(outcome)
    try:
        await reply(message, content)
    except TelegramAPIError as e:
        log.warning("/reload: the report to the admin could not be sent: %s", e)
