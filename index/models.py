"""Plain data the engine hands out. No Telegram, no I/O: safe to render anywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
NO_DATE = "дата не указана"


@dataclass(frozen=True)
class Article:
    """One corpus file. `date` is None unless the full date is known: a dateline's day and month
    without a year stay in `day_month` and are shown, but never completed with a guessed year."""

    id: str                      # file name relative to the corpus folder, e.g. "000_3f12.txt"
    title: str
    source: str                  # outlet, canonical when known ("ТАСС", "РИА Новости"), else "неизвестный источник"
    date: dt.date | None = None
    day_month: tuple[int, int] | None = None   # (day, month) from the dateline when the year is unknown
    url: str | None = None
    paragraphs: tuple[str, ...] = ()           # body text, one paragraph per item (headline excluded)
    dateline: str = ""                         # as written («МОСКВА, 10 декабря. /ТАСС/.»), "" when there is none

    @property
    def date_label(self) -> str:
        """Russian date for people: «10 декабря 2025», «10 августа (год не указан)» or «дата не указана»."""
        if self.date is not None:
            return f"{self.date.day} {MONTHS_GENITIVE[self.date.month - 1]} {self.date.year}"
        if self.day_month is not None:
            day, month = self.day_month
            return f"{day} {MONTHS_GENITIVE[month - 1]} (год не указан)"
        return NO_DATE


class Sentence(NamedTuple):
    """A sentence of an article; `position` counts sentences within the article (headline = 0).
    A named tuple: a corpus holds hundreds of thousands, and they are made at every start."""

    article: int                 # index into Corpus.articles
    position: int
    paragraph: int               # -1 for the headline
    text: str
    quotable: bool = True        # False for credits, bylines, section titles, feed lines


@dataclass(frozen=True)
class Passage:
    """A quotable piece of one article (one sentence, or two joined), with who else carries it."""

    quote: str
    article: Article
    score: float
    ref: str                     # stable, compact id of the passage ("<article-key>.<position>") for callbacks
    sources: tuple[str, ...] = ()          # every outlet that carries this fact, this article's first
    articles: tuple[Article, ...] = ()     # the articles behind `sources`, same order
    highlights: tuple[tuple[int, int], ...] = ()  # (start, end) char spans of words in `quote` matching the question


@dataclass(frozen=True)
class Answer:
    """The engine's reply: `best` is None when the coverage does not answer the question."""

    question: str
    best: Passage | None
    more: tuple[Passage, ...] = ()
    reason: str = ""             # why there is no answer ("empty", "no-match", "low-coverage"), for logs and tests

    def to_json(self) -> dict:
        """The `coverage-bot ask --json` shape."""
        return {
            "question": self.question,
            "answer": passage_json(self.best) if self.best else None,
            "more": [passage_json(p) for p in self.more],
        }


def passage_json(p: Passage) -> dict:
    a = p.article
    return {
        "quote": p.quote,
        "source": a.source,
        "title": a.title,
        "date": a.date.isoformat() if a.date else None,
        "url": a.url,
        "score": round(p.score, 4),
        "sources": list(p.sources),
    }


@dataclass(frozen=True)
class CorpusWarning:
    """A file that could not be used, and why (one per file)."""

    path: str
    problem: str


@dataclass
class Corpus:
    articles: list[Article] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    warnings: list[CorpusWarning] = field(default_factory=list)
