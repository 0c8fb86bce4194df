"""Dated expressions in Russian news sentences, and their years resolved against the publication date.

`find_dates(text)` finds what is written: exact dates («9 октября», «29 окт», «10.12.2025»), day ranges
(«с 8 по 11 декабря», «30 июня – 2 июля»), months («в августе», «июля 2025 года»), parts of months and
years («в конце июня – начале июля», «в начале 2025 года»), seasons («летом 2025 года», «прошлым летом»),
years and year ranges («на 2026 год», «2020-2022 годов», «в прошлом году»). A number is a date only next
to a month name or a year word: «на 2 месяца», «11 российских граждан», «3+3», «113-й», «1 млн» and a bare
«1914» are not dates.

`resolve(mention, published, day_month, tense)` completes a missing year the way news taggers do
(HeidelTime's news mode): with the publication date as anchor, a past event takes the latest year in which
it starts no later than the publication, a plan («состоится», «планируется», future tense) the earliest in
which it ends no earlier, and a sentence with no tense the year that puts it nearest the publication.
When the article's own year is unknown (a dateline «10 авг» without a year) the year stays unknown: spans
are computed in a stand-in year only to order them, and `DateSpan.year_known` is False.

The grammar is hand-written: see docs/timeline.md for what dateparser and natasha/yargy did with the same
sentences.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .models import MONTHS_GENITIVE as MONTHS_GEN
from .text import MONTHS as MONTHS_NOM

SEASON_GEN = {"зима": "зимы", "весна": "весны", "лето": "лета", "осень": "осени"}
SEASON_MONTHS = {"зима": (12, 1, 2), "весна": (3, 4, 5), "лето": (6, 7, 8), "осень": (9, 10, 11)}
UNKNOWN_YEAR = "(год не указан)"
STAND_IN_YEAR = 2000            # a leap year: orders spans of articles whose year is unknown

# Days of a month covered by its parts; months of a year covered by the year's parts.
MONTH_PARTS = {"начало": (1, 10), "середина": (11, 20), "конец": (21, 31),
               "первая половина": (1, 15), "вторая половина": (16, 31)}
YEAR_PARTS = {"начало": (1, 3), "середина": (5, 8), "конец": (10, 12),
              "первая половина": (1, 6), "вторая половина": (7, 12)}
SEASON_PARTS = {"начало": 0, "середина": 1, "конец": 2}


@dataclass(frozen=True)
class Point:
    """One end of a dated expression, as precise as the text: a day, a month (or part of one), a season,
    or a year (or part of one). `year` is None until written or resolved."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None      # "начало", "середина", "конец", "первая половина", "вторая половина"
    season: str | None = None    # "зима", "весна", "лето", "осень"; winter Y is December Y-1 to February Y
    rel: int | None = None       # year relative to publication: «прошлого года» -1, «в этом году» 0

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.season is not None:
            return "season"
        return "year"


@dataclass(frozen=True)
class Mention:
    """A dated expression found in a text: [start, end) in the text, one point or a range first..last."""

    start: int
    end: int
    first: Point
    last: Point | None = None
    mode: str | None = None      # «прошлым летом» "prev", «этим летом» "this", «следующим летом» "next"


# ---------------------------------------------------------------------------------------------------------
# The grammar

_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:-(?:го|е|ое|ого|му))?"
_NUM_START = r"(?<![\w+.,:/])(?<!\d[-–—])"   # not inside 3+3, 1,5, 12:30, 2020-2022, 113; «-23 июля» is
_WORD_START = r"(?<![\w\-])"
_END = r"(?!\w)"
_YEAR4 = r"(?:1[89]|20)\d\d(?!\d)"
_YEAR_WORD = r"(?:-?(?:го|м|й)\s*)?\s*(?:года|году|год|годом|г\.)"
_REL_GEN = r"прошлого|позапрошлого|этого|текущего|нынешнего|следующего|будущего"
_REL_PREP = r"прошлом|позапрошлом|этом|текущем|нынешнем|следующем|будущем"
_MON_FULL_GEN = (r"январ[яь]|феврал[яь]|марта|апрел[яь]|мая|июн[яь]|июл[яь]|августа|сентябр[яь]|октябр[яь]"
                 r"|ноябр[яь]|декабр[яь]")
