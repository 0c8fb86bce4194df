"""Reading articles: datelines, metadata, lines that are not reporting, broken files."""

import datetime as dt

import pytest

from index.corpus import load_corpus, outlet_from_file_name, parse_dateline
from tests.conftest import SEEDS, write_corpus


@pytest.mark.parametrize("line, day, month, source, rest", [
    ("МОСКВА, 10 декабря. /ТАСС/. Замглавы МИД РФ", 10, 12, "ТАСС", "Замглавы МИД РФ"),
    ("МОСКВА, 29 окт – РАПСИ. Российская Федерация", 29, 10, "РАПСИ", "Российская Федерация"),
    ("ТАСС, 11 августа. Текст новости", 11, 8, "ТАСС", "Текст новости"),
    ("ВЛАДИВОСТОК, 10 авг – РИА Новости. Текст", 10, 8, "РИА Новости", "Текст"),
    ("Москва. 30 апреля. INTERFAX.RU - Чемпион мира", 30, 4, "Интерфакс", "Чемпион мира"),
    ("мехико, 31 янв - риа новости, юрий николаев. группа людей", 31, 1, "РИА Новости", "группа людей"),
    ("Великий Новгород. 4 сентября. ИНТЕРФАКС - Археологи", 4, 9, "Интерфакс", "Археологи"),
    ("Ростов-на-Дону, 5 мая. /ТАСС/. Текст", 5, 5, "ТАСС", "Текст"),
    ("СИРИУС /федеральная территория/, 27 ноября. /ТАСС/. Текст", 27, 11, "ТАСС", "Текст"),
    ("27 июля, Несвижский район /Корр. БЕЛТА/. Президент Беларуси", 27, 7, "БелТА", "Президент Беларуси"),
])
def test_datelines_of_many_outlets_give_day_month_outlet_and_the_text(line, day, month, source, rest):
    info, text = parse_dateline(line)
    assert (info["day"], info["month"], info.get("source")) == (day, month, source)
    assert text == rest
    assert info["text"] == line[:len(line) - len(rest)].strip()     # kept as written, to be quoted


def test_an_article_keeps_its_dateline_as_written_and_none_when_it_has_none(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "a.txt": "Пожар в Твери\nТВЕРЬ, 3 марта. /ТАСС/. В Твери сгорел склад.\n",
        "b.txt": "Пожар в Ржеве\nВ Ржеве сгорел склад.\n",
        "c.txt": "Пожар в Торжке\n28.09.2016, 22:10 В Торжке сгорел склад.\n",
        # A stamp on a line of its own dates the article but is not its lead's: the lead is quoted without it.
        "d.txt": "Пожар в Кимрах\n18 Nov 2019, 11:25\nВ Кимрах сгорел склад.\n",
    })
    articles = load_corpus(folder).articles
    assert {a.id: a.dateline for a in articles} == {"a.txt": "ТВЕРЬ, 3 марта. /ТАСС/.", "b.txt": "",
                                                    "c.txt": "28.09.2016, 22:10", "d.txt": ""}
    assert [a.date for a in articles if a.id == "d.txt"] == [dt.date(2019, 11, 18)]


@pytest.mark.parametrize("line", ["Москва и Баку договорились о встрече 10 декабря.",
                                  "На Камчатке в субботу, 30 января, произошло землетрясение магнитудой 7,3.",
                                  "Авария произошла сегодня, 30 июля. По предварительной информации, водитель уснул."])
def test_a_lead_that_opens_like_a_dateline_is_not_one(line):
    """Such a lead is the article's first fact: taken for a dateline, it was never quoted."""
    assert parse_dateline(line) is None


def test_a_lead_sentence_that_opens_with_a_date_stays_quotable(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Землетрясение на Камчатке\nНа Камчатке в субботу, 30 января, "
                                                    "произошло землетрясение магнитудой 7,3. Жертв нет.\n"})
    corpus = load_corpus(folder)
    assert any("магнитудой 7,3" in s.text for s in corpus.sentences)
    assert corpus.articles[0].dateline == ""


def test_seed_metadata_gives_outlet_and_full_date():
    corpus = load_corpus(SEEDS)
    by_source = {a.source: a for a in corpus.articles}
    assert by_source["ТАСС"].date == dt.date(2025, 12, 10)
    assert by_source["РАПСИ"].date == dt.date(2025, 10, 29)
    assert by_source["ТАСС"].date_label == "10 декабря 2025"


