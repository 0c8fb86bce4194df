"""Middlewares: per-user throttling (dispatcher side), retries with flood control (Bot API session side),
and an in-flight counter so shutdown lets running answers finish."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from aiogram import BaseMiddleware, Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import (
    ClientDecodeError,
    RestartingTelegram,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.types import CallbackQuery, Message, TelegramObject, Update

from handlers import render
from handlers.replies import thread_to

log = logging.getLogger(__name__)

GROUP_ANONYMOUS_BOT = 1087968824


# ------------------------------------------------------------------------------------------ throttling

class TokenBuckets:
    """Token bucket per key with bounded memory: at most `cap` keys, least recently seen evicted first
    (an evicted key had the longest time to refill, so forgetting it loses almost nothing)."""

    def __init__(self, rate: float, burst: float, cap: int = 10_000, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.cap, self.clock = rate, burst, cap, clock
        self._state: OrderedDict[Any, list[float]] = OrderedDict()   # key → [tokens, last time, warned]

    def take(self, key: Any, now: float | None = None) -> tuple[bool, bool]:
        """(allowed, first refusal since the bucket was last allowed). `now` is the event's own time when
        it has one (a message's date); time never runs backwards for a bucket."""
        now = self.clock() if now is None else now
        state = self._state.get(key)
        if state is None:
            state = [self.burst, now, 0.0]
            self._state[key] = state
            while len(self._state) > self.cap:
                self._state.popitem(last=False)
        else:
            self._state.move_to_end(key)
            if now > state[1]:
                state[0] = min(self.burst, state[0] + (now - state[1]) * self.rate)
                state[1] = now
        if state[0] >= 1:
            state[0] -= 1
            state[2] = 0.0
            return True, False
        first = not state[2]
        state[2] = 1.0
        return False, first

    def __len__(self) -> int:
        return len(self._state)


def sender_key(event: TelegramObject) -> tuple[str, int] | None:
    """Who is asking: the user, or the chat for anonymous admins and channels (whose `from_user` is a
    shared placeholder account that would otherwise throttle them all together)."""
    chat = getattr(event, "sender_chat", None)
    user = getattr(event, "from_user", None)
    if chat is not None and (user is None or user.id == GROUP_ANONYMOUS_BOT or user.is_bot):
        return ("chat", chat.id)
    if user is not None:
        return ("user", user.id)
    return None


class ThrottlingMiddleware(BaseMiddleware):
    """Drops a sender's updates beyond `burst` at once and `rate` per second after that, so one flooding
    user cannot starve the others. Registered as an inner middleware, it counts only updates a handler
    would answer (group chatter not addressed to the bot costs nothing). The first refused message gets a
    short notice; the rest of the flood is dropped silently (a button press still gets its spinner stopped).

    Messages are timed by their own `date` (when the person sent them), not by when they reach the bot:
    after a restart the questions asked while the bot was down arrive all at once, and they are not a
    flood. Button presses and inline queries carry no date and are timed on arrival — so give them their
    own middleware instance (one bucket keeps one clock)."""

    def __init__(self, rate: float = 0.5, burst: float = 5, cap: int = 10_000, notify: bool = True,
                 clock: Callable[[], float] = time.time):
        self.buckets = TokenBuckets(rate=rate, burst=burst, cap=cap, clock=clock)
        self.notify = notify

    async def __call__(self, handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
                       event: TelegramObject, data: dict[str, Any]) -> Any:
        key = sender_key(event)
        if key is None:
            return await handler(event, data)
        sent = event.date.timestamp() if isinstance(event, Message) else None
        allowed, first = self.buckets.take(key, sent)
        if allowed:
            return await handler(event, data)
        log.info("throttled %s %s", *key)
        if isinstance(event, CallbackQuery):
            # Always stop the button's spinner; say why only once.
            await event.answer(render.plain(render.throttled()) if first and self.notify else None)
        elif first and self.notify and isinstance(event, Message):
            await event.answer(**render.throttled().as_kwargs(), reply_parameters=thread_to(event))
        return None     # an inline query simply gets no results


class InFlight(BaseMiddleware):
    """Counts updates being handled, so shutdown can wait for answers already under way."""

    def __init__(self) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(self, handler, event, data):
        self.count += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.count -= 1
            if not self.count:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
            return True
        except TimeoutError:
            return False


def order_key(update: Update) -> tuple[int, tuple[str, int] | None] | None:
    """Whose conversation an update belongs to: (chat, sender). None for inline queries (no chat)."""
    if update.message is not None:
        return update.message.chat.id, sender_key(update.message)
    cq = update.callback_query
    if cq is not None and cq.message is not None:
        return cq.message.chat.id, sender_key(cq)
    return None


class InOrder(BaseMiddleware):
    """One person's updates in one chat are handled one after another, in the order Telegram sent them;
    different people and chats still run concurrently.

    Without it, questions sent in quick succession (or queued while the bot was down) are answered in
    whatever order their answers finish — and a private chat, where replies do not quote the question,
    then pairs answers with the wrong questions. Locks exist only while someone holds or waits for them,
    so memory follows the updates in flight, not the number of people ever seen."""

    def __init__(self) -> None:
        self._locks: dict[Any, list] = {}      # key → [asyncio.Lock, holders and waiters]

    async def __call__(self, handler, event, data):
        key = order_key(event) if isinstance(event, Update) else None
        if key is None:
            return await handler(event, data)
        entry = self._locks.get(key)
        if entry is None:
            entry = self._locks[key] = [asyncio.Lock(), 0]
        entry[1] += 1
        try:
            async with entry[0]:
                return await handler(event, data)
        finally:
            entry[1] -= 1
            if not entry[1]:
                del self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)



