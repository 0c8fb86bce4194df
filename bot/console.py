"""`coverage-bot console`: a local chat with the bot. Each line you type becomes a Telegram `Update` fed
through the same Dispatcher, filters and handlers as in Telegram; what the bot would send is printed.

Type «ещё» to press the «Ещё» button of the last answer. On a terminal the chat opens with /start and
ends with Ctrl-D or Ctrl-C; with a pipe on stdin each line is answered in turn and it ends at EOF.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import sys
import threading
from collections.abc import AsyncIterator
from typing import Any, TextIO

from aiogram import Bot
from aiogram.methods import AnswerCallbackQuery, EditMessageText, SendMessage, TelegramMethod
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User
from aiogram.utils.formatting import Text

from handlers.deps import Engine

from .config import Settings
from .factory import build_dispatcher
from .local import LOCAL_TOKEN, LocalSession

PRESS_WORDS = {"ещё", "еще", "+", "more"}
USER = User(id=1, is_bot=False, first_name="Вы", language_code="ru")
CHAT = Chat(id=1, type="private", first_name="Вы")


def to_console(text: str, entities, *, color: bool) -> str:
    """A sent message as terminal text: blockquotes behind «│», bold in ANSI bold (on a terminal), links
    followed by their URL."""
    return _walk(Text.from_entities(text, entities or []), color=color)


def _walk(node: Any, *, color: bool) -> str:
    if not isinstance(node, Text):
        return str(node)
    inner = "".join(_walk(child, color=color) for child in node)
    kind = node.type
    if kind == "bold" and color:
        return f"\033[1m{inner}\033[0m"
    if kind in ("blockquote", "expandable_blockquote"):
        return "\n".join("│ " + line for line in inner.split("\n"))
    if kind == "text_link":
        return f"{inner} <{node._params.get('url')}>"
    return inner


def keyboard_line(markup: InlineKeyboardMarkup | None) -> str | None:
    if not isinstance(markup, InlineKeyboardMarkup):
        return None
    labels = [b.text for row in markup.inline_keyboard for b in row]
    if not labels:
        return None
    return "  ".join(f"[{label}]" for label in labels) + f"   (введите «ещё», чтобы нажать «{labels[-1]}»)"


class Console:
    def __init__(self, settings: Settings, engine: Engine, out: TextIO, *, color: bool) -> None:
        self.out, self.color = out, color
        self.session = LocalSession(on_request=self._print, inline=False)   # no inline mode in a terminal
        self.bot = Bot(LOCAL_TOKEN, session=self.session)
        self.dp = build_dispatcher(settings, engine, throttle=False)
        self.last_with_button: Message | None = None
        self._pressed: Message | None = None      # the message whose button was pressed last
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)

    def _print(self, method: TelegramMethod, result: Any) -> None:
        if isinstance(method, SendMessage):
            body = to_console(method.text, method.entities, color=self.color)
            self.out.write(f"\nбот:\n{body}\n")
            if (line := keyboard_line(method.reply_markup)) is not None:
                self.out.write(line + "\n")
                self.last_with_button = result
            self.out.write("\n")
            self.out.flush()
        elif isinstance(method, EditMessageText) and self._pressed is not None:
            # A page of /timeline replaces the one shown: print it as the bot's next message.
            body = to_console(method.text, method.entities, color=self.color)
            self.out.write(f"\nбот:\n{body}\n")
            if (line := keyboard_line(method.reply_markup)) is not None:
                self.out.write(line + "\n")
                self.last_with_button = self._pressed.model_copy(
                    update={"text": method.text, "entities": method.entities, "reply_markup": method.reply_markup})
            self.out.write("\n")
            self.out.flush()
        elif isinstance(method, AnswerCallbackQuery) and method.text:
            self.out.write(f"\n(уведомление) {method.text}\n\n")
            self.out.flush()

    def update_for(self, line: str) -> Update | None:
        now = dt.datetime.now(dt.UTC)
        if line.strip().lower() in PRESS_WORDS and self.last_with_button is not None:
            pressed = self._pressed = self.last_with_button
            self.last_with_button = None
            button = pressed.reply_markup.inline_keyboard[-1][-1]
            return Update(update_id=next(self._update_ids), callback_query=CallbackQuery(
                id=str(next(self._update_ids)), from_user=USER, chat_instance="console",
                message=pressed, data=button.callback_data))
        if not line.strip():
            return None
        return Update(update_id=next(self._update_ids), message=Message(
            message_id=next(self._message_ids), date=now, chat=CHAT, from_user=USER, text=line))

    async def say(self, line: str) -> None:
        update = self.update_for(line)
        if update is not None:
            await self.dp.feed_update(self.bot, update)

    async def close(self) -> None:
        await self.bot.session.close()


async def read_lines(stdin: TextIO, prompt: str | None = None) -> AsyncIterator[str]:
    """Lines from `stdin` without blocking the loop. A daemon thread reads, so Ctrl-C never waits for
    someone to press Enter (the default executor would keep the process alive in `input()`)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    want = threading.Event()

    def reader() -> None:
        while True:
            want.wait()
            want.clear()
            try:
                line = input(prompt) if prompt is not None else stdin.readline()
                if prompt is None and not line:
                    line = None
                elif prompt is None:
                    line = line.rstrip("\n")
            except (EOFError, OSError, ValueError):
                line = None
            loop.call_soon_threadsafe(queue.put_nowait, line)
            if line is None:
                return

    threading.Thread(target=reader, name="console-stdin", daemon=True).start()
    while True:
        want.set()
        line = await queue.get()
        if line is None:
            return
        yield line


async def run_console(settings: Settings, engine: Engine, stdin: TextIO | None = None,
                      out: TextIO | None = None) -> None:
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    interactive = stdin.isatty() and stdin is sys.stdin
    console = Console(settings, engine, out, color=interactive and out.isatty())
    try:
        if interactive:
            out.write("Локальный чат с ботом: пишите вопросы, «ещё» — следующая цитата, Ctrl-D — выход.\n")
            await console.say("/start")
        async for line in read_lines(stdin, "вы> " if interactive else None):
            await console.say(line)
        if interactive:
            out.write("\n")
    finally:
        await console.close()
