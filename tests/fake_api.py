"""A small fake Telegram Bot API server (aiohttp, loopback only) for end-to-end, load and fault tests.

The bot under test reaches it through `TELEGRAM_API_URL` exactly as it would reach a self-hosted Bot API
server: `POST {base}/bot{token}/{method}`. The server

- hands out queued updates through long-polling `getUpdates` (offsets confirm them, as in Telegram),
- answers `getMe`, `sendMessage`, `editMessageReplyMarkup`, `answerCallbackQuery`, `answerInlineQuery`,
  `setMyCommands`, `deleteWebhook`… and 404 for methods it does not know,
- checks what Telegram checks where a bot commonly goes wrong (4096 UTF-16 units, entities inside the
  text, 64-byte callback data, at most 50 inline results with unique ids) and answers 400 like Telegram,
- records every call (`calls`, each with when it came and when it was answered), every message it accepted
  (`sent`) and when each update was first handed out (`handed_out`); `listeners` are called with each
  finished call (a load generator waits on them instead of scanning `calls`),
- injects faults by rule: an HTTP error or flood control (429 + retry_after) instead of doing the call,
  an HTML error page instead of JSON (a proxy in front of the server failing), a dropped connection
  before doing it, a garbled body after doing it, or a delay.

Fault semantics, so a load test can count lost and duplicated replies: a refused call (`status`, `html`,
`retry_after`, `drop`) did nothing; a `garble`d call was done (its message is in `sent`) but the bot cannot
read the answer; a `delay` only slows the answer.

    async with FakeBotAPI() as api:
        api.add_fault("sendMessage", kind="retry_after", retry_after=1, times=1)
        api.add_fault(None, kind="status", status=500, probability=0.05)   # any method, at random
        api.push(api.private_text("Привет"))
        reply = await api.wait_sent(lambda m: m["chat"]["id"] == api.alice["id"])
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self

from aiohttp import web

TOKEN = "123:abc"
BOT = {"id": 123, "is_bot": True, "first_name": "Coverage", "username": "coverage_bot",
       "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
JSON_FIELDS = {"entities", "reply_markup", "reply_parameters", "link_preview_options", "commands", "scope",
               "results", "button", "allowed_updates", "caption_entities"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float
    outcome: str = "ok"          # ok | error <code> | drop | garble
    result: Any = None
    done: float = 0.0            # when the answer (or the error, or the drop) went out


@dataclass
class Fault:
    method: str | None            # None: any method except getUpdates (unless `updates=True`)
    kind: str                     # status | html | retry_after | drop | garble | delay
    status: int = 500
    description: str = "Internal Server Error"
    retry_after: int = 1
    delay: float = 0.0
    times: int | None = None      # how many calls it hits; None = unlimited
    probability: float = 1.0
    updates: bool = False
    hits: int = field(default=0, init=False)

    def applies(self, method: str, rng: random.Random) -> bool:
        if self.method is not None and self.method != method:
            return False
        if self.method is None and method == "getUpdates" and not self.updates:
            return False
        if self.times is not None and self.hits >= self.times:
            return False
        if self.probability < 1.0 and rng.random() >= self.probability:
            return False
        self.hits += 1
        return True


class FakeBotAPI:
    def __init__(self, token: str = TOKEN, bot: dict | None = None, *, seed: int = 0,
                 max_poll_wait: float = 5.0) -> None:
        self.token = token
        self.bot = dict(bot or BOT)
        self.calls: list[Call] = []
        self.sent: list[dict] = []
        self.faults: list[Fault] = []
        self.rng = random.Random(seed)
        self.max_poll_wait = max_poll_wait
        self._updates: list[dict] = []
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._chats: dict[int, dict] = {}
        self._by_id: dict[tuple[int, int], dict] = {}     # (chat id, message id) → a message in `sent`
        self.handed_out: dict[int, float] = {}            # update_id → when getUpdates first returned it
        self.listeners: list[Callable[[Call], None]] = []
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.alice = {"id": 111, "is_bot": False, "first_name": "Алиса", "language_code": "ru"}
        self.bob = {"id": 222, "is_bot": False, "first_name": "Боб"}
        self.group = {"id": -1001, "type": "supergroup", "title": "Обсуждение"}

    # ------------------------------------------------------------------------------------------ server
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=2**22)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        sock = site._server.sockets[0]
        self.url = f"http://{host}:{sock.getsockname()[1]}"
        return self.url

    async def stop(self) -> None:
        self._new_update.set()          # release long polls still waiting, so shutdown is quick
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()

    # ------------------------------------------------------------------------------------------ faults
    def add_fault(self, method: str | None, kind: str = "status", **kwargs: Any) -> Fault:
        fault = Fault(method=method, kind=kind, **kwargs)
        self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        self.faults.clear()

    def remove_fault(self, fault: Fault) -> None:
        if fault in self.faults:
            self.faults.remove(fault)

    # ------------------------------------------------------------------------------------------ updates
    def push(self, update: dict) -> dict:
        """Queue an update (an `update_id` is assigned); returns it."""
        update = {"update_id": next(self._ids), **update}
        for key in ("message", "edited_message"):
            if key in update:
                self._chats[update[key]["chat"]["id"]] = update[key]["chat"]
        self._updates.append(update)
        self._new_update.set()
        return update

    def message(self, text: str | None = None, *, chat: dict | None = None, user: dict | None = None,
                reply_to: dict | None = None, entities: list[dict] | None = None, **extra: Any) -> dict:
        user = user or self.alice
        chat = chat or {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        msg: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat,
                               "from": user, **extra}
        if text is not None:
            msg["text"] = text
            ents = list(entities) if entities is not None else auto_entities(text)
            if ents:
                msg["entities"] = ents
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        return {"message": msg}

    def private_text(self, text: str, user: dict | None = None) -> dict:
        return self.message(text, user=user)

    def group_text(self, text: str, user: dict | None = None, reply_to: dict | None = None) -> dict:
        return self.message(text, chat=self.group, user=user or self.bob, reply_to=reply_to)

    def sticker(self, chat: dict | None = None, user: dict | None = None) -> dict:
        return self.message(None, chat=chat, user=user, sticker={
            "file_id": "CAAC", "file_unique_id": "AgAD", "type": "regular", "width": 512, "height": 512,
            "is_animated": False, "is_video": False, "emoji": "👍"})

    def callback(self, data: str, on: dict, user: dict | None = None) -> dict:
        """A press of a button on message `on` (a message dict the bot sent, from `sent`)."""
        return {"callback_query": {"id": str(next(self._ids) * 7919), "from": user or self.alice,
                                   "chat_instance": "ci-1", "message": on, "data": data}}

    def inline_query(self, query: str, user: dict | None = None) -> dict:
        return {"inline_query": {"id": str(next(self._ids) * 104729), "from": user or self.alice,
                                 "query": query, "offset": ""}}

    @property
    def pending(self) -> int:
        return len(self._updates)

    # ------------------------------------------------------------------------------------------ waiting
    async def wait_call(self, predicate: Callable[[Call], bool], timeout: float = 10.0, start: int = 0) -> Call:
        """The first call (from index `start`) matching `predicate`, waiting for it if needed."""
        deadline = asyncio.get_running_loop().time() + timeout
        checked = start
        while True:
            for call in self.calls[checked:]:
                if predicate(call):
                    return call
            checked = len(self.calls)
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                raise TimeoutError(f"no matching call in {timeout} s; calls: {[c.method for c in self.calls[-20:]]}")
            self._new_call.clear()
            try:
                await asyncio.wait_for(self._new_call.wait(), left)
            except TimeoutError:
                pass

    async def wait_sent(self, predicate: Callable[[dict], bool], timeout: float = 10.0, start: int = 0) -> dict:
        call = await self.wait_call(lambda c: c.method == "sendMessage" and c.outcome in ("ok", "garble")
                                    and predicate(c.result), timeout, start)
        return call.result

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    # ------------------------------------------------------------------------------------------ handling
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params = await _params(request)
        call = Call(method=method, params=params, at=time.monotonic())
        self.calls.append(call)
        self._new_call.set()
        try:
            if request.match_info["token"] != self.token:
                return self._error(call, 401, "Unauthorized")
            garble = False
            for fault in self.faults:
                if not fault.applies(method, self.rng):
                    continue
                if fault.kind == "delay":
                    await asyncio.sleep(fault.delay)
                elif fault.kind == "status":
                    return self._error(call, fault.status, fault.description)
                elif fault.kind == "html":
                    call.outcome = f"html {fault.status}"
                    return web.Response(status=fault.status, content_type="text/html",
                                        text=f"<html><body><h1>{fault.status} {fault.description}</h1></body></html>")
                elif fault.kind == "retry_after":
                    return self._error(call, 429, f"Too Many Requests: retry after {fault.retry_after}",
                                       {"retry_after": fault.retry_after})
                elif fault.kind == "drop":
                    call.outcome = "drop"
                    request.transport.close()
                    return web.Response(status=500)
                elif fault.kind == "garble":
                    garble = True
            status, payload = await self._dispatch(method, params)
            if status != 200:
                return self._error(call, status, payload)
            call.result = payload
            if garble:
                call.outcome = "garble"
                return web.Response(status=200, text='{"ok": true, "result": {"message_id', content_type="application/json")
            return web.json_response({"ok": True, "result": payload})
        finally:
            call.done = time.monotonic()
            self._new_call.set()
            for listener in self.listeners:
                listener(call)

    def _error(self, call: Call, code: int, description: str, parameters: dict | None = None) -> web.Response:
        call.outcome = f"error {code}"
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=code)

    async def _dispatch(self, method: str, p: dict) -> tuple[int, Any]:
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return 404, "Not Found: method not found"
        return await handler(p)

    async def _m_getMe(self, p: dict) -> tuple[int, Any]:
        return 200, self.bot

    async def _m_getUpdates(self, p: dict) -> tuple[int, Any]:
        offset = int(p.get("offset") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        wait = min(float(p.get("timeout") or 0), self.max_poll_wait)
        if not self._updates and wait > 0:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), wait)
            except TimeoutError:
                pass
        allowed = p.get("allowed_updates")
        batch = self._updates[: int(p.get("limit") or 100)]
        if allowed:
            batch = [u for u in batch if any(k in u for k in allowed)]
        now = time.monotonic()
        for u in batch:
            self.handed_out.setdefault(u["update_id"], now)
        return 200, batch

    async def _m_sendMessage(self, p: dict) -> tuple[int, Any]:
        text = p.get("text") or ""
        chat_id = p.get("chat_id")
        if chat_id is None:
            return 400, "Bad Request: chat_id is empty"
        if not text.strip():
            return 400, "Bad Request: message text is empty"
        if utf16(text) > 4096:
            return 400, "Bad Request: message is too long"
        if (problem := check_entities(text, p.get("entities") or [])) is not None:
            return 400, f"Bad Request: can't parse entities: {problem}"
        if (problem := check_markup(p.get("reply_markup"))) is not None:
            return 400, f"Bad Request: {problem}"
        chat = self._chats.get(int(chat_id)) or {"id": int(chat_id), "type": "private" if int(chat_id) > 0 else "supergroup"}
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat, "from": self.bot,
                   "text": text}
        for key in ("entities", "reply_markup"):
            if p.get(key):
                message[key] = p[key]
        if p.get("reply_parameters"):
            message["reply_parameters"] = p["reply_parameters"]     # kept for assertions (not in Telegram's shape)
        if p.get("message_thread_id"):
            message["message_thread_id"] = int(p["message_thread_id"])
        self.sent.append(message)
        self._by_id[(message["chat"]["id"], message["message_id"])] = message
        return 200, message

    async def _m_editMessageReplyMarkup(self, p: dict) -> tuple[int, Any]:
        m = self._by_id.get((int(p.get("chat_id") or 0), int(p.get("message_id") or 0)))
        if m is None:
            return 400, "Bad Request: message to edit not found"
        if p.get("reply_markup"):
            m["reply_markup"] = p["reply_markup"]
        else:
            m.pop("reply_markup", None)
        return 200, m

    async def _m_answerCallbackQuery(self, p: dict) -> tuple[int, Any]:
        if len(p.get("text") or "") > 200:
            return 400, "Bad Request: MESSAGE_TOO_LONG"
        return 200, True

    async def _m_answerInlineQuery(self, p: dict) -> tuple[int, Any]:
        results = p.get("results") or []
        ids = [r.get("id") for r in results]
        if len(results) > 50:
            return 400, "Bad Request: RESULTS_TOO_MUCH"
        if len(set(ids)) != len(ids) or any(not i or len(str(i).encode()) > 64 for i in ids):
            return 400, "Bad Request: RESULT_ID_INVALID"
        for r in results:
            content = r.get("input_message_content") or {}
            text = content.get("message_text") or ""
            if not text or utf16(text) > 4096 or check_entities(text, content.get("entities") or []):
                return 400, "Bad Request: MESSAGE_TEXT_INVALID"
        return 200, True

    async def _ok(self, p: dict) -> tuple[int, Any]:
        return 200, True

    _m_setMyCommands = _m_deleteMyCommands = _m_deleteWebhook = _m_setWebhook = _ok
    _m_sendChatAction = _m_setMyDescription = _m_setMyShortDescription = _m_deleteMessage = _ok
    _m_close = _m_logOut = _ok

    async def _m_getWebhookInfo(self, p: dict) -> tuple[int, Any]:
        return 200, {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}


# ---------------------------------------------------------------------------------------------- helpers

async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        raw = await request.json()
        return dict(raw) if isinstance(raw, dict) else {}
    form = await request.post() if request.can_read_body else {}
    params = {**request.query, **{k: v for k, v in form.items() if isinstance(v, str)}}
    for key in JSON_FIELDS & params.keys():
        try:
            params[key] = json.loads(params[key])
        except (TypeError, ValueError):
            pass
    return params


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_entities(text: str, entities: list[dict]) -> str | None:
    size = utf16(text)
    for e in entities:
        offset, length = e.get("offset", -1), e.get("length", 0)
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length <= 0:
            return f"bad entity {e}"
        if offset + length > size:
            return f"entity beyond the end of the text {e}"
        if e.get("type") == "text_link" and not str(e.get("url", "")).startswith(("http://", "https://", "tg://")):
            return f"wrong HTTP URL {e.get('url')!r}"
    return None


def check_markup(markup: Any) -> str | None:
    if not markup:
        return None
    for row in markup.get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                return "BUTTON_DATA_INVALID"
    return None


def auto_entities(text: str) -> list[dict]:
    """The entities Telegram adds by itself: a leading bot command and @mentions."""
    out = []
    if text.startswith("/"):
        out.append({"type": "bot_command", "offset": 0, "length": utf16(text.split()[0])})
    pos = 0
    for word in text.split(" "):
        clean = word.rstrip(",.!?:;")
        if clean.startswith("@") and len(clean) > 1:
            out.append({"type": "mention", "offset": utf16(text[:pos]), "length": utf16(clean)})
        pos += len(word) + 1
    return out
