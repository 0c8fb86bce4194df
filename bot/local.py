"""A Bot API session that never leaves the process: it records every outgoing call and answers it the way
Telegram would (a `Message` for `sendMessage`, the bot for `getMe`, `True` for the rest).

The console chat prints what it records; handler tests inspect it. Either way the updates go through the
real Dispatcher, filters, middlewares and handlers — only the HTTP hop is replaced.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import AsyncGenerator, Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.enums import ChatType
from aiogram.methods import GetMe, SendMessage, TelegramMethod
from aiogram.types import Chat, Message, User

BOT_ID = 1000
BOT_USERNAME = "coverage_bot"
LOCAL_TOKEN = f"{BOT_ID}:local-session"


class LocalSession(BaseSession):
    def __init__(self, *, username: str = BOT_USERNAME, bot_id: int = BOT_ID, inline: bool = True,
                 on_request: Callable[[TelegramMethod, Any], None] | None = None) -> None:
        super().__init__()
        self.me = User(id=bot_id, is_bot=True, first_name="Coverage", username=username,
                       can_join_groups=True, supports_inline_queries=inline)
        self.requests: list[TelegramMethod] = []
        self.failures: dict[str, Exception] = {}    # api method name → exception to raise instead
        self.on_request = on_request
        self._ids = itertools.count(10_000)

    async def make_request(self, bot: Bot, method: TelegramMethod, timeout: int | None = None) -> Any:
        self.requests.append(method)
        failure = self.failures.get(method.__api_method__)
        if failure is not None:
            raise failure
        result = self._result(method)
        if self.on_request is not None:
            self.on_request(method, result)
        return result

    def _result(self, method: TelegramMethod) -> Any:
        if isinstance(method, GetMe):
            return self.me
        if isinstance(method, SendMessage):
            chat_id = int(method.chat_id) if str(method.chat_id).lstrip("-").isdigit() else 0
            chat_type = ChatType.PRIVATE if chat_id > 0 else ChatType.SUPERGROUP
            return Message(
                message_id=next(self._ids), date=dt.datetime.now(dt.UTC),
                chat=Chat(id=chat_id, type=chat_type), from_user=self.me,
                text=method.text, entities=method.entities or None, reply_markup=method.reply_markup,
            )
        return True

    def sent(self) -> list[SendMessage]:
        return [m for m in self.requests if isinstance(m, SendMessage)]

    def of(self, kind: type[TelegramMethod]) -> list:
        return [m for m in self.requests if isinstance(m, kind)]

    async def close(self) -> None:
        pass

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30,
                             chunk_size: int = 65536, raise_for_status: bool = True) -> AsyncGenerator[bytes, None]:
        yield b""   # pragma: no cover - the bot downloads nothing
