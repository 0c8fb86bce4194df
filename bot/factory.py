"""Building the bot: `build_dispatcher` (no side effects: what tests, polling, webhook and console share)
and `build_bot` (the Bot API client with its retry middleware)."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)

from handlers import render, routers
from handlers.deps import Engine, EngineHolder

from .config import Settings
from .middlewares import BotAPISession, InFlight, InOrder, RetryMiddleware, ThrottlingMiddleware

# One sender: 8 messages or button presses at once (a person clicking «Ещё» quickly), then one a second.
# Inline queries arrive per keystroke: more room.
MESSAGE_RATE, MESSAGE_BURST = 1.0, 8
INLINE_RATE, INLINE_BURST = 2.0, 10


def build_dispatcher(settings: Settings, engine: Engine | EngineHolder, *, throttle: bool = True,
                     engine_loader: Callable[[], Engine] | None = None) -> Dispatcher:
    """Routers, middlewares and the injected engine holder (`holder`), `settings`, `in_flight`, `in_order`
    and `engine_loader` (what /reload calls in a thread; by default the corpus folder of `settings`).
    `throttle=False` is for the local console, where the only user may paste a file of questions."""
    holder = engine if isinstance(engine, EngineHolder) else EngineHolder(
        engine, example_question=settings.example_question)
    in_flight, in_order = InFlight(), InOrder()
    dp = Dispatcher(holder=holder, settings=settings, in_flight=in_flight, in_order=in_order,
                    engine_loader=engine_loader or corpus_loader(settings))
    dp.update.outer_middleware(in_flight)
    dp.update.outer_middleware(in_order)
    if throttle:
        # Messages are timed by their date, presses and inline queries on arrival: one bucket set each.
        dp.message.middleware(ThrottlingMiddleware(rate=MESSAGE_RATE, burst=MESSAGE_BURST))
        dp.callback_query.middleware(ThrottlingMiddleware(rate=MESSAGE_RATE, burst=MESSAGE_BURST))
        dp.inline_query.middleware(ThrottlingMiddleware(rate=INLINE_RATE, burst=INLINE_BURST, notify=False))
    dp.include_routers(*routers())
    return dp


def corpus_loader(settings: Settings) -> Callable[[], Engine]:
    """Builds the engine from `settings.corpus_dir` (reusing the index cache when the files are unchanged).
    A big corpus is indexed by a child process, as at start-up: in a thread of the bot's own process the
    indexing held the GIL in long loops, and answers during a /reload of 10^5 sentences waited up to 10 s."""
    corpus_dir = settings.corpus_dir

    def load() -> Engine:
        from index import AnswerEngine

        if not corpus_dir.is_dir():
            raise FileNotFoundError(f"CORPUS_DIR {corpus_dir} is not a folder")
        return AnswerEngine.load(corpus_dir, build_apart=True)

    return load


def build_bot(settings: Settings, session: BaseSession | None = None, token: str | None = None) -> Bot:
    """The Bot API client: Telegram or `TELEGRAM_API_URL`, retries and flood control on every call.
    Replies carry entities (no parse mode) and no link previews."""
    if session is None:
        if settings.telegram_api_url:
            session = BotAPISession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
        else:
            session = BotAPISession()
    session.middleware(RetryMiddleware())
    token = token or settings.token
    if not token:
        raise ValueError("BOT_TOKEN is not set")
    return Bot(token=token, session=session,
               default=DefaultBotProperties(parse_mode=None, link_preview=render.NO_PREVIEW))


def commands(admin_ids: frozenset[int] = frozenset()) -> dict[str, tuple[list[BotCommand], object]]:
    """The command menus, per scope (private chats see /start-style help; groups see how to address;
    each admin's private chat also lists /reload — nobody else is shown it)."""
    menus: dict[str, tuple[list[BotCommand], object]] = {
        "private": ([BotCommand(command=c, description=d) for c, d in render.COMMANDS_PRIVATE],
                    BotCommandScopeAllPrivateChats()),
        "group": ([BotCommand(command=c, description=d) for c, d in render.COMMANDS_GROUP],
                  BotCommandScopeAllGroupChats()),
    }
    for admin in sorted(admin_ids):
        menus[f"admin {admin}"] = ([BotCommand(command=c, description=d) for c, d in render.COMMANDS_ADMIN],
                                   BotCommandScopeChat(chat_id=admin))
    return menus
