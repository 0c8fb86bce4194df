"""Normalisation shared by corpus and questions: tokens, lemmas, stems, stop words.

One `Analyzer` per process; every word is analysed once (results are cached per lower-case form).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import pymorphy3
import Stemmer

log = logging.getLogger(__name__)

# A token: a number with its inner punctuation kept («2020-2022», «3+3», «7:4», «1,5»), or a word with its
# hyphenated parts kept together («российско-азербайджанских», «пресс-секретарь»).
TOKEN_RE = re.compile(
    r"\d+(?:[.,:+\-–]\d+)*(?:-[^\W\d_]+)?"      # 11, 2020-2022, 3+3, 7:4, 113-й
    r"|[^\W\d_]+(?:[\-‑][^\W\d_]+)*(?:-?\d+\b)?"  # words, hyphenated words, «Формула-1», «Су-57», «М5», «G7»
    r"|[%°$€₽]",                                    # signs that stand for a word (SIGN_WORDS)
)
# «Напомним, что …», «Отметим, …»: a report's formulas, in the future tense but of nothing to come.
EDITORIAL_FORMULAS = frozenset({"напомним", "отметим", "добавим", "уточним", "подчеркнем", "заметим", "повторим",
                                "напомню", "отмечу", "добавлю", "уточню", "подчеркну", "замечу", "скажем"})
# «десятилетний», «двухэтажный», «трехкомнатный»: a number and a word, as «10-летний», «2-этажный» are written.
NUMERAL_PREFIXES = {"одно": 1, "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8,
                    "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12, "тринадцати": 13,
                    "четырнадцати": 14, "пятнадцати": 15, "шестнадцати": 16, "семнадцати": 17, "восемнадцати": 18,
                    "девятнадцати": 19, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50,
                    "шестидесяти": 60, "семидесяти": 70, "восьмидесяти": 80, "девяноста": 90}
NUMERAL_COMPOUND = re.compile(
    r"^(" + "|".join(sorted(NUMERAL_PREFIXES, key=len, reverse=True)) + r")"
    r"(летний|летие|этажный|этажка|комнатный|кратный|месячный|недельный|дневный|часовой|минутный|секундный"
    r"|метровый|километровый|тонный|процентный|местный|серийный|разовый|годичный|томный|значный)$")
# «выросли на 10%», «на 16°С выше нормы», «$100»: the sign is the word a question asks with («сколько процентов»).
SIGN_WORDS = {"%": "процент", "°": "градус", "$": "доллар", "€": "евро", "₽": "рубль"}

# First parts of hyphenated words that pymorphy3 reads as nouns but only qualify the rest («вице-премьер»).
HYPHEN_PREFIXES = frozenset(["вице", "пресс", "обер", "унтер", "штаб", "контр", "лейб", "псевдо", "квази", "мини",
                             "макси", "супер", "медиа", "экспресс"])

# Roman numerals up to 39, as news write centuries and ordinals («XIX век», «XV съезд»); read lower case.
ROMAN = re.compile(r"^(?:x{1,3})?(?:ix|iv|v?i{0,3})$")


def roman_value(numeral: str) -> int:
    """The value of a lower-case Roman numeral that ROMAN matches («xix» → 19)."""
    values = {"i": 1, "v": 5, "x": 10}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        total += -values[a] if b != " " and values[a] < values[b] else values[a]
    return total


# Grammatical classes that never carry the topic of a question or a sentence.
STOP_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED"})

VERB_POS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})

# Words that shape a question but are not what it is about; compared as lemmas.
QUESTION_WORDS = frozenset(["кто", "что", "где", "когда", "куда", "откуда", "почему", "зачем", "как", "какой", "какова", "каков", "который", "чей", "сколько", "скольки", "насколько", "почем", "ли", "ль", "же", "бы", "разве", "неужели", "такой", "таков", "это", "этот", "тот", "то", "весь", "сам", "свой", "вот", "там", "тут", "здесь", "туда", "сюда", "оттуда", "отсюда", "быть", "являться", "иметься", "стать", "становиться", "сказать", "рассказать", "говорить", "сообщить", "заявить", "отметить", "говориться",
    "комментировать", "прокомментировать", "высказаться", "высказываться", "зваться", "известно", "известный", "происходить", "написать", "писать",
    # how people open a question in a chat: «Подскажи, …», «Хочу узнать, …», «Слушай, …», «Интересно, …»
    "подсказать", "подсказывать", "напомнить", "напоминать", "объяснить", "объяснять", "узнать", "узнавать",
    "хотеть", "хотеться", "знать", "уточнить", "уточнять", "слушать", "интересно", "любопытно", "интересовать",
    # «я что-то не пойму», «не понимаю, кто …»
    "понять", "понимать",
    # and how they write to an editor: «Уважаемая редакция! … Не будете ли Вы столь любезны… Заранее благодарю.»
    "уважаемый", "любезный", "любезно", "столь", "заранее", "благодарить", "спасибо", "разъяснить", "пояснить"])

# Function words pymorphy3 may tag as something else in a question.
EXTRA_STOP = frozenset(["и", "а", "но", "или", "да", "нет", "не", "ни", "в", "во", "на", "с", "со", "к", "ко", "по", "о", "об", "обо", "от", "до", "из", "за", "у", "при", "для", "про", "без", "под", "над", "через", "между", "мочь", "можно", "нужно", "надо", "ли", "также", "тоже", "еще", "уже", "ещё", "очень", "вообще", "именно", "только", "лишь", "ранее", "теперь", "сейчас",
    # hedges: «когда примерно…», «откуда якобы везли…», «что конкретно…»
    "примерно", "приблизительно", "якобы", "конкретно", "вкратце", "вроде", "наверное", "точно", "тогда",
    # chat fillers: «песков че сказал типа как щас идет работа», «короче, кто победил»
    "типа", "короче",
    # «в нём», «о нём» once ё is folded: pymorphy3 reads «нем» as a rare adjective, not as «он»
    "нем",
    # «зачем нужна X», «что нужно», «должен был»: a modal, like «надо»
    "нужный", "должный",
    # when the asker is, not when the story was: «что недавно сказал…», «кого вчера задержали»
    "недавно", "сегодня", "вчера", "позавчера",
    # what came next, asked for: «что стало с медведем потом», «что было дальше»
    "потом", "затем", "дальше", "впоследствии",
    # honorifics: «господин Песков», «г-н Фадеев»
    "господин", "госпожа", "г-н", "г-жа", "мистер", "миссис"])

# Numerals written as words, as their digits: «восьмерых», «восьми» and «8» are the same number.
NUMERAL_DIGITS = {
    "ноль": "0", "один": "1", "два": "2", "три": "3", "четыре": "4", "пять": "5", "шесть": "6", "семь": "7",
    "восемь": "8", "девять": "9", "десять": "10", "одиннадцать": "11", "двенадцать": "12", "тринадцать": "13",
    "четырнадцать": "14", "пятнадцать": "15", "шестнадцать": "16", "семнадцать": "17", "восемнадцать": "18",
    "девятнадцать": "19", "двадцать": "20", "тридцать": "30", "сорок": "40", "пятьдесят": "50",
    "шестьдесят": "60", "семьдесят": "70", "восемьдесят": "80", "девяносто": "90", "сто": "100",
    "двести": "200", "триста": "300", "четыреста": "400", "пятьсот": "500",
    "двое": "2", "трое": "3", "четверо": "4", "пятеро": "5", "шестеро": "6", "семеро": "7", "восьмеро": "8",
    "девятеро": "9", "десятеро": "10", "оба": "2", "полтора": "1,5",
}

MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)


def fold(text: str) -> str:
    """Lower case with ё folded to е: the form every comparison uses."""
    return text.lower().replace("ё", "е")


class Token(NamedTuple):
    text: str       # as written
    norm: str       # folded (lower case, ё→е)
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Word and number tokens with their character spans; punctuation and emoji are dropped."""
    folded = fold(text)
    if len(folded) != len(text):      # a rare character whose lower case is longer: fold token by token
        return [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    return [Token(m.group(), folded[m.start():m.end()], m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def folded_words(text: str) -> list[str]:
    """The folded forms `tokenize` gives (its `norm`s), without building spans: ~2x faster, for a check that
    reads the words only."""
    folded = fold(text)
    return TOKEN_RE.findall(folded) if len(folded) == len(text) else [fold(w) for w in TOKEN_RE.findall(text)]


@dataclass(frozen=True)
class WordInfo:
    """What the engine needs to know about one word form."""

    lemmas: tuple[str, ...]   # first normal form first; surname/name/place readings added (Песков → песок, песков)
    stem: str
    stop: bool                # grammar word or question word: never drives the ranking
    number: bool              # a numeral (digits, «восьмерых», «двое»)
    name: bool                # can be a person's surname, first name or patronymic
    place: bool               # a geographical name
    month: bool
    verb: bool = False        # verb, participle, gerund: weaker evidence than a noun when missing
    known: bool = True        # in pymorphy3's dictionary (unknown words may be typos)
    locative: bool = False    # an inanimate noun that can be in the prepositional case («в больнице»)
    common_abbr: bool = False  # an abbreviation of a common noun («ДТП», «СИЗО», «ЕГЭ»): a topic, not a name
    future: bool = False      # a verb in the future tense («пройдет», «освободят»; not «уходят», read as perfective too)
    adjective: bool = False   # read first as an adjective («в Брюховецком районе»), though a surname too


_UNSET = object()


def _load_colloquial() -> dict[str, str]:
    table: dict[str, str] = {}
    try:
        text = resources.files("index").joinpath("data/colloquial.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return table
    for line in text.splitlines():
        if "->" in line and not line.lstrip().startswith("#"):
            left, right = (part.strip() for part in line.split("->", 1))
            if left and right:
                table[fold(left)] = fold(right)
    return table


# Names written in Latin letters in one place and in Cyrillic in another («Forbes» / «форбс», «Greenpeace» /
# «гринпис», «YotaPhone» / «йотафон», «Telegram» / «телеграм»): compared by their consonants, as both spellings
# render the same sounds. Vowels, «й», «ь», «ъ» and Latin «y» vary between renderings and are left out.
_CYRILLIC_SOUNDS = {"б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m",
                    "н": "n", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
                    "ш": "sh", "щ": "sh"}
_LATIN_SOUNDS = re.compile(r"ph|ck|ch|sh|zh|kh|th|ts|tz|wh|c[eiy]|[a-z]")
_LATIN_SOUND = {"ph": "f", "ck": "k", "kh": "h", "th": "t", "tz": "ts", "wh": "v", "ce": "s", "ci": "s", "cy": "s",
                "c": "k", "q": "k", "w": "v", "x": "ks", "j": "dzh"}


def consonant_key(word: str) -> str:
    """The consonants of a word as Latin letters, doubled ones once: «гринпис» and «greenpeace» → «grnps»."""
    if word.isascii():
        sounds = [_LATIN_SOUND.get(m.group(), m.group()) for m in _LATIN_SOUNDS.finditer(word.lower())
                  if m.group() not in ("a", "e", "i", "o", "u", "y")]
    else:
        sounds = [_CYRILLIC_SOUNDS.get(ch, "") for ch in fold(word)]
    out: list[str] = []
    for sound in sounds:
        if sound and (not out or out[-1] != sound):
            out.append(sound)
    return "".join(out)


class Analyzer:
    """Lemmas, stems and word classes for Russian words, cached per form."""

    def __init__(self) -> None:
        self.morph = pymorphy3.MorphAnalyzer()
        self.stemmer = Stemmer.Stemmer("russian")
        self.colloquial = _load_colloquial()
        self.info = lru_cache(maxsize=500_000)(self._info)
        self._pos_of: dict[str, str | None] = {}     # a tag's part of speech, as a plain str (`_pos`)

    def _pos(self, tag) -> str | None:
        """`tag.POS` as a plain str, once per tag: pymorphy3 computes the attribute on every read, and its
        result compares through Python code (a fifth of the cold build's analysis at 10^5)."""
        key = str(tag)
        pos = self._pos_of.get(key, _UNSET)
        if pos is _UNSET:
            found = tag.POS
            pos = self._pos_of[key] = None if found is None else str(found)
        return pos

    def _info(self, norm: str) -> WordInfo:
        try:
            return self._analyse(norm)
        except (ValueError, KeyError, IndexError) as exc:
            # pymorphy3 fails on some letters outside Russian (it asks unicodedata for their names):
            # such a word is kept as written.
            log.debug("pymorphy3 cannot analyse %r: %s", norm, exc)
            return WordInfo((norm,), norm, False, False, False, False, False, known=False)

    def _analyse(self, norm: str) -> WordInfo:
        norm = self.colloquial.get(norm) or SIGN_WORDS.get(norm, norm)
        stem = self.stemmer.stemWord(norm)
        if norm[0].isdigit():
            # «92-го», «113-й»: the number itself too («бензин Аи-92», «92-й бензин»); not a lone digit («5-ти»).
            head, _, tail = norm.partition("-")
            if tail.isalpha() and len(tail) > 3:
                # «10-летнего», «3-комнатную»: the compound in its normal form («10-летний»), as its spelled-out
                # twin «десятилетний» is read (NUMERAL_COMPOUND), and the number.
                compound = f"{head}-{fold(self.morph.parse(tail)[0].normal_form)}"
                return WordInfo((compound, head) if len(head) > 1 else (compound,), norm, False, True, False, False,
                                False)
            return WordInfo((norm, head) if tail.isalpha() and len(head) > 1 else (norm,), norm, False, True, False,
                            False, False)
        if len(norm) == 1 and not norm.isdigit():
            return WordInfo((norm,), norm, True, False, False, False, False)
        if "-" in norm or "‑" in norm:
            # Hyphenated words: pymorphy3 knows some («пресс-секретарь»); otherwise lemmatise the last part.
            # The head word is indexed too, so «экс-президента» is found by «президент».
            norm = norm.replace("‑", "-")
            first, _, last = norm.partition("-")
            if last in _INDEFINITE_ENDS:
                # «чё-нибудь», «кто-нить»: chat spellings of «что-нибудь», «кто-нибудь» (the colloquial table's
                # «чё» → «что»), read as those
                chat = self.colloquial.get(first, first)
                norm = f"{first if ' ' in chat else chat}-{_INDEFINITE_ENDS[last]}"
            parses = self.morph.parse(norm)
            lemma = fold(parses[0].normal_form) if parses else norm
            head, _, tail = norm.rpartition("-")
            tail_lemma = fold(self.morph.parse(tail)[0].normal_form) if tail else tail
            if lemma.count("-") != norm.count("-"):
                lemma = head + "-" + tail_lemma
            lemmas = (lemma, tail_lemma) if len(tail) > 3 and tail_lemma != lemma else (lemma,)
            if tail.isdigit() and len(tail) > 1:
                lemmas = (lemma, tail)            # «Аи-92», «МС-27»: the number too (not «Формула-1»'s 1)
            elif len(head) > 3 and "-" not in head and head not in HYPHEN_PREFIXES:
                # A compound of two nouns names both: «космонавты-испытатели» are космонавты, «премьер-министр»
                # a премьер (not the prefixes «вице», «пресс», … that pymorphy3 reads as nouns).
                first = self.morph.parse(head)[0]
                head_lemma = fold(first.normal_form)
                if first.is_known and first.tag.POS == "NOUN" and head_lemma not in lemmas:
                    lemmas = (*lemmas, head_lemma)
                elif head.endswith("о") and tail_lemma.endswith(("ый", "ий", "ой")):
                    # «торгово-экономического», «культурно-гуманитарного»: a compound adjective names both, and its
                    # first part is the adjective «торговый», «культурный» («торговля» finds it as its family).
                    # Not «российско-» → «российский»: «россиян» would find every «российско-азербайджанских» (−3).
                    adjective = self.morph.parse(head[:-1] + "ый")[0]
                    if adjective.is_known and adjective.tag.POS == "ADJF":
                        lemmas = (*lemmas, fold(adjective.normal_form))
            return WordInfo(lemmas, stem, _hyphenated_stop(norm, parses[0] if parses else None), False, False,
                            False, False)
        # Grammemes are tested in `tag.grammemes` (a frozenset), not with `in tag`, which checks that an absent
        # grammeme exists in Python code.
        parses = self.morph.parse(norm)
        first = parses[0]
        if "impr" in first.tag.grammemes and len(parses) > 1:
            # «нашли», «пришли», «пошли»: pymorphy3 scores the imperative of наслать/прислать/послать as
            # likely as the past of найти/прийти/пойти and may list it first; news and questions about them
            # use the past.
            first = next((p for p in parses[1:4] if p.score >= first.score and "impr" not in p.tag.grammemes), first)
        if len(norm) <= 6 and self._pos(first.tag) in ("ADJS", "ADVB"):
            # «сизо» is СИЗО, not the short form of «сизый»: an abbreviation's reading wins over a short form.
            first = next((p for p in parses[1:4] if {"Abbr", "Fixd"} <= p.tag.grammemes), first)
        first_tag = first.tag.grammemes
        pos = self._pos(first.tag)
        lemmas = [fold(first.normal_form)]
        name = place = locative = False
        for i, p in enumerate(parses[:6]):
            grammemes = p.tag.grammemes
            if i < 3 and ("loct" in grammemes or "loc2" in grammemes):
                locative = locative or ("NOUN" in grammemes and "inan" in grammemes)
            if "Surn" in grammemes or "Name" in grammemes or "Patr" in grammemes:
                name = True
            elif "Geox" in grammemes:
                place = True
            else:
                continue
            lemma = fold(p.normal_form)
            if lemma not in lemmas:
                lemmas.append(lemma)
        mapped = self.colloquial.get(lemmas[0])
        if mapped and lemmas[0] != norm and " " not in mapped and mapped not in self.colloquial:   # no chains, no loops
            return self._analyse(mapped)       # «бабла», «тачку»: a form of a colloquial word, read as the standard one
        if pos == "NUMR" and lemmas[0] in NUMERAL_DIGITS:
            lemmas.append(NUMERAL_DIGITS[lemmas[0]])
        if len(norm) > 1 and ROMAN.match(norm):
            lemmas.append(str(roman_value(norm)))     # «в XIX веке» is «в 19 веке»
        compound = NUMERAL_COMPOUND.match(lemmas[0])
        if compound:
            lemmas.append(f"{NUMERAL_PREFIXES[compound.group(1)]}-{compound.group(2)}")   # «десятилетний» → 10-летний
        # Pronominal adjectives («наш», «каждый», «другой», «сам») say nothing of a topic either.
        stop = pos in STOP_POS or "Apro" in first_tag or lemmas[0] in QUESTION_WORDS or norm in EXTRA_STOP \
            or lemmas[0] in EXTRA_STOP
        number = pos == "NUMR"   # not ordinals: «в седьмом туре» does not answer «сколько»
        verb = pos in VERB_POS
        known = first.is_known
        common_abbr = "Abbr" in first_tag and not ("Orgn" in first_tag or "Geox" in first_tag or name)
        future = pos == "VERB" and "futr" in first_tag and not any("pres" in p.tag.grammemes for p in parses[:6]) \
            and norm not in EDITORIAL_FORMULAS
        return WordInfo(tuple(lemmas), stem, stop, number, name, place, lemmas[0] in MONTHS, verb, known,
                        locative, common_abbr, future, pos == "ADJF")

    def analyze(self, text: str) -> list[tuple[Token, WordInfo]]:
        """Every token of `text` with its analysis (grammar words included)."""
        info = self.info
        return [(tok, info(tok.norm)) for tok in tokenize(text)]

    def content(self, text: str) -> list[tuple[Token, WordInfo]]:
        """Tokens of `text` that can carry its topic, with their analysis."""
        return [pair for pair in self.analyze(text) if not pair[1].stop]

    def lemma_list(self, text: str) -> list[str]:
        """Bag of lemmas of the content words of `text` (all readings of ambiguous names)."""
        return [lemma for _, info in self.content(text) for lemma in info.lemmas]


# Indefinite pronouns and adverbs: «как-то», «кто-нибудь», «какой-либо», «кое-что».
_INDEFINITE = re.compile(r"^кое-|-(?:то|либо|нибудь)$")


# Endings of indefinite pronouns, with chat spellings read as the standard ones («кто-нить» is «кто-нибудь»).
_INDEFINITE_ENDS = {"то": "то", "либо": "либо", "нибудь": "нибудь", "нить": "нибудь", "нибуть": "нибудь"}


def _hyphenated_stop(norm: str, parse) -> bool:
    """A hyphenated grammar word carries no topic: «из-за», «во-первых», and indefinite pronouns and adverbs
    («как-то», «какие-то», «кто-нибудь»), which pymorphy3 tags as pronouns, pronominal adjectives (Apro) or
    adverbs."""
    if parse is None or not parse.is_known:
        return False
    tag = parse.tag
    if tag.POS in STOP_POS or "Prnt" in tag:
        return True
    return bool(_INDEFINITE.search(norm)) and (tag.POS == "ADVB" or "Apro" in tag)


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """The process-wide analyzer (pymorphy3's dictionaries take a moment to load)."""
    return Analyzer()
