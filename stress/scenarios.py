"""The scenarios `make stress` runs, each against the real `coverage-bot run` process and a fresh fake
Bot API server on 127.0.0.1. Each returns rows for the report; none of them needs the network."""

from __future__ import annotations

import asyncio
import json
import math
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.fake_api import TOKEN, FakeBotAPI

from .load import (
    APOLOGY,
    USERNAME,
    Ask,
    Inbox,
    Load,
    Oracle,
    Result,
    account,
    drain,
    engine_cache_dir,
    make_users,
    queue_backlog,
)
from .process import ADMIN_ID, MB, ROOT, BotProcess

SEEDS = ROOT / "seeds"
DEV_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.json"
HOSTILE = ["<b>Баку</b> & <i>россияне</i>", "😀🔥🇷🇺", "   ", "?!", "1234567890", "Баку\u200b россияне\u200f",
           "مرحبا Баку", "`код` *жирный* _курсив_", ("Баку россияне " * 290)[:4000]]

NEW_ARTICLE = ("Мост через Волгу открыли в Твери\n"
               "ТВЕРЬ, 3 марта. /ТАСС/. В Твери открыли новый мост через Волгу длиной 800 метров.\n"
               "Строительство моста заняло два года, сообщил губернатор области.\n")
NEW_QUESTION = "Что открыли в Твери?"
NEW_FACT = "мост через волгу"


@dataclass
class Row:
    """One line of the summary: what was tried, how much, what happened, and whether that is right."""

    scenario: str
    tried: str
    amount: str
    happened: str
    ok: bool


@dataclass
class Report:
    summary: list[Row] = field(default_factory=list)
    tables: dict[str, tuple[list[str], list[list[str]]]] = field(default_factory=dict)
    logs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def table(self, name: str, header: list[str]) -> list[list[str]]:
        return self.tables.setdefault(name, (header, []))[1]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.summary)


@dataclass
class Ctx:
    tmp: Path
    report: Report
    seed: int = 1
    users: int = 200
    questions: int = 10


def pool_for(oracle: Oracle, n_corpus: int, n_out: int, seed: int) -> list[str]:
    """Questions made of corpus sentences' words (bench.corpus.questions), out-of-scope ones, the dev
    questions and a few hostile strings."""
    from bench.corpus import questions

    sentences = [s.text for s in oracle.engine.corpus.sentences if s.quotable and s.paragraph >= 0]
    return [q["question"] for q in questions(sentences, n_corpus, n_out, seed)] + HOSTILE


def dev_questions() -> list[str]:
    try:
        return [d["question"] for d in json.loads(DEV_QUESTIONS.read_text("utf-8"))]
    except (OSError, ValueError):
        return ["Сколько россиян задержали в Баку?", "Кто такой Михаил Галузин?"]


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:.0f}"


def mb(n: int) -> str:
    return f"{n / MB:.0f}"


def kinds(res: Result) -> str:
    k = res.by_kind
    parts = [f"{k['question']} questions", f"{k['command']} commands", f"{k['more']} «Ещё»"]
    if k["chatter"]:
        parts.append(f"{k['chatter']} group chatter")
    return ", ".join(parts)


def verdict(res: Result) -> str:
    bits = [f"{res.replied_once}/{res.updates - res.by_kind['chatter']} answered exactly once"]
    for name, n in (("lost", res.lost), ("duplicated", res.duplicates), ("wrong", res.wrong),
                    ("throttled", res.throttled), ("apologies", res.apologies), ("stray", res.stray),
                    ("chatter answered", res.chatter_answered), ("chats out of order", res.out_of_order)):
        if n:
            bits.append(f"{n} {name}")
    if not any((res.lost, res.duplicates, res.wrong, res.stray, res.chatter_answered)):
        bits.append("0 lost, 0 duplicated, 0 wrong")
    return "; ".join(bits)


async def ask_once(api: FakeBotAPI, update: dict, chat: int, timeout: float = 30.0) -> dict | None:
    """Push one update and return the first message the bot sends to `chat` after it."""
    inbox = Inbox(api)
    try:
        api.push(update)
        return await _first(inbox, chat, timeout)
    finally:
        inbox.close()


