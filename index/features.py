"""What the index keeps about each sentence beyond its words: which kinds of answer it holds (a date, a
number, a person, …) and whether it stands alone or leans on its neighbour. Computed once, at index time."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from .models import Sentence
from .questions import AGE, DATE, MONEY, NAMED, NUMBER, PERSON, PLACE, REASON, WHICH
from .text import Token, WordInfo

# A sentence that announces what the next one says: «…рассказала, в каких регионах…», «…заявил:».
_ANNOUNCING_VERB = (r"(?:рассказал|сообщил|объяснил|назвал|выяснил|узнал|раскрыл|уточнил|пояснил|перечислил|ответил"
                    r"|указал)\w*[^.!?]*")
_QUESTION_AFTER_COMMA = (r",\s*(?:(?:в|на|с|из|от|до|за|по|о|об)\s+)?(?:как\w*|кто|кого|кому|что|чем|почему|зачем"
                         r"|когда|где|куда|откуда|сколько)\b")
ANNOUNCES = re.compile(_ANNOUNCING_VERB + _QUESTION_AFTER_COMMA + r"|:\s*$", re.IGNORECASE)
# ANNOUNCES's first branch ends with this; it starts with a literal comma, so it is fast to search.
QUESTION_AFTER_COMMA = re.compile(_QUESTION_AFTER_COMMA, re.IGNORECASE)

# A sentence that starts like this leans on the one before it.
LEANING_START = re.compile(
    r"^[\"«„“]?\s*(он|она|оно|они|его|ее|её|их|ему|ей|им|это|этот|эта|эти|там|тогда|так|также|кроме того"
    r"|кроме этого|помимо этого|при этом|вместе с тем|в свою очередь|однако|и|но|а|об этом|по его словам"
    r"|в результате|в итоге|поэтому|таким образом|следовательно|причиной|виной|дело в том|причина в том|суть в том"
    r"|по ее словам|по её словам|по их словам|в то же время|впрочем|позднее|затем)\b",
    re.IGNORECASE,
)
DATE_WORDS = frozenset(["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь", "вчера", "сегодня", "завтра", "позавчера", "год", "лето", "зима", "весна", "осень", "неделя", "месяц"])
NUMBER_WORDS = frozenset(["тысяча", "миллион", "миллиард", "десяток", "сотня", "половина", "процент", "пара", "дюжина",
                          "полсотни", "полусотня", "полтысяча", "полмиллиона", "полмиллион", "полмиллиарда"])   # «порядка полусотни человек»
REASON_WORDS = frozenset(["причина", "из-за", "потому", "поскольку", "связать", "связанный", "результат", "вызвать", "спровоцировать", "обвинять", "обвинение", "подозревать", "подозрение", "благодаря", "следствие", "повод",
                          # «на фоне падения цен на нефть», «виноваты циклоны», «обусловлено спросом»
                          "фон", "виноватый", "обусловить", "обусловленный", "принести",
                          # a purpose, for «зачем»: «главная цель меры — сохранить рабочие места», «приурочена к юбилею»
                          "цель", "приурочить", "приуроченный"])
YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
# «в 1842-м», «с 2019-го», «в 1990-х»: a year (or decade) with a case ending is a date too.
YEAR_ORDINAL = re.compile(r"^(?:1[89]|20)\d\d-(?:й|м|го|х|е|ом|му|ых|ые)$")
# «604-м километре», «113-й», «5-го»: a place in a row, not a count («сколько» is not answered by it).
ORDINAL = re.compile(r"^\d+-(?:й|я|е|го|ого|му|ому|м|ом|ым|ой|ю|ую)$")
# «€6 млн», «$300», «500 ₽»: a sum written with a currency sign (the sign is also a token, read as its word).
CURRENCY_SIGNS = "€$₽£¥"
CURRENCY = re.compile(r"[€$₽£¥]\s?\d|\d\s?[€$₽£¥]")
ENUMERATION = re.compile(r"[А-ЯЁA-Z][\w]+(?:\s*(?:,|-|–|\sи\s)\s*[А-ЯЁA-Z][\w]+){2,}")
QUOTED_NAME = re.compile(r"«[^»]{2,60}»|\"[^\"]{2,40}\"")
# A reason, or a purpose («зачем»: «чтобы весь мир слышал»). REASON_TOKENS: the words one of them needs.
REASON_TOKENS = frozenset({"из-за", "так", "потому", "связи", "чтобы", "целью", "вследствие", "ввиду", "вине"})
REASON_PREFIXES = ("связа", "исход")     # «связано с», «исходим из того, что …» (the stated rationale)
REASON_PHRASE = re.compile(r"\bиз-за\b|\bтак как\b|\bпотому что\b|\bв связи с\b|\bсвязан|\bчтобы\b|\bс целью\b"
                           r"|\bисход(?:им|ят|ит|я) из того\b|\bвследствие\b|\bввиду\b|\bпо вине\b",
                           re.IGNORECASE)

FEATURE_BIT = {DATE: 1, NUMBER: 2, PERSON: 4, PLACE: 8, REASON: 16, MONEY: 32, NAMED: 64, AGE: 128}
# Anything specific: a name (places by name included), a title, a figure, a date. Not PLACE, which a bare
# «в прокате» also gives.
FEATURE_BIT[WHICH] = FEATURE_BIT[NAMED] | FEATURE_BIT[NUMBER] | FEATURE_BIT[DATE] | FEATURE_BIT[PERSON] | \
    FEATURE_BIT[MONEY]
# «61 год», «ему 88», «15-летний», «в возрасте 70 лет»; not «на 1 год» (a term) nor «2014 года» (a year).
AGE_PHRASE = re.compile(r"(?<!на )(?<!за )\b\d{1,3}\s+(?:лет|года?)\b|\b\d{1,3}-летн|\bвозраст|\bисполнил(?:ось|ся|ась)"
                        r"|\b(?:ему|ей|им)\s+\d{1,3}\b", re.IGNORECASE)
# Matched by lemma and by the word as written: pymorphy3 does not know «тенге» and guesses the lemma «тенг».
MONEY_WORDS = frozenset(["доллар", "рубль", "евро", "юань", "фунт", "иена", "йена", "тенге", "гривна", "манат", "франк", "лира", "рупия", "долл", "руб",
                         "цент", "копейка", "лари", "злотый", "шекель", "песо", "дирхам", "сомони", "грн"])
# «в больнице», «на курорте»: a place even without a geographical name. Not «в ходе», «в рамках», ….
PLACE_PREPOSITIONS = frozenset({"в", "во", "на"})
# Verbs of saying: «в X» right after one names who said it («сообщили в МИД», «уточнили в ведомстве»), not a place.
SAYING = frozenset({"заявить", "заявлять", "уточнить", "уточнять", "отметить", "отмечать", "сообщить", "сообщать",
                    "подчеркнуть", "подчеркивать", "констатировать", "рассказать", "рассказывать", "пояснить",
                    "пояснять", "добавить", "добавлять", "указать", "указывать", "сказать", "говорить", "напомнить",
                    "сообщаться", "говориться", "заверить", "считать", "полагать"})
PLACE_NOUNS = frozenset(["город", "города", "городе", "городах", "городу", "городом", "село", "селе", "поселок", "поселке", "поселка", "деревня", "деревне", "станица", "станице", "остров", "острове", "река", "реке", "реки", "озеро", "озере", "район", "районе", "области", "край", "крае"])
NOT_PLACES = frozenset(["ход", "результат", "рамка", "связь", "случай", "течение", "условие", "цель", "качество", "отношение", "порядок", "частность", "число", "время", "год", "месяц", "неделя", "день", "период", "момент", "начало", "конец", "середина", "форма", "вид", "мнение", "слово", "итог", "процесс", "ситуация", "сфера", "область", "мера", "степень", "интерес", "пользу"])


# What the word before a token is, for the PLACE bit: «в больнице», «в городах Киренск и Усть-Кут».
AFTER_OTHER, AFTER_PREPOSITION, AFTER_PLACE_WORD = 0, 1, 2


def after_class(norm: str) -> int:
    """The class of a preceding word (folded) that `word_feature_bits` distinguishes."""
    if norm in PLACE_PREPOSITIONS:
        return AFTER_PREPOSITION
    if norm in PLACE_NOUNS or norm == "и":
        return AFTER_PLACE_WORD
    return AFTER_OTHER


def is_year(norm: str) -> bool:
    """A number that may be a year («1951», «2025»). Followed by «год» or after a month («в 2025 году», «26 июля
    1951 года») it is a date, not a count (the callers' test)."""
    return bool(YEAR_RE.match(norm))


# A time of day as written in news («в 22:19», «около 12:30 мск»): answers «во сколько», «в котором часу».
CLOCK_RE = re.compile(r"^(?:[01]?\d|2[0-3]):[0-5]\d$")
# The same with a dot is as often a time as a number: a time only after «в», «во», «на» («в 8.23»).
DOT_CLOCK = re.compile(r"^(?:[01]?\d|2[0-3])\.[0-5]\d$")
# … and in words: «в пятом часу вечера», «утром», «около полуночи» (these forms only, not «час», «вечер»: «два часа»
# is a span, «вечер памяти» an event).
TIME_OF_DAY = frozenset({"часу", "утром", "днем", "вечером", "ночью", "полдень", "полудня", "полночь", "полуночи",
                         "рассвете", "закате"})


# A score: «1:1», «4:3 ОТ», «89:76», «со счётом 4-1»; not a time of day («в 19:00»: two-digit minutes under 24 hours).
_SCORE_PATTERN = re.compile(r"(?<![\d:.,])(?!(?:[01]?\d|2[0-3]):[0-5]\d(?!\d))\d{1,3}\s?:\s?\d{1,3}(?![\d:])"
                        r"|\bсч[её]том\s+\d{1,3}\s?[-–—]\s?\d{1,3}\b", re.IGNORECASE)
# A span of time in a passage: «6 часов 40 минут», «пять недель», «полчаса», «после столетнего перерыва» (not «2025 году»).
_DURATION_PATTERN = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d+)?(?:\s*[-–]\s*\d{1,3})?\s*(?:секунд|минут|час|сут|дн[еяий]|день|недел|месяц|год|лет)"
                           r"|\b(?:полчаса|полутора|суток|сутки|несколько (?:секунд|минут|часов|дней|недель|месяцев|лет))\b"
                           r"|\b(?:одн\w*|дв\w*|тр\w*|четыр\w*|пят\w*|шест\w*|сем\w*|восьм\w*|девят\w*|десят\w*|\w+надцат\w*|двадцат\w*"
                           r"|тридцат\w*|сорок\w*|полтор\w*|сто|ста)\s+(?:секунд|минут|час|сут|дн[еяий]|день|недел|месяц|год|лет)"
                           r"|\b\w+летн\w*|\bчас(?:а|ов)?\b|\bвпервые за\b|\bпожизненн\w*"
                           # «продлится до 1 марта», «продолжится по 15 мая»: how long, by the day it ends
                           r"|\b(?:продл|продолж)\w*\s+(?:до|по)\s+\d{1,2}\s+[а-яё]+", re.IGNORECASE)
