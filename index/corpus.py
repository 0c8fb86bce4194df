"""Reading the corpus folder: articles, their metadata, datelines, and quotable sentences.

Every `*.txt` below the folder is one article: first non-empty line the headline, then one paragraph per
line. Facts the text lacks come from `sources.toml` beside the files, a `SOURCES.md` table, or a
front-matter block at the top of a file (see README, «Corpus files»). A file that cannot be used gives
one warning and is skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tomllib
from collections.abc import Iterable
from itertools import chain, pairwise
from pathlib import Path

import razdel
from razdel.segmenters.sentenize import SentSplit

from .models import Article, Corpus, CorpusWarning, Sentence
from .parallel import can_fork, cores, gc_paused, map_forked

log = logging.getLogger(__name__)

METADATA_FILE = "sources.toml"
SOURCES_TABLE = "SOURCES.md"         # a Markdown table of where the articles come from (`table_metadata`)
MAX_FILE_BYTES = 5_000_000      # bigger files are cut here (with a warning), not loaded whole

MONTH_PREFIXES = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6,
    "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}

# Outlets as datelines and feeds spell them → the name people know. Lower-case keys.
OUTLETS = {
    "тасс": "ТАСС", "итар-тасс": "ТАСС",
    "риа новости": "РИА Новости", "риа": "РИА Новости", "ria.ru": "РИА Новости",
    "рапси": "РАПСИ",
    "интерфакс": "Интерфакс", "interfax.ru": "Интерфакс", "interfax": "Интерфакс",
    "интерфакс-украина": "Интерфакс-Украина",
    "известия": "Известия", "iz.ru": "Известия",
    "газета.ru": "Газета.Ru", "gazeta.ru": "Газета.Ru",
    "lenta.ru": "Lenta.ru", "лента.ру": "Lenta.ru",
    "медуза": "Медуза", "meduza": "Медуза",
    "rt": "RT", "russia today": "RT",
    "коммерсантъ": "Коммерсантъ", "коммерсант": "Коммерсантъ", "ъ": "Коммерсантъ",
    "рбк": "РБК", "прайм": "Прайм", "регнум": "Регнум", "regnum": "Регнум",
    "sputnik": "Sputnik", "спутник": "Sputnik", "бизнес online": "Бизнес Online",
    "ведомости": "Ведомости", "фонтанка": "Фонтанка", "фонтанка.ру": "Фонтанка",
    "новая газета": "Новая газета", "росбалт": "Росбалт", "nbc": "NBC",
    "bbc": "BBC", "би-би-си": "BBC", "reuters": "Reuters", "рейтер": "Reuters",
    "ап": "AP", "ассошиэйтед пресс": "AP", "франс пресс": "AFP", "afp": "AFP",
    "ура.ру": "URA.RU", "ura.ru": "URA.RU", "mash": "Mash", "baza": "Baza",
    "российская газета": "Российская газета", "рг": "Российская газета", "rg.ru": "Российская газета",
    "комсомольская правда": "Комсомольская правда", "кп": "Комсомольская правда", "kp.ru": "Комсомольская правда",
    "московский комсомолец": "Московский комсомолец", "мк": "Московский комсомолец", "mk.ru": "Московский комсомолец",
    "аргументы и факты": "Аргументы и факты", "аиф": "Аргументы и факты", "aif.ru": "Аргументы и факты",
    "москва 24": "Москва 24", "м24": "Москва 24", "m24.ru": "Москва 24", "нсн": "НСН", "nsn.fm": "НСН",
    "ридус": "Ридус", "ridus.ru": "Ридус", "взгляд": "Взгляд", "vz.ru": "Взгляд", "нтв": "НТВ", "рен тв": "РЕН ТВ",
    "вести": "Вести", "смотрим": "Смотрим", "первый канал": "Первый канал", "звезда": "Звезда",
    "bfm.ru": "BFM.ru", "бфм": "BFM.ru", "forbes": "Forbes", "форбс": "Forbes", "the bell": "The Bell",
    "спорт-экспресс": "Спорт-Экспресс", "чемпионат": "Чемпионат", "championat.com": "Чемпионат",
    "sports.ru": "Sports.ru", "матч тв": "Матч ТВ", "нгс": "НГС", "e1.ru": "E1.ru", "66.ru": "66.ru",
    "корреспондент.net": "Корреспондент.net", "белта": "БелТА", "kun.uz": "Kun.uz", "tengrinews": "Tengrinews",
    "mail.ru": "Новости Mail", "новости mail.ru": "Новости Mail", "rb.ru": "RB.ru", "царьград": "Царьград",
    "deutsche welle": "DW", "dw": "DW", "euronews": "Euronews", "би-би-си русская служба": "BBC",
    "kazakhstan today": "Kazakhstan Today", "казинформ": "Kazinform", "kazinform": "Kazinform", "time out": "Time Out",
    "санкт-петербург.ру": "Санкт-Петербург.ру", "spb.ru": "Санкт-Петербург.ру", "правда.ру": "Правда.Ру",
    "pravda.ru": "Правда.Ру", "рамблер": "Рамблер", "татар-информ": "Татар-информ", "tatar-inform": "Татар-информ",
    "life": "Life", "лайф": "Life", "360": "360", "news.ru": "NEWS.ru", "мел": "Мел", "хайтек": "Хайтек",
    "3dnews": "3DNews", "cnews": "CNews", "ixbt": "iXBT", "e1": "E1.ru",
}
# «ИА Регнум», «информационное агентство ТАСС»: the kind of outlet before its name.
_OUTLET_KIND = re.compile(r"^(?:ия|иа|информационное агентство|агентство|телеканал|газета|издание|радио|корр\.|корреспондент)\s*",
                          re.IGNORECASE)
UNKNOWN_SOURCE = "неизвестный источник"
# How files of real articles are named by outlet («lenta-07.txt», «iz-02.txt», «kommersant_3.txt»): the outlet of an
# article that neither its metadata nor its dateline names.
FILE_OUTLETS = {
    "tass": "ТАСС", "ria": "РИА Новости", "rian": "РИА Новости", "interfax": "Интерфакс", "iz": "Известия",
    "izvestia": "Известия", "gazeta": "Газета.Ru", "lenta": "Lenta.ru", "meduza": "Медуза", "rt": "RT",
    "kommersant": "Коммерсантъ", "rbc": "РБК", "vedomosti": "Ведомости", "fontanka": "Фонтанка", "rosbalt": "Росбалт",
    "regnum": "Регнум", "rapsi": "РАПСИ", "novayagazeta": "Новая газета", "rg": "Российская газета",
    "aif": "Аргументы и факты", "kp": "Комсомольская правда", "mk": "Московский комсомолец", "ntv": "НТВ",
    "vesti": "Вести", "rentv": "РЕН ТВ", "ura": "URA.RU", "mash": "Mash", "baza": "Baza", "sputnik": "Sputnik",
    "prime": "Прайм", "bfm": "BFM.ru", "forbes": "Forbes", "sport-express": "Спорт-Экспресс",
    "sportexpress": "Спорт-Экспресс", "championat": "Чемпионат", "ngs": "НГС",
    "m24": "Москва 24", "nsn": "НСН", "ridus": "Ридус", "vz": "Взгляд", "smotrim": "Смотрим", "e1": "E1.ru",
    "66ru": "66.ru", "korrespondent": "Корреспондент.net", "mailru": "Новости Mail", "rbru": "RB.ru",
    "sports": "Sports.ru", "belta": "БелТА", "kunuz": "Kun.uz", "tengrinews": "Tengrinews", "dw": "DW",
    "bbc": "BBC", "euronews": "Euronews", "tsargrad": "Царьград", "zvezda": "Звезда", "1tv": "Первый канал",
    "thebell": "The Bell", "matchtv": "Матч ТВ", "kazinform": "Kazinform", "kt": "Kazakhstan Today",
    "timeout": "Time Out", "spbru": "Санкт-Петербург.ру", "pravda": "Правда.Ру", "rambler": "Рамблер",
    "tatarinform": "Татар-информ", "mosregtoday": "Mosregtoday", "netpress": "NetPress", "ramnews": "RAMNews",
    "a42": "A42.RU", "myslo": "Myslo", "21by": "21.by", "35media": "35 Медиа", "360tv": "360", "life": "Life",
    "izvestiya": "Известия", "gazetaru": "Газета.Ru", "lentaru": "Lenta.ru", "interfaxru": "Интерфакс",
    "kommersantru": "Коммерсантъ", "rbcru": "РБК", "tassru": "ТАСС", "riaru": "РИА Новости",
}
_FILE_OUTLET = re.compile(r"(?:[^/]*/)*([a-z0-9]+(?:-express)?)(?=[-_.])")


def outlet_from_file_name(key: str) -> str | None:
    """The outlet a file's name starts with («lenta-07.txt», «m24-31.txt», «tass3.txt»), or None."""
    m = _FILE_OUTLET.match(key.lower())
    if not m:
        return None
    name = m.group(1)
    return FILE_OUTLETS.get(name) or FILE_OUTLETS.get(name.rstrip("0123456789"))

