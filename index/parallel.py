"""For the cold build: a pure function over a few large pieces of work on all cores; the collector paused.

Forked children inherit what the function needs (the corpus, pymorphy3's dictionaries) instead of
receiving it pickled or loading it again; only their results come back through a pipe. A child that fails
or dies costs only time: its piece is redone in this process, so errors surface exactly as without it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Only from a process with one thread: a child forked while another thread holds a lock (logging's,
    the allocator's) can wait for it forever. The bot loads and reloads its index from worker threads
    while the event loop runs, so there the build stays in one process; `coverage-bot index`, the CLI
    and the benchmark build on all cores."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def map_forked(fn: Callable[[T], R], pieces: Sequence[T]) -> list[R]:
    """`[fn(p) for p in pieces]`, pieces[1:] each in a forked child while this process does pieces[0]."""
    if len(pieces) <= 1 or not can_fork():
        return [fn(p) for p in pieces]
    context = multiprocessing.get_context("fork")
    children = []
    for piece in pieces[1:]:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_run, args=(fn, piece, sender), daemon=True)
        child.start()
        sender.close()
        children.append((child, receiver))
    try:
        results = [fn(pieces[0])]
    except BaseException:
        for child, receiver in children:
            child.terminate()
            child.join()
            receiver.close()
        raise
    for (child, receiver), piece in zip(children, pieces[1:]):
        try:
            done, result = receiver.recv()
        except (EOFError, OSError):     # the child died before it could answer
            done, result = False, None
        receiver.close()
        child.join()
        results.append(result if done else fn(piece))
    return results


def map_meeting(fn: Callable[[T], R], pieces: Sequence[T], first: Callable[[], object] | None = None) -> list[R]:
    """`[fn(p) for p in pieces]` on two cores: this process takes pieces from the front, a forked child from the
    back, each claiming its next piece under a lock, until they meet. Both finish together whatever the pieces
    cost (`map_forked`'s halves are cut by size, and at 10^5 sentences one half took 3.4 s, the other 2.8 s),
    and each does a run of neighbouring pieces, which share most of their words (each process analyses a word
    once). A piece the child did not answer is done here, so errors surface as without it. `first`: work this
    process needs afterwards, done before its first piece, while the child has started on the back (its cost
    is then shared by both)."""
    child = None
    if len(pieces) > 1 and can_fork():
        try:
            context = multiprocessing.get_context("fork")
            ends = context.Array("q", [0, len(pieces) - 1])      # the next piece from the front, from the back
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_run_back, args=(fn, pieces, ends, sender), daemon=True)
            child.start()
            sender.close()
        except (OSError, ImportError):   # no shared semaphores (some sandboxes) or no process left: one core
            child = None
    if child is None:
        if first is not None:
            first()
        return [fn(p) for p in pieces]
    results: dict[int, R] = {}
    try:
        if first is not None:
            first()
        while (i := _claim(ends, 0, child.is_alive)) is not None:
            results[i] = fn(pieces[i])
        try:
            theirs = receiver.recv()
        except (EOFError, OSError):     # the child died before it could answer
            theirs = {}
    except BaseException:
        child.terminate()
        raise
    finally:
        receiver.close()
        child.join()
    results.update(theirs)
    return [results[i] if i in results else fn(piece) for i, piece in enumerate(pieces)]


def _claim(ends, side: int, other_alive: Callable[[], bool]) -> int | None:
    """The next piece from the front (side 0) or the back (side 1), or None once the two have met. Neither
    process waits forever for a lock the other died holding: it then takes the piece without the lock, as
    nobody else can."""
    lock = ends.get_lock()
    while not lock.acquire(timeout=1.0):
        if not other_alive():
            return _take(ends, side)
    try:
        return _take(ends, side)
    finally:
        lock.release()


def _take(ends, side: int) -> int | None:
    front, back = ends[0], ends[1]
    if front > back:
        return None
    if side == 0:
        ends[0] = front + 1
        return front
    ends[1] = back - 1
    return back


def _run_back(fn: Callable[[T], R], pieces: Sequence[T], ends, sender: Connection) -> None:
    done: dict[int, R] = {}
    parent = os.getppid()
    try:
        while (i := _claim(ends, 1, lambda: os.getppid() == parent)) is not None:
            done[i] = fn(pieces[i])
    except BaseException:  # noqa: BLE001, S110 - the parent redoes the piece and raises there
        pass
    sender.send(done)
    sender.close()


def _run(fn: Callable[[T], R], piece: T, sender: Connection) -> None:
    try:
        answer = (True, fn(piece))
    except BaseException:  # noqa: BLE001 - the parent redoes the piece and raises there
        answer = (False, None)
    sender.send(answer)
    sender.close()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Collector off for the duration: a build allocates millions of objects that never form cycles, and the
    collections it triggers walk them and the whole corpus again and again (0.7 s of 6 s at 10^5)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