# Every match of the pattern holds one of these (in lower case). Searched first: the pattern's alternatives are
# tried at every position (~25 µs a sentence; a «сколько длился …» question reads ~20 passages), the hint, one
# set of first letters, ~2 µs.
_DURATION_HINT = re.compile(r"с(?:екунд|ут)|м(?:инут|есяц)|час|д(?:н|ень)|недел|год|лет|полутора|пожизненн|впервые за"
                            r"|продл|продолж")


class _Prefiltered:
    """A pattern searched only in text where a cheaper one, which every match of it holds, is found."""

    def __init__(self, hint: re.Pattern, pattern: re.Pattern) -> None:
        self.hint, self.pattern = hint, pattern

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.hint.search(text.lower()) else None


DURATION_TEXT = _Prefiltered(_DURATION_HINT, _DURATION_PATTERN)
# «Сколько дней длились консультации?» is answered by the days they ran from and to («в Баку с 8 по 11 декабря»),
# not a term one faces or was given («какой срок грозит»): such questions take DURATION_TEXT alone.
_DAYS_RANGE = re.compile(r"\bс\s+\d{1,2}(?:\s+[а-яё]+)?\s+по\s+\d{1,2}\s+[а-яё]+", re.IGNORECASE)


class _Either:
    """Text that either of two patterns finds."""

    def __init__(self, *patterns) -> None:
        self.patterns = patterns

    def search(self, text: str):
        return next((m for m in (p.search(text) for p in self.patterns) if m), None)


