"""Shared fixtures: the seed corpus and engines built on folders made in the tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI (`.ci/run`) runs the property tests on the same examples every time, so a landing is never refused by a new
# random example; a developer's `make test` draws new ones, which is where such finds belong (session 20 found a
# stale property that way).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
REALNEWS = ROOT.parent / "shared" / "eval" / "realnews"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own index cache folder: no test reads another's cache or the user's."""
    monkeypatch.setenv("COVERAGE_BOT_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def seed_engine():
    from index import AnswerEngine

    return AnswerEngine.load(SEEDS, cache_dir=None, rebuild=True)


def write_corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
async def api():
    """A fake Bot API server on 127.0.0.1 (tests/fake_api.py)."""
    from tests.fake_api import FakeBotAPI

    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api):
    """A real aiogram Bot, with the project's session middlewares, talking to the fake server."""
    from bot.config import Settings
    from bot.factory import build_bot
    from tests.fake_api import TOKEN

    bot = build_bot(Settings(_env_file=None, bot_token=TOKEN, telegram_api_url=api.url))
    yield bot
    await bot.session.close()
