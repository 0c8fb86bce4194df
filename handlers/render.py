"""How replies look: engine dataclasses → `aiogram.utils.formatting` content, keyboards, Telegram's limits.

Everything here is pure (no Bot, no I/O) and testable without Telegram. Corpus and user text only ever
enter as plain nodes of a `Text` tree; Telegram gets text plus entities, so nothing needs escaping and a
`<b>` or `&` in an article is shown as written.

Limits: a message is at most 4096 UTF-16 code units (Telegram counts entity offsets in UTF-16, and so does
`sizeof`). Long lists are split between whole items (`pack`); a single item that is still too long is cut
on a word boundary with «…» (`fit`), which never cuts an entity in half because the cut is done on the
`Text` tree, not on rendered markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
)
from aiogram.utils.formatting import BlockQuote, Bold, Italic, Text, TextLink, as_list, sizeof

from index import Answer, Article, Passage

from .deps import Reloaded, Timeline, TimelineEntry

MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64           # bytes of callback_data
QUOTE_LIMIT = 3000            # leaves room for the attribution lines under the quote
TITLE_LIMIT = 90
QUESTION_ECHO_LIMIT = 80
ALSO_LIMIT = 8                # «Также: …» names at most this many outlets, then «и ещё N»
INLINE_RESULTS = 5
ELLIPSIS = "…"
SEP = " · "
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

_SPACES = re.compile(r"\s+")


class MoreCallback(CallbackData, prefix="m"):
    """The «Ещё» button: the refs of the passages still to show, comma-separated. It carries everything the
    press needs, so any replica of the bot with the same corpus can answer it."""

    refs: str


# ----------------------------------------------------------------------------------------------- text tools

def trim(text: str, limit: int) -> str:
    """`text` with runs of whitespace collapsed, cut to `limit` UTF-16 units on a word boundary with «…»."""
    text = _SPACES.sub(" ", text).strip()
    keep = _cut(text, limit)
    return text if keep == len(text) else text[:keep] + ELLIPSIS


def _cut(text: str, limit: int) -> int:
    """How many characters of `text` to keep so that they plus «…» fit in `limit` UTF-16 units
    (all of them if the whole text fits). Prefers a word boundary not too far back."""
    if sizeof(text) <= limit:
        return len(text)
    budget = limit - sizeof(ELLIPSIS)
    used = cut = 0
    for i, ch in enumerate(text):
        used += sizeof(ch)
        if used > budget:
            break
        cut = i + 1
    space = text.rfind(" ", 0, cut + 1)
    if space >= cut * 0.6:          # a word boundary not too far back; else cut inside the (huge) word
        cut = space
    while cut and text[cut - 1] in " ,;:-–—\n\t":
        cut -= 1
    return cut


def fit(content: Text, limit: int = MESSAGE_LIMIT) -> Text:
    """`content` unchanged if it fits, else cut to `limit` (entities are cut with it, never broken)."""
    if len(content) <= limit:
        return content
    return Text(content[: limit - sizeof(ELLIPSIS)], ELLIPSIS)


def pack(blocks: Iterable[Text], *, header: Text | None = None, sep: str = "\n\n",
         limit: int = MESSAGE_LIMIT, max_messages: int | None = None) -> list[Text]:
    """Join blocks into as few messages as possible, splitting only between blocks; `header` opens the
    first message. A block too long on its own is cut by `fit`. With `max_messages`, stop (and stop
    reading `blocks`) once there is one full message more than that: enough for `capped` to know the
    list goes on, without rendering thousands of items nobody is sent."""
    messages: list[Text] = []
    current: list[Text] = [header] if header is not None else []
    size = len(header) if header is not None else 0
    for block in blocks:
        block = fit(block, limit)
        extra = len(block) + (sizeof(sep) if current else 0)
        if current and size + extra > limit:
            messages.append(Text(*_joined(current, sep)))
            if max_messages is not None and len(messages) > max_messages:
                return messages
            current, size = [], 0
            extra = len(block)
        current.append(block)
        size += extra
    if current:
        messages.append(Text(*_joined(current, sep)))
    return messages


# Long lists (/sources, /timeline) are cut after this many messages: a group should not get a wall of them.
MAX_PARTS_PRIVATE = 6
MAX_PARTS_GROUP = 2


def parts_limit(*, group: bool) -> int:
    return MAX_PARTS_GROUP if group else MAX_PARTS_PRIVATE


def capped(parts: list[Text], *, group: bool) -> list[Text]:
    """At most MAX_PARTS_* messages; when cut, the last one says so (and, in a group, where to read on)."""
    limit = parts_limit(group=group)
    if len(parts) <= limit:
        return parts
    note = Italic("Список длинный, показано только его начало."
                  + (" Целиком — в личном чате с ботом." if group else ""))
    last = Text(parts[limit - 1], "\n\n", note)
    if len(last) <= MESSAGE_LIMIT:
        return [*parts[: limit - 1], last]
    return [*parts[: limit - 1], Text(note)]


def _joined(blocks: list[Text], sep: str) -> list:
    out: list = []
    for i, block in enumerate(blocks):
        if i:
            out.append(sep)
        out.append(block)
    return out


def safe_url(url: str | None) -> str | None:
    """An http(s) URL Telegram will accept in a text link, else None (shown as plain text then)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        return None
    return url if len(url) <= 2000 else None