SPAN_TEXT = _Either(DURATION_TEXT, _DAYS_RANGE)
SCORE_TEXT = _Prefiltered(re.compile(r"\d\s?:|сч[её]том"), _SCORE_PATTERN)       # ~9 → ~2 µs a sentence


def is_day(norm: str) -> bool:
    """A day of the month as written before its month («9 октября»): a date, not a count («сколько» is not
    answered by it)."""
    return norm.isdigit() and len(norm) <= 2


def word_feature_bits(text: str, norm: str, info: WordInfo) -> tuple[int, int, int, int]:
    """FEATURE_BIT flags of a content word as written (`text`, folded `norm`): first in its sentence, then
    after a word of class AFTER_OTHER, AFTER_PREPOSITION, AFTER_PLACE_WORD. They depend on nothing else,
    so a bulk build computes them once per distinct form."""
    lemma = info.lemmas[0]
    first = text[:1]
    upper = first.isupper()
    bits = 0
    if (info.month or lemma in DATE_WORDS or YEAR_RE.match(norm) or YEAR_ORDINAL.match(norm) or CLOCK_RE.match(norm)
            or norm in TIME_OF_DAY):
        bits |= FEATURE_BIT[DATE]
    # «с 11:00»: a time of day says when, not how many or how much.
    if ((info.number and lemma not in ("один", "одна")) or (norm[0].isdigit() and not ORDINAL.match(norm))
            or lemma in NUMBER_WORDS) and not CLOCK_RE.match(norm):
        bits |= FEATURE_BIT[NUMBER]
    if info.name and upper and not text.isupper():       # «ИД», «СК»: abbreviations, not people
        bits |= FEATURE_BIT[PERSON]
    # «МИД РФ», «президент США»: a country's abbreviation names whose organ or office it is; «в РФ» is a place.
    abbreviated_place = info.place and text.isupper() and len(text) > 1
    if info.place and upper and not abbreviated_place:
        bits |= FEATURE_BIT[PLACE]
    if lemma in REASON_WORDS:
        bits |= FEATURE_BIT[REASON]
    if lemma in MONEY_WORDS or norm in MONEY_WORDS:
        bits |= FEATURE_BIT[MONEY]
    later = bits
    if upper and not text.isupper() or (first.isascii() and first.isalpha()):
        later |= FEATURE_BIT[NAMED]
    unknown_name = upper and not info.known         # also «в городах Киренск и Усть-Кут»
    after_preposition = later
    if info.adjective:
        after_preposition &= ~FEATURE_BIT[PERSON]     # «в Брюховецком районе»: a place, not Брюховецкий the man
        if upper and not text.isupper():
            after_preposition |= FEATURE_BIT[PLACE]   # «в Воркутинском районе», «в Московской области»
    if (lemma not in NOT_PLACES and info.locative and not info.month) or unknown_name or abbreviated_place:
        after_preposition |= FEATURE_BIT[PLACE]
    if DOT_CLOCK.match(norm):
        after_preposition |= FEATURE_BIT[DATE]        # «в 8.23 огонь потушили»: a time (or «на 10.07»: a day)
    after_place_word = (later | FEATURE_BIT[PLACE]) if unknown_name else later
    return bits, later, after_preposition, after_place_word


