"""The chronology of the story, built from what the articles say happened when.

Every quotable sentence is read for dated expressions (`index.dates`); each becomes an event dated at the
precision the text gives, with its year resolved against its article's publication date. Each article's
publication is an event too. Mentions of the same event are merged into one entry listing every outlet:
same resolved span, and content words that overlap (`MIN_SHARED` lemmas in common, at least `MIN_OVERLAP`
of the smaller text's). Spans of different precision are never merged: «1 июля» and «конец июня – начало
июля» are different claims, and both stay.

Order: known years first, by first day covered; where two spans start on the same day the wider comes first
(«лето 2025», «июнь 2025», «1 июня 2025»); on the same span, reported events before the publication. Events
whose year is unknown (articles whose dateline has no year) come last, ordered among themselves as if in one
year, with labels «10 августа (год не указан)» and ISO dates «--08-10»; they are merged only within their
own article, since two year-less articles may be years apart. An article with no date at all has no
publication entry; its mentions with a written year are placed as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .corpus import UNKNOWN_SOURCE
from .dates import DateSpan, Mention, Point, dates_in, resolve
from .models import Article, Corpus
from .text import default_analyzer

MAX_TEXT = 240          # characters of an event's text; longer sentences lose whole clauses first
MIN_SHARED = 2          # content lemmas two mentions of one span must share to be one event...
MIN_OVERLAP = 0.3       # ...and the share of the smaller mention's lemmas they must be

# Words that say when, not what: they must not make two different events look alike.
DATE_LEMMAS = frozenset({
    "год", "месяц", "число", "день", "неделя", "начало", "середина", "конец", "половина", "зима", "весна",
    "лето", "осень", "прошлый", "этот", "текущий", "следующий", "будущий", "нынешний", "ранее", "позднее",
})


@dataclass(frozen=True)
class Event:
    """One entry of the timeline. `date` is ISO 8601 at the precision found ("2025-10-09", "2025-08",
    "2026", "2025-12-08/2025-12-11"); `text` is cut from a sentence at clause boundaries."""

    date: str
    label: str
    text: str
    sources: tuple[str, ...]
    articles: tuple[str, ...]

    def to_json(self) -> dict:
        """The `coverage-bot timeline --json` shape."""
        return {"date": self.date, "label": self.label, "text": self.text,
                "sources": list(self.sources), "articles": list(self.articles)}


@dataclass
class _Mention:
    span: DateSpan
    text: str
    article: int
    position: int               # sentence position in the article; -1 for the publication itself
    lemmas: frozenset[str]
    publication: bool


def build_timeline(corpus: Corpus) -> list[Event]:
    """Events of the whole corpus in chronological order (see the module docstring for the rules)."""
    articles = corpus.articles
    rank = _publication_rank(articles)
    found: list[_Mention] = []
    for number, article in enumerate(articles):
        span = publication_span(article)
        if span is not None:
            text = article.title if article.source == UNKNOWN_SOURCE else f"{article.source}: {article.title}"
            found.append(_Mention(span, text, number, -1, frozenset(), True))
    for sentence in corpus.sentences:
        if not sentence.quotable:
            continue
        article = articles[sentence.article]
        pairs = dates_in(sentence.text, article.date, article.day_month)
        mentions = [m for m, _ in pairs]
        for mention, span in pairs:
            if span is None:
                continue
            text = event_text(sentence.text, mention, mentions)
            if not text:
                continue
            found.append(_Mention(span, text, sentence.article, sentence.position, _lemmas(text), False))

    groups: dict[tuple, list[_Mention]] = {}
    for item in found:
        span = item.span
        key = (item.publication, span.year_known, span.start, span.end, span.iso,
               item.article if item.publication or not span.year_known else -1)
        groups.setdefault(key, []).append(item)

    entries: list[tuple[tuple, Event]] = []
    for items in groups.values():
        for cluster in _clusters(items):
            cluster.sort(key=lambda m: (rank[m.article], m.position))
            head = cluster[0]
            sources = tuple(dict.fromkeys(articles[m.article].source for m in cluster))
            titles = tuple(dict.fromkeys(articles[m.article].title for m in cluster))
            event = Event(head.span.iso, head.span.label, head.text, sources, titles)
            entries.append(((*head.span.sort_key, head.publication, rank[head.article], head.position,
                             head.text), event))
    entries.sort(key=lambda e: e[0])
    return [event for _, event in entries]


def publication_span(article: Article) -> DateSpan | None:
    """The article's own date as a span; year unknown when the dateline had none; None when undated."""
    if article.date is not None:
        d = article.date
        return resolve(Mention(0, 0, Point(year=d.year, month=d.month, day=d.day)), d)
    if article.day_month is not None:
        day, month = article.day_month
        return resolve(Mention(0, 0, Point(month=month, day=day)), None, article.day_month)
    return None


