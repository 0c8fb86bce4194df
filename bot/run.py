"""Running the bot against Telegram: long polling, or a webhook server when WEBHOOK_URL is set.

Start-up: the engine is loaded in a thread, the bot checks its token (`getMe`), command menus are
registered per scope (optional: a refusal is a warning), then updates flow. Pending updates are never
dropped: they are questions people asked while the bot was down. SIGINT/SIGTERM stop it cleanly: no new
updates are taken, answers under way get a few seconds to finish, the HTTP session is closed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from contextlib import suppress

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramAPIError, TelegramUnauthorizedError
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from handlers.deps import Engine

from .config import Settings
from .factory import build_bot, build_dispatcher, commands

log = logging.getLogger(__name__)

SHUTDOWN_GRACE = 10.0     # seconds answers under way may take to finish after a stop signal
# Updates handled at once in polling. Beyond it the bot stops fetching, so a backlog stays queued (and
# unconfirmed) at Telegram instead of becoming thousands of tasks in memory, and a stop loses nothing
# that was not already being answered. Well above what keeps both cores busy.
MAX_CONCURRENT_UPDATES = 256


class BadToken(Exception):
    """Telegram refused the token (401): nothing to retry."""


async def load_engine(settings: Settings) -> Engine:
    from index import AnswerEngine

    if not settings.corpus_dir.is_dir():
        raise SystemExit(f"coverage-bot: CORPUS_DIR={settings.corpus_dir}: no such folder (see .env.example)")
    if settings.coverage_bot_cache and not os.environ.get("COVERAGE_BOT_CACHE"):
        # The engine reads its cache root from the environment; a value from .env has to be put there.
        os.environ["COVERAGE_BOT_CACHE"] = str(settings.coverage_bot_cache)
    engine = await asyncio.to_thread(AnswerEngine.load, settings.corpus_dir, build_apart=True)
    for w in engine.warnings:
        log.warning("corpus: %s: %s", w.path, w.problem)
    log.info("corpus %s: %d articles (fingerprint %s)", settings.corpus_dir, len(engine.articles),
             engine.fingerprint)
    return engine


async def register_commands(bot: Bot, admin_ids: frozenset[int] = frozenset()) -> None:
    """Command menus for private chats, for groups and for each admin's chat (with /reload). Optional: a
    Bot API server that lacks or rejects setMyCommands (or an admin who never opened the bot: «chat not
    found») costs that menu, nothing else."""
    for scope_name, (items, scope) in commands(admin_ids).items():
        try:
            await bot.set_my_commands(items, scope=scope)
        except TelegramAPIError as e:
            log.warning("setMyCommands (%s chats) failed, the bot works without that menu: %s", scope_name, e)


async def check_token(bot: Bot) -> None:
    """getMe until it answers: a network outage at start-up is waited out, a rejected token is fatal."""
    delay = 1.0
    while True:
        try:
            me = await bot.me()
            log.info("bot @%s (id %s) connected", me.username, me.id)
            return
        except TelegramUnauthorizedError as e:
            raise BadToken(str(e)) from e
        except TelegramAPIError as e:
            log.warning("getMe failed (%s); retrying in %.0f s", e, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)


async def _finish(dp: Dispatcher, bot: Bot) -> None:
    if not await dp["in_flight"].wait_idle(SHUTDOWN_GRACE):
        log.warning("stopping with %d answers unfinished", dp["in_flight"].count)
    await bot.session.close()


async def run_polling(settings: Settings, engine: Engine | None = None, stop: asyncio.Event | None = None) -> None:
    """Long polling until SIGINT/SIGTERM (or until `stop` is set, when given: tests run it in-process)."""
    bot = build_bot(settings)
    watcher: asyncio.Task | None = None
    try:
        engine = engine or await load_engine(settings)
        dp = build_dispatcher(settings, engine)
        await check_token(bot)
        try:
            # A webhook left from an earlier deployment blocks getUpdates; its queue is kept.
            await bot.delete_webhook(drop_pending_updates=False)
        except TelegramAPIError as e:
            log.warning("deleteWebhook failed: %s", e)
        await register_commands(bot, settings.admin_ids)
        if stop is not None:
            async def stop_when_asked() -> None:
                await stop.wait()
                with suppress(RuntimeError):      # polling had not started yet
                    await dp.stop_polling()
            watcher = asyncio.create_task(stop_when_asked())
        await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types(),
                               handle_signals=stop is None, close_bot_session=False,
                               tasks_concurrency_limit=MAX_CONCURRENT_UPDATES)
        await _finish(dp, bot)
    finally:
        if watcher is not None:
            watcher.cancel()
        await bot.session.close()


async def run_webhook(settings: Settings, engine: Engine | None = None, stop: asyncio.Event | None = None) -> None:
    """An aiohttp server on WEBHOOK_HOST:WEBHOOK_PORT receiving updates at WEBHOOK_URL's path, until
    SIGINT/SIGTERM (or until `stop` is set, when given)."""
    assert settings.webhook_url
    bot = build_bot(settings)
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
    runner: web.AppRunner | None = None
    try:
        engine = engine or await load_engine(settings)
        dp = build_dispatcher(settings, engine)
        await check_token(bot)
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        if secret is None:
            log.warning("WEBHOOK_SECRET is not set: anyone who finds the URL can post fake updates")
        app = web.Application()
        SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=secret).register(app, path=settings.webhook_path)
        setup_application(app, dp, bot=bot)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
        await bot.set_webhook(settings.webhook_url, secret_token=secret,
                              allowed_updates=dp.resolve_used_update_types(), drop_pending_updates=False)
        await register_commands(bot, settings.admin_ids)
        log.info("webhook server on %s:%s, Telegram posts to %s", settings.webhook_host,
                 settings.webhook_port, settings.webhook_url)
        await stop.wait()
        log.info("stopping")
        await _finish(dp, bot)
    finally:
        if runner is not None:
            await runner.cleanup()
        await bot.session.close()


async def run_bot(settings: Settings) -> None:
    # Until polling (or the webhook server) installs its own handlers, a stop signal cancels start-up.
    loop, task = asyncio.get_running_loop(), asyncio.current_task()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with suppress(NotImplementedError):
            loop.add_signal_handler(sig, task.cancel)
    if settings.webhook_url:
        await run_webhook(settings)
    else:
        await run_polling(settings)