# A site's name as an article gives it («сообщает Orda.kz», «Фото: Orda.kz»).
_SITE = re.compile(r"(?<![\w.@/-])([A-Za-zА-Яа-яЁё][\w-]{1,30})\.(ru|kz|by|ua|uz|kg|com|net|info|org|рф|su)\b")


def _self_named(key: str, text: str) -> str | None:
    """The site an unknown file comes from, when its first 3,000 characters name a site whose name is the file's
    («orda-61.txt» and «… сообщает Orda.kz» give «Orda.kz»): the file's name alone proves nothing, and a site
    the text merely cites («по данным Sputnik.by») is another outlet's."""
    m = _FILE_OUTLET.match(key.lower())
    if not m:
        return None
    slug = m.group(1).rstrip("0123456789").replace("-", "")
    if len(slug) < 3:
        return None
    return next((site.group(0) for site in _SITE.finditer(text[:3000])
                 if site.group(1).lower().replace("-", "") == slug), None)


_MONTH = r"(?P<mon>[А-Яа-яЁё]{3,9})\.?"
# «МОСКВА, 10 декабря. /ТАСС/.», «ВЛАДИВОСТОК, 10 авг – РИА Новости.», «Москва. 30 апреля. INTERFAX.RU -»,
# «ТАСС, 11 августа.», «мехико, 31 янв - риа новости, юрий николаев.»
DATELINE_RE = re.compile(
    r"^\s*(?P<place>[^\W\d_][\w.\- ]{0,40}?)(?:\s*/[^/\n]{2,40}/)?\s*[,.]\s*(?P<day>\d{1,2})\s+" + _MONTH
    + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?(?:\s*г\.)?(?:,?\s+\d{1,2}:\d{2})?"
    r"(?P<tail>\s*(?:[.,]\s*)?(?:[-–—]\s*)?(?:/\s*(?P<slashed>[^/\n]{2,30}?)\s*/)?"
    r"(?:\s*(?P<agency>[\w.]{2,15}\.(?:ru|RU|Ru|com)|[^.,\n\-–—/]{2,30}?)\s*(?:,\s*(?P<byline>[^.\n]{3,60}?))?)?"
    r"\s*(?:[.]|\s[-–—])\s*(?:[-–—]\s*)?)",
)
# The date first, as БелТА writes it: «27 июля, Несвижский район /Корр. БЕЛТА/.» (only with the outlet between slashes).
DATE_FIRST_RE = re.compile(
    r"^\s*(?P<day>\d{1,2})\s+" + _MONTH + r"(?:\s+(?P<year>(?:19|20)\d\d))?\s*,\s*(?P<place>[^\W\d_][\w.\- ]{0,40}?)\s*"
    r"/\s*(?P<slashed>[^/\n]{2,30}?)\s*/\s*\.?\s*(?:[-–—]\s*)?")
