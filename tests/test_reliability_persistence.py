"""A damaged, deleted or foreign index cache when the bot starts: the loader the bot uses
(`bot.run.load_engine`, with the cache root from COVERAGE_BOT_CACHE) rebuilds, answers, and leaves a good
cache behind. The same damages `make stress` inflicts on the real `coverage-bot run`."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from bot.config import Settings
from bot.run import load_engine
from index.cache import corpus_fingerprint, default_cache_dir
from index.cache import load as load_cache
from index.engine import wait_for_saves
from stress.scenarios import DAMAGES
from tests.conftest import SEEDS

QUESTION = "Сколько россиян задержали в Баку?"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the seed corpus and a good cache for it, built once for the module."""
    root = tmp_path_factory.mktemp("persist")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    cache_root = root / "cache"
    from index import AnswerEngine

    old = os.environ.get("COVERAGE_BOT_CACHE")
    os.environ["COVERAGE_BOT_CACHE"] = str(cache_root)
    try:
        AnswerEngine.load(corpus)
        cache_dir = default_cache_dir(corpus)
        wait_for_saves(cache_dir)                # the cache is written in the background
    finally:
        os.environ.pop("COVERAGE_BOT_CACHE") if old is None else os.environ.update(COVERAGE_BOT_CACHE=old)
    assert (cache_dir / "index.npz").is_file()
    return corpus, cache_dir


@pytest.mark.parametrize("name,damage", DAMAGES, ids=[name for name, _ in DAMAGES])
async def test_a_damaged_cache_is_rebuilt_at_start_up(pristine, tmp_path, monkeypatch, caplog, name, damage):
    corpus_src, cache_src = pristine
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_src, corpus)
    cache_root = tmp_path / "cache"
    monkeypatch.setenv("COVERAGE_BOT_CACHE", str(cache_root))
    cache_dir = default_cache_dir(corpus)
    shutil.copytree(cache_src, cache_dir)
    # The copy is valid for the copied corpus (the fingerprint hashes names and bytes, not the path).
    assert load_cache(cache_dir, corpus_fingerprint(corpus)) is not None
    damage(cache_dir)
    assert load_cache(cache_dir, corpus_fingerprint(corpus)) is None, "the damage is noticed"

    caplog.set_level(logging.INFO)
    engine = await load_engine(Settings(_env_file=None, corpus_dir=corpus))
    answer = engine.answer(QUESTION)
    assert answer.best is not None and "россиян" in answer.best.quote
    wait_for_saves(cache_dir)                    # the engine answered while its cache was being written
    assert load_cache(cache_dir, corpus_fingerprint(corpus)) is not None, "a good cache was written back"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_cache_folder_that_cannot_be_written_costs_only_a_warning(tmp_path, monkeypatch, caplog):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("COVERAGE_BOT_CACHE", str(blocker))
    caplog.set_level(logging.WARNING)
    engine = await load_engine(Settings(_env_file=None, corpus_dir=corpus))
    assert engine.answer(QUESTION).best is not None
    wait_for_saves()
    assert any("not written" in r.getMessage() for r in caplog.records)