def _publication_rank(articles: list[Article]) -> list[int]:
    """Articles ordered by publication (dated first, then year-less, then undated): whose text speaks for
    a merged event and in which order its outlets are listed."""
    def key(i: int) -> tuple:
        a = articles[i]
        if a.date is not None:
            return (0, a.date.toordinal(), i)
        if a.day_month is not None:
            return (1, a.day_month[1] * 32 + a.day_month[0], i)
        return (2, 0, i)

    order = sorted(range(len(articles)), key=key)
    rank = [0] * len(articles)
    for place, i in enumerate(order):
        rank[i] = place
    return rank


def _lemmas(text: str) -> frozenset[str]:
    out = set()
    for token, info in default_analyzer().content(text):
        if info.number or info.month or token.norm[0].isdigit():
            continue
        out.update(lemma for lemma in info.lemmas if lemma not in DATE_LEMMAS)
    return frozenset(out)


def _same_event(a: _Mention, b: _Mention) -> bool:
    if a.publication or b.publication:
        return False
    if a.article == b.article and a.position == b.position:
        return False            # two mentions of one span in one sentence are listed as one already
    shared = len(a.lemmas & b.lemmas)
    smaller = min(len(a.lemmas), len(b.lemmas))
    return shared >= MIN_SHARED and smaller > 0 and shared / smaller >= MIN_OVERLAP