# Feed stamps such as «28.09.2016, 22:10 Headline…» at the top of a body.
_STAMP_LABEL = r"(?:(?:опубликовано|обновлено|дата публикации|дата|published|updated)\s*:?\s*)?"
STAMP_RE = re.compile(r"^\s*" + _STAMP_LABEL + r"(?:\d{1,2}:\d{2}\s*[,|]?\s*)?(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)"
                      r"(?:\s*[,|]?\s*\d{1,2}:\d{2})?\s*",
                      re.IGNORECASE)
# The same with the month in words: «28 апреля 2016, 08:39», «17:37, 5 октября 2025», «8 октября 2019 г.», after a
# day of the week («Понедельник, 15 мая 2023 11:37») or with an English month, as sites' templates print it
# («18 Nov 2019, 11:25»). A lead can open so too («5 октября 2025 года в Москве …»): a stamp has a time of day
# or is the whole line (`_stamp`).
_WEEKDAY = (r"(?:(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|monday|tuesday|wednesday|thursday"
            r"|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?\s*,?\s*)?")
NAMED_STAMP_RE = re.compile(
    r"^\s*" + _STAMP_LABEL + _WEEKDAY + r"(?:(?P<t1>\d{1,2}:\d{2})\s*[,|–—-]?\s*)?(?P<d>\d{1,2})\s+"
    r"(?P<m>[А-Яа-яЁёA-Za-z]{3,9})\.?"
    + r"\s+(?P<y>(?:19|20)\d\d)(?:\s*(?:г\.|года?))?(?:\s*[,|–—-]?\s*(?:в\s+)?(?P<t2>\d{1,2}:\d{2}))?\s*", re.IGNORECASE)

