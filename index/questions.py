"""What a question asks: its type (a date for «когда», a number for «сколько», …), the words that only
frame it («по словам Пескова», «какую должность занимает»), and the groups of words it is about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Question types and what a sentence must hold to answer them.
DATE, NUMBER, PERSON, PLACE, REASON, MONEY = "date", "number", "person", "place", "reason", "money"
NAMED, AGE, WHICH = "named", "age", "which"
# «с какого / до какого числа», «с какого по какое» ask for a day; «до какого уровня снизилась безработица», «с какого
# раза», «с какого вокзала ушёл поезд» do not: only a word of time (or nothing) after them makes a date question.
A_DAY = (r"(?:\s+(?:числа|года|дня|месяца|времени|срока|периода|часа|по|и\s+до)\b|\s*(?:[?!.,;]|$))")
# «что крикнул тот, кто облил журналиста?»: «кто» after «тот», «те», «все», … opens a relative clause, not a question.
_NOT_RELATIVE = "".join(rf"(?<!\b{w},\s)(?<!\b{w}\s)" for w in ("тот", "те", "тех", "тем", "того", "тому", "все", "всех",
                                                              "каждый", "всем"))
# «Назовите дату …», «Уточните сроки и место …», «Скажите имя …»: a request with no question word, whose first noun is
# the kind of thing asked for.
_REQUEST = (r"\b(?:назови|назовите|уточни|уточните|подскажи|подскажите|скажи|скажите|напомни|напомните|сообщи|сообщите"
            r"|укажи|укажите|перечисли|перечислите)\b,?\s+(?:(?:пожалуйста|мне|нам),?\s+)*(?:точн\w+\s+|полн\w+\s+|вс\w+\s+)?")
QTYPE_PATTERNS = [
    (AGE, re.compile(r"(?<!\bна )\bсколько (?:\w+ )?лет\b(?! назад| спустя| подряд| (?:дали|дадут|дал|получ\w*|грозит|грозило|светит|назначи\w*|тюрьм\w*|колони\w*|заключени\w*|лишени\w*|проси\w*|попроси\w*|запроси\w*|требова\w*|потребова\w*))|\bкакой возраст|\bкакого возраста|\bв каком возрасте|\bсколько исполнилось",
                     re.IGNORECASE)),
    (NAMED, re.compile(r"\bкак (?:называ|назва|именуе)\w*|\bкакое (?:название|имя)\b|\bпод каким (?:названием|именем)"
                       r"|\bкак(?:ой|ая|ое|ие) (?:бренд|марк|компани|фирм|групп|организаци|партия|фильм|книг|песн)\w* (?:назва)", re.IGNORECASE)),
    (MONEY, re.compile(r"\bво сколько (?:обош|обойд|оцени|стал|стан)|\bсколько (?:\w+ )?(?:стои|стоил|стоят\b|потрат|заплат|выдел|зарабат|обош|обойд)"
                       # «сколько процентов получил кандидат» is a count: before «получил» only money or a pronoun
                       r"|\bсколько (?:(?:денег|рублей|долларов|евро|тысяч|миллион\w*|миллиард\w*|же|он|она|они|всего|ещё|еще"
                       r"|именно|уже|это|сейчас|теперь|в среднем) )?получ|\bкакова (?:стоимость|цена|сумма)|\bкакая (?:цена|сумма|стоимость)"
                       r"|\bза сколько\b(?!\s+(?:секунд|минут|час|дн|суток|недел|месяц|лет|год|времени|раз|ход))|\bпоч[её]м\b|\bво что (?:обош|обойд|обход)"
                       r"|\bсколько (?:\w+ ){0,2}?(?:денег|средств|денежных средств)\b", re.IGNORECASE)),
    # «Какое число?» is a date; «какое число россиян» a count (NUMBER).
    (DATE, re.compile(r"\bкогда\b|\bкакого числа\b|\b(?:на|к|до|по) какое число\b|\bпо каким (?:числам|датам)\b|\bкакое (?:сегодня |было |будет )?число\b(?=\s*(?:[?!.,;]|$|был|будет|это))"
                      r"|\bв какое время\b|\bв как(ом|ие|ой|их) (году|годы|годах|месяце|месяцы|месяцах|день|дни|числа|сроки|даты)\b|\bв какой (?:месяц|год)\b"
                      rf"|\bс какого\b(?={A_DAY})|\bдо какого\b(?={A_DAY})|\bкакого года\b|\bкак(ой|ая) дат|\bдат[аыуео]\w*\b"
                      r"|\bво сколько\b(?!\s+раз)|\bв котором часу\b|\bкакой (?:месяц|год)\b(?=\s*(?:[?!.,;]|$|был\w*\b|это\b))"
                      r"|\bкакого месяца\b|\bв как(?:ой|ие) (?:период|периоды|промежуток|отрезок|срок)\b|"
                      + _REQUEST + r"(?:сроки|срок|время|число)\b", re.IGNORECASE)),
    (NUMBER, re.compile(r"\bкак (?:долго|далеко|много|глубоко|высоко|быстро|сильно|часто)\b|\bкаково (?:число|количество)\b|\bкакое число\b|\bскольк|\bскока\b|\bскоко\b|\bнасколько\b|\bкакое количество\b|\bкаким сч[её]том|\bкакой сч[её]т\b"
                        r"|\bс каким сч[её]том|\bво сколько\b|\bкакой процент|\bкакая сумма|\bкакую сумму", re.IGNORECASE)),
    (REASON, re.compile(r"\bпочему\b|\bзачем\b|\bиз-за чего\b|\bот чего\b|\bотчего\b|\bпо какой причине\b"
                        r"|\bза что\b|\bв ч[её]м обвиня|\bкакое преступление|\bчем вызван|\bна каком основании\b"
                        r"|\bс какой целью\b|\bв связи с чем\b|\bради чего\b|\bдля чего\b|\bкаков\w* причин|\bв ч[её]м причин", re.IGNORECASE)),
    # «Откуда это известно?», «откуда министр узнал…» ask for a source, not a place.
    (PLACE, re.compile(r"\bгде\b|\bкуда\b|\bоткуда\b(?![^?,.;]*\b(?:известн|узна|знаю|знает|знают|слыша))|\bв как(ом|ой|их) (город|стран|регион|област|мест)"
                       r"|\bв как(ом|ой|их) (?:сел[еаоу]|деревн|пос[её]лк|станиц|район|округ|республик|провинци|штат|столиц|улиц)"
                       r"|\bиз как(ой|ого) (стран|город|регион)|" + _REQUEST + r"мест[оа]\b", re.IGNORECASE)),
    # «Кто-нибудь пострадал?», «кого-то задержали?» ask whether, not who.
    (PERSON, re.compile(_NOT_RELATIVE + r"\bкто\b(?!-)|\bкого\b(?!-)|\bкому\b(?!-)|\bкем\b(?!-)|\bо ком\b|\bкак (?:зовут|звали)\b|\bчь[еия]"
                        r"|" + _REQUEST + r"(?:имя|имена|фамили\w*|фио)\b", re.IGNORECASE)),
    # «Какой фильм окупился?»: the answer names something the question does not (a title, a name, a figure),
    # unlike a headline that restates the question. A weaker expectation than the types above.
    (WHICH, re.compile(r"\bкак(?:ой|ая|ое|ие|ого|ую|ом|им|ими|их|ому)\b(?! образом| способом| момента)|\bчто за\b", re.IGNORECASE)),
]

# Words that frame a question without being its topic: «по словам Пескова», «по версии Баку».
_MEDIA = (r"(?:сми|пресс[аеуы]|новост(?:и|ям|ях|ей)|журналист(?:ам|ов|ы)|источник(?:ам|ов|и)|издани(?:ям|й|я)|медиа"
          r"|газет(?:ам|ах|ы)|соцсет(?:ям|ях|и)|интернете|телеграме?)")
_FRAMING_PARTS = (
    r"\bпо (?:его |ее |её |их )?(?:словам|мнению|версии|данным|информации|оценке|сведениям)\b|\bесли верить\b",
    r"\bчто такое\b|\bкак (?:зовут|звали)\b|\bчто известно\b",
    # greetings and courtesies inside the question's sentence: «Добрый день, не могли бы вы уточнить …»
    (r"\bдобр(?:ый|ое|ого|ой) (?:день|утро|вечер|ночи|времени суток)\b|\bздравствуй(?:те)?\b|\bпривет(?:ствую)?\b"
     r"|\bбудь(?:те)? (?:добры|любезны)\b|\bне откажите(?: в любезности)?\b|\bне сочтите за труд\b"
     r"|\bесли (?:вам |тебе )?не (?:трудно|сложно)\b"),
    # «что стало с медведем»: what happened to it, told by whatever the article says of it
    r"\bчто (?:стало|станет|будет|случилось|произошло) (?=с\b|со\b)",
    (r"\bкакого числа\b|\b(?:с|до|к) какого (?:числа|месяца|дня|года|времени)\b|\b(?:по|на|до) какое число\b"
     r"|\bпо каким (?:числам|датам)\b"
     r"|\bкакое (?:сегодня |было )?число\b"),
    (r"\bв как(?:ом|ие|ой|их) (?:году|годы|годах|месяце|месяцы|месяцах|день|дни|числа|сроки|даты)\b|\bв какой (?:месяц|год)\b|\bкакого года\b"
    r"|\bкакой (?:месяц|год)\b(?=\s*(?:[?!.,;]|$|был\w*\b|это\b))|\bкакого месяца\b"
    r"|\bв как(?:ой|ие) (?:период|периоды|промежуток|отрезок)(?: времени)?\b"),
    r"\b(?:точн\w+\s+)?дат(?:а|ы|у|ой)\b",          # «точные даты консультаций»: the type asks for the date
    r"\bпо делу (?:о|об)\b|\bкак (?:долго|далеко|глубоко|высоко|быстро|часто)\b",
    r"\bкаков\w* причин\w*|\bв ч[её]м причин\w*|\bкаким (?:образом|способом)\b",
    # the asker's own time, not the story's
    r"\bв (?:этом|прошлом|позапрошлом|текущем|нынешнем|минувшем|том же) (?:году|месяце)\b",
    r"\bна (?:этой|прошлой|позапрошлой|той|текущей|минувшей) неделе\b|\bна днях\b|\bв последнее время\b",
    r"\bв (?:итоге|конце концов|конечном счете|конечном счёте)\b|\bдо сих пор\b|\bв настоящее время\b",
    r"\bна данный момент\b|\bна сегодняшний день\b",
    # prepositions of several words: «в ходе консультаций» asks about the talks, not about a «ход»
    r"\bв ходе\b|\bв течение\b|\bна протяжении\b|\bв процессе\b",
    # «Много ли людей обращаются …?»: whether many, which «многочисленные обращения» answers without a figure
    r"\bмного ли\b",
    # «россиян, о которых идёт речь»: pointing back at the story, not a word of it
    (r"\b(?:о|об) котор\w+ (?:(?:ид[её]т|шла|ш[её]л|шло) речь|говорится|говорилось|пишут|писали|сообщается"
     r"|сообщалось)\b"),
    # asking for the very words: the quote is the answer anyway
    r"\bдословно\b|\bслово в слово\b|\bцитат(?:а|у|ой|ы)\b|\bточн(?:ые|ыми) слова(?:ми)?\b",
    # «С какими словами …», «какую метафору употребил …», «какой формулировкой»: the wording, which the quote is
    (r"\b(?:с\s+)?как(?:ими|ие|ую|ое|ой|им|ая)\s+(?:именно\s+)?(?:словами|слова|формулировк(?:ой|у|а|и)|выражени(?:ем|е|я)"
     r"|метафор(?:ой|у|а|ы)|оборот(?:ом)?|эпитет(?:ом|ами|ы)?|фраз(?:ой|у|а|ы))\b"),
    # «слова Пескова»: what he said, which a passage gives without the word
    r"\bслова(?:ми)?\b(?= (?-i:[А-ЯЁ]))",
)
FRAMING = re.compile("|".join(_FRAMING_PARTS), re.IGNORECASE)
# What the asker heard or thinks, not what the answer must hold: «я слышал, что …», «мне друг сказал, что …»,
# «я так понял, что …», «на самом деле», «в связи с» (not «в связи с чем»: why). Only the asker's own: «Он понял,
# что проиграл?» keeps its verb.
_HEARSAY = re.compile(
    r"(?:\bя\s+|^\s*|(?<=[.!?,;])\s*)(?:где-то\s+|вроде\s+|тут\s+)?(?:слышал|читал|думал|понял|видел)[аи]?\s*,?\s*"
    r"(?:что|будто)\b"
    r"|\bя так понял[аи]?\s*,?\s*(?:что\b)?"
    r"|\b(?:мне\s+(?:(?:друг|подруга|знакомый|знакомая|коллега|коллеги|друзья|кто-то)\s+)?"
    r"|(?:друг|подруга|знакомый|знакомая|коллега|коллеги|друзья)\s+(?:мне\s+)?)"
    r"(?:сказал|говорил|говорит|говорят|рассказал|рассказывал|пишет|писал)[аи]?\s*,?\s*(?:что|будто)\b"
    r"|\bговорят\s*,\s*(?:что|будто)\b|\bна самом деле\b|\bв связи с\b(?! чем)", re.IGNORECASE)
_HEARSAY_VERBS = ("слыш", "читал", "думал", "понял", "видел", "говор", "сказал", "рассказ", "пишет", "писал")
# The asker's guess beside the question word: «в интервью сказал или где?», «летом или когда?» ask where and when;
# the guess is what the answer may correct («в ходе брифинга»), not what it must hold. A second word of the guess
# only when it is a name («в Нижнем Новгороде или где»).
_GUESS = re.compile(r"(?<![\w-])(?:в|на|во)\s+[\w-]+(?:\s+(?-i:[А-ЯЁA-Z])[\w-]*)?"
                    r"(?=(?:\s+[\w-]+)?\s*,?\s+или\s+(?:где|где-то|куда)\b)"
                    r"|(?<![\w-])[\w-]+(?=\s*,?\s+или\s+когда\b)", re.IGNORECASE)


def asker_framed(text: str) -> str:
    """`text` without what the asker heard or guesses (_HEARSAY, _GUESS); the regexes run only when a word they
    need is there (most questions have none)."""
    low = text.lower()
    if ((("что" in low or "будто" in low) and any(verb in low for verb in _HEARSAY_VERBS)) or "самом деле" in low
            or "в связи" in low or "так понял" in low):
        text = _HEARSAY.sub(" ", text)
    if " или " in text or " Или " in text:
        text = _GUESS.sub(" ", text)
    return text
# A fact-check: «Верно ли, что …», «Правда, что …», «Действительно ли …», «Подтверждается ли, что …». The words
# frame the claim; the claim's figures are the asker's and may be wrong (`QuestionReader.parse`).
_VERIFY = re.compile(r"\b(?:верно|правда|правильно|действительно|точно|истинно)\s+ли\b|\bтак\s+ли\b(?=\s*,?\s*что\b)"
                     r"|(?:^|(?<=[.!?,;]))\s*(?:а\s+|и\s+)?(?:это\s+)?правда\s*,?\s+что\b"
                     r"|\bподтвержда(?:ется|ются)\s+ли\b|\bсоответству\w*\s+ли\s+(?:это\s+)?действительности\b|\bнеужели\b",
                     re.IGNORECASE)


def verified(text: str) -> tuple[str, bool]:
    """(`text` without the words of a fact-check, whether it is one); the regex runs only when «ли», «правда»
    or «неужели» is there."""
    low = text.lower()
    if " ли" not in low and "правда" not in low and "неужели" not in low:
        return text, False
    out, n = _VERIFY.subn(" ", text)
    return out, n > 0


# «Какие новости по …?», «что нового о …», «есть подробности про …»: asks for whatever the coverage says,
# not for something of a type; read out before the question's type.
OPEN_QUESTION = re.compile(r"\b(?:какие(?:-нибудь)?|есть ли|есть)\s+(?:(?:последние|свежие|новые)\s+)?(?:новости|подробности"
                           r"|сведения|данные)\b|\bчто (?:нового|новенького|слышно)\b|(?<!откуда )\bинфа\b", re.IGNORECASE)
# Where the asker read it: «по данным СМИ», «как пишут в новостях», «если верить прессе». Read out before
# FRAMING (whose «по данным» alone would leave «СМИ»), and only when a word of _MEDIA or «пишут» is there.
SOURCE = re.compile("|".join([
    (rf"\b(?:по (?:данным|информации|сообщениям|сведениям)|согласно(?: (?:данным|информации|сообщениям))?|судя по"
     rf"|если верить|со ссылкой на|как (?:пишут|сообщают|писали|сообщали|говорят)(?: в| во)?|в|во) {_MEDIA}\b"),
    rf"\b{_MEDIA} (?:пишут|сообщают|писали|сообщали)\b|\bкак (?:пишут|сообщают|писали|сообщалось|говорят)\b",
    # the article itself: «что в статье говорится о …», «согласно материалу», «в заметке РАПСИ»
    (r"\b(?:в|во|из|по|согласно) (?:этой |этом |той |том |самой |самом )?(?:стать[еию]|материал[еуа]?|заметк[еи]"
     r"|публикаци[ия]|текст[еа]?|сюжет[еа]?)\b"),
]), re.IGNORECASE)
# «году» after a year («в 2025 году»): the year stays, the word goes (in FRAMING, a look-behind made the whole
# pattern 5× slower).
AFTER_YEAR = re.compile(r"(\d) (?:года|году|годом|год)\b", re.IGNORECASE)
# A question that names nothing, only asks what the coverage says: answered with the newest articles' leads.
NEWS_ONLY = re.compile(r"^\W*(?:а\s+|ну\s+|и\s+)?(?:что\s+(?:нового|новенького|случилось|произошло|слышно|там)"
                       r"|какие\s+(?:последние\s+|свежие\s+)?новости|есть\s+(?:какие-нибудь\s+)?новости"
                       r"|(?:о\s+)?ч[её]м\s+(?:эта\s+)?(?:новость|статья|речь)|расскажи(?:те)?\s+(?:последние\s+)?новости)"
                       r"[\s?!.]*$", re.IGNORECASE)
def without_openers(text: str) -> str:
    """`text` without an OPEN_QUESTION phrase or a TAG at its end; the regexes run only when a word they need
    is there (most questions have neither)."""
    low = text.lower()
    if _OPEN_HINT.search(low):
        text = OPEN_QUESTION.sub(" ", text)
    if low.rstrip(" ?!.").endswith(_TAG_ENDS):
        text = TAG.sub("", text)
    return text


def source_framed(text: str) -> str:
    """`text` without SOURCE phrases (only looked for when one of their words is there)."""
    low = text.lower()
    return SOURCE.sub(" ", text) if _SOURCE_HINT.search(low) else text


_OPEN_WORDS = ("новост", "подробност", "сведени", "данные", "нового", "новенького", "слышно", "инфа")
_TAG_ENDS = ("знаешь", "знаете", "в курсе", "секрет", "знает", " а", ",а")
_SOURCE_WORDS = ("сми", "пресс", "новост", "журналист", "источник", "издани", "медиа", "газет", "соцсет", "интернет",
                 "телеграм", "пиш", "сообща", "говорят", "стать", "материал", "заметк", "публикаци", "текст", "сюжет")
# The same tests as one search each (no generator over the words).
_OPEN_HINT = re.compile("|".join(_OPEN_WORDS))
_SOURCE_HINT = re.compile("|".join(_SOURCE_WORDS))
# A tag at the end, read before the question's type: «…, не знаешь?», «…, если не секрет», «…, кто знает?».
TAG = re.compile(r",?\s*\b(?:не знаешь|не знаете|не в курсе|если не секрет|кто(?:-нибудь|-то)? знает|а)\s*(?=[?!.]*\s*$)",
                 re.IGNORECASE)
# Questions about a person's role: the answer names the role, never the words «должность» or «пост».
ROLE_QUESTION = re.compile(r"\b(?:как(?:ую|ой|ие|ая)(?: у \w+)? (?:должность|пост|посты|должности)(?: (?:занимает|занимал[аи]?))?"
                           r"|(?:кто|кем)(?: (?:он|она|они|такой|такая))? по (?:должности|профессии|специальности)"
                           r"|(?:занимает|занимал[аи]?) (?:как(?:ую|ой) )?(?:должность|пост)"
                           r"|кем (?:работает|работал[аи]?|является|являлся|служит)"
                           r"|должность|должности)\b", re.IGNORECASE)     # «Шарифов должность?»
TOKEN_START = re.compile(r"\w")
NAME_ASKED = re.compile(r"\bкак (?:зовут|звали)\b|\bкак (?:его|ее|её|их) (?:имя|фамилия)\b|" + _REQUEST
                        + r"(?:имя|имена|фамили\w*|фио)\b", re.IGNORECASE)
# «Откуда это известно?», «кто об этом сообщил?», «откуда ТАСС взял информацию?»: asks where the coverage has it
# from; the answer is the passage that says so («Об этом говорится в сообщении МИД»).
SOURCE_ASKED = re.compile(r"\bоткуда\s+(?:это\s+|об этом\s+|же\s+)?(?:\w+\s+)?(?:стало\s+|было\s+)?(?:известн\w*|узнал\w*|взял\w*)"
                          r"(?:\s+(?:информаци\w*|сведения|данные))?"
                          r"|\bкто\s+(?:это|об этом)\s+(?:сообщил\w*|рассказал\w*|заявил\w*|написал\w*)"
                          r"|\bкто\s+(?:сообщил\w*|написал\w*)\s+(?:о том,?\s+)?что\b"
                          r"|\bиз как(?:ого|их) источник\w*|\bпо чьим (?:данным|словам)|\bна (?:что|кого) ссылает\w*"
                          # «откуда инфа про …», «откуда информация?», «на основании чего ТАСС пишет …»
                          r"|\bоткуда\s+(?:эта\s+|такая\s+|вообще\s+|же\s+)?(?:информаци\w*|инф[аыу]|сведения|данные)\b"
                          r"|\bна (?:основании|основе) (?:чего|каких (?:данных|сведений))\b"
                          # «На какой первоисточник ссылается ТАСС …?», «на какой документ ссылается …»
                          r"|\bна как(?:ой|ие|ую|ое) (?:перво)?(?:источник|документ|сообщени|данны)\w*\s+(?:\w+\s+)?ссыла\w*",
                          re.IGNORECASE)
# «С каким счётом …», «какой счёт», «счёт матча»: only a score («1:1», «4:3 ОТ») answers; not «какой по счёту».
SCORE_ASKED = re.compile(r"\b(?:с\s+)?(?:каким|какой|каков)\s+(?:был\s+|стал\s+|итоговый\s+|окончательный\s+)?сч[её]т(?:ом)?\b"
                         r"|\bсч[её]т\s+(?:матча|игры|встречи|поединка|финала|дерби)\b", re.IGNORECASE)
# «Сколько процентов …», «на сколько градусов …»: only a figure in that unit answers (UNIT_TEXT, by the unit's
# first letters), not any number the article gives.
UNIT_ASKED = re.compile(r"\b(?:на)?сколько\s+(?:\w+\s+)?(процент|градус|километр|метр|тонн|гектар|балл|очк|вес(?=ит|ил|ят))"
                        r"|\bкак(?:ой|ов)\s+(?:\w+\s+)?(вес)\b"
                        # «Какой высоты колесо?», «на какой глубине», «какова длина»: a length answers, «какая
                        # площадь» an area; not a figure of something else
                        r"|\b(?:на\s+)?как(?:ой|ая|ую|ое|ого|ова|ов)\s+(?:\w+\s+)?(?:(высот|длин|глубин|ширин|толщин"
                        r"|протяж[её]нност|дальност|диаметр)|(площад))", re.IGNORECASE)
LENGTH_UNIT, AREA_UNIT = "длина", "площадь"
_SCALED = r"\d(?:\s*(?:тыс|млн|млрд)\.?)?\s*"      # «52 га», «50 тыс. га», «1,2 млн т»
UNIT_TEXT = {
    "процент": re.compile(r"%|\bпроцент", re.IGNORECASE),
    "градус": re.compile(r"°|\bградус", re.IGNORECASE),
    "километр": re.compile(_SCALED + r"км\b|\bкилометр", re.IGNORECASE),
    "метр": re.compile(_SCALED + r"м\b|метр", re.IGNORECASE),
    "тонн": re.compile(_SCALED + r"т\b|\bтонн", re.IGNORECASE),
    "гектар": re.compile(_SCALED + r"га\b|\bгектар", re.IGNORECASE),
    "балл": re.compile(r"\bбалл", re.IGNORECASE),
    "очк": re.compile(r"\bочк|\bочек\b", re.IGNORECASE),
    LENGTH_UNIT: re.compile(r"\d\s*(?:тыс\.?\s*|млн\s*)?(?:см|мм|км|м)\b|метр|\bмил[ьия]|\bфут", re.IGNORECASE),
    AREA_UNIT: re.compile(r"\bкв\.?\s*(?:м|км)\b|квадратн|\d\s*(?:м|км)[2²]|гектар|\d\s*га\b|\bсот(?:ок|ки|ка)\b",
                          re.IGNORECASE),
    "вес": re.compile(r"\d\s*(?:г|кг|т)\b|грамм|\bтонн|центнер|\bвес", re.IGNORECASE),    # «сколько весит», «какой вес»
}
# «Как долго …?», «Сколько длился разговор?», «Сколько времени …?»: a span of time answers, not any number.
DURATION_ASKED = re.compile(r"\bкак долго\b|\bсколько (?:\w+ )?(?:длил|длит|продолжал|продолжит|продлит)\w*"
                            r"|\bсколько (?:по )?времени\b|\bв течение какого (?:времени|срока)\b"
                            # a term of a sentence or an arrest: «какой срок грозит», «к какому сроку приговорили», «сколько дали»
                            r"|\b(?:какой|каков|к какому|на какой|какие|каким)\s+(?:\w+\s+)?срок(?:у|ом|и)?\b(?!\s+(?:действия|годности|службы|полномочий))"
                            r"|\bсколько (?:лет |месяцев |суток )?(?:дали|дадут|дал|влепили|светит|грозит|получил\w* (?:колони|тюрьм))"
                            # «сколько часов шла операция», «сколько дней продлится»: a span in those units
                            r"|\bсколько (?:секунд|минут|часов|суток|дней|недель|месяцев)\b",
                            re.IGNORECASE)
# «Что Песков сказал про …?», «как Шанцев прокомментировал …»: the words that say whose words are asked for.
SAID_ASKED = re.compile(r"\bчто\s+(?:\w+\s+){0,3}?(?:сказал|заявил|заявля|говорил|говорит|говорят|ответил|отвеча|рассказал|написал|сообщил|сообща|думает|считает)\w*"
                        r"|\bкак\s+(?:\w+\s+){0,3}?(?:прокомментировал|оценил|отреагировал|объяснил)\w*", re.IGNORECASE)
# «что сказал Алиев …», «что говорил сам алиев»: whose words, when the name follows the verb.
_NOT_A_PREPOSITION = r"(?!(?:про|о|об|обо|насч[её]т|по|на|в|во|с|со|для|после|перед|при)\b)"
SAID_AFTER = re.compile(rf"\s+(?:сам\w*\s+)?({_NOT_A_PREPOSITION}[\w-]+(?:\s+{_NOT_A_PREPOSITION}[\w-]+)?)", re.IGNORECASE)
# «Про СНГ на консультациях говорили?», «что Песков сказал про встречу в Душанбе»: what follows «про» is what the
# passage must talk about itself.
# «СНГ тоже обсуждали?», «Говорили ли в Баку про Армению?», «Затрагивали ли Каспий?»: whether a topic came up; the
# answer is the passage that names it, not one whose article does elsewhere (as for «про X»: ABOUT).
_DISCUSS = r"(?:обсужда|обсуди|говори|затрагива|затрон|поднима|подня|каса|рассматрива|рассмотр|упомина|упомяну)\w*"
TOPIC_ASKED = re.compile(rf"\b{_DISCUSS}\s+ли\b|\bли\s+(?:[\w-]+\s+){{0,2}}?{_DISCUSS}|\b(?:тоже|также)\s+(?:[\w-]+\s+)?{_DISCUSS}"
                         rf"|\b{_DISCUSS}\s+(?:[\w-]+\s+)?(?:тоже|также)\b", re.IGNORECASE)
# «С кем Галузин встречался?»: the other one, named after «с» (engine), and the verb of meeting read as any (reading).
WITH_WHOM_ASKED = re.compile(r"\bс\s+кем\b", re.IGNORECASE)
# «в Баку», «на встрече»: where it happened, left out of what a TOPIC_ASKED question asks about.
SCENE = re.compile(r"\b(?:в|во|на)\s+[\w-]+", re.IGNORECASE)
ABOUT = re.compile(r"\b(?:про|насчет|насчёт|касательно|относительно)\s+([^?.!]+)", re.IGNORECASE)
# «Что Песков сказал о задержанных журналистах?»: after the verb of saying, «о» says what the words were about too.
ABOUT_SAID = re.compile(r"\b(?:о|об|обо)\s+([^?.!]+)", re.IGNORECASE)
IDENTITY = re.compile(r"\bкто\s+(?:он|она|они|же\s+)?так(?:ой|ая|ие|ов|ова)\b|\bчто\s+за\s+человек\b", re.IGNORECASE)
HEAD_QUESTION = re.compile(r"\b(?:(?<!за )(?<!во )сколько|скольких|скольким|какой|какая|какое|какие|каких|каким|какую|какого|каком"
                           r"|какому|какими|кто из|что за)\s+", re.IGNORECASE)
REQUEST_HEAD = re.compile(_REQUEST, re.IGNORECASE)
# Nouns too general to tell what a question is about («сколько человек задержали», «этих людей»): an answer
# may or may not repeat them («задержаны восемь россиян»), so they weigh as little as a verb.
LIGHT_NOUNS = frozenset({"человек", "люди", "народ", "ребята", "раз", "штука", "время", "момент", "проведение",
                         "осень", "зима", "весна", "лето"})     # a season: an article gives the month instead
# Nouns that name a kind of thing: «в каком городе», «какие страны», «на полях какого мероприятия», «какие
# направления сотрудничества» ask for one («в Баку», «Россия, Иран и Турция», «саммит СНГ», «торговое»), which an
# answer names without the kind. As the head of such a question they weigh as little as a verb.
KIND_NOUNS = frozenset({
    # places
    "город", "страна", "государство", "столица", "регион", "область", "район", "край", "республика", "улица", "проспект",
    "место", "пункт", "село", "поселок", "деревня", "округ", "территория", "континент", "курорт", "остров", "река", "озеро",
    "аэропорт", "космодром", "здание", "помещение", "площадка", "заведение",
    # organisations
    "организация", "компания", "ведомство", "учреждение", "структура", "орган", "министерство",
    # events, documents
    "мероприятие", "событие", "документ",
    # kinds and ways
    "направление", "сфера", "вид", "тип", "тема", "аспект", "категория", "отрасль", "разновидность", "форма",
    "способ", "род",
    # spans: «к какому сроку приговорили» is answered by «к шести годам колонии»
    "срок", "период",
    # a score: «с каким счётом выиграла» is answered by «разгромила Гауфф 7:2»
    "счет",
    # measures: «какую сумму», «сколько денег» are answered by «15 млн рублей», «на каком расстоянии» by «в 84 км»,
    # «на какой день» by «в понедельник», «какой силы порывы ветра» by «порывы достигали 26–31 м/с», «какой высоты
    # волны» by «волна до 3,5 метров», «какая доля жителей» by «около 13 процентов населения» (not «температура»,
    # «скорость» and the like: news name them beside the figure, and as kinds they cost 4 declines)
    "сумма", "деньга", "стоимость", "расстояние", "день", "дата", "число", "сила",     # «деньги»: pymorphy3 gives «деньга»
    "доля", "высота", "глубина", "длина", "ширина", "толщина", "протяженность", "диаметр", "площадь",
    # a source: «какой источник» is answered by «говорится в сообщении МИД РФ»
    "источник",
    # outlets, alliances, formats, programmes: «какое издание» is answered by «газета "Коммерсант"», «в рамках какой
    # группы» by «в формате "Каспийской пятёрки"», «по какой программе» by «в рамках проекта "Чистый воздух"»
    "издание", "объединение", "группа", "формат", "программа", "проект",
    # «какой номер телефона» is answered by the digits, «при каком условии» by «когда будут сигналы …»
    "номер", "условие",
    "вознаграждение", "гонорар", "компенсация",
})
# «Какие темы, кроме освобождения граждан, …»: what follows «кроме» is what the answer is NOT about.
EXCEPT = re.compile(r"\b(?:кроме|помимо|за исключением)\s+[\w-]+(?:\s+(?!и\b)([\w-]+))?", re.IGNORECASE)
STEM_MARK = "\x00"               # marks a stem among the lemmas a quote's word is matched with (to highlight)


@dataclass
class Group:
    """One thing the question asks about: a word (or thesaurus phrase) with its alternatives."""

    surface: str
    lemmas: list[tuple[tuple[str, ...], float]]     # (lemma phrase, credit); the question's own first
    stems: tuple[str, ...]
    idf: float = 1.0
    is_name: bool = False                           # a person's name or a place: not the topic itself
    is_person: bool = False                         # a person's name (pymorphy3: surname, first name)
    weight: float = 1.0                             # its share in coverage: idf, verbs discounted
    number: bool = False                            # a number or year written in the question
    year: int = 0                                   # the year it names («2025», «2025-м»), else 0
    month: int = 0                                  # the month it names (1-12: «октября», «29.10»), else 0
    day: int = 0                                    # the day of a written date («29.10.2025»), else 0
    skip: bool = False                              # says nothing the coverage could hold (an unseen patronymic)
    head: bool = False                              # the noun the question asks about («сколько туристов»)
    future: bool = False                            # a verb in the future tense or «следующий»: what is to come
    kind: bool = False                              # the kind of thing asked for («в каком городе»: город; KIND_NOUNS)
    finite: bool = False                            # a verb in the indicative («освободили», «отпустят»): an event
    forms: list = field(default_factory=list)       # the engine's postings of `lemmas` (AnswerEngine._forms)
    table: object = None                            # `forms` as columns, made once (reading.form_table)
    words: frozenset[str] | None = None             # every lemma of `lemmas` and (STEM_MARK +) stem, made once
    stem_ids: tuple[int, ...] | None = None         # the index's ids of `stems` it has, made once


@dataclass
class Query:
    text: str
    groups: list[Group] = field(default_factory=list)
    qtype: str | None = None
    identity: bool = False                              # «кто такой X», «кем работает X»: who X is
    name_asked: bool = False                            # «как зовут …»: only a passage naming someone answers
    unit: str = ""                                      # «сколько процентов»: the unit (UNIT_TEXT) the answer must give
    score: bool = False                                 # «с каким счётом …»: only a score answers
    duration: bool = False                              # «как долго …», «сколько длился …»: only a span of time answers
    said: str = ""                                      # «что Песков сказал»: whose words are asked for (SAID_ASKED)
    venue: bool = False                                 # «где Фадеев сделал заявление»: where words were said (VENUE_*)
    about: str = ""                                     # «… про СНГ …»: what the passage must talk about (ABOUT)
    future: bool = False                                # asks about what is to come (a verb in the future, «следующий»)
    published: bool = False                             # asks when the article came out (PUBLISHED_*)
    outlet: str = ""                                    # the outlet it names, folded («тасс»), if any
    events: tuple[int, ...] = ()                        # groups of the events asked about as facts (`finite`, not INTENT)
    wanted: frozenset[str] | None = None                # lemmas and stems to highlight, made once (engine)
    asked: object = None                                # the engine's stem ids of the question's words
    ranked: object = None                               # the engine's arrays behind `ranked()`'s rows
    found: object = None                                # the engine's postings per group: does the coverage have it
    topic: object = None                                # the engine's non-name groups and their weights


# «Когда освободили россиян?» asks when it happened: «важность скорейшего освобождения», «варианты
# освобождения» say it has not (yet). The words before a noun of the event that make it wished, possible or
# demanded rather than done (lemmas).
IRREALIS = frozenset({"скорейший", "возможный", "потенциальный", "вероятный", "предполагаемый", "вариант",
                      "важность", "необходимость", "требование", "призыв", "просьба", "надежда", "перспектива",
                      "возможность", "добиваться", "добиться", "требовать", "потребовать", "призвать", "призывать"})
IRREALIS_TEXT = re.compile(r"скорейш|возможн|потенциальн|вероятн|предполагаем|вариант|важност|необходимост|требован"
                           r"|призыв|просьб|надежд|перспектив|добива|добить|требова|требу|потребова|призва")   # on folded text
# «Где пройдет следующее заседание?», «Когда отпустят …?»: a question about what is still to come. The passage must
# speak of the future too («пройдет», «запланирована на март», «следующий раунд»), not of a past one of the same name.
# Only the types of questions that ask for a fact of the event itself (measured: «что …», «почему …» lose answers).
FUTURE_TYPES = frozenset({DATE, PLACE, NUMBER, PERSON, WHICH})
NEXT_WORDS = frozenset({"следующий", "ближайший", "очередной", "предстоящий", "будущий", "грядущий"})
FUTURE_TEXT = re.compile(r"\b(?:следующ|предстоящ|будущ|очередн|ближайш|грядущ|планир|запланир|намеч|намет|ожида|собира"
                         r"|намерен|намерева|рассчитыва|надеет|надеют|предполага|график|план|назнач|перенес|будет|будут|станет|станут"
                         r"|завтра)|\bдо (?:\d{1,2}\s+[а-я]+|\d{4}|конца|начала|середины|окончания)")   # on folded text
# «Какого числа ТАСС написал про …?», «от какого числа новость РАПСИ …?»: the day the article came out, which its
# dateline says («МОСКВА, 10 декабря. /ТАСС/.»). Asked with a word for a piece of news, or with an outlet's name
# (`QuestionReader.outlets`) and a verb of publishing; «Когда вышел фильм?» asks neither.
PUBLISHED_DATE = re.compile(r"\b(?:какого числа|от какого числа|когда|в какой день|какой датой|каким числом|дат[аы])\b",
                            re.IGNORECASE)
# «Какое агентство передало слова Пескова?»: which outlet published it, which the article's lead and source say.
# One outlet: «Какие британские СМИ рассказали …?» asks for the ones the article names («BBC и The Sunday Times»).
OUTLET_ASKED = re.compile(r"\bкак(?:ое|ая|ой)\s+(?:\w+\s+)?(?:агентство|издание|сми|газета|сайт|информагентство"
                          r"|телеканал)\s+(?:\w+\s+)?(?:передал|сообщил|опубликовал|написал|рассказал"
                          r"|выпустил|распространил|процитировал|привел|привёл|опубликовали|сообщили|писал)\w*", re.IGNORECASE)
PUBLISHED_NEWS = re.compile(r"\b(?:новост(?:ь|и|ью)|стать(?:я|ю|и|ей|ёй)|материал(?:а|ом)?|публикаци(?:я|и|ю|ей)"
                            r"|заметк(?:а|и|у|ой))\b", re.IGNORECASE)
PUBLISHED_VERB = re.compile(r"\b(?:написал[аио]?|выпустил[аио]?|опубликова\w*|выложил[аио]?|вышл[аио]|вышел|сообщил[аио]?"
                            r"|рассказал[аио]?|писал[аио]?|датирован\w*)\b", re.IGNORECASE)
# «Где Фадеев сделал заявление?», «На каком мероприятии министр это сказал?»: where words were said is a venue
# (a briefing, an interview, a Telegram channel, a forum) as much as a city. Asked with a verb or noun of saying
# and «где» or «на каком мероприятии / в каком интервью».
VENUE_SAID = re.compile(r"\b(?:заяви|заявлени|сказа|сообщи|рассказа|объясни|отмети|подчеркну|объяви|пообеща|призна"
                        r"|выступ|высказа|прокомментирова|ответи|говори)\w*", re.IGNORECASE)
VENUE_WHICH = re.compile(r"\b(?:на|в|во время) как\w+ (?:мероприяти|событи|интервью|эфир|передач|форум|конференц|брифинг"
                         r"|заседани|совещани|канал|площадк|встреч|выступлени)", re.IGNORECASE)
VENUE_TEXT = re.compile(r"\b(?:на|в ходе|во время|в рамках)\s+(?:[\w-]+\s+){0,3}?(?:брифинг|пресс-конференц|пресс-подход"
                        r"|конференц|форум|саммит|заседани|совещани|съезд|сесси|урок|кругл\w+ стол|встреч|церемони|выставк|эфир"
                        r"|пленарн|прием|презентаци|митинг|собрани|слушани|концерт|фестивал)"
                        r"|\bв (?:сво\w+ )?(?:интервью|эфире|телеграм|telegram|блоге|соцсет|обращени|колонке|письме|посте|канале)"
                        r"|\bвыступая\b", re.IGNORECASE)
# Questions that are themselves about a wish, a demand or words («что просили», «требуют ли освободить»): a
# passage about the demand answers them.
INTENT = re.compile(r"\b(?:проси|попроси|проса|требова|требу|потребова|призва|призыва|настаива|добива|хот[еия]|предлага"
                    r"|предложи|планир|намерен|собира|обсужда|обсуди|говори|сказа|заяви|указа|сообщи|пиш|написа|важн"
                    r"|нужн|должн|можно|может|могут)\w*", re.IGNORECASE)


# «Скока лет …», «скольк детей …»: how people type «сколько», read as it before the question's type.
COLLOQUIAL_HOW_MANY = re.compile(r"\b(?:скока|скоко|сколко|сколька|скольк|скок)\b|\bскольки(?=\s+лет\b)", re.IGNORECASE)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ASKING = re.compile(r"\?|\b(?:кто|кого|кому|кем|что|чем|чего|как\w*|скольк\w*|когда|где|куда|откуда|почему|зачем"
                     r"|чей|чья|чьи|ли)\b", re.IGNORECASE)
_ASKING_UNMARKED = re.compile(r"\b(?:кто|кого|кому|кем|скольк\w*|когда|где|куда|откуда|почему|зачем|чей|чья|чьи"
                              r"|как(?:ой|ая|ое|ие|ого|ую|ом|им|ими|их|ому)(?!-))\b", re.IGNORECASE)


_WORDS = re.compile(r"\w+")
# A word of knowing or asking before an unmarked question word: «Не понимаю, зачем …», «Интересно, сколько …»; not «я
# места себе не находила, когда начались эти аресты», where «когда» only joins the clauses.
_KNOWING = re.compile(r"\b(?:не\s+)?(?:понима\w*|понять|зна\w*|узна\w*|интерес\w*|любопытн\w*|подскаж\w*|скаж\w*|уточн\w*"
                      r"|объясн\w*|поясн\w*|расскаж\w*|вопрос\w*|хоч\w* понять|ясно|непонятно)\b", re.IGNORECASE)
# A pronoun or adverb that points back at what the sentence before named: «они тогда виделись», «кем он там работает».
_POINTS_BACK = re.compile(r"\b(?:он|она|они|его|её|ее|их|им|него|неё|нее|них|ним|нём|нем|там|тогда)\b", re.IGNORECASE)
# A capitalised word inside a sentence (after a letter, a digit or a comma): a name.
_NAME_INSIDE = re.compile(r"(?<=[\w,»\"] )[A-ZА-ЯЁ][\w-]+")
# Short words that may stand before a question word that starts a sentence: «За сколько …», «А когда …».
_LEAD_IN = re.compile(r"^\W*(?:(?:а|и|но|за|в|во|на|до|с|со|по|из|от|к|о|об|у|при|для|так|ну)\W+){0,2}$", re.IGNORECASE)


def _indirectly_asks(sentence: str) -> bool:
    """Whether a sentence without «?» asks all the same: a question word starts it («Когда это было.») or follows a
    word of knowing or asking («Не понимаю, зачем эта площадка»)."""
    m = _ASKING_UNMARKED.search(sentence)
    if m is None:
        return False
    before = sentence[:m.start()]
    return _LEAD_IN.match(before) is not None or _KNOWING.search(before) is not None
# Latin letters that look like Cyrillic ones, typed with the wrong keyboard layout inside a Russian word
# («росcиян» with a Latin «c»): pymorphy3 and the index know the word only in Cyrillic.
_LOOKALIKE = str.maketrans("aeopcxyAEOPCXKMTBH", "аеорсхуАЕОРСХКМТВН")
_LATIN = re.compile(r"[a-zA-Z]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")


# What a question may carry that is no part of it: an @mention (the bot's own in a group), a link.
_ADDRESSES = re.compile(r"(?<!\w)@\w+|\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)


# The bot called by name, as people do in a chat or by voice: «бот, сколько …», «слушай бот а когда …», «эй, бот!»,
# «…, бот?». Only where it addresses: first, after a word that calls someone, or last after a comma; «бот» as a
# subject («Бот "Глаз Бога" заблокировали?») stays.
_CALLED = r"(?:бот|ботик|ботяра)"
_BOT_CALLED = re.compile(
    rf"^\W*(?:(?:а|ну|эй|слушай|слышь|привет|скажи|подскажи)\W+)*{_CALLED}\b(?:\s*[,!:—-]+|(?=\s+(?:а|ну|и|вот|слушай"
    rf"|скажи|подскажи|кто|кого|кому|что|чем|чего|когда|где|куда|откуда|почему|зачем|как\w*|скольк\w*|сколько|чей|чья|чьи"
    rf"|правда|верно|мне|нам|ты)\b))"
    rf"|\b(?:эй|слушай|слышь|привет),?\s+{_CALLED}\b,?|,\s*{_CALLED}\s*(?=[?!.]*\s*$)", re.IGNORECASE)


def without_addresses(text: str) -> str:
    if "@" in text or "http" in text or "www." in text:
        text = _ADDRESSES.sub(" ", text)
    return _BOT_CALLED.sub(" ", text) if "бот" in text.lower() else text


# Words typed apart that news write hyphenated (voice input, phones): «пресс конференция», «вице премьер».
_SPLIT_PREFIX = re.compile(r"\b(вице|экс)\s+(?=[а-яё]{3})|\b(пресс)\s+(?=конференц|служб|секретар|релиз|центр|тур\b|тура\b"
                           r"|подход|атташе|бюро)|\b(штаб)\s+(?=квартир)", re.IGNORECASE)
# Numbers said as words around «плюс»: «три плюс три» is «3+3», as the news write the format.
_SPOKEN_PLUS = re.compile(r"\b(один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\s+плюс\s+"
                          r"(один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\b", re.IGNORECASE)
_DIGIT_OF = {"один": "1", "одна": "1", "два": "2", "две": "2", "три": "3", "четыре": "4", "пять": "5", "шесть": "6",
             "семь": "7", "восемь": "8", "девять": "9", "десять": "10"}


def spoken_forms(text: str) -> str:
    """`text` with words typed apart joined as news write them («пресс конференция» → «пресс-конференция») and
    «три плюс три» written «3+3»; the regexes run only when a word they need is there."""
    low = text.lower()
    if "плюс" in low:
        text = _SPOKEN_PLUS.sub(lambda m: f"{_DIGIT_OF[m.group(1).lower()]}+{_DIGIT_OF[m.group(2).lower()]}", text)
    if "вице " in low or "пресс " in low or "экс " in low or "штаб " in low:
        text = _SPLIT_PREFIX.sub(lambda m: (m.group(1) or m.group(2) or m.group(3)) + "-", text)
    return text


def caps_lock_off(text: str) -> str:
    """A question typed in capitals («СКОЛЬКО РОССИЯН ЗАДЕРЖАЛИ В БАКУ») in lower case: capitals there say
    nothing of which words are names, and every word would read as one."""
    return text.lower() if text.isupper() and len(_WORDS.findall(text)) > 1 else text


def cyrillic_lookalikes(text: str) -> str:
    """`text` with the Latin lookalike letters of words that also hold Cyrillic ones made Cyrillic; the same
    length, and unchanged when no word mixes the two."""
    if not _LATIN.search(text):
        return text
    return _WORDS.sub(lambda m: m.group().translate(_LOOKALIKE) if _CYRILLIC.search(m.group()) else m.group(), text)
SHORT_QUESTION_WORDS = 5


def asking_part(text: str) -> str:
    """Of a question in several sentences, the ones that ask («Здравствуйте. Я давно слежу за … Скажите,
    сколько …?»): greetings, thanks and the story of why one asks are not what the answer must hold."""
    parts = _SENTENCE_END.split(text.strip())
    if len(parts) < 2:
        return text
    asking = []
    # «Я слышал, что их задержали осенью. А когда их задержали?»: once a sentence ends in «?», one that does not is
    # what the asker heard or thinks, not the question, unless a question word other than the conjunctions
    # «что», «как», «ли» asks in it («Не понимаю, зачем эта площадка «3+3». Для чего она нужна?»).
    marked = "?" in text
    for i, p in enumerate(parts):
        if "?" in p or (_indirectly_asks(p) if marked else _ASKING.search(p)):
            # «Путин и Алиев созванивались. Когда это было?»: a short question leans on the statement before it.
            # A statement before it is one that does not ask itself: with a «?» in the text, a question word inside
            # it only joins its clauses («… ищут варианты, как вытащить наших. Кто это говорил?»).
            before = parts[i - 1] if i else ""
            told = "?" not in before and not _indirectly_asks(before) if marked else not _ASKING.search(before)
            if told and len(_WORDS.findall(p)) <= SHORT_QUESTION_WORDS and len(_WORDS.findall(before)) >= 3 \
                    and before not in asking:
                asking.append(before)
            elif told and before not in asking and _POINTS_BACK.search(p):
                # «… встреча Путина с Алиевым. На каком мероприятии они тогда виделись?»: who «они» are, the names the
                # statement before it gives (its capitalised words inside the sentence), not the rest of its story.
                names = [m.group() for m in _NAME_INSIDE.finditer(before)]
                if names:
                    asking.append(" ".join(names) + ".")
            asking.append(p)
    return " ".join(asking) if asking else text


# QTYPE_PATTERNS as one alternation: its leftmost match is the first question word, and of the patterns that
# match there, the first in QTYPE_PATTERNS' order («сколько лет» before «сколько»).
_WORD_START = re.compile(r"\b(?=\w)")
_WHEN_CLAUSE = re.compile(r"когда\b", re.IGNORECASE)
# «урлашов что кричал когда его уводили»: a verb between «что» and «когда», without the comma people skip.
_CLAUSE_BEFORE = re.compile(r"\b(?:что|чем|как)\s+(?:\w+\s+){0,2}?\w{2,}(?:ал|ял|ил|ел|ул|ла|ли|ло|ет|ют|ит|ят)\s+(?:\w+\s+){0,3}$",
                            re.IGNORECASE)
_UNTYPED_ASKING = re.compile(r"\b(?:что|чем|чего|как|каким образом)\b", re.IGNORECASE)
_QTYPES = re.compile("|".join(f"(?P<{qtype}>{pattern.pattern})" for qtype, pattern in QTYPE_PATTERNS), re.IGNORECASE)


def question_type(text: str) -> str | None:
    """The type its first question word gives («Сколько человек пострадали, когда автобус перевернулся?» asks
    how many). Every pattern starts a word: tried at word starts only, the alternation costs half."""
    match = _QTYPES.match
    for start in _WORD_START.finditer(text):
        m = match(text, start.start())
        if m is not None:
            if m.lastgroup == DATE and _WHEN_CLAUSE.match(text, m.start()) and _UNTYPED_ASKING.search(text, 0, m.start()) \
                    and (text[:m.start()].rstrip().endswith(",") or _CLAUSE_BEFORE.search(text, 0, m.start())):
                continue        # «Что сделали Сенцов и Кольченко, когда судья спросил …?»: «когда» joins a clause
            return m.lastgroup
    return None
