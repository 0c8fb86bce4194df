"""Telegram handlers, one router per feature. Order matters: commands before free text, text before the
non-text hint. An admin router (/reload, issue 5) goes right after `errors`, before anything that answers
free text."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Router

from . import ask, errors, inline, misc, more, sources, start, timeline

ROUTERS: tuple[Callable[[], Router], ...] = (
    errors.router,
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
