"""What handlers are given: the engine behind a holder, and the off-loop calls into it.

Handlers never keep an engine of their own: they read `holder.engine` once per update. An admin `/reload`
(issue 5) builds a new engine and calls `holder.replace(new)`; updates already running finish on the old one,
the next update sees the new one, and nothing has to restart.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from index import Answer, Article, Corpus, CorpusWarning, Passage

log = logging.getLogger(__name__)

MORE = 4          # passages behind the «Ещё» button / inline results besides the best one


class Engine(Protocol):
    """The part of `index.AnswerEngine` the bot uses (a fake with these members works in tests)."""

    articles: Sequence[Article]
    corpus: Corpus
    fingerprint: str

    def answer(self, question: str, more: int = 4) -> Answer: ...

    def passage(self, ref: str) -> Passage | None: ...


@dataclass(frozen=True)
class TimelineEntry:
    """One line of /timeline, whichever source it came from (the timeline module or article dates)."""

    label: str                    # «10 декабря 2025», «июнь 2025», «дата не указана»
    text: str
    sources: tuple[str, ...] = ()
    url: str | None = None
    data: dict[str, Any] | None = None   # the event's own JSON when it came from index.timeline


class EngineHolder:
    """The engine currently serving answers, plus what is derived from it once (timeline, example)."""

    def __init__(self, engine: Engine, *, example_question: str = "") -> None:
        self._engine = engine
        self._example_wanted = example_question.strip()
        self._derived: dict[str, Any] = {}
        self._reload: asyncio.Task | None = None

    @property
    def engine(self) -> Engine:
        return self._engine

    def replace(self, engine: Engine) -> None:
        """Serve the next updates from `engine`. One assignment on the event loop: an update sees either
        the old engine or the new one, never neither."""
        self._engine = engine
        self._derived = {}

    @property
    def reloading(self) -> asyncio.Task | None:
        """The reload under way, if any (await it to wait for the swap)."""
        return self._reload

    def start_reload(self, load: Callable[[], Engine],
                     done: Callable[[Reloaded | Exception], Awaitable[None]]) -> bool:
        """Build a new engine with `load` in a thread while the current one keeps answering, swap it in,
        then call `done` with what changed (or with the exception `load` raised: the current engine
        stays). Runs in the background, so the admin's own chat is not held up for the minute a big
        corpus takes. False, and nothing started, if a reload is already under way."""
        if self._reload is not None:
            return False
        self._reload = asyncio.get_running_loop().create_task(self._reload_then(load, done))
        return True

    async def _reload_then(self, load: Callable[[], Engine],
                           done: Callable[[Reloaded | Exception], Awaitable[None]]) -> None:
        old, started = self._engine, time.perf_counter()
        try:
            new = await asyncio.to_thread(load)
        except Exception as e:  # noqa: BLE001 - whatever the loader raises is reported; the old engine stays
            outcome: Reloaded | Exception = e
        else:
            self.replace(new)
            outcome = Reloaded(old, new, time.perf_counter() - started)
        finally:
            self._reload = None
        await done(outcome)

    async def answer(self, question: str, more: int = MORE) -> Answer:
        """Retrieval is CPU work: run it in a thread so other chats are not held up on a big corpus."""
        engine = self._engine
        return await asyncio.to_thread(engine.answer, question, more)

    def passage(self, ref: str) -> Passage | None:
        return self._engine.passage(ref)

    async def example_question(self) -> str:
        """The example /start shows. The configured one if the corpus answers it, else the newest headline
        (a question made of a headline's words always finds that article). Checked once per engine."""
        return await self._derive("example", self._pick_example)

    def _pick_example(self, engine: Engine) -> str:
        if self._example_wanted:
            try:
                if engine.answer(self._example_wanted, 0).best is not None:
                    return self._example_wanted
            except Exception:
                log.warning("the example question could not be checked", exc_info=True)
        dated = [a for a in engine.articles if a.title and a.date]
        titled = dated or [a for a in engine.articles if a.title]
        if titled:
            return (dated[-1] if dated else titled[0]).title
        return ""

    async def timeline(self) -> Timeline:
        """The chronology, built once per engine in a thread, when first asked for. On 10^5 sentences that
        takes seconds of CPU: building it ahead (at start-up) was measured to halve how fast a backlog of
        questions is answered, so it waits until someone wants it."""
        return await self._derive("timeline", build_timeline_entries)

    async def _derive(self, key: str, make: Callable[[Engine], Any]) -> Any:
        """`make(engine)` computed once per engine, in a thread: callers that come while it runs wait for
        the same result instead of starting their own (a hundred /timeline at once cost one build).
        A failure is not remembered: the next caller tries again."""
        derived, future = self._derived, self._future(key, make)
        try:
            return await asyncio.shield(future)
        except Exception:
            if derived.get(key) is future:
                del derived[key]
            raise

    def _future(self, key: str, make: Callable[[Engine], Any]) -> asyncio.Future:
        future = self._derived.get(key)
        if future is None:
            # Bound to this engine and this dict: a reload starts a fresh dict for the new engine, and an
            # update that began before it still gets the old engine's value.
            future = asyncio.ensure_future(asyncio.to_thread(make, self._engine))
            future.add_done_callback(_retrieved)
            self._derived[key] = future
        return future


def _retrieved(future: asyncio.Future) -> None:
    """Mark a failed derivation as seen even when every caller waiting for it was cancelled (and log it)."""
    if not future.cancelled() and future.exception() is not None:
        log.warning("could not prepare %s", future.exception())


@dataclass(frozen=True)
class Reloaded:
    """What a reload changed, for the admin who asked for it."""

    old: Engine
    new: Engine
    seconds: float

    @property
    def unchanged(self) -> bool:
        return self.old.fingerprint == self.new.fingerprint

    def diff(self) -> tuple[list[Article], list[Article], list[Article]]:
        """(added, removed, edited) articles, matched by file name."""
        before = {a.id: a for a in self.old.articles}
        after = {a.id: a for a in self.new.articles}
        added = [a for i, a in after.items() if i not in before]
        removed = [a for i, a in before.items() if i not in after]
        edited = [a for i, a in after.items() if i in before and before[i] != a]
        return added, removed, edited

    @property
    def warnings(self) -> list[CorpusWarning]:
        return list(getattr(self.new, "warnings", []) or [])


@dataclass(frozen=True)
class Timeline:
    entries: list[TimelineEntry]
    from_events: bool             # False: index.timeline is not there yet, these are the articles by date


def build_timeline_entries(engine: Engine) -> Timeline:
    """Events from `index.timeline` when that module exists; until then the articles by date."""
    try:
        module = importlib.import_module("index.timeline")
    except ModuleNotFoundError as e:
        if e.name != "index.timeline":
            raise
        module = None
    if module is not None and hasattr(module, "build_timeline"):
        events = module.build_timeline(engine.corpus)
        return Timeline([
            TimelineEntry(
                label=str(getattr(ev, "label", "") or getattr(ev, "date", "")),
                text=str(getattr(ev, "text", "")),
                sources=tuple(getattr(ev, "sources", ()) or ()),
                data=ev.to_json() if hasattr(ev, "to_json") else None,
            )
            for ev in events
        ], from_events=True)
    return Timeline([
        TimelineEntry(label=a.date_label, text=a.title, sources=(a.source,), url=a.url,
                      data={"date": a.date.isoformat() if a.date else None, "label": a.date_label,
                            "text": a.title, "sources": [a.source], "articles": [a.title], "url": a.url})
        for a in engine.articles
    ], from_events=False)