def test_credits_section_titles_and_editor_lines_are_not_quotable():
    corpus = load_corpus(SEEDS)
    unquotable = {s.text for s in corpus.sentences if not s.quotable}
    assert "Редакция сайта ТАСС" in unquotable
    assert "Взаимные интересы" in unquotable
    assert any("©" in t for t in unquotable)
    quotable = [s.text for s in corpus.sentences if s.quotable]
    assert not any("©" in t or t.startswith("МОСКВА,") for t in quotable)


def test_a_photo_credit_after_a_caption_or_a_sentence_is_never_quoted(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "a.txt": "Дамбу прорвало в Орске\n"
                 "Из-за прорыва дамбы эвакуировали более 3000 человек | Источник: orskdotru / T.me\n"
                 "ОРСК, 6 апреля. /ТАСС/. Губернатор провел совещание в штабе. Фото: Иван Петров / ТАСС\n"
                 "Очевидцы написали в группе «ДТП и ЧП | Орск», что вода прибывает.\n"
                 "Полиция просит очевидцев позвонить по телефону 02. (фото orsk.ru)\n"
                 "Мария ИВАНОВА, фото предоставлено пресс-службой МЧС, Орск\n"
                 "Ольга СМИРНОВА\n"
                 "Глава города Василий КОЗУПИЦА заявил, что дамбу восстановят.\n",
    })
    texts = [s.text for s in load_corpus(folder).sentences if s.quotable]
    assert "Из-за прорыва дамбы эвакуировали более 3000 человек" in texts
    assert "Губернатор провел совещание в штабе." in texts
    assert "Полиция просит очевидцев позвонить по телефону 02." in texts
    assert not any("Источник" in t or "фото" in t.lower() for t in texts), texts
    assert not any("ИВАНОВА" in t or "СМИРНОВА" in t for t in texts)                 # bylines
    assert any("КОЗУПИЦА заявил" in t for t in texts)               # a name in capitals inside the text stays
    assert any("«ДТП и ЧП | Орск»" in t for t in texts)          # a «|» inside the text stays


def test_a_sources_table_gives_outlet_date_and_url_and_sources_toml_wins(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "a.txt": "Учения в порту\nВ порту прошли учения.\n",
        "b.txt": "Новый мост\nМост открыли для машин.\n",
        "c.txt": "Без строки в таблице\nПросто текст.\n",
        "SOURCES.md": "# Откуда статьи\n\nТекст перед таблицей.\n\n"
                      "| file | outlet | date (sample) | URL (sample) | note |\n|---|---|---|---|---|\n"
                      "| a.txt | ТАСС (tass.ru) | 2019-08-10 18:48:42 | https://tass.ru/1 |  |\n"
                      "| `b.txt` | Известия | — | — | без даты |\n"
                      "| итого | 2 | | | |\n",
        "sources.toml": '["b.txt"]\nsource = "Коммерсантъ"\n',
    })
    articles = {a.id: a for a in load_corpus(folder).articles}
    assert (articles["a.txt"].source, articles["a.txt"].date, articles["a.txt"].url) == (
        "ТАСС", dt.date(2019, 8, 10), "https://tass.ru/1")
    assert articles["b.txt"].source == "Коммерсантъ" and articles["b.txt"].date is None   # the toml wins; «—» is no date
    assert articles["c.txt"].date_label == "дата не указана"


@pytest.mark.parametrize("table", [b"\xff\xfe\x00 not text", b"| a | b |\n| x.txt |\n|||\n| file |\n| a.txt"])
def test_a_broken_sources_table_is_skipped_and_every_article_still_loads(tmp_path, table):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Заголовок\nТекст статьи.\n", "SOURCES.md": table})
    corpus = load_corpus(folder)
    assert [a.id for a in corpus.articles] == ["a.txt"]
    assert corpus.articles[0].date_label == "дата не указана"
    assert all("SOURCES.md" in w.path for w in corpus.warnings)


def test_without_metadata_the_year_is_never_invented(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "a.txt": "Заголовок\nВЛАДИВОСТОК, 10 авг – РИА Новости. В порту прошли учения.\n",
        "b.txt": "Без даты\nПросто текст без датлайна.\n",
    })
    articles = {a.id: a for a in load_corpus(folder).articles}
    assert articles["a.txt"].date is None
    assert articles["a.txt"].day_month == (10, 8)
    assert articles["a.txt"].source == "РИА Новости"
    assert "год не указан" in articles["a.txt"].date_label
    assert articles["b.txt"].date_label == "дата не указана"