# An author after a stamp, as templates print it: «by Сергей Игнатьев», «Автор: Мария Иванова».
# After «by» anything is the byline, as printed: «by Марина Романова, Сургутская трибуна», «by https://…».
STAMP_AUTHOR = re.compile(r"^(?:by\s+\S.{0,100}|автор:?\s+[^\W\d_][\w.\- ]{1,50})$", re.IGNORECASE)

# Paragraphs that are not reporting: credits, bylines, cross-links, feed lines.
_NOISE_START = (r"^\s*(?:фото|видео|иллюстрация|источник|автор|текст|редакция сайта|читайте также|читать также"
                r"|также по теме|по теме|подписывайтесь|смотрите также|смотрите|реклама|лента новостей|материалы по теме"
                r"|теги|темы|поделиться)\b")
_NOISE_END = r"\bтемы:\s*$"
NOISE_RE = re.compile(r"©|" + _NOISE_START + "|" + _NOISE_END, re.IGNORECASE)
NOISE_START = re.compile(_NOISE_START, re.IGNORECASE)
# A credit after a caption or a sentence («… 3000 человек | Источник: orskdotru», «… в Кремле. Фото: Reuters»):
# the credit is not reporting, the words before it are.
CREDIT_TAIL = re.compile(r"(?:\s*\|\s*|(?<=[.!?»])\s+)(?:фото|источник(?: фото)?|иллюстрация|кадр|видео)\s*:[^|]*$"
                         r"|(?<=[.!?»])\s*\((?:фото|источник|иллюстрация)\b[^()]*\)\s*$",   # «… 73-91-54. (фото ohrana.group)»
                         re.IGNORECASE)
NOISE_END = re.compile(_NOISE_END, re.IGNORECASE)
# A byline: a first name and a surname in capitals, alone or before a comma («Екатерина НАЗАРЕНКО, фото
# предоставлено …»); not «Мария ЗАХАРОВА заявила …» (some outlets write names so inside the text).
BYLINE = re.compile(r"^\s*[А-ЯЁ][а-яё]+\s+[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?\s*(?:,|$)")
TERMINAL = tuple('.!?…»"“”')
SUBTITLE_LINES = 2             # lines without final punctuation at the top of a body without a dateline: subtitles


_ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                   "november", "december")


def month_number(word: str) -> int | None:
    """«декабря», «дек», «Dec.», «November» → the month; None when it is not a month's name."""
    w = word.lower().replace("ё", "е").rstrip(".")
    if len(w) < 3:
        return None
    if w.isascii():
        return next((k for k, name in enumerate(_ENGLISH_MONTHS, 1) if name.startswith(w)), None)
    number = MONTH_PREFIXES.get(w[:3])
    full = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
    if number is None:
        return None
    if len(w) > 4 and not w.startswith(full[number - 1]):
        return None
    return number


def canonical_outlet(name: str | None) -> str | None:
    if not name:
        return None
    key = " ".join(name.strip(" /.-–—").lower().split())
    if key in OUTLETS:
        return OUTLETS[key]
    key = _OUTLET_KIND.sub("", key).strip("«»\"")
    return OUTLETS.get(key)


# A lead can open like a dateline: «На Камчатке в субботу, 30 января, произошло землетрясение …», «Авария
# произошла сегодня, 30 июля.». A dateline's place is a name: it does not open with a preposition, and its words
# are capitalised (or all in lower case, as some feeds write them), but for the small words inside names.
_NOT_A_PLACE_START = frozenset({"в", "во", "на", "из", "у", "с", "со", "под", "к", "ко", "по", "за", "до", "от", "о", "об",
                                "при", "после", "около", "возле", "близ"})