async def _first(inbox: Inbox, chat: int, timeout: float) -> dict | None:
    if not await inbox.wait(("chat", chat), 1, timeout):
        return None
    return inbox.by_chat[chat][0].message


# ------------------------------------------------------------------------------------------------ load

async def load(ctx: Ctx, label: str, corpus_dir: Path, pool_size: tuple[int, int], note: str = "") -> Oracle:
    """Cold start, two identical rounds of the closed-loop load, then a backlog drained on a warm start."""
    rep = ctx.report
    cache = ctx.tmp / f"cache-{label}"
    detail = rep.table("load", ["corpus", "run", "updates", "exactly one reply", "lost / dup / wrong",
                                "updates/s", "latency p50 / p99 ms", "peak RSS MB", "RSS after MB"])
    async with FakeBotAPI(seed=ctx.seed) as api:
        async with BotProcess(api, corpus_dir, cache, ctx.tmp / label, name=f"{label}-load") as bot:
            cold = await bot.ready(timeout=900)
            rss_ready = bot.rss()
            rep.logs.append(bot.log_path)
            oracle = await Oracle.load(corpus_dir, cache)
            pool = pool_for(oracle, *pool_size, seed=ctx.seed)
            rounds: list[tuple[Result, int, int]] = []
            for number in (1, 2):
                bot.reset_peak()
                users = make_users(ctx.users, ctx.questions)
                run = Load(api, oracle, users, pool, seed=ctx.seed)
                res = await run.run()
                run.inbox.close()
                await asyncio.sleep(1.0)
                rounds.append((res, bot.peak_rss, bot.rss()))
                detail.append([label, f"round {number}", kinds(res), f"{res.replied_once}", 
                               f"{res.lost} / {res.duplicates} / {res.wrong}", f"{res.throughput:.0f}",
                               f"{ms(res.p50)} / {ms(res.p99)}", mb(bot.peak_rss), mb(bot.rss())])
        code = bot.exit_code
    (r1, _, after1), (r2, _, after2) = rounds
    growth = after2 - after1
    flat = abs(growth) <= max(8 * MB, 0.05 * after1)
    peak = max(p for _, p, _ in rounds)
    rep.summary.append(Row(
        f"Load, {label}", f"{ctx.users} users (¾ private, ¼ in 10 groups), closed loop: each asks again "
        "0.5–1.5 s after its answer; questions, commands, «Ещё», group chatter" + note,
        f"2 identical rounds × {r1.updates} updates ({r1.by_kind['question']} questions)",
        f"round 1: {verdict(r1)}; {r1.throughput:.0f} updates/s, p50 {ms(r1.p50)} ms, p99 {ms(r1.p99)} ms. "
        f"round 2: {verdict(r2)}; {r2.throughput:.0f} updates/s, p50 {ms(r2.p50)} ms, p99 {ms(r2.p99)} ms. "
        f"Start-up {cold:.1f} s (index built: cold cache), RSS {mb(rss_ready)} MB when ready, peak {mb(peak)} MB; "
        f"after round 1 {mb(after1)} MB, after round 2 {mb(after2)} MB ({growth / MB:+.1f} MB: "
        f"{'flat' if flat else 'GROWING'}); exit code {code}",
        r1.clean and r2.clean and flat and code == 0 and not r1.throttled and not r2.throttled))

    # Backlog: everything asked while the bot was down, handed out as fast as the bot takes it.
    async with FakeBotAPI(seed=ctx.seed) as api:
        inbox = Inbox(api)
        users = make_users(ctx.users, ctx.questions, first_id=200_000)
        asks = queue_backlog(api, oracle, users, pool, seed=ctx.seed)
        async with BotProcess(api, corpus_dir, cache, ctx.tmp / label, name=f"{label}-backlog") as bot:
            warm = await bot.ready(timeout=600)
            rep.logs.append(bot.log_path)
            started = time.monotonic()
            await drain(api, inbox, asks, timeout=300)
            await inbox.quiet()
            res = account(api, inbox, asks, started)
            peak = bot.peak_rss
        code = bot.exit_code
    detail.append([label, "backlog", f"{res.questions} questions", f"{res.replied_once}",
                   f"{res.lost} / {res.duplicates} / {res.wrong}", f"{res.throughput:.0f}",
                   f"{ms(res.p50)} / {ms(res.p99)}", mb(peak), "–"])
    rep.summary.append(Row(
        f"Backlog, {label}", f"{ctx.users} users' questions asked while the bot was down (dated over the last "
        "10 minutes, up to 10 per person), all queued before it starts; handed out as fast as the bot "
        "takes them",
        f"{res.questions} questions",
        f"{verdict(res)}; drained at {res.throughput:.0f} updates/s in {res.seconds:.1f} s; every private "
        f"chat's answers in the order asked ({res.out_of_order} chats out of order); warm start-up {warm:.1f} s "
        f"(index from cache); peak RSS {mb(peak)} MB; exit code {code}",
        res.clean and not res.throttled and not res.out_of_order and code == 0))
    return oracle