def phrase_features(text: str, reason_word: bool, age_possible: bool, enumeration_possible: bool,
                    currency_possible: bool = True) -> list[int]:
    """The FEATURE_BIT flags a sentence's phrases give (each with stem ""), in this order: a reason phrase,
    a quoted name, an age, an enumeration, a sum with a currency sign. The flags say which regexes can match
    at all (the callers' exact prefilters: these searches are most of the cost)."""
    out: list[int] = []
    if reason_word and REASON_PHRASE.search(text):
        out.append(FEATURE_BIT[REASON])
    if ("«" in text or '"' in text) and QUOTED_NAME.search(text):
        out.append(FEATURE_BIT[NAMED])
    if age_possible and AGE_PHRASE.search(text):
        out.append(FEATURE_BIT[AGE])
    if enumeration_possible and ENUMERATION.search(text):
        out.append(FEATURE_BIT[NUMBER])     # «сколько стран»: answered by listing them
    if currency_possible and CURRENCY.search(text):
        out.append(FEATURE_BIT[MONEY])
    return out


def feature_tokens(analyzed: Sequence[tuple[Token, WordInfo]], text: str) -> list[tuple[int, str]]:
    """What a sentence holds that a question may ask for, as (bit, stem of the word that holds it):
    a date, a number, a person, a place, a reason, money. A reason phrase («из-за», «так как») has stem "".
    `analyzed` is `Analyzer.analyze(text)`."""
    out: list[tuple[int, str]] = []
    previous = ""
    has_digit = has_reason_word = False
    for position, (tok, info) in enumerate(analyzed):
        after, previous = previous, tok.norm
        if tok.norm[0].isdigit():
            has_digit = True
        elif tok.norm in REASON_TOKENS or tok.norm.startswith(REASON_PREFIXES):
            has_reason_word = True
        if info.stop:
            continue
        table = word_feature_bits(tok.text, tok.norm, info)
        bits = table[1 + after_class(after)] if position > 0 else table[0]
        following = analyzed[position + 1][1] if position + 1 < len(analyzed) else None
        of_date = following is not None and (is_day(tok.norm) and following.month
                                             or is_year(tok.norm) and following.lemmas[0] == "год")
        if of_date or position > 0 and is_year(tok.norm) and analyzed[position - 1][1].month:
            bits &= ~FEATURE_BIT[NUMBER]
        if bits & FEATURE_BIT[PLACE] and position > 1 and after in PLACE_PREPOSITIONS \
                and analyzed[position - 2][1].lemmas[0] in SAYING:
            bits &= ~FEATURE_BIT[PLACE]     # «…, — уточнили в МИД РФ»: who says it, not where it happens
        if bits:
            out.append((bits, info.stem))
    age_possible = has_digit or "возраст" in text or "исполнил" in text
    out.extend((bits, "") for bits in phrase_features(text, has_reason_word, age_possible, True))
    return out