_IN_PLACE_NAMES = frozenset({"на", "де", "ла", "дель", "ди", "да", "до", "фон", "ан", "эль", "ле", "сан"})


def _place_like(words: list[str]) -> bool:
    """Whether the words before a dateline's date can be its place (see above)."""
    if not words or words[0].lower() in _NOT_A_PLACE_START:
        return False
    if words[0][:1].isupper():
        return all(w[:1].isupper() or not w[:1].isalpha() or w in _IN_PLACE_NAMES for w in words[1:])
    return True


def parse_dateline(paragraph: str) -> tuple[dict, str] | None:
    """Split a dateline off the start of a paragraph.

    Returns ({"day", "month", "year"?, "source"?, "place"}, rest of the paragraph) or None. The outlet is
    canonical when known; an unknown agency name is kept as written only if it looked like one (`/X/`).
    """
    m = DATELINE_RE.match(paragraph)
    date_first = m is None
    if date_first:
        m = DATE_FIRST_RE.match(paragraph)
        if not m:
            return None
    month = month_number(m.group("mon"))
    day = int(m.group("day"))
    if month is None or not 1 <= day <= 31:
        return None
    place = m.group("place").strip()
    words = place.split()
    if len(words) > 4 or not (date_first or _place_like(words)):
        return None
    info: dict = {"day": day, "month": month, "place": place, "text": paragraph[:m.end()].strip()}
    if m.group("year"):
        info["year"] = int(m.group("year"))
    source = canonical_outlet(m.group("slashed")) or (None if date_first else canonical_outlet(m.group("agency")))
    if source is None and m.group("slashed"):
        source = m.group("slashed").strip()
    if source is None:
        source = canonical_outlet(place)
    if source:
        info["source"] = source
    return info, paragraph[m.end():].strip()


def _front_matter(lines: list[str]) -> tuple[dict, list[str]]:
    """`---` / key: value / `---` at the top of a file (title, source, date, url)."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    meta: dict = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return meta, lines[i + 1:]
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip('"')
    return {}, lines   # unterminated: treat as text


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def load_metadata(folder: Path) -> tuple[dict[str, dict], list[CorpusWarning]]:
    """Per file name, what `sources.toml` says, over what a `SOURCES.md` table says (see `table_metadata`)."""
    table, problems = table_metadata(folder)
    path = folder / METADATA_FILE
    if not path.is_file():
        return table, problems
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return table, [*problems, CorpusWarning(str(path), f"metadata file ignored: {exc}")]
    merged = {k: dict(v) for k, v in table.items()}
    for key, value in data.items():
        if isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
    return merged, problems


# Column headings of a sources table, by what they hold.
_TABLE_COLUMNS = {"file": ("file", "файл"), "source": ("outlet", "source", "издание", "сми", "источник"),
                  "date": ("date", "дата"), "url": ("url", "link", "ссылка")}


def table_path(folder: Path) -> Path | None:
    """The folder's `SOURCES.md` (any case), if it has one."""
    try:
        return next((p for p in folder.iterdir() if p.name.lower() == SOURCES_TABLE.lower() and p.is_file()), None)
    except OSError:
        return None


