"""docs/reliability.md: the measured tables of this run, between fixed text that explains them."""

from __future__ import annotations

import argparse

from .scenarios import Report

INTRO = """\
# Reliability: load, faults, bad input, persistence, security

Everything below was measured by `make stress` (`python -m stress`; `STRESS_ARGS=--quick` for a one-minute
smoke run) and this file is rewritten by it. Each scenario runs the real `coverage-bot run` process against
the fake Bot API server of the tests (`tests/fake_api.py`) on 127.0.0.1 through `TELEGRAM_API_URL`: no
network, every process stopped at the end, the whole run bounded by `--time-limit`.

How a reply is checked: the stress tool loads the same corpus with the same engine and renders what the
bot must send for every question and «Ещё» press, word for word. A reply counts only if it arrives exactly
once, in the right chat, quoting the right message in a group (private replies do not quote; there each
simulated user has one update in flight, so what arrives between two of its updates answers the first),
and is the expected text — a flood-control notice or the error apology instead of an answer is *wrong*.
Latency runs from the moment the server handed the update to the bot (`getUpdates`) to the moment it
accepted the reply; memory is the bot process's resident set (psutil, sampled every 50 ms).
"""

STATIC = """\
## Bad input

Not part of this run; these are property tests in `make test`:

- `tests/test_handlers_properties.py` (hypothesis, 2,000 generated questions and 300 answers with «Ещё»
  presses per run): questions that are empty, whitespace, 4096 characters, emoji, RTL and zero-width
  characters, markup (`<`, `&`, `*`, `_`, backticks), mixed scripts, digits only — sent as private text,
  `/ask`, group mentions, replies to the bot and inline queries, plus «Ещё» presses with arbitrary
  callback data, through the real dispatcher and handlers on the seed corpus's engine. Nothing raises, nothing apologises; every message has
  1–4096 characters (UTF-16 units) of non-blank text, its entities lie inside the text on UTF-16 boundaries
  (never splitting a surrogate pair) and nest without partial overlaps, links are http(s), callback
  data ≤ 64 bytes, at most 50 inline results with unique ids.
- `tests/test_index_properties.py` (the engine): any question, and any files in the corpus folder (empty,
  binary, cp1251, no headline, no dateline, a 10 MB article): a broken file is skipped with a warning and
  the rest still answers.

## Security

- **The token** never reaches a log line or a reply: `bot/logs.py` masks it (and anything token-shaped, and
  whatever follows `/bot` in a URL) in every message and traceback; replies never carry exception text —
  a failure gets a fixed apology. Tested in `tests/test_reliability_security.py` (an engine error and a
  Bot API error whose messages hold the token: neither the log nor the reply shows it), and above with the
  real process (a 400 whose description holds the token; every log of the run scanned).
- **Admin commands** (`/reload`) run only for the numeric user ids in `ADMIN_IDS`; anyone else gets a
  polite refusal in a private chat and silence in a group. An anonymous group admin or a channel (posting
  as `sender_chat` under a shared placeholder account) is never an admin. The /reload menu entry is
  registered only in each admin's own chat (`BotCommandScopeChat`).
- **Nothing is evaluated or unpickled.** Corpus files are read as text; questions are strings given to the
  engine; the index cache is JSON plus a NumPy `.npz` read with `allow_pickle=False` (a planted pickle is
  refused: `tests/test_index_properties.py`), and a damaged cache only means a rebuild (table above). No
  `eval`, `exec`, `pickle` or `marshal` anywhere in `bot/`, `handlers/`, `index/` (checked by a test).
  Callback data is parsed as a list of passage refs and looked up, never executed.

## What the stress run found, and what was fixed

1. **Questions asked while the bot was down were throttled away.** Flood control counted the time a
   message *reached* the bot; after a restart the whole backlog arrives at once, so everything past the
   first 8 of a person was dropped (20 people × 20 questions queued over 10 minutes: 220 of 400 never
   answered, 20 «too many messages» notices). Messages are now timed by their own `date`.
2. **Answers came back in another order than the questions.** Updates run concurrently; in a private chat,
   where replies do not quote the question, answers then pair with the wrong questions (the backlog run:
   150 of 150 private chats out of order). One person's updates in one chat are now handled one after
   another (`InOrder`); different people still run in parallel.
3. **An outage longer than about 7 s lost replies** (5 tries with back-off, 1 of 40 questions asked during a
   15 s outage never answered). Calls that certainly did not go through are now retried for about two
   minutes (20 tries, back-off capped at 8 s).
4. **An HTML error page lost the reply.** A 502/503 page from a proxy in front of the Bot API is not JSON,
   so aiogram reports «undecodable answer», which for a send means «fate unknown: do not repeat». A non-JSON
   5xx (except 504) is now a server error and retried (`BotAPISession`).
5. **A garbled answer to a message that did go out ended the handler:** the other parts of a long
   /sources or /timeline were never sent, and after «Ещё» the spinner kept turning and the used button
   stayed (a second press posts the same passage again). Such a send now counts as done (`sent_once`).
6. **No bound on updates in flight.** A backlog of 2,000 became 2,000 tasks at once (p50 2.1 s from
   hand-out, 249 updates/s, peak 236 MB); polling now takes at most 256 at a time and leaves the rest
   queued, unconfirmed, at Telegram (288 updates/s, peak 227 MB) — and a stop can only lose what was
   being answered.
7. **A hundred /timeline at once built the chronology a hundred times.** On 10^5 sentences one build is
   ~14 s of CPU; every /timeline asked before the first build finished started its own, and the first
   10^5 run stalled (updates took up to 200 s; 467 handled in 4 minutes). It is now built once per engine
   and everyone waits for that build. Building it ahead at start-up was tried and dropped: it halved how
   fast a backlog was answered (71 against 145 updates/s).
8. A blank private message got the group hint «write the question after the mention»; it now gets the
   «no searchable words» answer with an example, like «?!».

## Known limits

- A connection that drops *after* Telegram acted but before it answered looks exactly like one dropped
  before (`ServerDisconnectedError`); the bot retries it, since in practice this is a stale keep-alive
  connection. The fake server's `drop` is the «before» case, so a duplicate from the «after» case cannot
  show here. A timeout, a 504 or a garbled answer to a send is never repeated.
- Telegram's own limits (about 30 messages a second per bot, 1 a second per chat, 20 a minute per group)
  answer with 429 and are honoured by waiting `retry_after`; the fake server does not impose them unasked.
- The simulated users pause 0.5–1.5 s between an answer and their next update: a closed loop without a
  pause is, per person, a flood the bot is built to refuse (8 at once, then one a second). So the load
  rounds' updates/s is what 200 such people ask for; what the bot can take is the backlog row, where
  nothing waits but the bot.
- On 10^5 sentences the first /timeline after a start or a /reload waits for the chronology (about 14 s,
  `index.timeline`), and every /timeline or page turn renders all its pages again (about 55 ms of the
  event loop); answers are CPU work in threads, so two cores are shared by the engine, the event loop
  and, here, the stress tool with its fake server.
- Memory is measured at two rounds; a slow leak below a few MB per 3,000 updates would not show.
- /reload of a corpus over 4 MB rebuilds the index in a child process at a lower priority (nice +10),
  as the start-up does, then reads it in the bot's process: on 10^5 sentences about 14 s, during which
  answers are slower (the table above) but none fails; peak memory holds both engines. The /reload
  round's p99 is set by /timeline requests: they wait for the chronology, which a reload rebuilds.
- In the /reload rounds users read each answer 0.5–1.5 s, as in the load rounds (until 2026-12 they
  asked every 0.2–0.6 s: a flood by the bot's rules, whose notices counted as wrong answers).
"""