_ANNOUNCING_VERBS = ("рассказ", "сообщ", "объясн", "назва", "назвал", "выясн", "узна", "раскры", "уточн",
                     "поясн", "перечисл", "ответ", "указ")


def _may_announce(text: str) -> bool:
    """Cheap test before the ANNOUNCES regex (which is slow to fail on long sentences)."""
    if text.rstrip().endswith(":"):
        return True
    if "," not in text:
        return False
    lower = text.lower()
    return any(verb in lower for verb in _ANNOUNCING_VERBS)


def announces(text: str) -> bool:
    """`_may_announce(text) and ANNOUNCES.search(text)`, with the cheap searches first: ANNOUNCES's second
    branch is the colon at the end, its first cannot match without a QUESTION_AFTER_COMMA."""
    if text.rstrip().endswith(":"):
        return True
    return bool(QUESTION_AFTER_COMMA.search(text) and _may_announce(text) and ANNOUNCES.search(text))


# «Инвестиции в него составили 10 млрд рублей», «В ней будут учиться …»: a pronoun after a preposition in the first
# words refers to the sentence before (the н-forms «него», «ней», «них» only follow prepositions).
ANAPHOR_EARLY = re.compile(r"^\W*(?:[\w-]+\W+){0,3}?(?:в|во|на|для|у|от|к|ко|с|со|о|об|обо|при|за|под|над|перед|через"
                           r"|про|из|без|до|по|вокруг|после|около|против|среди|между)\s+(?:него|нему|ним|нем|нём|нее|неё|ней"
                           r"|нею|них|ними)\b", re.IGNORECASE)