# ------------------------------------------------------------------------------------------------ faults

RANDOM_FAULTS = (
    ("429 with retry_after=1", {"kind": "retry_after", "retry_after": 1, "probability": 0.10}),
    ("500", {"kind": "status", "status": 500, "probability": 0.06}),
    ("502 HTML page (not JSON)", {"kind": "html", "status": 502, "description": "Bad Gateway", "probability": 0.03}),
    ("connection dropped", {"kind": "drop", "probability": 0.03}),
    ("garbled JSON after doing the call", {"kind": "garble", "probability": 0.02}),
    ("0.5 s slower", {"kind": "delay", "delay": 0.5, "probability": 0.10}),
)


async def faults(ctx: Ctx, corpus_dir: Path) -> None:
    rep = ctx.report
    cache = ctx.tmp / "cache-faults"
    detail = rep.table("faults", ["phase", "faults injected (calls)", "updates", "replies as expected",
                                  "duplicates", "lost", "wrong", "time to drain"])
    async with FakeBotAPI(seed=ctx.seed) as api:
        async with BotProcess(api, corpus_dir, cache, ctx.tmp / "faults", name="faults") as bot:
            await bot.ready()
            rep.logs.append(bot.log_path)
            oracle = await Oracle.load(corpus_dir, cache)
            pool = pool_for(oracle, 100, 20, ctx.seed)

            # Phase 1: faults at random on every method, getUpdates included, while 100 users ask.
            rules = [api.add_fault(None, updates=True, **f) for _, f in RANDOM_FAULTS]
            mark = len(api.calls)
            run = Load(api, oracle, make_users(100, 5, first_id=30_000), pool, seed=ctx.seed + 1,
                       think=(0.2, 0.6))
            res = await run.run()
            run.inbox.close()
            api.clear_faults()
            injected = ", ".join(f"{name}: {rule.hits}" for (name, _), rule in zip(RANDOM_FAULTS, rules))
            calls = len(api.calls) - mark
            detail.append(["random faults on every call", f"{injected} (of {calls} calls)",
                           f"{res.updates - res.by_kind['chatter']}",
                           f"{res.replied_once}", f"{res.duplicates}", f"{res.lost}", f"{res.wrong}", "–"])
            rep.summary.append(Row(
                "Faults at random", "Bot API answers at random: " + "; ".join(
                    f"{name} {f['probability']:.0%}" for name, f in RANDOM_FAULTS) + " — on getUpdates, sendMessage "
                "and the rest; 100 users keep asking",
                f"{res.updates} updates, {calls} Bot API calls, {sum(r.hits for r in rules)} faults",
                f"{verdict(res)}; p50 {ms(res.p50)} ms, p99 {ms(res.p99)} ms",
                res.clean))

            # Phase 2: an outage: for 14 s every call fails — a 502, an HTML error page or a dropped
            # connection, at random — while 60 people ask.
            inbox = Inbox(api)
            users = make_users(60, 1, first_id=40_000)
            asks: list[Ask] = []
            rng = random.Random(ctx.seed)
            outage = [("502", {"kind": "status", "status": 502, "description": "Bad Gateway", "probability": 1 / 3}),
                      ("HTML error page", {"kind": "html", "status": 503, "description": "Service Unavailable",
                                           "probability": 0.5}),
                      ("connection dropped", {"kind": "drop"})]
            length = 14.0
            started = time.monotonic()

            async def asker(u) -> None:
                await asyncio.sleep(rng.uniform(0, length - 0.5))
                q = rng.choice(pool)
                text = q if u.private else f"/ask@{USERNAME} {q}"
                update = api.push(api.message(text, chat=u.chat, user=u.user))
                asks.append(Ask("question", u.id, u.chat["id"], u.private, update["update_id"], time.monotonic(), 1,
                                oracle.reply("text" if u.private else "group_ask", q)[0],
                                thread=None if u.private else update["message"]["message_id"], open=True))

            askers = [asyncio.create_task(asker(u)) for u in users]
            rules = [api.add_fault(None, updates=True, **spec) for _, spec in outage]
            await asyncio.sleep(length)
            api.clear_faults()
            hits = [f"{name}: {rule.hits}" for (name, _), rule in zip(outage, rules)]
            recovered = time.monotonic()
            await asyncio.gather(*askers)
            await drain(api, inbox, asks, timeout=180)
            await inbox.quiet(2.0)
            res = account(api, inbox, asks, started)
            inbox.close()
            drained = max(0.0, inbox.last - recovered)
            detail.append([f"outage for {length:.0f} s, then recovery", ", ".join(hits), f"{res.updates}", f"{res.replied_once}",
                           f"{res.duplicates}", f"{res.lost}", f"{res.wrong}", f"{drained:.1f} s"])
            rep.summary.append(Row(
                "Outage", f"the server fails every call for {length:.0f} s (a 502, an HTML error page or a "
                "dropped connection, at random); people keep asking during it",
                f"{res.questions} questions asked during the outage",
                f"{verdict(res)}; all answered {drained:.1f} s after the server recovered",
                res.clean))

            # Phase 3: an error whose text holds the token (a server echoing the URL back).
            mark = len(api.calls)
            api.add_fault("sendMessage", kind="status", status=400, times=1,
                          description=f"Bad Request: can't send to https://api.telegram.org/bot{TOKEN}/sendMessage")
            user = {"id": 45_000, "is_bot": False, "first_name": "s"}
            apology = await ask_once(api, api.private_text("Сколько россиян задержали в Баку?", user=user), 45_000)
            api.clear_faults()
            echoed = sum(TOKEN in json.dumps(c.params, ensure_ascii=False) for c in api.calls[mark:])
        code = bot.exit_code
        log = bot.log()
    leaked = log.count(TOKEN)
    rep.summary.append(Row(
        "Token in an error", "the server refuses a reply with a 400 whose description contains the bot token",
        "1 question",
        f"the person got {'the apology' if apology and APOLOGY in apology.get('text', '') else repr(apology)}; "
        f"token in what the bot sent: {echoed}; in its log: {leaked} (masked as <token>); exit code {code}",
        bool(apology) and APOLOGY in apology.get("text", "") and not echoed and not leaked and code == 0))