def highlighted(quote: str, spans: Sequence[tuple[int, int]], limit: int = QUOTE_LIMIT) -> Text:
    """The quote with the spans (matched words, char offsets into `quote`) in bold, cut to `limit` on a
    word boundary with «…». The quote is not re-spaced, so the engine's offsets stay valid."""
    quote = quote.rstrip()
    keep = _cut(quote, limit)
    if not quote.strip():
        return Text(ELLIPSIS)
    nodes: list = []
    pos = 0
    for start, end in _merged(spans, keep):
        if start > pos:
            nodes.append(quote[pos:start])
        nodes.append(Bold(quote[start:end]))
        pos = end
    if keep > pos:
        nodes.append(quote[pos:keep])
    if keep < len(quote):
        nodes.append(ELLIPSIS)
    return Text(*nodes)


def _merged(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    clean = sorted((max(0, s), min(length, e)) for s, e in spans if isinstance(s, int) and isinstance(e, int))
    out: list[tuple[int, int]] = []
    for s, e in clean:
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# ----------------------------------------------------------------------------------------------- answers

def headline(article: Article, limit: int = TITLE_LIMIT) -> Text:
    title = trim(article.title, limit) or "без заголовка"
    url = safe_url(article.url)
    return TextLink(title, url=url) if url else Text(title)


def attribution(article: Article) -> Text:
    """«ТАСС · Галузин указал Баку… · 10 декабря 2025», the headline linked when the article has a URL."""
    return Text(trim(article.source, 60), SEP, headline(article), SEP, article.date_label)


def also_line(passage: Passage) -> Text | None:
    """«Также: РИА Новости, Интерфакс» — the other outlets carrying the same fact, linked when possible."""
    seen = {passage.article.source}
    names: list = []
    articles = passage.articles
    for i, source in enumerate(passage.sources):
        article = articles[i] if i < len(articles) else None
        if not source or source in seen:
            continue
        seen.add(source)
        url = safe_url(article.url) if article is not None else None
        names.append(TextLink(trim(source, 60), url=url) if url else trim(source, 60))
    if not names:
        return None
    shown, rest = names[:ALSO_LIMIT], len(names) - ALSO_LIMIT
    parts: list = ["Также: "]
    for i, name in enumerate(shown):
        parts.extend([", " if i else "", name])
    if rest > 0:
        parts.append(f" и ещё {rest}")
    return Text(*parts)


def passage(p: Passage, *, bold: bool = True) -> Text:
    """A quoted passage: blockquote (matched words bold), attribution, other outlets."""
    quote = highlighted(p.quote, p.highlights if bold else ())
    lines = [BlockQuote(quote), attribution(p.article)]
    if (also := also_line(p)) is not None:
        lines.append(also)
    return fit(as_list(*lines))


def no_answer(answer: Answer, example: str = "") -> Text:
    """Plainly «no answer», pointing to /sources and /timeline. Never a quote of something unrelated."""
    if answer.reason == "empty" or not answer.question.strip():
        lines = ["В вопросе нет слов, по которым можно искать."]
        if example:
            lines.append(Text("Спросите, например: ", Italic(trim(example, 200))))
        return as_list(*lines)
    return as_list(
        "В публикациях нет ответа на этот вопрос.",
        "Посмотрите, о чём они: /sources — список статей, /timeline — хронология. "
        "Или спросите другими словами.",
    )


def answer(a: Answer, example: str = "") -> Text:
    return passage(a.best) if a.best is not None else no_answer(a, example)


def more_keyboard(refs: Sequence[str]) -> InlineKeyboardMarkup | None:
    """The «Ещё» button carrying as many of `refs` as fit in 64 bytes of callback data (None if none)."""
    taken: list[str] = []
    for ref in refs:
        if not ref or "," in ref or ":" in ref:
            continue
        try:
            data = MoreCallback(refs=",".join([*taken, ref])).pack()
        except ValueError:      # aiogram refuses more than 64 bytes
            break
        if len(data.encode()) > CALLBACK_LIMIT:
            break
        taken.append(ref)
    if not taken:
        return None
    data = MoreCallback(refs=",".join(taken)).pack()
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Ещё", callback_data=data)]])


def more_refs(a: Answer) -> list[str]:
    return [p.ref for p in a.more]


# ----------------------------------------------------------------------------------------------- commands

COMMANDS_PRIVATE = (
    ("ask", "задать вопрос: /ask вопрос"),
    ("sources", "список статей"),
    ("timeline", "хронология событий"),
    ("help", "как пользоваться ботом"),
)
COMMANDS_ADMIN = (*COMMANDS_PRIVATE, ("reload", "перечитать папку со статьями (администратор)"))
COMMANDS_GROUP = (
    ("ask", "задать вопрос: /ask вопрос"),
    ("sources", "список статей"),
    ("timeline", "хронология событий"),
    ("help", "как спрашивать бота в группе"),
)


def help_text(*, username: str | None, example: str, articles: int, group: bool, inline: bool = True) -> Text:
    """/start and /help: what the bot does, an example question, the commands (and inline mode, when
    it is switched on at @BotFather)."""
    bot = f"@{username}" if username else "бота"
    example = trim(example, 200) if example else ""
    found_in = (f"Я ищу ответ в {articles} {_plural(articles, 'статье', 'статьях', 'статьях')} и отвечаю "
                "цитатой: кто и когда это написал, со ссылкой на источник. Ничего не придумываю: если в статьях "
                "ответа нет, так и скажу.")
    if not articles:
        found_in = "Я отвечаю цитатами из статей, но в подборке их пока нет — спрашивать пока не о чем."
    lines: list = [Bold("Отвечаю на вопросы по публикациям о событии"), found_in]
    if group:
        lines.append(Text(
            "В группе я отвечаю, только когда ко мне обращаются: ",
            f"/ask@{username} вопрос" if username else "/ask вопрос",
            f", сообщение с упоминанием {bot} или ответ на моё сообщение.",
        ))
        if example:
            lines.append(Text("Например: ", Italic(f"/ask {example}")))
    else:
        lines.append("Просто напишите вопрос сообщением.")
        if example:
            lines.append(Text("Например: ", Italic(example)))
    lines.append(Text(
        Bold("Команды"), "\n",
        "/ask вопрос — задать вопрос\n",
        "/sources — список статей\n",
        "/timeline — хронология\n",
        "/help — эта справка",
    ))
    if username and inline:
        lines.append(f"В любом чате можно написать {bot} вопрос — и выбрать цитату из подсказок.")
    return fit(as_list(*lines, sep="\n\n"))


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def ask_usage(*, username: str | None, group: bool) -> Text:
    cmd = f"/ask@{username}" if group and username else "/ask"
    return Text("Напишите вопрос после команды, например: ", Italic(f"{cmd} кто и когда это заявил?"))


def mention_usage(username: str | None) -> Text:
    return Text("Напишите вопрос после упоминания, например: ",
                Italic(f"@{username} что произошло?" if username else "что произошло?"))


def non_text_hint() -> Text:
    return Text("Я отвечаю на текстовые вопросы: напишите вопрос словами. Справка — /help.")


def unknown_command() -> Text:
    return Text("Такой команды нет. Команды: /ask, /sources, /timeline, /help — или просто напишите вопрос.")


def throttled() -> Text:
    return Text("Слишком много сообщений подряд. Подождите несколько секунд и спросите снова.")


def apology() -> Text:
    return Text("Извините, что-то пошло не так, и я не смог ответить. Попробуйте ещё раз чуть позже.")


def stale_more() -> str:
    return "Эта подборка устарела — спросите ещё раз."


# ----------------------------------------------------------------------------------------------- admin

RELOAD_LIST_LIMIT = 10        # articles named per kind of change; the rest are counted


def admin_only() -> Text:
    return Text("Эта команда только для администраторов бота.")


def reload_started() -> Text:
    return Text("Перечитываю папку со статьями. Пока строится новый индекс, отвечаю по прежнему.")


def reload_busy() -> Text:
    return Text("Статьи уже перечитываются — дождитесь результата.")


def reload_failed(error: str) -> Text:
    return as_list(Bold("Не удалось перечитать статьи"),
                   f"Ошибка: {trim(error, 200)}. Бот отвечает по прежним статьям; подробности — в журнале.")


def reload_report(r: Reloaded) -> Text:
    """What /reload changed: article counts before and after, the articles added, removed or edited (by
    headline), and the corpus warnings of the new index."""
    before, after = len(r.old.articles), len(r.new.articles)
    took = f"за {r.seconds:.1f} с" if r.seconds >= 1 else "меньше чем за секунду"
    lines: list = [Bold("Статьи перечитаны" if not r.unchanged else "Статьи перечитаны: изменений нет"),
                   f"Статей было {before}, стало {after}; индекс собран {took}."]
    added, removed, edited = r.diff()
    for label, articles in (("Добавлены", added), ("Удалены", removed), ("Изменены", edited)):
        if articles:
            lines.append(Text(Bold(f"{label} ({len(articles)}):"), "\n", _titles(articles)))
    if r.warnings:
        shown = [f"{trim(w.path, 80)}: {trim(w.problem, 160)}" for w in r.warnings[:RELOAD_LIST_LIMIT]]
        more = len(r.warnings) - len(shown)
        lines.append(Text(Bold(f"Предупреждения ({len(r.warnings)}):"), "\n", "\n".join(shown),
                          f"\n…и ещё {more}" if more > 0 else ""))
    return fit(as_list(*lines, sep="\n\n"))


def _titles(articles: Sequence[Article]) -> str:
    shown = [f"{trim(a.title or a.id, TITLE_LIMIT)} ({trim(a.id, 60)})" for a in articles[:RELOAD_LIST_LIMIT]]
    more = len(articles) - len(shown)
    return "\n".join(shown) + (f"\n…и ещё {more}" if more > 0 else "")


# ----------------------------------------------------------------------------------------------- lists

def sources(articles: Sequence[Article], max_parts: int | None = None) -> list[Text]:
    """/sources: every article (outlet, headline linked, date), numbered, split between items (only as
    many messages as `max_parts` + 1 are rendered, see `pack`)."""
    if not articles:
        return [Text("В подборке пока нет статей.")]
    header = Bold(f"Статьи в подборке ({len(articles)})")
    items = (Text(f"{i}. ", attribution(a)) for i, a in enumerate(articles, 1))
    return pack(items, header=header, sep="\n", max_messages=max_parts)


def timeline(tl: Timeline) -> list[Text]:
    """/timeline: the events in order; before the timeline module exists, the articles by date."""
    if not tl.entries:
        return [Text("Хронология пуста: в статьях не нашлось датированных событий.")]
    if tl.from_events:
        header = Bold(f"Хронология ({len(tl.entries)})")
    else:
        header = Text(Bold("Хронология публикаций"), "\n", Italic("Статьи по дате выхода."))
    return pack((_timeline_entry(e) for e in tl.entries), header=header, sep="\n\n")


def _timeline_entry(e: TimelineEntry) -> Text:
    url = safe_url(e.url)
    body = trim(e.text, 700) or ELLIPSIS
    parts: list = [Bold(trim(e.label, 60) or "дата не указана"), "\n", TextLink(body, url=url) if url else body]
    if e.sources:
        parts.extend(["\n", Italic(trim(", ".join(dict.fromkeys(e.sources)), 300))])
    return Text(*parts)


def timeline_plain(tl: Timeline) -> str:
    """The chronology as plain text for the CLI."""
    return "\n\n".join(m.render()[0] for m in timeline(tl))


# ----------------------------------------------------------------------------------------------- inline

def inline_message(p: Passage) -> Text:
    """What choosing an inline result sends: the quote, then «— outlet, date» (outlet linked to the article)."""
    url = safe_url(p.article.url)
    source = trim(p.article.source, 60)
    return fit(Text(
        BlockQuote(trim(p.quote, QUOTE_LIMIT) or ELLIPSIS), "\n— ",
        TextLink(source, url=url) if url else source, ", ", p.article.date_label,
    ))


def inline_results(a: Answer) -> list[InlineQueryResultArticle]:
    passages = ([a.best] if a.best is not None else []) + list(a.more)
    results: list[InlineQueryResultArticle] = []
    used: set[str] = set()
    for i, p in enumerate(passages[:INLINE_RESULTS]):
        rid = p.ref if p.ref and len(p.ref.encode()) <= 60 and p.ref not in used else f"r{i}"
        used.add(rid)
        results.append(InlineQueryResultArticle(
            id=rid,
            title=trim(f"{p.article.source}{SEP}{p.article.date_label}", 120),
            description=trim(p.quote, 200),
            input_message_content=InputTextMessageContent(
                **inline_message(p).as_kwargs(text_key="message_text"),
                link_preview_options=NO_PREVIEW,
            ),
        ))
    return results


def plain(content: Text) -> str:
    return content.render()[0]
