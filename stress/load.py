"""Simulated users against the fake Bot API server, and the bookkeeping that proves nothing was lost.

Each simulated user is a closed loop: it sends an update (a question, a command, a press of «Ещё»), waits
for the bot's reply, reads it for `think` seconds (0.5–1.5 s: a fast human, just inside the bot's flood
limit of one message a second after a burst of 8) and sends the next. Private users ask by plain text or `/ask`; group users (in
`group` and `supergroup` chats) by `/ask@bot`, an `@bot` mention or a reply to the bot, and now and then
say something not addressed to the bot, which must get no reply at all.

Every reply is attributed to the update it answers: in a group by the message it quotes
(`reply_parameters`), in a private chat (which the bot does not quote) by time — with one update in flight
per private chat, what arrives between two updates belongs to the first. An `Oracle` holding the same
corpus says what each reply must be, word for word, so a reply that went to the wrong person, a throttle
notice or an apology instead of an answer is seen as such.

`Backlog` is the open-loop variant: everything is queued before the bot starts (people asked while it was
down), so several questions of one chat are in flight at once; replies are then matched by content.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.fake_api import BOT, Call, FakeBotAPI

USERNAME = BOT["username"]
THROTTLED = "Слишком много сообщений"
APOLOGY = "Извините, что-то пошло не так"


# ------------------------------------------------------------------------------------------------ oracle

class Oracle:
    """What the bot must answer, computed with the same engine, rendering and example question as the bot."""

    def __init__(self, engine: Any, example: str) -> None:
        self.engine = engine
        self.example = example
        self._cache: dict[str, tuple[str, str | None]] = {}
        self._parts: dict[tuple[str, bool], int] = {}

    @classmethod
    async def load(cls, corpus_dir: Path, cache_root: Path) -> Oracle:
        from bot.config import DEFAULT_EXAMPLE
        from handlers.deps import EngineHolder
        from index import AnswerEngine

        engine = await asyncio.to_thread(AnswerEngine.load, corpus_dir, engine_cache_dir(corpus_dir, cache_root))
        example = await EngineHolder(engine, example_question=DEFAULT_EXAMPLE).example_question()
        return cls(engine, example)

    def answer(self, question: str) -> tuple[str, str | None]:
        """(exact reply text, callback data of its «Ещё» button or None)."""
        if question not in self._cache:
            from handlers import render
            from handlers.deps import MORE

            a = self.engine.answer(question, MORE)
            text = render.plain(render.answer(a, self.example if a.best is None else ""))
            keyboard = render.more_keyboard(render.more_refs(a)) if a.best is not None else None
            data = keyboard.inline_keyboard[0][0].callback_data if keyboard is not None else None
            self._cache[question] = (text, data)
        return self._cache[question]

    def reply(self, form: str, text: str) -> tuple[str, str | None]:
        """What the bot answers to `text` sent as `form`: text (private), ask (/ask in private), group_ask
        (/ask@bot), mention (@bot …), reply (a reply to the bot in a group)."""
        from handlers import render

        if form in ("ask", "group_ask"):
            question = text.strip()
            if not question:
                return render.plain(render.ask_usage(username=USERNAME, group=form == "group_ask")), None
            return self.answer(question)
        question = mention_question(f"@{USERNAME} {text}") if form == "mention" else text
        if form in ("mention", "reply") and not question.strip():
            return render.plain(render.mention_usage(USERNAME)), None
        return self.answer(question)

    def more(self, data: str) -> str | None:
        from handlers import render

        for ref in render.MoreCallback.unpack(data).refs.split(","):
            p = self.engine.passage(ref) if ref else None
            if p is not None:
                return render.plain(render.passage(p, bold=False))
        return None

    def parts(self, command: str, private: bool = True) -> int:
        """How many messages a command takes: /sources is split and capped; /timeline is one page with
        buttons to turn it; the rest one message."""
        from handlers import render

        key = (command, private)
        if key not in self._parts:
            if command == "/sources":
                self._parts[key] = len(render.capped(render.sources(self.engine.articles), group=not private))
            else:
                self._parts[key] = 1
        return self._parts[key]


def engine_cache_dir(corpus_dir: Path, cache_root: Path) -> Path:
    """The cache folder the bot uses for `corpus_dir` when COVERAGE_BOT_CACHE is `cache_root`."""
    from index.cache import default_cache_dir

    old = os.environ.get("COVERAGE_BOT_CACHE")
    os.environ["COVERAGE_BOT_CACHE"] = str(cache_root)
    try:
        return default_cache_dir(corpus_dir)
    finally:
        if old is None:
            os.environ.pop("COVERAGE_BOT_CACHE", None)
        else:
            os.environ["COVERAGE_BOT_CACHE"] = old


def mention_question(text: str) -> str:
    from handlers.filters import without_spans

    return without_spans(text, [(0, len(USERNAME) + 1)])


# ------------------------------------------------------------------------------------------------ inbox

@dataclass
class Reply:
    at: float
    message: dict


class Inbox:
    """Every message the server accepted from the bot, by chat and by the message it quotes; waitable."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        self.by_chat: dict[int, list[Reply]] = defaultdict(list)
        self.by_thread: dict[tuple[int, int], list[Reply]] = defaultdict(list)
        self.callback_answers = 0
        self.last = time.monotonic()
        self._events: dict[tuple, asyncio.Event] = {}
        api.listeners.append(self._on_call)

    def close(self) -> None:
        if self._on_call in self.api.listeners:
            self.api.listeners.remove(self._on_call)

    def _on_call(self, call: Call) -> None:
        if call.method == "answerCallbackQuery" and call.outcome in ("ok", "garble"):
            self.callback_answers += 1
        if call.method != "sendMessage" or call.outcome not in ("ok", "garble") or not call.result:
            return
        m = call.result
        reply = Reply(call.done, m)
        self.last = call.done
        chat = m["chat"]["id"]
        self.by_chat[chat].append(reply)
        self._wake(("chat", chat))
        quoted = (m.get("reply_parameters") or {}).get("message_id")
        if quoted:
            self.by_thread[(chat, quoted)].append(reply)
            self._wake(("thread", chat, quoted))

    def _wake(self, key: tuple) -> None:
        event = self._events.get(key)
        if event is not None:
            event.set()

    def count(self, key: tuple) -> int:
        return len(self.by_chat[key[1]]) if key[0] == "chat" else len(self.by_thread[(key[1], key[2])])

    async def wait(self, key: tuple, n: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.count(key) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            event = self._events.setdefault(key, asyncio.Event())
            event.clear()
            try:
                await asyncio.wait_for(event.wait(), left)
            except TimeoutError:
                pass
        self._events.pop(key, None)
        return True

    async def quiet(self, seconds: float = 1.5, limit: float = 30.0) -> None:
        """Wait until no message has arrived for `seconds` (late replies and duplicates show up here)."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            since = time.monotonic() - self.last
            if since >= seconds:
                return
            await asyncio.sleep(seconds - since)


# ------------------------------------------------------------------------------------------------ asks

@dataclass
class Ask:
    """One update sent to the bot and what must come back."""

    kind: str                 # question | command | more | chatter
    user: int
    chat: int
    private: bool
    update_id: int
    pushed: float
    parts: int                # messages expected back (0: none, for chatter)
    expect: str | None        # the first reply's exact text, when known
    contains: str | None = None
    thread: int | None = None  # the message a group reply must quote
    open: bool = False         # sent without waiting for the previous reply (backlog)
    replies: list[Reply] = field(default_factory=list)


@dataclass
class User:
    id: int
    chat: dict
    private: bool
    questions: int

    @property
    def user(self) -> dict:
        return {"id": self.id, "is_bot": False, "first_name": f"u{self.id}", "language_code": "ru"}


def make_users(n: int, questions_each: int, *, groups: int = 10, group_share: float = 0.25,
               first_id: int = 10_000) -> list[User]:
    """`n` users; a quarter of them in `groups` chats (half `group`, half `supergroup`)."""
    users: list[User] = []
    n_group = int(n * group_share) if groups else 0
    chats = [{"id": -(100 + g) if g % 2 else -(1_000_000_000_000 + g), "type": "group" if g % 2 else "supergroup",
              "title": f"Группа {g}"} for g in range(groups)]
    for i in range(n):
        uid = first_id + i
        if i < n_group:
            users.append(User(uid, chats[i % groups], False, questions_each))
        else:
            users.append(User(uid, {"id": uid, "type": "private", "first_name": f"u{uid}"}, True, questions_each))
    return users


# ------------------------------------------------------------------------------------------------ the load

P_MORE, P_COMMAND, P_CHATTER = 0.25, 0.08, 0.05
PRIVATE_COMMANDS = ("/start", "/help", "/sources", "/timeline", "/ask")
GROUP_COMMANDS = (f"/help@{USERNAME}",)


@dataclass
class Load:
    """A closed-loop load: `users` each ask `questions` from `pool`, with commands and «Ещё» presses."""

    api: FakeBotAPI
    oracle: Oracle
    users: list[User]
    pool: list[str]
    seed: int = 1
    think: tuple[float, float] = (0.5, 1.5)   # seconds a user reads an answer before its next update
    exact: bool = True        # check every reply word for word (off while the corpus changes under a reload)
    reply_timeout: float = 120.0
    deadline: float = 600.0
    quiet: float = 1.5        # seconds without a message before the count (late replies, duplicates)
    asks: list[Ask] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.inbox = Inbox(self.api)
        self._parts = {(c, p): self.oracle.parts(c, p) for c in ("/sources", "/timeline") for p in (True, False)}
        self._stop_at = 0.0
        self._stopping = False

    def stop(self) -> None:
        """Users send nothing new; what they are waiting for still counts."""
        self._stopping = True

    async def run(self) -> Result:
        started = time.monotonic()
        self._stop_at = started + self.deadline
        mark = len(self.asks)
        await asyncio.gather(*(self._user(u) for u in self.users))
        await self.inbox.quiet(self.quiet)
        return account(self.api, self.inbox, self.asks[mark:], started)

    # -------------------------------------------------------------------------------------- one user
    async def _user(self, u: User) -> None:
        rng = random.Random(self.seed * 1_000_003 + u.id)
        asked = 0
        last: dict | None = None         # our latest answer that carries an «Ещё» button
        first = True
        while asked < u.questions and time.monotonic() < self._stop_at and not self._stopping:
            if not first and self.think[1] > 0:
                await asyncio.sleep(rng.uniform(*self.think))
                if self._stopping:
                    break
            first = False
            r = rng.random()
            if last is not None and r < P_MORE:
                last = await self._press_more(u, last)
                continue
            if r < P_MORE + P_COMMAND:
                await self._command(u, rng)
                continue
            if not u.private and r < P_MORE + P_COMMAND + P_CHATTER:
                self._chatter(u, rng)
                continue
            question = rng.choice(self.pool)
            asked += 1
            last = await self._question(u, question, rng, last)

    async def _question(self, u: User, question: str, rng: random.Random, last: dict | None) -> dict | None:
        api = self.api
        if u.private:
            if rng.random() < 0.15:
                form, update = "ask", api.message(f"/ask {question}", chat=u.chat, user=u.user)
            else:
                form, update = "text", api.message(question, chat=u.chat, user=u.user)
        else:
            r = rng.random()
            if r < 0.35 and last is not None:
                form, update = "reply", api.message(question, chat=u.chat, user=u.user, reply_to=last)
            elif r < 0.7:
                form, update = "mention", api.message(f"@{USERNAME} {question}", chat=u.chat, user=u.user)
            else:
                form, update = "group_ask", api.message(f"/ask@{USERNAME} {question}", chat=u.chat, user=u.user)
        expect, data = self.oracle.reply(form, question)
        reply = await self._send("question", u, update, parts=1, expect=expect if self.exact else None)
        if reply is not None and data is not None and (reply.get("reply_markup") or {}).get("inline_keyboard"):
            return reply
        return None

    async def _command(self, u: User, rng: random.Random) -> None:
        if u.private:
            command = rng.choice(PRIVATE_COMMANDS)
            parts = self._parts.get((command, True), 1)
            contains = {"/ask": "Напишите вопрос после команды", "/start": "/ask", "/help": "/ask",
                        "/sources": "Статьи в подборке", "/timeline": "Хронолог"}[command]
        else:
            command, parts, contains = rng.choice(GROUP_COMMANDS), 1, "/ask"
        await self._send("command", u, self.api.message(command, chat=u.chat, user=u.user), parts=parts,
                         contains=contains)

    async def _press_more(self, u: User, on: dict) -> dict | None:
        data = on["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        expect = self.oracle.more(data) if self.exact else None
        update = self.api.callback(data, on=on, user=u.user)
        reply = await self._send("more", u, update, parts=1, expect=expect,
                                 thread=None if u.private else on["message_id"])
        if reply is not None and (reply.get("reply_markup") or {}).get("inline_keyboard"):
            return reply
        return None

    def _chatter(self, u: User, rng: random.Random) -> None:
        text = rng.choice(["Кто-нибудь читал про Баку?", "Привет всем", "Согласен", "Что скажете про МИД?"])
        update = self.api.push(self.api.message(text, chat=u.chat, user=u.user))
        self.asks.append(Ask("chatter", u.id, u.chat["id"], False, update["update_id"], time.monotonic(), 0, None,
                             thread=update["message"]["message_id"]))

    async def _send(self, kind: str, u: User, update: dict, *, parts: int, expect: str | None = None,
                    contains: str | None = None, thread: int | None = None) -> dict | None:
        chat = u.chat["id"]
        if u.private:
            key, base = ("chat", chat), self.inbox.count(("chat", chat))
        else:
            thread = thread or update["message"]["message_id"]
            key, base = ("thread", chat, thread), self.inbox.count(("thread", chat, thread))
        update = self.api.push(update)
        self.asks.append(Ask(kind, u.id, chat, u.private, update["update_id"], time.monotonic(), parts, expect,
                             contains, thread))
        timeout = min(self.reply_timeout, max(1.0, self._stop_at - time.monotonic()))
        if not await self.inbox.wait(key, base + parts, timeout):
            return None
        got = self.inbox.by_chat[chat] if u.private else self.inbox.by_thread[(chat, thread)]
        return got[base].message


# ------------------------------------------------------------------------------------------------ backlog

def queue_backlog(api: FakeBotAPI, oracle: Oracle, users: list[User], pool: list[str], *, seed: int = 7,
                  spread: float = 600.0) -> list[Ask]:
    """Queue every user's questions at once, dated as if asked over the last `spread` seconds (the bot was
    down meanwhile). Private users ask by text, group users by `/ask@bot`."""
    rng = random.Random(seed)
    now = time.time()
    asks: list[Ask] = []
    planned = []
    for u in users:
        for i in range(u.questions):
            date = now - spread + spread * (i + rng.random()) / max(1, u.questions)
            planned.append((date, u, rng.choice(pool)))
    planned.sort(key=lambda p: p[0])          # Telegram hands updates out in the order they were sent
    for date, u, question in planned:
        text = question if u.private else f"/ask@{USERNAME} {question}"
        update = api.push(api.message(text, chat=u.chat, user=u.user, date=int(date)))
        asks.append(Ask("question", u.id, u.chat["id"], u.private, update["update_id"], time.monotonic(), 1,
                        oracle.reply("text" if u.private else "group_ask", question)[0],
                        thread=None if u.private else update["message"]["message_id"], open=True))
    return asks


async def drain(api: FakeBotAPI, inbox: Inbox, asks: list[Ask], timeout: float) -> bool:
    """Wait until every ask has its replies (or `timeout`)."""
    deadline = time.monotonic() + timeout
    need_chat: Counter = Counter(a.chat for a in asks if a.private)
    need_thread = [(a.chat, a.thread) for a in asks if not a.private and a.parts]
    while time.monotonic() < deadline:
        if all(inbox.count(("chat", c)) >= n for c, n in need_chat.items()) and \
                all(inbox.count(("thread", c, t)) >= 1 for c, t in need_thread):
            return True
        await asyncio.sleep(0.1)
    return False


# ------------------------------------------------------------------------------------------------ accounting

@dataclass
class Result:
    updates: int = 0
    by_kind: Counter = field(default_factory=Counter)
    questions: int = 0
    replied_once: int = 0       # updates that got exactly the replies they should
    lost: int = 0               # got fewer (a question with no reply at all, a /sources cut short)
    duplicates: int = 0         # got more
    wrong: int = 0              # the reply is not the one the oracle expects
    throttled: int = 0          # … because it was a flood-control notice
    apologies: int = 0          # … because it was the error apology
    stray: int = 0              # messages in a group quoting nothing we asked
    chatter_answered: int = 0   # unaddressed group messages that got a reply
    out_of_order: int = 0       # private chats whose replies came in another order than the questions (backlog)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0        # first update handed out → last reply
    examples: list[str] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        s = sorted(self.latencies)
        return s[min(len(s) - 1, int(q * len(s)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p99(self) -> float:
        return self.p(0.99)

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicates or self.wrong or self.stray or self.chatter_answered)


def account(api: FakeBotAPI, inbox: Inbox, asks: list[Ask], started: float) -> Result:
    """Attribute every reply to an ask and count what is missing, doubled or wrong."""
    res = Result()
    private: dict[int, list[Ask]] = defaultdict(list)
    for a in asks:
        if a.private:
            private[a.chat].append(a)
    claimed: set[int] = set()
    for chat, chat_asks in private.items():
        msgs = [r for r in inbox.by_chat[chat] if r.at >= chat_asks[0].pushed]
        if any(a.open for a in chat_asks):
            _match_by_content(chat_asks, msgs, res)
            continue
        for k, a in enumerate(chat_asks):
            end = chat_asks[k + 1].pushed if k + 1 < len(chat_asks) else float("inf")
            a.replies = [r for r in msgs if a.pushed <= r.at < end]
    group_chats = {a.chat for a in asks if not a.private}
    for a in asks:
        if not a.private:
            a.replies = list(inbox.by_thread.get((a.chat, a.thread), []))
            claimed.update(id(r) for r in a.replies)
    for chat in group_chats:
        res.stray += sum(1 for r in inbox.by_chat[chat] if id(r) not in claimed and r.at >= started)

    first_out = min((api.handed_out.get(a.update_id, a.pushed) for a in asks), default=started)
    last_in = first_out
    for a in asks:
        res.updates += 1
        res.by_kind[a.kind] += 1
        res.questions += a.kind == "question"
        if a.kind == "chatter":
            res.chatter_answered += bool(a.replies)
            continue
        n = len(a.replies)
        if n == a.parts:
            res.replied_once += 1
        elif n < a.parts:
            res.lost += 1
            _example(res, f"lost: {a.kind} in chat {a.chat} (update {a.update_id}): {n} of {a.parts}")
        else:
            res.duplicates += 1
            _example(res, f"duplicate: {a.kind} in chat {a.chat} (update {a.update_id}): {n} of {a.parts}")
        if a.replies:
            first = a.replies[0]
            text = first.message.get("text", "")
            if ((a.expect is not None and text != a.expect) or (a.contains is not None and a.contains not in text)
                    or THROTTLED in text or APOLOGY in text):
                res.wrong += 1
                res.throttled += THROTTLED in text
                res.apologies += APOLOGY in text
                _example(res, f"wrong: {a.kind} in chat {a.chat}: got {text[:80]!r}")
            out = api.handed_out.get(a.update_id)
            if out is not None:
                res.latencies.append(first.at - out)
            last_in = max(last_in, max(r.at for r in a.replies))
    res.seconds = max(0.0, last_in - first_out)
    return res


def _match_by_content(chat_asks: list[Ask], msgs: list[Reply], res: Result) -> None:
    """Several questions of one private chat in flight: give each reply to an ask expecting that text."""
    free = list(msgs)
    order: list[int] = []
    for k, a in enumerate(chat_asks):
        for r in free:
            if r.message.get("text") == a.expect:
                a.replies = [r]
                free.remove(r)
                order.append(msgs.index(r))
                break
    for r in free:          # left over: wrong texts or duplicates; charge them to asks still without a reply
        target = next((a for a in chat_asks if not a.replies), None)
        if target is None:
            target = chat_asks[-1]
        target.replies.append(r)
    res.out_of_order += order != sorted(order)


def _example(res: Result, text: str) -> None:
    if len(res.examples) < 8:
        res.examples.append(text)