def table_metadata(folder: Path) -> tuple[dict[str, dict], list[CorpusWarning]]:
    """Outlet, date and URL per file from a Markdown table in `SOURCES.md`, the way people list where their
    articles come from (`| file | outlet | date | URL |`, as ../shared/eval/realnews has): «ТАСС (tass.ru)»
    is ТАСС, a date is its first ten characters (YYYY-MM-DD), «—» is nothing. Rows that name no `.txt` file
    and tables without a file column are skipped."""
    path = table_path(folder)
    if path is None:
        return {}, []
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [CorpusWarning(str(path), f"sources table ignored: {exc}")]
    out: dict[str, dict] = {}
    columns: dict[str, int] | None = None
    for line in lines:
        line = line.strip()
        if not line.startswith("|"):
            columns = None                       # a table ends where its rows do
            continue
        cells = [c.strip().strip("`*").strip() for c in line.strip("|").split("|")]
        if columns is None:
            heads = [c.lower() for c in cells]
            found = {key: next((i for i, h in enumerate(heads) if h.startswith(names)), -1)
                     for key, names in _TABLE_COLUMNS.items()}
            columns = {k: i for k, i in found.items() if i >= 0} if found["file"] >= 0 else {}
            continue
        file = cells[columns["file"]] if "file" in columns and columns["file"] < len(cells) else ""
        if not file.lower().endswith(".txt"):
            continue
        entry: dict = {}
        for key in ("source", "date", "url"):
            i = columns.get(key, -1)
            value = cells[i] if 0 <= i < len(cells) else ""
            if not value or set(value) <= set("—–-"):
                continue
            if key == "source":
                entry["source"] = re.sub(r"\s*\([^)]*\)\s*$", "", value) or value
            elif key == "date" and _as_date(value) is not None:
                entry["date"] = _as_date(value)
            elif key == "url" and value.startswith(("http://", "https://")):
                entry["url"] = value
        if entry:
            out[file] = entry
    return out, []


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM); UTF-16 with its BOM (Notepad's «Unicode»); cp1251 as the usual fallback
    for Russian files; NUL bytes otherwise mean binary."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("not UTF-16 text despite its byte order mark") from None
    if b"\x00" in raw[:4096]:
        raise ValueError("binary file (NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251")
        letters = sum(ch.isalpha() for ch in text[:2000])
        cyrillic = sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text[:2000])
        if letters == 0 or cyrillic / letters < 0.5:
            raise ValueError("not UTF-8 and not Russian cp1251 text") from None
        return text


def parse_article(key: str, text: str, meta: dict | None = None) -> tuple[Article, list[tuple[int, str, bool]]]:
    """Article plus its paragraphs as (paragraph index, text, quotable); -1 is the headline."""
    meta = dict(meta or {})
    lines = [ln.replace("\u00a0", " ").replace("\u200b", "").strip() for ln in text.splitlines()]
    fm, lines = _front_matter([ln for ln in lines])
    meta = {**fm, **meta}
    lines = [ln for ln in lines if ln]
    if not lines:
        raise ValueError("empty file")
    title = str(meta.get("title") or lines[0])
    body = lines[1:] if not meta.get("title") or lines[0] == meta.get("title") else lines
    if meta.get("title") and lines[0] != meta.get("title"):
        body = lines
    source = canonical_outlet(str(meta["source"])) or str(meta["source"]) if meta.get("source") else None
    date = _as_date(meta.get("date"))
    day_month = None
    paragraphs: list[tuple[int, str, bool]] = [(-1, title, True)]
    title_key = _text_key(title)
    found_dateline = False
    stamp_line = None          # a stamp alone on its line («27.07.2020 | 10:03»): a dateline may follow on the next
    dateline_at = None
    dateline = ""
    for i, para in enumerate(body):
        quotable = True
        if ":" in para or para.rstrip().endswith(")"):
            para = CREDIT_TAIL.sub("", para) or para
        if (not found_dateline and i < 4) or (stamp_line is not None and i == stamp_line + 1):
            stamp, stamp_date = _stamp(para) if stamp_line is None else (None, None)
            if stamp and stamp_date:
                date = date or stamp_date
                found_dateline = True
                dateline_at = i
                dateline = para[:stamp.end()].strip()
                para = para[stamp.end():]
                if STAMP_AUTHOR.match(para):
                    para = ""             # «27 Apr 2020, 00:51 by Сергей Игнатьев»: the stamp's author
                if not para:
                    # A stamp on a line of its own dates the article; it is no part of the lead, which is quoted
                    # without it («18 Nov 2019, 11:25» is the site's template, not the reporter's dateline).
                    stamp_line = i
                    dateline = ""
                    continue
                if _text_key(para) == title_key:
                    continue
            parsed = parse_dateline(para)
            if parsed:
                info, para = parsed
                found_dateline = True
                dateline_at = i
                # after a stamp on its own line, the dateline is the lead's own («27 июля, … /Корр. БЕЛТА/.»)
                dateline = info["text"] if stamp_line is not None else f"{dateline} {info['text']}".strip()
                source = source or info.get("source")
                if date is None and "year" in info:
                    try:
                        date = dt.date(info["year"], info["month"], info["day"])
                    except ValueError:
                        pass
                if date is None:
                    day_month = (info["day"], info["month"])
                if not para:
                    continue
        if is_noise(para):
            quotable = False
        elif not para.endswith(TERMINAL) and len(para.split()) <= 5:
            quotable = False          # section titles («Взаимные интересы»), captions, stray labels
        elif _text_key(para) == title_key:
            continue
        paragraphs.append((i, para, quotable))
    if dateline_at:
        # A subtitle above the dateline («Кроме того, замглавы МИД РФ обсудил …») sums up the body, as the
        # headline does: it is weighed as one.
        paragraphs = [(-1 if 0 <= idx < dateline_at else idx, p, q) for idx, p, q in paragraphs]
    else:
        # Without a dateline, the body's first line or two without final punctuation, before one with it, are
        # subtitles («909-й гол Овечкина помог «Вашингтону» обыграть «Айлендерс» в матче НХЛ»): weighed as the
        # headline. (A feed that ends no line with a full stop keeps its lines as they are.)
        head = next((k for k, (_, p, _) in enumerate(paragraphs[1:]) if p.endswith(TERMINAL)), None)
        if head and head <= SUBTITLE_LINES:
            paragraphs = [(-1 if 1 <= k <= head else idx, p, q) for k, (idx, p, q) in enumerate(paragraphs)]
    if date is not None:
        day_month = None
    if not meta.get("source") and source is None:
        source = outlet_from_file_name(key) or _self_named(key, text) or UNKNOWN_SOURCE
    url = str(meta["url"]) if meta.get("url") else None
    article = Article(
        id=key, title=title, source=source or UNKNOWN_SOURCE, date=date, day_month=day_month, url=url,
        paragraphs=tuple(p for idx, p, _ in paragraphs if idx >= 0), dateline=dateline,
    )
    return article, paragraphs