# ------------------------------------------------------------------------------------------------ persistence

def _truncate(cache_dir: Path) -> None:
    path = cache_dir / "index.npz"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def _garbage_json(cache_dir: Path) -> None:
    (cache_dir / "corpus.json").write_text('{"version": "4", "articles": [', encoding="utf-8")


def _other_version(cache_dir: Path) -> None:
    path = cache_dir / "corpus.json"
    meta = json.loads(path.read_text("utf-8"))
    meta["version"] = "from-an-older-release"
    path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _deleted(cache_dir: Path) -> None:
    shutil.rmtree(cache_dir)


def _arrays_swapped(cache_dir: Path) -> None:
    """Index arrays of another corpus under this corpus's metadata (sizes no longer match)."""
    import numpy as np

    with np.load(cache_dir / "index.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["lemma_offsets"] = arrays["lemma_offsets"][:2]
    with open(cache_dir / "index.npz", "wb") as f:
        np.savez(f, **arrays)


DAMAGES = (
    ("index.npz truncated to a third", _truncate),
    ("corpus.json cut off mid-file", _garbage_json),
    ("cache written by another version", _other_version),
    ("index arrays that do not match the sentences", _arrays_swapped),
    ("cache folder deleted", _deleted),
)


async def persistence(ctx: Ctx) -> None:
    from index.cache import corpus_fingerprint
    from index.cache import load as load_cache

    rep = ctx.report
    corpus = ctx.tmp / "persist-corpus"
    shutil.copytree(SEEDS, corpus)
    cache_root = ctx.tmp / "persist-cache"
    cache_dir = engine_cache_dir(corpus, cache_root)
    detail = rep.table("persistence", ["cache at start-up", "start-up s", "first question", "the bot's log says",
                                       "cache usable afterwards"])
    question = "Сколько россиян задержали в Баку?"
    ok_all = True
    async with FakeBotAPI(seed=ctx.seed) as api:
        oracle = None
        for number, (name, damage) in enumerate((("none (first start, builds it)", None), *DAMAGES)):
            if damage is not None:
                damage(cache_dir)
            async with BotProcess(api, corpus, cache_root, ctx.tmp / "persist", name=f"persist-{number}") as bot:
                startup = await bot.ready()
                if oracle is None:
                    oracle = await Oracle.load(corpus, cache_root)
                user = {"id": 50_000 + number, "is_bot": False, "first_name": "p"}
                reply = await ask_once(api, api.private_text(question, user=user), user["id"])
                rep.logs.append(bot.log_path)
            code = bot.exit_code
            log = bot.log()
            said = next((line.split(": ", 1)[-1].replace(str(cache_dir), "<cache>") for line in log.splitlines()
                         if "index cache" in line and ("damaged" in line or "stale" in line)), "–")
            usable = load_cache(cache_dir, corpus_fingerprint(corpus)) is not None
            answered = reply is not None and reply.get("text") == oracle.answer(question)[0]
            ok_all &= answered and usable and code == 0 and (damage is None or damage is _deleted or said != "–")
            detail.append([name, f"{startup:.1f}", "answered" if answered else f"NOT answered: {reply!r:.60}",
                           said[:110], "yes" if usable else "no"])
    rep.summary.append(Row(
        "Damaged index cache", "start `coverage-bot run` on a cache that is " + "; ".join(n for n, _ in DAMAGES),
        f"{len(DAMAGES)} starts", "each time the engine noticed, rebuilt the index and saved a good one; the "
        "first question was answered" if ok_all else "see the persistence table", ok_all))


# ------------------------------------------------------------------------------------------------ reload

async def reload(ctx: Ctx, label: str, corpus_dir: Path, cache_root: Path, *, users: int, edit: str) -> None:
    """Users keep asking while an admin changes the corpus and sends /reload; non-admins try it too."""
    rep = ctx.report
    detail = rep.table("reload", ["corpus", "change", "/reload took", "articles", "questions during the reload",
                                  "exactly once", "lost / dup / apologies", "latency p50 / p99 ms (during)",
                                  "peak RSS MB"])
    admin = {"id": ADMIN_ID, "is_bot": False, "first_name": "admin"}
    stranger = {"id": 60_001, "is_bot": False, "first_name": "stranger"}
    group = {"id": -1_000_000_000_777, "type": "supergroup", "title": "Обсуждение"}
    async with FakeBotAPI(seed=ctx.seed) as api:
        async with BotProcess(api, corpus_dir, cache_root, ctx.tmp / f"reload-{label}", name=f"reload-{label}") as bot:
            await bot.ready(timeout=600)
            rep.logs.append(bot.log_path)
            oracle = await Oracle.load(corpus_dir, cache_root)
            pool = pool_for(oracle, 100, 10, ctx.seed)
            before = len(oracle.engine.articles)
            bot.reset_peak()

            refusal = await ask_once(api, api.private_text("/reload", user=stranger), stranger["id"])
            inbox = Inbox(api)
            api.push(api.message("/reload", chat=group, user=stranger))
            silent = not await inbox.wait(("chat", group["id"]), 1, 2.0)
            inbox.close()

            # Users read each answer as in the load rounds (`Load.think`): asking every 0.2-0.6 s for as
            # long as a reload takes is, per person, a flood the bot refuses (8 at once, then 1 a second),
            # and its notices were counted as wrong answers.
            run = Load(api, oracle, make_users(users, 1_000, first_id=70_000), pool, seed=ctx.seed + 2,
                       exact=False, deadline=600)
            loading = asyncio.create_task(run.run())
            await asyncio.sleep(3.0)
            if edit == "add":
                (corpus_dir / "zz_new_article.txt").write_text(NEW_ARTICLE, encoding="utf-8")
                change = "a new article added"
            else:
                victim = min(corpus_dir.glob("*.txt"))
                with victim.open("a", encoding="utf-8") as f:
                    f.write("\n" + NEW_ARTICLE.split("\n", 1)[1])
                change = f"{victim.name} edited (a paragraph appended)"
            inbox = Inbox(api)
            asked = time.monotonic()
            api.push(api.private_text("/reload", user=admin))
            # Ten more people ask at the moment of the /reload: a small corpus reloads in a few hundredths of
            # a second, less than any user's pause, and the round must still see questions answered during one.
            burst = Load(api, oracle, make_users(10, 1, groups=0, first_id=80_000), pool, seed=ctx.seed + 3,
                         think=(0.0, 0.0), exact=False, deadline=600)
            bursting = asyncio.create_task(burst.run())
            done = await inbox.wait(("chat", ADMIN_ID), 2, 900)
            took = time.monotonic() - asked
            report = inbox.by_chat[ADMIN_ID][-1].message.get("text", "") if done else ""
            reloaded_at = inbox.by_chat[ADMIN_ID][-1].at if done else time.monotonic()
            inbox.close()
            await asyncio.sleep(2.0)
            run.stop()
            res = await loading
            res_burst = await bursting
            run.inbox.close()
            burst.inbox.close()
            during = [a for a in run.asks + burst.asks if asked <= a.pushed <= reloaded_at and a.replies]
            lat = sorted(a.replies[0].at - api.handed_out.get(a.update_id, a.pushed) for a in during)
            after_user = {"id": 60_002, "is_bot": False, "first_name": "after"}
            new = await ask_once(api, api.private_text(NEW_QUESTION, user=after_user), after_user["id"])
            peak = bot.peak_rss
        code = bot.exit_code
    found_new = bool(new) and NEW_FACT in new.get("text", "").lower()
    counts = f"{before} → {before + (edit == 'add')}"
    refused = bool(refusal) and "только для администраторов" in refusal.get("text", "")
    p50 = lat[len(lat) // 2] if lat else float("nan")
    p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))] if lat else float("nan")
    detail.append([label, change, f"{took:.2f} s" if took < 1 else f"{took:.1f} s", counts, f"{len(during)}", f"{res.replied_once}/{res.updates - res.by_kind['chatter']}",
                   f"{res.lost} / {res.duplicates} / {res.apologies}", f"{ms(p50)} / {ms(p99)}", mb(peak)])
    good = (done and f"было {before}, стало {before + (edit == 'add')}" in report and found_new and refused and silent
            and res.clean and res_burst.clean and code == 0 and len(during) > 0)
    rep.summary.append(Row(
        f"/reload, {label}", f"{change} while {users} users keep asking; the admin sends /reload; a stranger "
        "sends /reload in private and in a group",
        f"{res.updates} updates and {res_burst.updates} sent with the /reload, {len(during)} of them during the "
        f"{took:.2f} s reload",
        f"{verdict(res)}; sent with the /reload: {verdict(res_burst)}; during the reload p50 {ms(p50)} ms, p99 {ms(p99)} ms; the admin was told "
        f"«{next((x for x in report.splitlines() if 'Статей было' in x), report[:80])}»; the new fact answerable after: "
        f"{'yes' if found_new else 'NO'}; stranger refused politely in private: {'yes' if refused else 'NO'}, "
        f"silence in the group: {'yes' if silent else 'NO'}; peak RSS {mb(peak)} MB",
        bool(good)))


def summary_counts(report: Report) -> Counter:
    return Counter("ok" if r.ok else "failed" for r in report.summary)