_MON_ABBR = r"(?:янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.?"
_MON_PREP = r"январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
_MON_NOM = r"январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"
_PART = (r"начал[оаеу]|середин[аыеу]|кон(?:ец|ца|це|цу)|перв(?:ая|ой|ую)\s+половин[аыеу]"
         r"|втор(?:ая|ой|ую)\s+половин[аыеу]|перв(?:ых|ые)\s+числ(?:ах|а)|последн(?:их|ие)\s+числ(?:ах|а)")
_SEASON_INS = r"зимой|весной|летом|осенью"
_SEASON_GEN = r"зимы|весны|лета|осени"
_DASH = r"\s*[-–—]\s*"


def _yr(n: int, required: bool = False) -> str:
    """A year after a day or month: «2025 года», «2025 г.», «2025» before punctuation or «по 8 января»,
    «прошлого года»."""
    body = (rf"\s+(?:(?P<y{n}>{_YEAR4})(?:{_YEAR_WORD}{_END}|(?=\s*(?:[^\w\s]|$)|\s+(?:по|до)\s+\d))"
            rf"|(?P<r{n}>{_REL_GEN})\s+года{_END})")
    return f"(?:{body})" if required else f"(?:{body})?"


def _mon(n: int, forms: str) -> str:
    return rf"(?P<m{n}>{forms}){_END}"


_GEN = _MON_FULL_GEN + "|" + _MON_ABBR
_PATTERNS: tuple[tuple[str, str], ...] = (
    # 10.12.2025
    ("numeric", rf"{_NUM_START}(?P<d1>{_DAY})\.(?P<n1>0?[1-9]|1[0-2])\.(?P<y1>{_YEAR4})(?:\s*г\.)?"),
    # с 8 по 11 декабря; с 30 июня по 2 июля 2025 года
    ("range", (rf"{_WORD_START}с\s+(?P<d1>{_DAY})(?:\s+{_mon(1, _GEN)}{_yr(1)})?\s+(?:по|до)\s+"
              rf"(?P<d2>{_DAY})\s+{_mon(2, _GEN)}{_yr(2)}")),
    # 8–11 декабря; 30 июня – 2 июля
    ("range", (rf"{_NUM_START}(?P<d1>{_DAY})(?:\s+{_mon(1, _GEN)}{_yr(1)})?{_DASH}"
              rf"(?P<d2>{_DAY})\s+{_mon(2, _GEN)}{_yr(2)}")),
    # 9 октября; 29 окт; 1 июля 2025 года
    ("point", rf"{_NUM_START}(?P<d1>{_DAY})\s+{_mon(1, _GEN)}{_yr(1)}"),
    # в конце июня – начале июля; с конца июня по начало июля
    ("range", (rf"(?:{_WORD_START}(?:в|во|с)\s+)?(?P<p1>{_PART})\s+{_mon(1, _MON_FULL_GEN)}{_yr(1)}"
              rf"(?:{_DASH}|\s+(?:и|по|до)\s+)(?:(?:в|во)\s+)?"
              rf"(?P<p2>{_PART})\s+{_mon(2, _MON_FULL_GEN)}{_yr(2)}")),
    # в конце июня; до конца декабря 2025 года
    ("point", (rf"(?:{_WORD_START}(?:в|во|с|к|до)\s+)?{_WORD_START}(?P<p1>{_PART})\s+"
              rf"{_mon(1, _MON_FULL_GEN)}{_yr(1)}")),
    # в начале 2025 года; в конце прошлого года
    ("point", (rf"(?:{_WORD_START}(?:в|во|с|к|до)\s+)?{_WORD_START}(?P<p1>{_PART})\s+"
              rf"(?:(?P<y1>{_YEAR4}){_YEAR_WORD}|(?P<r1>{_REL_GEN})\s+года){_END}")),
    # в начале лета; к концу осени 2024 года
    ("point", (rf"(?:{_WORD_START}(?:в|во|с|к|до)\s+)?{_WORD_START}"
              rf"(?P<p1>начал[оаеу]|середин[аыеу]|кон(?:ец|ца|це|цу))\s+"
              rf"(?P<s1>{_SEASON_GEN}){_END}{_yr(1)}")),
    # с июня по август; с декабря до февраля 2025 года
    ("range", (rf"{_WORD_START}с\s+{_mon(1, _MON_FULL_GEN)}{_yr(1)}\s+(?:по|до)\s+"
              rf"{_mon(2, _MON_FULL_GEN + '|' + _MON_NOM)}{_yr(2)}")),
    # в июне–июле 2025 года
    ("range", rf"{_WORD_START}(?:в|во)\s+{_mon(1, _MON_PREP)}{_DASH}{_mon(2, _MON_PREP)}{_yr(2)}"),
    # июнь–июль 2025
    ("range", rf"{_WORD_START}{_mon(1, _MON_NOM)}{_DASH}{_mon(2, _MON_NOM)}{_yr(2, required=True)}"),
    # в августе; в июле 2025 года; в декабре прошлого года
    ("point", rf"{_WORD_START}(?:в|во)\s+{_mon(1, _MON_PREP)}{_yr(1)}"),
    # с июня (since June)
    ("point", rf"{_WORD_START}(?:с|начиная\s+с)\s+{_mon(1, _MON_FULL_GEN)}{_yr(1)}"),
    # июля 2025 года; август 2025
    ("point", rf"{_WORD_START}{_mon(1, _MON_FULL_GEN + '|' + _MON_NOM)}{_yr(1, required=True)}"),
    # летом; летом 2025 года; прошлым летом
    ("point", (rf"{_WORD_START}(?:(?P<mode>этим|этой|прошлым|прошлой|следующим|следующей|будущим|будущей)"
              rf"\s+)?(?P<s1>{_SEASON_INS}){_END}{_yr(1)}")),
    # лета 2025 года; с лета
    ("point", rf"{_WORD_START}(?P<s1>{_SEASON_GEN}){_END}{_yr(1, required=True)}"),
    ("point", rf"{_WORD_START}с\s+(?P<s1>{_SEASON_GEN}){_END}{_yr(1)}"),
    # 2020-2022 годов; 2020–22 гг.
    ("range", (rf"{_NUM_START}(?P<y1>{_YEAR4}){_DASH}(?P<y2>{_YEAR4}|\d\d(?!\d))(?:-?(?:е|х|м))?\s*"
              rf"(?:годы|годов|годах|годам|годами|года|гг\.?|г\.){_END}")),
    # с 2020 по 2022 год
    ("range", (rf"{_WORD_START}с\s+(?P<y1>{_YEAR4})(?:\s*года)?\s+(?:по|до)\s+(?P<y2>{_YEAR4})\s*"
              rf"(?:годы|год|года|гг\.?|г\.){_END}")),
    # в 2003 году; 2014 года; на 2026 год
    ("point", rf"{_NUM_START}(?P<y1>{_YEAR4}){_YEAR_WORD}{_END}"),
    # в прошлом году
    ("point", rf"{_WORD_START}(?:в|во)\s+(?P<r1>{_REL_PREP})\s+году{_END}"),
)
_COMPILED = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in _PATTERNS)
_HINT = re.compile(r"\d|январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр"
                   r"|зим|весн|лет|осен|году?\b", re.IGNORECASE)


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    if w.startswith("ма"):
        return 5 if w[2:3] in ("я", "й", "е", "") else 3
    return {"янв": 1, "фев": 2, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "окт": 10,
            "ноя": 11, "дек": 12}[w[:3]]