def test_front_matter_supplies_what_the_text_lacks(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "x.txt": "---\nsource: Коммерсантъ\ndate: 2024-03-17\nurl: https://example.org/x\n---\n"
                 "Заголовок статьи\nТекст статьи про события.\n",
    })
    (article,) = load_corpus(folder).articles
    assert (article.source, article.date, article.url, article.title) == (
        "Коммерсантъ", dt.date(2024, 3, 17), "https://example.org/x", "Заголовок статьи")


def test_broken_files_are_skipped_with_one_warning_each_and_the_rest_loads(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "good.txt": "Хороший заголовок\nМОСКВА, 1 мая. /ТАСС/. Хороший текст статьи.\n",
        "empty.txt": "",
        "binary.txt": b"\x00\x01\x02\xff" * 100,
        "cp1251.txt": "Заголовок в cp1251\nТекст в старой кодировке.\n".encode("cp1251"),
        "utf16.txt": "Заголовок в UTF-16\nТекст, сохранённый Блокнотом как «Юникод».\n".encode("utf-16"),
    })
    corpus = load_corpus(folder)
    ids = {a.id for a in corpus.articles}
    assert ids == {"good.txt", "cp1251.txt", "utf16.txt"}
    assert any("Блокнотом" in s.text for s in corpus.sentences)
    problems = {w.path.rsplit("/", 1)[-1] for w in corpus.warnings}
    assert problems == {"empty.txt", "binary.txt"}


def test_non_breaking_spaces_do_not_break_dates_or_words(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "n.txt": "Заголовок\nМОСКВА,\u00a017\u00a0марта. /ТАСС/. Встреча прошла 17\u00a0марта в\u00a0Москве.\n",
    })
    corpus = load_corpus(folder)
    assert corpus.articles[0].day_month == (17, 3)
    assert any("17 марта в Москве" in s.text for s in corpus.sentences)


def test_an_editorial_abbreviation_does_not_cut_a_sentence_in_two():
    from index.corpus import split_sentences

    text = 'Превышение отмечается в шести пробах (по трем веществам - прим. ТАСС): диоксид серы в 1,04 раза. Второе.'
    assert split_sentences(text) == [
        "Превышение отмечается в шести пробах (по трем веществам - прим. ТАСС): диоксид серы в 1,04 раза.",
        "Второе.",
    ]


def test_an_outlet_is_read_from_the_file_name_when_nothing_else_names_it(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "lenta-07.txt": "Пожар в Твери\nВ Твери сгорел склад.\n",
        "kommersant_2.txt": "Мост в Ржеве\nРЖЕВ, 5 марта – РИА Новости. В Ржеве закрыли мост.\n",
        "notes-01.txt": "Выставка в Торжке\nВ Торжке открылась выставка.\n",
        "orda-61.txt": "«Кайрат» стал чемпионом\nФото: Orda.kz\nКоманда оформила титул, сообщает Orda.kz.\n",
        "minskinfo-3.txt": "Шторм в Минске\nВ Минске упали деревья, сообщает Sputnik.by со ссылкой на МЧС.\n",
    })
    sources = {a.id: a.source for a in load_corpus(folder).articles}
    # The dateline wins over the file name; a name that is no outlet's leaves the outlet unknown, unless the
    # text names a site whose name is the file's; a site the text cites is another outlet.
    assert sources == {"lenta-07.txt": "Lenta.ru", "kommersant_2.txt": "РИА Новости",
                       "notes-01.txt": "неизвестный источник", "orda-61.txt": "Orda.kz",
                       "minskinfo-3.txt": "неизвестный источник"}


