"""`coverage-bot` command line: ask, sources, timeline, index, console, run."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from pathlib import Path

log = logging.getLogger("coverage_bot")


def _corpus_dir(args: argparse.Namespace) -> Path:
    return Path(args.corpus or os.environ.get("CORPUS_DIR") or "seeds")


def _engine(args: argparse.Namespace):
    from index import AnswerEngine

    engine = AnswerEngine.load(_corpus_dir(args))
    return engine


def _print_answer_text(answer) -> None:
    if answer.best is None:
        print("В материалах нет ответа на этот вопрос. Список статей: coverage-bot sources.")
        return
    for number, passage in enumerate((answer.best, *answer.more)):
        if number == 1:
            print("Ещё:")
        a = passage.article
        print(f"«{passage.quote}»")
        others = [s for s in passage.sources if s != a.source]
        line = f"— {a.source} · {a.title} · {a.date_label}"
        if a.url:
            line += f" · {a.url}"
        print(line)
        if others:
            print("  Также: " + ", ".join(others))
        print()


def cmd_ask(args: argparse.Namespace) -> int:
    engine = _engine(args)
    questions = sys.stdin if args.question == ["-"] else [" ".join(args.question)]
    for line in questions:
        question = line.rstrip("\n")
        answer = engine.answer(question)
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        else:
            _print_answer_text(answer)
            sys.stdout.flush()
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    engine = _engine(args)
    counts: dict[int, int] = {}
    for s in engine.corpus.sentences:
        counts[s.article] = counts.get(s.article, 0) + 1
    number = {a.id: i for i, a in enumerate(engine.corpus.articles)}
    rows = []
    for a in engine.articles:
        rows.append({
            "id": a.id, "source": a.source, "title": a.title,
            "date": a.date.isoformat() if a.date else None, "date_label": a.date_label,
            "url": a.url, "sentences": counts.get(number[a.id], 0),
        })
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            url = f" · {r['url']}" if r["url"] else ""
            print(f"{r['date_label']} · {r['source']} · {r['title']}{url} ({r['sentences']} предложений)")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from index import AnswerEngine
    from index.engine import wait_for_saves

    started = time.perf_counter()
    engine = AnswerEngine.load(_corpus_dir(args), rebuild=True)
    took = time.perf_counter() - started
    written = wait_for_saves()           # the cache is written while the engine could already answer
    saved = time.perf_counter() - started - took
    stats = engine.stats()
    cache = f"cache written in {saved:.2f} s more" if written else "cache NOT written (see the warning above)"
    print(f"articles: {stats['articles']}, sentences: {stats['sentences']}, tokens: {stats['tokens']}, "
          f"built in {took:.2f} s, {cache}")
    for w in engine.warnings:
        print(f"warning: {w.path}: {w.problem}")
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    from handlers.deps import build_timeline_entries

    timeline = build_timeline_entries(_engine(args))
    if args.json:
        print(json.dumps([e.data for e in timeline.entries], ensure_ascii=False, indent=1))
        return 0
    if not timeline.from_events:
        print("(хронология событий ещё не собрана — статьи по дате выхода)")
    for e in timeline.entries:
        sources = f" ({', '.join(dict.fromkeys(e.sources))})" if e.sources else ""
        print(f"{e.label} — {e.text}{sources}")
    return 0


HOW_TO_GET_A_TOKEN = """\
BOT_TOKEN не задан — запускаю локальный чат в терминале (те же обработчики, что в Telegram).

Чтобы бот заработал в Telegram:
  1. Откройте @BotFather в Telegram и отправьте /newbot; придумайте имя и username бота.
  2. BotFather пришлёт токен вида 123456789:AAH…; это пароль бота, не публикуйте его.
  3. Скопируйте .env.example в .env и впишите строку BOT_TOKEN=<токен>, затем снова `make run`.
  Для подсказок в любом чате (@бот вопрос) включите inline-режим: /setinline у @BotFather.
"""


def _settings(args: argparse.Namespace):
    from pydantic import ValidationError

    from .config import Settings

    try:
        settings = Settings()
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(map(str, err['loc'])).upper()}: {err['msg']}" for err in e.errors())
        raise SystemExit(f"coverage-bot: bad setting: {problems} (see .env.example)") from None
    if args.corpus:
        settings = settings.model_copy(update={"corpus_dir": Path(args.corpus)})
    from .logs import setup_logging

    secrets = [settings.token or "", settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""]
    setup_logging(settings.log_level, secrets=secrets)
    return settings


def _console(settings) -> int:
    from .console import run_console
    from .run import load_engine

    if "log_level" not in settings.model_fields_set:
        # A chat in the terminal: log lines between the answers only get in the way. LOG_LEVEL=INFO
        # (in the environment or .env) brings them back.
        logging.getLogger().setLevel(logging.WARNING)

    async def main() -> None:
        if sys.stdin.isatty():
            print("Загружаю статьи…", file=sys.stderr)
        await run_console(settings, await load_engine(settings))

    asyncio.run(main())
    return 0


def cmd_console(args: argparse.Namespace) -> int:
    return _console(_settings(args))


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not settings.token:
        print(HOW_TO_GET_A_TOKEN, file=sys.stderr)
        return _console(settings)
    from .run import BadToken, run_bot

    try:
        asyncio.run(run_bot(settings))
    except BadToken as e:
        print(f"coverage-bot: Telegram отклонил BOT_TOKEN ({e}). Проверьте токен у @BotFather.", file=sys.stderr)
        return 1
    except asyncio.CancelledError:
        pass            # stopped by a signal during start-up
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coverage-bot", description=__doc__)
    parser.add_argument("--corpus", help="corpus folder (default: $CORPUS_DIR or seeds/)")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer a question (or '-' for one question per line on stdin)")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("question", nargs="+")
    ask.set_defaults(func=cmd_ask)
    sources = sub.add_parser("sources", help="list the articles")
    sources.add_argument("--json", action="store_true")
    sources.set_defaults(func=cmd_sources)
    timeline = sub.add_parser("timeline", help="the chronology of the story")
    timeline.add_argument("--json", action="store_true", help="a JSON list of events")
    timeline.set_defaults(func=cmd_timeline)
    sub.add_parser("index", help="(re)build the index").set_defaults(func=cmd_index)
    sub.add_parser("console", help="chat with the bot in the terminal (same handlers as Telegram)"
                   ).set_defaults(func=cmd_console)
    sub.add_parser("run", help="run the bot: polling, webhook with WEBHOOK_URL, console without BOT_TOKEN"
                   ).set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # run and console configure logging from their settings (with the token filter); this is for the rest.
    if args.func not in (cmd_run, cmd_console):
        logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING").upper(),
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