def _clusters(items: list[_Mention]) -> list[list[_Mention]]:
    """Single-link groups of mentions of one span that report the same event."""
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if root(i) != root(j) and _same_event(items[i], items[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[_Mention]] = {}
    for i, item in enumerate(items):
        groups.setdefault(root(i), []).append(item)
    return list(groups.values())


# ---------------------------------------------------------------------------------------------------------
# The text of an event: the part of the sentence that speaks of this date

_QUOTED = re.compile(r"^\s*[«\"„“](?P<q>.+?)[»\"“”]\s*,?\s*[-–—]\s+\S[^«»\"]*$")
_ATTRIBUTION = re.compile(r"[»\"“”]\s*,?\s*[-–—]\s+[^«»\"]*$")      # «…», - отметил Песков.
_BREAK = re.compile(r",\s|;\s|:\s|\s[-–—]\s")
_STRONG_BREAK = re.compile(r";\s|,\s+(?:а|но|однако|тогда как)\s|,\s+и\s")
_INTRO = re.compile(
    r"(?:кроме того|кроме этого|помимо этого|при этом|вместе с тем|между тем|в то же время|также|напомним|"
    r"отметим)\s*,?\s+|что\s+"
    r"|как\s+(?:\w+\s+){0,3}?(?:сообща\w*|сообщил\w*|писал\w*|пишет|переда\w*|отмечал\w*|заявлял\w*)"
    r"[^,]{0,60},\s*",
    re.IGNORECASE,
)
_SAID_TAIL = re.compile(
    r",\s*(?:[-–—]\s*)?(?:сообщ\w*|заяв\w*|отмет\w*|сказа\w*|уточн\w*|рассказа\w*|говорится|переда\w*"
    r"|пишет|писал\w*|указа\w*|подчеркну\w*|добави\w*|констатирова\w*)\b[^,;:]{0,80}[.!]?\s*$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"[\s,;()]*(?:(?:и|или|а также)[\s,()]*)?", re.IGNORECASE)
_SAID_THAT = re.compile(r"[^,;:«»\"]{1,60}?,\s*что\s+", re.IGNORECASE)   # «Там также добавили, что»


def event_text(sentence: str, mention: Mention, mentions: list[Mention]) -> str:
    """The clause(s) of `sentence` around `mention`, at most `MAX_TEXT` characters, cut only at clause
    boundaries (a single clause longer than that is cut between words, marked «…»).

    A sentence that dates several events is split between them; a quotation loses its attribution
    («…», - отметили в министерстве), a sentence its introduction («Напомним, что», «Кроме того») and a
    closing «сообщили в пресс-службе» that names nobody."""
    lo, hi = 0, len(sentence)
    quoted = _QUOTED.match(sentence)
    if quoted and quoted.start("q") <= mention.start and mention.end <= quoted.end("q"):
        lo, hi = quoted.span("q")
    else:
        tail = _ATTRIBUTION.search(sentence, mention.end)
        if tail:
            hi = tail.start()
    ordered = sorted(mentions, key=lambda m: m.start)
    i = ordered.index(mention)
    first, last = i, i
    while first > 0 and _listed_together(sentence, ordered[first - 1], ordered[first]):
        first -= 1
    while last + 1 < len(ordered) and _listed_together(sentence, ordered[last], ordered[last + 1]):
        last += 1
    if first > 0:
        cut = _cut_between(sentence, ordered[first - 1].end, ordered[first].start, last=True)
        lo = max(lo, cut if cut is not None else lo)
    if last + 1 < len(ordered):
        cut = _cut_between(sentence, ordered[last].end, ordered[last + 1].start, last=False)
        hi = min(hi, cut if cut is not None else hi)
    said = _SAID_TAIL.search(sentence, mention.end, hi)
    if said and not any(ch.isupper() for ch in said.group()):
        hi = said.start()               # «…, сообщили в пресс-службе»: says who told, and names nobody
    lo = _skip_intro(sentence, lo, mention.start)
    lo, hi, cut_left, cut_right = _shorten(sentence, lo, hi, mention)
    if not cut_left:
        lo = _skip_intro(sentence, lo, mention.start)
    return _tidy(sentence, lo, hi, cut_left, cut_right)


def _skip_intro(sentence: str, lo: int, limit: int) -> int:
    """Skip introductions, possibly stacked: «Кроме того, как сообщал ТАСС, …», «Напомним, что …»."""
    while True:
        lo = _skip_space(sentence, lo)
        intro = _INTRO.match(sentence, lo, limit) or _SAID_THAT.match(sentence, lo, limit)
        if not intro or len(sentence[lo:intro.end()].split()) > 7:
            return lo
        lo = intro.end()


def _listed_together(text: str, first: Mention, second: Mention) -> bool:
    """Dates listed in one breath share their clause: «23 июля 2004 года, 2 апреля 2005 года и
    12 августа 2012 года», «Норвегии (10 мая), Чехии (13 мая)»."""
    gap = text[first.end:second.start]
    if _LIST_GAP.fullmatch(gap):
        return True
    return _in_parentheses(text, first) and _in_parentheses(text, second)


def _in_parentheses(text: str, m: Mention) -> bool:
    return text[:m.start].rstrip().endswith("(") and text[m.end:].lstrip().startswith(")")


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \"«„“":
        i += 1
    return i


def _cut_between(text: str, a: int, b: int, last: bool) -> int | None:
    """A clause boundary between two mentions (a strong one when there is one): the start of the later
    clause when `last`, else the end of the earlier one; None when both are in one clause."""
    for pattern in (_STRONG_BREAK, _BREAK):
        hits = list(pattern.finditer(text, a, b))
        if hits:
            return hits[-1].end() if last else hits[0].start()
    return None


def _shorten(text: str, lo: int, hi: int, mention: Mention) -> tuple[int, int, bool, bool]:
    """Drop whole clauses, farthest from the date first, until the text fits; then, if one clause is
    still too long, cut it between words on the side away from the date. Returns (lo, hi, cut on the
    left, cut on the right)."""
    breaks = [m for m in _BREAK.finditer(text, lo, hi) if not mention.start <= m.start() < mention.end]
    while hi - lo > MAX_TEXT:
        left = [m for m in breaks if lo < m.start() and m.end() <= mention.start]
        right = [m for m in breaks if m.start() >= mention.end and m.start() < hi]
        if right and (hi - mention.end >= mention.start - lo or not left):
            hi = right[-1].start()
        elif left:
            lo = left[0].end()
        else:
            break
    cut_left = cut_right = False
    if hi - lo > MAX_TEXT:
        if mention.end - lo <= MAX_TEXT - 1:
            cut = text.rfind(" ", mention.end, lo + MAX_TEXT)
            if cut > 0:
                hi, cut_right = cut, True
        else:
            cut = text.find(" ", max(mention.start - MAX_TEXT // 2, lo), mention.start)
            if cut >= 0:
                lo, cut_left = cut + 1, True
            if hi - lo > MAX_TEXT:
                cut = text.rfind(" ", mention.end, lo + MAX_TEXT)
                if cut > 0:
                    hi, cut_right = cut, True
    return lo, hi, cut_left, cut_right


def _tidy(text: str, lo: int, hi: int, cut_left: bool = False, cut_right: bool = False) -> str:
    piece = text[lo:hi].strip(" ,;:-–—\t")
    piece = _balance_quotes(piece)
    piece = piece.rstrip(" ,;:-–—")
    if piece.endswith(".") and not piece.endswith(".."):
        piece = piece[:-1]
    if not piece:
        return ""
    if not cut_left:
        piece = piece[0].upper() + piece[1:]
    if cut_right:
        piece += "…"
    if cut_left:
        piece = "…" + piece
    return piece


def _balance_quotes(piece: str) -> str:
    """Drop a quotation mark or parenthesis left alone at either end by the cut."""
    piece = piece.lstrip(")").rstrip("(").strip()
    for opening, closing in (("«", "»"), ("„", "“"), ("(", ")")):
        if piece.startswith(opening) and piece.count(opening) > piece.count(closing):
            piece = piece[1:]
        if piece.endswith(closing) and piece.count(closing) > piece.count(opening):
            piece = piece[:-1]
    if piece.count('"') % 2 == 1:
        if piece.startswith('"'):
            piece = piece[1:]
        elif piece.endswith('"'):
            piece = piece[:-1]
    return piece.strip()