# ------------------------------------------------------------------------------------------ retries

# Calls whose repetition changes nothing (reads, setters, answers to a query id that Telegram deduplicates).
# Anything else (sendMessage, forwardMessage…) is only repeated when Telegram certainly did not act on it.
IDEMPOTENT_PREFIXES = ("get", "set", "delete", "answer", "edit", "close", "logOut")


def is_idempotent(method: TelegramMethod) -> bool:
    return method.__api_method__.startswith(IDEMPOTENT_PREFIXES)


class RetryMiddleware(BaseRequestMiddleware):
    """Retries what the Bot API did not do, without ever sending a message twice on purpose.

    - 429 (`TelegramRetryAfter`): the call was refused; wait exactly `retry_after` seconds (aiogram does
      not) and repeat it, unless that wait is beyond `max_retry_after` (then the error propagates).
    - 5xx, no connection, or the connection closed without an answer: nothing happened; repeat with
      exponential back-off (0.5, 1, 2… s, at most `max_delay`, jittered) up to `attempts` tries — by default
      about two minutes, so an answer asked for during a short outage still goes out when it ends.
    - A timeout or an undecodable answer: the call may have been done. Repeated only for idempotent
      calls; for a send it is raised, since a second copy of a reply is worse than a log line.
    """

    def __init__(self, attempts: int = 20, base_delay: float = 0.5, max_delay: float = 8.0,
                 max_retry_after: float = 60.0, sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep):
        self.attempts, self.base_delay, self.max_delay = attempts, base_delay, max_delay
        self.max_retry_after = max_retry_after
        self.sleep = sleep

    async def __call__(self, make_request: NextRequestMiddlewareType, bot: Bot, method: TelegramMethod):
        name = method.__api_method__
        attempt = 0
        while True:
            attempt += 1
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as e:
                if e.retry_after > self.max_retry_after or attempt >= self.attempts * 2:
                    raise
                log.warning("%s: flood control, waiting %s s as Telegram asks", name, e.retry_after)
                await self.sleep(e.retry_after)
                continue
            except (TelegramServerError, RestartingTelegram) as e:
                if attempt >= self.attempts:
                    raise
                reason = f"server error: {e.message}"
            except TelegramNetworkError as e:
                if attempt >= self.attempts or not (not_sent(e) or is_idempotent(method)):
                    raise
                reason = f"network: {e.message}"
            except ClientDecodeError as e:
                if attempt >= self.attempts or not is_idempotent(method):
                    raise
                reason = f"undecodable answer: {type(e.original).__name__}"
            delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2)
            if not isinstance(method, GetUpdates):
                log.warning("%s: %s; retry %d in %.1f s", name, reason, attempt, delay)
            await self.sleep(delay)


class BotAPISession(AiohttpSession):
    """aiohttp session that reads an answer that is not JSON by its HTTP status. A 5xx page (HTML from a
    proxy or load balancer in front of the Bot API) means the call did not get through: it becomes a
    `TelegramServerError`, which `RetryMiddleware` repeats. A 504 (the gateway gave up waiting: the call
    may have been done) and anything else unreadable stay `ClientDecodeError`: fate unknown."""

    def check_response(self, bot: Bot, method: TelegramMethod, status_code: int, content: str):
        try:
            return super().check_response(bot=bot, method=method, status_code=status_code, content=content)
        except ClientDecodeError:
            if status_code >= 500 and status_code != 504:
                raise TelegramServerError(method=method, message=f"HTTP {status_code}, not a Bot API answer") from None
            raise


def not_sent(e: TelegramNetworkError) -> bool:
    """True when the server certainly did not act: we could not connect, or it closed the connection
    without answering (in practice a pooled keep-alive connection it had already dropped; the Bot API
    answers every call it acts on). A timeout is not such a case: the call may still be running."""
    cause = e.__cause__
    if isinstance(cause, (aiohttp.ClientConnectorError, aiohttp.ServerDisconnectedError)):
        return True
    return e.message.startswith(("ClientConnectorError", "ServerDisconnectedError"))