def _part(word: str) -> str:
    w = word.lower()
    if w.startswith("начал") or w.startswith("перв") and "числ" in w:
        return "начало"
    if w.startswith("середин"):
        return "середина"
    if w.startswith(("кон", "последн")):
        return "конец"
    return "первая половина" if w.startswith("перв") else "вторая половина"


_SEASON_OF = {"зим": "зима", "вес": "весна", "лет": "лето", "осе": "осень"}
_REL_OF = (("позапрошл", -2), ("прошл", -1), ("эт", 0), ("текущ", 0), ("нынешн", 0),
           ("следующ", 1), ("будущ", 1))
_MODE_OF = {"эт": "this", "пр": "prev", "сл": "next", "бу": "next"}


def _point(g: dict, n: int) -> Point | None:
    def get(name: str) -> str | None:
        return g.get(f"{name}{n}")

    year = int(get("y")) if get("y") else None
    month = _month(get("m")) if get("m") else (int(get("n")) if get("n") else None)
    day = int(re.match(r"\d+", get("d")).group()) if get("d") else None
    part = _part(get("p")) if get("p") else None
    season = _SEASON_OF[get("s").lower()[:3]] if get("s") else None
    rel = next(off for stem, off in _REL_OF if get("r").lower().startswith(stem)) if get("r") else None
    if all(v is None for v in (year, month, day, part, season, rel)):
        return None
    return Point(year=year, month=month, day=day, part=part, season=season, rel=rel)