def table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in row) + " |" for row in rows]
    return "\n".join(out)


TITLES = {
    "load": "## Load in detail",
    "faults": "## Faults in detail",
    "persistence": "## Damaged index cache at start-up",
    "reload": "## /reload while people ask",
}


def render(rep: Report, machine: str, took: float, args: argparse.Namespace) -> str:
    parts = [INTRO, f"Machine: {machine}. This run: {took / 60:.1f} min, `{' '.join(argv(args))}`.\n"]
    rows = [["✓" if r.ok else "✗", r.scenario, r.tried, r.amount, r.happened] for r in rep.summary]
    parts.append("## Summary\n\n" + table(["", "scenario", "what was tried", "how much", "what happened"], rows) + "\n")
    for name, (header, rows) in rep.tables.items():
        parts.append(f"{TITLES.get(name, '## ' + name)}\n\n{table(header, rows)}\n")
    if rep.notes:
        parts.append("\n".join(f"- {n}" for n in rep.notes) + "\n")
    parts.append(STATIC)
    return "\n".join(parts)


def argv(args: argparse.Namespace) -> list[str]:
    out = ["python -m stress"]
    if args.quick:
        out.append("--quick")
    else:
        out += [f"--users {args.users}", f"--questions {args.questions}", f"--sentences {args.sentences}"]
    if args.only:
        out.append("--only " + " ".join(args.only))
    return out