def _stamp(paragraph: str) -> tuple[re.Match | None, dt.date | None]:
    """A feed's time stamp at the start of a paragraph («28.09.2016, 22:10», «28 апреля 2016, 08:39») and its day;
    (None, None) when there is none. A date in words is a stamp only with a time of day or as the whole line."""
    stamp = STAMP_RE.match(paragraph)
    month = int(stamp["m"]) if stamp else None
    if stamp is None:
        stamp = NAMED_STAMP_RE.match(paragraph)
        if stamp is None or not (stamp["t1"] or stamp["t2"] or stamp.end() == len(paragraph)
                                 or STAMP_AUTHOR.match(paragraph[stamp.end():])):
            return None, None
        month = month_number(stamp["m"])
        if month is None:
            return None, None
    try:
        return stamp, dt.date(int(stamp["y"]), month, int(stamp["d"]))
    except ValueError:
        return None, None


def is_noise(paragraph: str) -> bool:
    """`NOISE_RE.search(paragraph)`, without scanning the whole paragraph: of its three branches one is a
    character, one is anchored at the start, and one ends with the last colon (only spaces after it)."""
    if "©" in paragraph or NOISE_START.match(paragraph) or BYLINE.match(paragraph):
        return True
    end = len(paragraph.rstrip())
    return paragraph[end - 1:end] == ":" and NOISE_END.search(paragraph, max(0, end - 5)) is not None


def _text_key(text: str) -> str:
    """What `_same_text` compares."""
    return " ".join(text.lower().split()).strip(" .")


def _same_text(a: str, b: str) -> bool:
    return _text_key(a) == _text_key(b)


# razdel splits after editorial abbreviations («прим. ТАСС»): a sentence cannot start with «)» or «,».
_ABBREVIATION_END = re.compile(r"\b(?:прим|ред|пер|см|ср|англ|букв|т\.\s?е|т\.\s?к)\.$", re.IGNORECASE)
_ABBREVIATION_CHARS = 5        # its longest match («англ.», «т. е.»)
_FRAGMENT_START = re.compile(r"^[)\]»,;:]|^[A-ZА-ЯЁ]{2,}\)")

# razdel's sentence boundaries are its delimiters («.», «?», «»», «)», «:)», …); one that is not followed by
# a space is never a boundary (its rules `empty_side` and `no_space_prefix` join there). This finds exactly
# razdel's delimiters that are: it tries the same alternatives in the same order, and a smiley followed by
# a space is razdel's longest one.
_DELIMITER = razdel.sentenize.split.re
_WINDOW = razdel.sentenize.split.window
_MAYBE_BOUNDARY = re.compile(_DELIMITER.pattern + r"(?=\s)")


def _ends_with_abbreviation(sentence: str) -> bool:
    """`_ABBREVIATION_END.search(sentence)`, looking only at the end (the pattern is anchored there)."""
    return sentence.endswith(".") and _ABBREVIATION_END.search(
        sentence, max(0, len(sentence) - _ABBREVIATION_CHARS - 1)) is not None