@pytest.mark.parametrize("stamp, date", [
    ("28 апреля 2016, 08:39", dt.date(2016, 4, 28)),
    ("17:37, 5 октября 2025", dt.date(2025, 10, 5)),
    ("06 мая 2021, 14:28", dt.date(2021, 5, 6)),
    ("8 октября 2019", dt.date(2019, 10, 8)),
    ("8 окт 2019 г.", dt.date(2019, 10, 8)),
    ("Опубликовано: 5 октября 2025, 17:37", dt.date(2025, 10, 5)),
    ("Обновлено 28.09.2016, 22:10", dt.date(2016, 9, 28)),
    ("17:51 02.02.2026", dt.date(2026, 2, 2)),
    # as sites' templates print it: an English month, a day of the week first
    ("18 Nov 2019, 11:25", dt.date(2019, 11, 18)),
    ("27 April 2020", dt.date(2020, 4, 27)), ("27 Apr 2020, 00:51 by Сергей Игнатьев", dt.date(2020, 4, 27)),
    ("15 Nov 2019 by Борис Кампов", dt.date(2019, 11, 15)),        # no time: the byline ends the stamp's line
    ("15 Nov 2019 by Марина Романова, Сургутская трибуна", dt.date(2019, 11, 15)),
    ("Понедельник, 15 мая 2023 11:37", dt.date(2023, 5, 15)),
])
def test_a_feed_stamp_with_the_month_in_words_dates_the_article(tmp_path, stamp, date):
    folder = write_corpus(tmp_path / "c", {"a.txt": f"Пожар в Торжке\n{stamp}\nВ Торжке сгорел склад.\n"})
    article = load_corpus(folder).articles[0]
    assert article.date == date
    assert article.paragraphs == ("В Торжке сгорел склад.",)     # the stamp is not a sentence to quote


def test_a_lead_that_opens_with_a_full_date_is_not_a_stamp(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Митинг в Твери\n5 октября 2025 года в Твери прошёл митинг.\n"})
    corpus = load_corpus(folder)
    assert corpus.articles[0].date is None
    assert any(s.text.startswith("5 октября 2025 года в Твери") for s in corpus.sentences)


def test_a_dateline_with_the_year_and_time_after_commas_gives_the_full_date_and_the_outlet():
    info, rest = parse_dateline("Минск, 1 марта, 2022, 10:12 — ИА Регнум. Расширенное заседание Совбеза")
    assert (info["day"], info["month"], info["year"], info["source"]) == (1, 3, 2022, "Регнум")
    assert rest == "Расширенное заседание Совбеза"


@pytest.mark.parametrize("name, outlet", [("m24-31.txt", "Москва 24"), ("66ru-02.txt", "66.ru"), ("tass3.txt", "ТАСС"),
                                          ("sport-express-21.txt", "Спорт-Экспресс"), ("notes.txt", None)])
def test_the_outlet_of_an_article_comes_from_its_file_name_when_nothing_else_names_it(name, outlet):
    assert outlet_from_file_name(name) == outlet


def test_a_dateline_under_a_stamp_line_is_still_read_and_not_quoted(tmp_path):
    """БелТА puts a stamp line above the lead's own dateline: «27.07.2020 | 10:03», then «27 июля, Несвижский
    район /Корр. БЕЛТА/. Президент …»."""
    folder = write_corpus(tmp_path / "c", {"a.txt": "Лукашенко посетит Несвижский район\n27.07.2020 | 10:03\n"
                                                    "27 июля, Несвижский район /Корр. БЕЛТА/. Президент Беларуси "
                                                    "посетит с рабочей поездкой Несвижский район.\n"})
    corpus = load_corpus(folder)
    article = corpus.articles[0]
    assert (article.source, article.date) == ("БелТА", dt.date(2020, 7, 27))
    assert article.dateline == "27 июля, Несвижский район /Корр. БЕЛТА/."
    assert [s.text for s in corpus.sentences][1:] == ["Президент Беларуси посетит с рабочей поездкой Несвижский район."]


def test_a_subtitle_without_a_full_stop_is_read_with_the_headline(tmp_path):
    """With no dateline to show where the body starts, a line without final punctuation above the first sentence
    is a subtitle («909-й гол Овечкина помог «Вашингтону» обыграть «Айлендерс» в матче НХЛ»): it restates the
    story and is weighed as the headline, not as the body's first fact. A feed that ends no line with a full
    stop keeps its lines."""
    folder = write_corpus(tmp_path / "c", {
        "a.txt": "Гол Овечкина помог «Вашингтону» обыграть «Айлендерс»\n"
                 "909-й гол Овечкина помог «Вашингтону» обыграть «Айлендерс» в матче НХЛ\n"
                 "«Вашингтон» в гостях одержал победу со счетом 4:1.\n",
        "b.txt": "Лента происшествий\nВ Твери сгорел склад\nВ Ржеве столкнулись два автобуса\nВ Торжке нашли клад\n",
    })
    by_id = {a.id: a for a in load_corpus(folder).articles}
    assert by_id["a.txt"].paragraphs == ("«Вашингтон» в гостях одержал победу со счетом 4:1.",)
    assert len(by_id["b.txt"].paragraphs) == 3
