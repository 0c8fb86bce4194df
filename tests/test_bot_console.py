"""The console chat: typed lines go through the same dispatcher; what the bot sends is printed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from bot.console import run_console
from tests.bot_fixtures import BEST, SECOND, FakeEngine

ROOT = Path(__file__).resolve().parent.parent


async def chat(lines: str, engine: FakeEngine | None = None) -> str:
    out = io.StringIO()
    await run_console(Settings(_env_file=None), engine or FakeEngine(), stdin=io.StringIO(lines), out=out)
    return out.getvalue()


async def test_each_line_is_answered_and_more_presses_the_button():
    text = await chat("Что в Баку?\nещё\n\n/sources\n<b>&\n")
    assert text.count("бот:") == 4
    assert "│ " + BEST.quote in text, "the quote is shown as a quote"
    assert "[Ещё]" in text
    assert SECOND.quote in text, "«ещё» pressed the button of the last answer"
    assert "Статьи в подборке (3)" in text
    assert "нет ответа" in text
    assert "\033[" not in text, "no terminal colours into a pipe"


async def test_more_without_a_button_is_just_a_question():
    engine = FakeEngine()
    await chat("ещё\n", engine)
    assert engine.asked[0] == "ещё"


def test_run_without_token_explains_botfather_and_starts_the_console(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "WEBHOOK_URL", "TELEGRAM_API_URL")}
    env.update(CORPUS_DIR=str(ROOT / "seeds"), COVERAGE_BOT_CACHE=str(tmp_path / "cache"), LOG_LEVEL="WARNING")
    proc = subprocess.run([sys.executable, "-m", "bot", "run"], input="Сколько россиян задержали в Баку?\n/sources\n",
                          capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "@BotFather" in proc.stderr and "BOT_TOKEN" in proc.stderr
    assert proc.stdout.count("бот:") == 2
    assert "россиян" in proc.stdout and "Статьи в подборке (2)" in proc.stdout
