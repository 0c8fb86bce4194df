"""/reload: admins only; the new engine is built in a thread while questions keep being answered, then
swapped in one step; the admin is told what changed; everyone else is refused (politely in private,
silently in a group)."""

from __future__ import annotations

import dataclasses
import logging
import shutil
import threading

from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import SendMessage, SetMyCommands

from bot.config import Settings
from bot.factory import build_dispatcher, commands, corpus_loader
from bot.run import register_commands
from handlers import render
from tests.bot_fixtures import (
    ALICE,
    ANON_ADMIN,
    BEST,
    BOB,
    GROUP,
    RAPSI,
    FakeEngine,
    Harness,
    message,
)
from tests.conftest import SEEDS

ADMIN = ALICE
NEW = dataclasses.replace(RAPSI, id="004.txt", title="Мост через Волгу открыли в Твери", source="ТАСС")


class NewEngine(FakeEngine):
    """After the reload: one more article, and questions about Tver are answered."""

    def answer(self, question: str, more: int = 4):
        if "твер" in question.lower():
            return super().answer("Баку", more)
        return super().answer(question, more)


def admin_harness(loader, engine: FakeEngine | None = None) -> Harness:
    h = Harness(engine, throttle=False)
    h.settings = h.settings.model_copy(update={"admin_ids_raw": str(ADMIN.id)})
    h.dp = build_dispatcher(h.settings, h.engine, throttle=False, engine_loader=loader)
    return h


async def reload(h: Harness, text: str = "/reload", **kwargs) -> list[SendMessage]:
    """Send /reload and wait for the background reload: everything sent meanwhile, the report last."""
    before = len(h.session.requests)
    await h.feed(message(text, user=kwargs.pop("user", ADMIN), **kwargs))
    if (task := h.dp["holder"].reloading) is not None:
        await task
    return [r for r in h.session.requests[before:] if isinstance(r, SendMessage)]


def bob_private(text: str):
    return message(text, user=BOB, chat=message("x").chat.model_copy(update={"id": BOB.id}))


async def test_admin_reload_swaps_the_engine_and_says_what_changed():
    old = FakeEngine()
    new = NewEngine(articles=[*old.articles, NEW])
    h = admin_harness(lambda: new, old)
    sends = await reload(h)
    assert "Перечитываю" in sends[0].text
    report = sends[-1].text
    assert "Статей было 3, стало 4" in report and "Добавлены (1)" in report and NEW.title in report
    assert h.dp["holder"].engine is new
    (answer,) = await h.sends(bob_private("Что открыли в Твери?"))
    assert BEST.quote in answer.text


async def test_questions_keep_being_answered_while_the_new_index_is_built():
    gate = threading.Event()
    new = NewEngine()

    def slow_loader():
        gate.wait(10)
        return new

    h = admin_harness(slow_loader)
    (started,) = await h.sends(message("/reload", user=ADMIN))
    assert "Перечитываю" in started.text and h.dp["holder"].reloading
    during = [await h.sends(bob_private(f"Баку? {i}")) for i in range(5)]
    assert all(len(s) == 1 and BEST.quote in s[0].text for s in during), "the old engine answers meanwhile"
    (own,) = await h.sends(message("Баку?", user=ADMIN))
    assert BEST.quote in own.text, "the admin's own chat is not held up by the reload"
    (busy,) = await h.sends(message("/reload", user=ADMIN))
    assert "уже перечитываются" in busy.text, "one reload at a time"
    gate.set()
    await h.dp["holder"].reloading
    assert "Статьи перечитаны" in h.session.sent()[-1].text
    (after,) = await h.sends(bob_private("Что открыли в Твери?"))
    assert BEST.quote in after.text and h.dp["holder"].engine is new


async def test_strangers_are_refused_politely_in_private_and_ignored_in_groups(caplog):
    calls = []
    h = admin_harness(lambda: calls.append(1) or NewEngine())
    caplog.set_level(logging.WARNING)
    (refusal,) = await h.sends(bob_private("/reload"))
    assert "только для администраторов" in refusal.text
    assert await h.feed(message("/reload", chat=GROUP, user=BOB)) == []
    assert await h.feed(message("/reload@coverage_bot", chat=GROUP, user=BOB)) == []
    # An anonymous admin posts as the group under a shared placeholder account: never an admin, even if
    # someone put the placeholder's id in ADMIN_IDS.
    h.settings = h.settings.model_copy(update={"admin_ids_raw": f"{ADMIN.id},{ANON_ADMIN.id}"})
    h.dp = build_dispatcher(h.settings, h.engine, throttle=False, engine_loader=lambda: calls.append(1))
    assert await h.feed(message("/reload", chat=GROUP, user=ANON_ADMIN, sender_chat=GROUP)) == []
    assert calls == [], "nothing was reloaded"
    assert any("/reload refused" in r.getMessage() for r in caplog.records)


async def test_an_admin_in_a_group_is_answered_in_the_group():
    h = admin_harness(lambda: NewEngine())
    sends = await reload(h, text="/reload@coverage_bot", chat=GROUP)
    assert len(sends) == 2 and all(s.chat_id == GROUP.id and s.reply_parameters.message_id for s in sends)


