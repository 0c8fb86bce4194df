"""Telegram handlers, one router per feature. Order matters: commands before free text, text before the
non-text hint. The admin router (/reload) comes right after `errors`, before anything that answers
free text or unknown commands."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Router

from . import admin, ask, errors, inline, misc, more, sources, start, timeline

ROUTERS: tuple[Callable[[], Router], ...] = (
    errors.router,
    admin.router,
    start.router,
    sources.router,
    timeline.router,
    ask.router,
    more.router,
    inline.router,
    misc.router,
)


def routers() -> list[Router]:
    """Fresh routers (a router can be attached to one dispatcher only; tests build many)."""
    return [make() for make in ROUTERS]