def razdel_sentences(paragraph: str) -> list[str]:
    """`[s.text for s in razdel.sentenize(paragraph)]`, faster: razdel builds a candidate split with its
    context at every delimiter and runs its rules on it; here only delimiters followed by a space get that
    (the others always join), and a paragraph without one is a single sentence."""
    out: list[str] = []
    start = 0                   # razdel's buffer is paragraph[start:here]
    for match in _MAYBE_BOUNDARY.finditer(paragraph):
        here, stop = match.span()
        split = SentSplit(paragraph[max(0, here - _WINDOW):here], match.group(1), paragraph[stop:stop + _WINDOW])
        split.buffer = paragraph[start:here]
        if not razdel.sentenize.join(split):
            out.append(paragraph[start:stop].strip())
            start = stop
    out.append(paragraph[start:].strip())
    return out


def split_sentences(paragraph: str) -> list[str]:
    out: list[str] = []
    for text in razdel_sentences(paragraph):
        text = text.strip()
        if not text:
            continue
        if out and (_ends_with_abbreviation(out[-1]) or _FRAGMENT_START.match(text)):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


# Below this many bytes of text, reading stays in one process (a fork costs more than it saves).
PARALLEL_MIN_BYTES = 8_000_000

# One file read: its warnings, and its article with the article's sentences as (position, paragraph, text,
# quotable), or None when the file cannot be used.
FileResult = tuple[list[CorpusWarning], Article | None, list[tuple[int, int, str, bool]]]


def read_article(folder: Path, path: Path, metadata: dict[str, dict]) -> FileResult:
    """One corpus file, split into sentences; a file that cannot be used gives a warning, not an exception."""
    key = path.relative_to(folder).as_posix()
    warnings: list[CorpusWarning] = []
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            warnings.append(CorpusWarning(str(path), f"file is {len(raw)} bytes; only the first "
                                                     f"{MAX_FILE_BYTES} are indexed"))
            raw = raw[:MAX_FILE_BYTES].rsplit(b"\n", 1)[0]
        article, paragraphs = parse_article(key, decode(raw), metadata.get(key) or metadata.get(path.name))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        warnings.append(CorpusWarning(str(path), str(exc)))
        return warnings, None, []
    sentences = [(para_index, sent, quotable)
                 for para_index, para, quotable in paragraphs for sent in split_sentences(para)]
    return warnings, article, [(position, *rest) for position, rest in enumerate(sentences)]


def _byte_cuts(paths: list[Path], pieces: int) -> list[int]:
    """Indices 0 = c0 < c1 < … = len(paths) cutting the files into at most `pieces` runs of about equal size."""
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes)
    if pieces <= 1 or total < PARALLEL_MIN_BYTES:
        return [0, len(paths)]
    cuts, running = [0], 0
    for i, size in enumerate(sizes[:-1]):
        running += size
        if len(cuts) < pieces and running * pieces >= total * len(cuts):
            cuts.append(i + 1)
    return [*cuts, len(paths)]


def load_corpus(folder: Path | str, files: Iterable[Path] | None = None) -> Corpus:
    """Read every article under `folder`; broken files become warnings, never exceptions. A large corpus is
    read on all cores (runs of files, results in file order: the same corpus)."""
    folder = Path(folder)
    corpus = Corpus()
    if not folder.is_dir():
        corpus.warnings.append(CorpusWarning(str(folder), "corpus folder does not exist"))
        return corpus
    metadata, problems = load_metadata(folder)
    corpus.warnings.extend(problems)
    paths = list(files) if files is not None else corpus_files(folder)
    cuts = _byte_cuts(paths, cores() if can_fork() else 1)
    with gc_paused():
        runs = map_forked(lambda run: [read_article(folder, path, metadata) for path in paths[run[0]:run[1]]],
                          list(pairwise(cuts)))
        for warnings, article, sentences in chain.from_iterable(runs):
            corpus.warnings.extend(warnings)
            if article is None:
                continue
            number = len(corpus.articles)
            corpus.articles.append(article)
            corpus.sentences.extend([Sentence(number, *sentence) for sentence in sentences])
    for warning in corpus.warnings:
        log.warning("corpus: %s: %s", warning.path, warning.problem)
    return corpus
