"""The bot under test: the real `coverage-bot run` process, pointed at the fake Bot API server on 127.0.0.1.

Its peak resident memory is sampled every 50 ms with psutil while it runs; start-up is measured from
spawning the process to its first `getUpdates` (engine loaded or built, token checked, menus registered).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Self

import psutil

from tests.fake_api import TOKEN, FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
ADMIN_ID = 4242                 # the admin of every stress run (ADMIN_IDS)
MB = 1024 * 1024


def bot_command() -> list[str]:
    script = Path(sys.executable).with_name("coverage-bot")
    return [str(script), "run"] if script.exists() else [sys.executable, "-m", "bot", "run"]


class BotProcess:
    """`async with BotProcess(api, corpus, cache, workdir) as bot:` — started, and ready once
    `await bot.ready()` returns; stopped with SIGTERM on exit (killed if it does not stop in 20 s)."""

    def __init__(self, api: FakeBotAPI, corpus_dir: Path, cache_dir: Path, workdir: Path, *,
                 name: str = "bot", admin_ids: str = str(ADMIN_ID), log_level: str = "INFO") -> None:
        self.api, self.corpus_dir, self.cache_dir, self.workdir = api, corpus_dir, cache_dir, workdir
        self.log_path = workdir / f"{name}.log"
        self.admin_ids, self.log_level = admin_ids, log_level
        self.proc: subprocess.Popen | None = None
        self.ps: psutil.Process | None = None
        self.started = 0.0
        self.startup = 0.0            # seconds from spawn to the first getUpdates
        self.peak_rss = 0             # bytes, since start or the last `reset_peak()`
        self.exit_code: int | None = None
        self._sampler: asyncio.Task | None = None

    async def __aenter__(self) -> Self:
        self.start()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.stop()

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("WEBHOOK_", "BOT_", "TELEGRAM_", "CORPUS_", "ADMIN_", "EXAMPLE_"))}
        env.update(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=self.api.url, CORPUS_DIR=str(self.corpus_dir),
                   COVERAGE_BOT_CACHE=str(self.cache_dir), ADMIN_IDS=self.admin_ids, LOG_LEVEL=self.log_level,
                   NO_PROXY="127.0.0.1", no_proxy="127.0.0.1", PYTHONUNBUFFERED="1")
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(bot_command(), cwd=self.workdir, env=env, stdin=subprocess.DEVNULL,
                                     stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.ps = psutil.Process(self.proc.pid)
        self._sampler = asyncio.get_running_loop().create_task(self._sample())

    async def _sample(self) -> None:
        while self.proc is not None and self.proc.poll() is None:
            self.peak_rss = max(self.peak_rss, self.rss())
            await asyncio.sleep(0.05)

    def rss(self) -> int:
        try:
            return self.ps.memory_info().rss if self.ps is not None else 0
        except psutil.Error:
            return 0

    def reset_peak(self) -> None:
        self.peak_rss = self.rss()

    async def ready(self, timeout: float = 300.0) -> float:
        """Wait for the first getUpdates of this process; returns the start-up time in seconds."""
        mark = self.started
        deadline = time.monotonic() + timeout
        while True:
            try:
                await self.api.wait_call(lambda c: c.method == "getUpdates" and c.at >= mark, timeout=1.0)
                break
            except TimeoutError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"the bot exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
                if time.monotonic() > deadline:
                    raise
        self.startup = time.monotonic() - self.started
        return self.startup

    async def stop(self, timeout: float = 20.0) -> int | None:
        if self.proc is None:
            return self.exit_code
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.to_thread(self.proc.wait, timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                await asyncio.to_thread(self.proc.wait, 10)
        self.exit_code = self.proc.returncode
        if self._sampler is not None:
            self._sampler.cancel()
        self.proc = None
        return self.exit_code

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