def _finish_year_range(first: Point, last: Point) -> Point:
    """«2020-22 гг.»: a two-digit end takes the century of the start."""
    if last.year is not None and last.year < 100 and first.year is not None:
        return replace(last, year=first.year // 100 * 100 + last.year)
    return last


def find_dates(text: str) -> list[Mention]:
    """Dated expressions in `text`, left to right, never overlapping (the longest wins where two start
    at the same place; an earlier start wins over a later one)."""
    if not _HINT.search(text):
        return []
    found: list[tuple[int, int, Mention]] = []
    for kind, pattern in _COMPILED:
        for m in pattern.finditer(text):
            g = m.groupdict()
            first = _point(g, 1)
            if first is None:
                continue
            last = _point(g, 2) if kind == "range" else None
            if last is not None:
                last = _finish_year_range(first, last)
                if first.day is not None and first.month is None:
                    first = replace(first, month=last.month)
            mode = _MODE_OF[g["mode"].lower()[:2]] if g.get("mode") else None
            if not _valid(first) or (last is not None and not _valid(last)):
                continue
            found.append((m.start(), m.end(), Mention(m.start(), m.end(), first, last, mode)))
    found.sort(key=lambda t: (t[0], t[0] - t[1]))
    chosen: list[Mention] = []
    reach = -1
    for start, end, mention in found:
        if start >= reach:
            chosen.append(mention)
            reach = end
    return chosen


def _valid(p: Point) -> bool:
    if p.day is None:
        return True
    if p.month is None:
        return False
    limit = calendar.monthrange(p.year if p.year is not None else STAND_IN_YEAR, p.month)[1]
    return 1 <= p.day <= limit


# ---------------------------------------------------------------------------------------------------------
# Tense of the clause around a mention

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?")
_CLAUSE_BREAK = re.compile(r"[,;:()«»\"“”„]|\s[-–—]\s")
_PLAN_STEMS = ("планир", "запланир", "намеч", "намечен", "предстоя", "ожида", "намерен", "намерева",
               "собира")


_DEADLINE = re.compile(r"(?<!\w)(?:до|к|ко|не позднее|не ранее)\s+$", re.IGNORECASE)
_FUTURE_AUX = frozenset({"буду", "будешь", "будет", "будем", "будете", "будут"})


@lru_cache(maxsize=200_000)
def _word_tense(word: str) -> tuple[str | None, str | None]:
    """(tense, part of speech): tense is "past", "future", "present", "plan" (a word that announces a plan
    whatever its tense) or None. Verbs in the first person and imperatives are the writer's voice
    («напомним», «отметим»), not the event's, and have no tense here."""
    from .text import default_analyzer  # pymorphy3 via the shared analyzer: one dictionary per process

    tag = default_analyzer().morph.parse(word)[0].tag
    tense = None
    if tag.POS in ("VERB", "PRTF", "PRTS", "GRND") and "1per" not in tag and "impr" not in tag:
        tense = next((name for name, gram in (("past", "past"), ("future", "futr"), ("present", "pres"))
                      if gram in tag), None)
    if tense != "past" and word.startswith(_PLAN_STEMS):
        return "plan", tag.POS
    return tense, tag.POS


def tense_near(text: str, start: int, end: int) -> str | None:
    """Tense of the event mentioned at text[start:end]: "past", "future" or None (present or unknown).

    The nearest tensed word of the mention's own clause decides (a plan word there makes it "future",
    «будут показаны» is future); when that clause has none, the nearest tensed word of the whole text."""
    lo = 0
    for brk in _CLAUSE_BREAK.finditer(text, 0, start):
        lo = brk.end()
    brk = _CLAUSE_BREAK.search(text, end)
    hi = brk.start() if brk else len(text)
    nearest_in: tuple[int, str] | None = None
    nearest_out: tuple[int, str] | None = None
    plan = False
    previous = ""
    for w in _WORD.finditer(text):
        word = w.group().lower().replace("ё", "е")
        before, previous = previous, word
        if start <= w.start() < end:
            continue
        tense, pos = _word_tense(word)
        if tense == "past" and pos == "PRTS" and before in _FUTURE_AUX:
            tense = "future"
        if tense is None:
            continue
        inside = lo <= w.start() and w.end() <= hi
        if tense == "plan":
            plan = plan or inside
            tense = "future"
        distance = start - w.end() if w.end() <= start else w.start() - end
        if inside and (nearest_in is None or distance < nearest_in[0]):
            nearest_in = (distance, tense)
        if nearest_out is None or distance < nearest_out[0]:
            nearest_out = (distance, tense)
    if plan:
        return "future"
    chosen = nearest_in or nearest_out
    if chosen is None or chosen[1] == "present":
        return None
    return chosen[1]


# ---------------------------------------------------------------------------------------------------------
# Resolution and presentation

def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _bounds(p: Point) -> tuple[dt.date, dt.date]:
    """First and last day a point covers (its year must be set)."""
    y = p.year
    assert y is not None
    if p.day is not None:
        day = dt.date(y, p.month, p.day)
        return day, day
    if p.month is not None:
        lo, hi = MONTH_PARTS.get(p.part, (1, 31)) if p.part else (1, 31)
        return dt.date(y, p.month, lo), dt.date(y, p.month, min(hi, _last_day(y, p.month)))
    if p.season is not None:
        months = SEASON_MONTHS[p.season]
        if p.part:
            months = (months[SEASON_PARTS[p.part]],)
        first_year = y - 1 if months[0] == 12 else y
        last_year = y - 1 if months[-1] == 12 else y
        return (dt.date(first_year, months[0], 1),
                dt.date(last_year, months[-1], _last_day(last_year, months[-1])))
    lo, hi = YEAR_PARTS[p.part] if p.part else (1, 12)
    return dt.date(y, lo, 1), dt.date(y, hi, _last_day(y, hi))


@dataclass(frozen=True)
class DateSpan:
    """A resolved mention: `first`..`last` with years set; `start`/`end` are the days covered.

    When `year_known` is False the years are the stand-in year (or its neighbours) and only order the
    spans: `iso` and `label` then show no year."""

    first: Point
    last: Point | None
    year_known: bool
    start: dt.date
    end: dt.date

    @property
    def iso(self) -> str:
        """ISO 8601 at the precision found: 2025-10-09, 2025-08, 2026, 2025-12-08/2025-12-11, 2025-06/2025-08.
        Without a known year, the ISO 8601:2000 truncated forms --08-10 and --08."""
        last = self.last or self.first
        a, b = self._iso(self.first, 0), self._iso(last, 1)
        return a if a == b else f"{a}/{b}"

    def _iso(self, p: Point, side: int) -> str:
        day = _bounds(p)[side]
        if p.precision == "day":
            stamp = f"{day.month:02d}-{day.day:02d}"
        elif p.precision in ("month", "season") or (p.part in ("первая половина", "вторая половина")):
            stamp = f"{day.month:02d}"
        else:
            return f"{day.year:04d}"
        return f"{day.year:04d}-{stamp}" if self.year_known else f"--{stamp}"

    @property
    def label(self) -> str:
        """Russian label: «9 октября 2025», «август 2025», «8–11 декабря 2025», «лето 2025»,
        «конец июня – начало июля 2025», «2020–2022», «10 августа (год не указан)»."""
        first, last = self.first, self.last
        known = self.year_known
        if last is None:
            text = _point_label(first, known)
        elif (first.precision == last.precision == "day" and first.month == last.month
              and first.year == last.year):
            text = f"{first.day}–{_point_label(last, known)}"
        else:
            same_year = first.year == last.year and first.precision != "year"
            text = _join(_point_label(first, known and not same_year), _point_label(last, known))
        return text if known else f"{text} {UNKNOWN_YEAR}"

    @property
    def sort_key(self) -> tuple:
        """Unknown years after every known one; then by first day; a wider span before the narrower ones
        it contains («лето 2025» before «июль 2025» before «1 июля 2025»)."""
        return (not self.year_known, self.start, -self.end.toordinal())


def _join(a: str, b: str) -> str:
    return f"{a}–{b}" if " " not in a else f"{a} – {b}"


def _point_label(p: Point, with_year: bool) -> str:
    if p.day is not None:
        text = f"{p.day} {MONTHS_GEN[p.month - 1]}"
    elif p.month is not None:
        text = f"{p.part} {MONTHS_GEN[p.month - 1]}" if p.part else MONTHS_NOM[p.month - 1]
    elif p.season is not None:
        text = f"{p.part} {SEASON_GEN[p.season]}" if p.part else p.season
        if p.season == "зима" and with_year:
            return f"{text} {p.year - 1}/{p.year % 100:02d}"   # winter 2025 = December 2024 to February 2025
    else:
        return f"{p.part} {p.year}" if p.part else str(p.year)
    return f"{text} {p.year}" if with_year else text


def _with_year(p: Point, year: int) -> Point:
    return p if p.year is not None else replace(p, year=year)


def _place(first: Point, last: Point | None, year: int) -> tuple[Point, Point | None]:
    """Give `first` the year and `last` the same one, or the next when it would otherwise come first
    («с декабря по февраль»)."""
    first = _with_year(first, year)
    if last is None:
        return first, None
    if last.year is not None:
        return first, last
    candidate = replace(last, year=first.year)
    if _bounds(candidate)[1] < _bounds(first)[0]:
        candidate = replace(last, year=first.year + 1)
    return first, candidate


def resolve(mention: Mention, published: dt.date | None = None,
            day_month: tuple[int, int] | None = None, tense: str | None = None) -> DateSpan | None:
    """Complete the years of `mention` (see the module docstring); None when it cannot be placed at all
    (a year-level expression whose year is unknown, «в прошлом году» in an undated article, or a range
    that ends before it starts)."""
    if published is not None:
        anchor, anchor_known = published, True
    elif day_month is not None:
        try:
            anchor = dt.date(STAND_IN_YEAR, day_month[1], day_month[0])
        except ValueError:
            anchor = None
        anchor_known = False
    else:
        anchor, anchor_known = None, False

    first, last = mention.first, mention.last
    points = [p for p in (first, last) if p is not None]
    explicit = any(p.year is not None for p in points)
    if any(p.rel is not None for p in points):
        if anchor is None:
            return None
        first = replace(first, year=anchor.year + first.rel) if first.rel is not None else first
        if last is not None and last.rel is not None:
            last = replace(last, year=anchor.year + last.rel)
        explicit = explicit or anchor_known
        if not anchor_known and any(p.precision == "year" for p in (first, last) if p is not None):
            return None
    known = explicit or anchor_known

    if first.year is None and last is not None and last.year is not None:
        year = last.year
        if _bounds(replace(first, year=year))[0] > _bounds(last)[1]:
            year -= 1
        first = replace(first, year=year)
    if first.year is not None:
        first, last = _place(first, last, first.year)
    else:
        if first.precision == "year":
            return None
        base = anchor.year if anchor is not None else STAND_IN_YEAR
        options = [_place(first, last, y) for y in (base - 1, base, base + 1)]
        if anchor is None:
            first, last = options[1]
        else:
            first, last = _choose(options, anchor, mention.mode, tense)
    start = _bounds(first)[0]
    end = _bounds(last or first)[1]
    if end < start:
        return None
    return DateSpan(first, last, known, start, end)


def _choose(options: list[tuple[Point, Point | None]], anchor: dt.date, mode: str | None,
            tense: str | None) -> tuple[Point, Point | None]:
    spans = [(_bounds(f)[0], _bounds(l or f)[1], (f, l)) for f, l in options]
    if mode == "prev":
        fitting = [s for s in spans if s[1] < anchor]
        return fitting[-1][2] if fitting else spans[0][2]
    if mode == "next":
        fitting = [s for s in spans if s[0] > anchor]
        return fitting[0][2] if fitting else spans[-1][2]
    if mode == "this":
        fitting = [s for s in spans if s[0] <= anchor <= s[1]]
        return fitting[0][2] if fitting else spans[1][2]
    if tense == "past":
        fitting = [s for s in spans if s[0] <= anchor]
        return fitting[-1][2] if fitting else spans[0][2]
    if tense == "future":
        fitting = [s for s in spans if s[1] >= anchor]
        return fitting[0][2] if fitting else spans[-1][2]

    def distance(s: tuple) -> int:
        lo, hi = s[0], s[1]
        return 0 if lo <= anchor <= hi else min(abs((lo - anchor).days), abs((hi - anchor).days))

    return min(spans, key=distance)[2]


def dates_in(text: str, published: dt.date | None = None,
             day_month: tuple[int, int] | None = None) -> list[tuple[Mention, DateSpan | None]]:
    """Every dated expression of `text` with its resolved span (None when it cannot be placed).
    Tense is read only when a year is missing; a deadline («продлен до 1 июля») is read as a plan."""
    out: list[tuple[Mention, DateSpan | None]] = []
    for mention in find_dates(text):
        points = [p for p in (mention.first, mention.last) if p is not None]
        needs_tense = all(p.year is None and p.rel is None for p in points) and mention.mode is None
        tense = None
        if needs_tense:
            deadline = _DEADLINE.search(text, 0, mention.start)
            tense = "future" if deadline else tense_near(text, mention.start, mention.end)
        out.append((mention, resolve(mention, published, day_month, tense)))
    return out
