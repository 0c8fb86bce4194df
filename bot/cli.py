"""`coverage-bot` command line: ask, sources, index, console, run."""

from __future__ import annotations

import argparse
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

    started = time.perf_counter()
    engine = AnswerEngine.load(_corpus_dir(args), rebuild=True)
    took = time.perf_counter() - started
    stats = engine.stats()
    print(f"articles: {stats['articles']}, sentences: {stats['sentences']}, tokens: {stats['tokens']}, "
          f"built in {took:.2f} s")
    for w in engine.warnings:
        print(f"warning: {w.path}: {w.problem}")
    return 0


def cmd_console(args: argparse.Namespace) -> int:
    engine = _engine(args)
    interactive = sys.stdin.isatty()
    if interactive:
        print("Задайте вопрос о материалах (Ctrl-D — выход).")
    while True:
        try:
            line = input("> " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            break
        if line.strip():
            _print_answer_text(engine.answer(line))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    if not os.environ.get("BOT_TOKEN"):
        print("BOT_TOKEN не задан: запускаю локальный чат в терминале. Токен выдаёт @BotFather в Telegram; "
              "положите его в .env (см. .env.example).", file=sys.stderr)
    return cmd_console(args)


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
    sub.add_parser("index", help="(re)build the index").set_defaults(func=cmd_index)
    sub.add_parser("console", help="chat in the terminal").set_defaults(func=cmd_console)
    sub.add_parser("run", help="run the bot (console without BOT_TOKEN)").set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