async def test_a_failed_reload_keeps_the_old_engine_and_shows_no_details():
    def broken():
        raise OSError("permission denied: /srv/secret/corpus")

    h = admin_harness(broken)
    sends = await reload(h)
    assert "Не удалось перечитать" in sends[-1].text and "OSError" in sends[-1].text
    assert "/srv/secret" not in sends[-1].text
    (answer,) = await h.sends(bob_private("Баку?"))
    assert BEST.quote in answer.text


async def test_reload_on_the_real_engine_picks_up_an_added_and_an_edited_article(tmp_path):
    from bot.run import load_engine

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = Settings(_env_file=None, corpus_dir=corpus, ADMIN_IDS=str(ADMIN.id))
    engine = await load_engine(settings)
    h = Harness(engine, throttle=False)
    h.dp = build_dispatcher(settings, engine, throttle=False, engine_loader=corpus_loader(settings))
    (before,) = await h.sends(bob_private("Что открыли в Твери?"))
    assert "мост" not in before.text.lower()

    (corpus / "zz_tver.txt").write_text(
        "Мост через Волгу открыли в Твери\n"
        "ТВЕРЬ, 3 марта. /ТАСС/. В Твери открыли новый мост через Волгу длиной 800 метров.\n", encoding="utf-8")
    first = min(corpus.glob("0*.txt"))
    first.write_text(first.read_text("utf-8") + "\nДобавленный абзац о переговорах в Баку.\n", encoding="utf-8")
    report = (await reload(h))[-1].text
    assert "Статей было 2, стало 3" in report
    assert "Добавлены (1)" in report and "zz_tver.txt" in report
    assert "Изменены (1)" in report and first.name in report
    (after,) = await h.sends(bob_private("Что открыли в Твери?"))
    assert "мост через волгу" in after.text.lower()

    again = (await reload(h))[-1].text
    assert "изменений нет" in again


def test_a_big_corpus_is_reindexed_by_a_lower_priority_child_not_in_the_bots_process(tmp_path, monkeypatch, caplog):
    """Indexing in the bot's own thread held the GIL: answers during a /reload of 10^5 sentences waited
    up to 10 s. The reload loader builds a corpus above BUILD_APART_BYTES in a child process, niced."""
    import subprocess

    import index.engine as engine_mod

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    monkeypatch.setattr(engine_mod, "BUILD_APART_BYTES", 0)
    monkeypatch.setenv("COVERAGE_BOT_CACHE", str(tmp_path / "cache"))
    commands_run = []
    real_run = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: commands_run.append(cmd) or real_run(cmd, **kw))
    settings = Settings(_env_file=None, corpus_dir=corpus, ADMIN_IDS=str(ADMIN.id))
    with caplog.at_level(logging.INFO, logger="index.engine"):
        engine = corpus_loader(settings)()
    assert "index built by a child process" in caplog.text
    assert len(commands_run) == 1 and "os.nice(" in commands_run[0][2]
    assert engine.answer("Сколько россиян задержали в Баку?").best is not None


async def test_reload_is_in_each_admins_menu_only_and_a_refused_menu_only_warns(caplog):
    menus = commands(frozenset({5, 7}))
    assert [m.command for m in menus["private"][0]] == [c for c, _ in render.COMMANDS_PRIVATE]
    assert "reload" not in [m.command for m in menus["group"][0]]
    assert [m[1].chat_id for k, m in menus.items() if k.startswith("admin")] == [5, 7]
    assert all("reload" in [c.command for c in m[0]] for k, m in menus.items() if k.startswith("admin"))

    h = Harness()
    h.session.failures["setMyCommands"] = TelegramBadRequest(method=SetMyCommands(commands=[]),
                                                             message="Bad Request: chat not found")
    caplog.set_level(logging.WARNING)
    await register_commands(h.bot, frozenset({5}))
    assert sum("setMyCommands" in r.getMessage() for r in caplog.records) == 3


def test_reloaded_diff_matches_articles_by_file_name():
    from handlers.deps import Reloaded

    old, new = FakeEngine(), FakeEngine()
    new.articles = [dataclasses.replace(new.articles[0], title="Новый заголовок"), new.articles[1], NEW]
    added, removed, edited = Reloaded(old, new, 0.1).diff()
    assert [a.id for a in added] == [NEW.id]
    assert [a.id for a in removed] == [old.articles[2].id]
    assert [a.id for a in edited] == [old.articles[0].id]
    assert isinstance(render.reload_report(Reloaded(old, new, 0.1)).render()[0], str)


async def test_a_reload_reply_with_thousands_of_changes_fits_one_message():
    from handlers.deps import Reloaded

    old = FakeEngine(articles=[])
    many = [dataclasses.replace(NEW, id=f"{i:05d}.txt", title="Очень длинный заголовок " * 8) for i in range(5000)]
    text = render.reload_report(Reloaded(old, FakeEngine(articles=many), 3.0)).render()[0]
    assert len(text.encode("utf-16-le")) // 2 <= render.MESSAGE_LIMIT and "и ещё 4990" in text
    assert isinstance(SendMessage(chat_id=1, text=text), SendMessage)