ANNOUNCES_NEXT = 1
LEANS_BACK = 2


def _before_in_run(values: np.ndarray, run_starts: np.ndarray) -> np.ndarray:
    """Per element: the sum of the values before it in its run (runs begin at `run_starts`, the first at 0)."""
    before = np.cumsum(values) - values
    lengths = np.diff(np.append(run_starts, len(values)))
    return before - np.repeat(before[run_starts], lengths)


def joining_flags(sentences: Sequence[Sentence]) -> np.ndarray:
    """Per sentence: ANNOUNCES_NEXT when it only announces what the next sentence says («…рассказала,
    в каких регионах…»), LEANS_BACK when it cannot stand without the one before: it starts with «Он»,
    «Кроме того», …, or continues a quotation opened earlier in its paragraph.
    Whole-array conditions first, so the regexes only see the sentences that can still get a flag."""
    n = len(sentences)
    flags = np.zeros(n, dtype=np.uint8)
    if not n:
        return flags
    texts = [s.text for s in sentences]
    article = np.fromiter((s.article for s in sentences), dtype=np.int64, count=n)
    paragraph = np.fromiter((s.paragraph for s in sentences), dtype=np.int64, count=n)
    quotable = np.fromiter((s.quotable for s in sentences), dtype=bool, count=n)
    has_prev = np.zeros(n, dtype=bool)                  # the sentence before is of the same article
    has_prev[1:] = article[1:] == article[:-1]
    same_paragraph = has_prev.copy()
    same_paragraph[1:] &= paragraph[1:] == paragraph[:-1]

    # Quotation marks opened before the sentence in its paragraph: «…» nest, "…" alternate.
    run_starts = np.flatnonzero(~same_paragraph)
    depth = _before_in_run(np.fromiter((t.count("«") - t.count("»") for t in texts), dtype=np.int64, count=n),
                           run_starts)
    straight = _before_in_run(np.fromiter((t.count('"') for t in texts), dtype=np.int64, count=n), run_starts)
    quote_open_before = (depth > 0) | (straight % 2 == 1)

    next_in_article = np.zeros(n, dtype=bool)
    next_in_article[:-1] = has_prev[1:] & quotable[1:]
    for i in np.flatnonzero(next_in_article & (paragraph != -1)).tolist():
        if announces(texts[i]):
            flags[i] |= ANNOUNCES_NEXT

    can_lean = has_prev & quotable
    can_lean[1:] &= quotable[:-1] & (paragraph[:-1] != -1)
    flags[can_lean & same_paragraph & quote_open_before] |= LEANS_BACK
    for i in np.flatnonzero(can_lean & ~(same_paragraph & quote_open_before)).tolist():
        if LEANING_START.match(texts[i]) or ANAPHOR_EARLY.match(texts[i]):
            flags[i] |= LEANS_BACK
    return flags
