"""Finding dated expressions in Russian sentences and resolving their years against the publication."""

import datetime as dt

import pytest

from index.dates import dates_in, find_dates, tense_near

DEC_10 = dt.date(2025, 12, 10)        # the ТАСС seed
OCT_29 = dt.date(2025, 10, 29)        # the РАПСИ seed


def resolved(text, published=DEC_10, day_month=None):
    """(words found, ISO date, label) for every placed expression of `text`."""
    return [(text[m.start:m.end], span.iso, span.label)
            for m, span in dates_in(text, published, day_month) if span is not None]


@pytest.mark.parametrize("text, published, iso, label", [
    ("встреча прошла 9 октября в Душанбе", OCT_29, "2025-10-09", "9 октября 2025"),
    ("о задержании стало известно 1 июля", OCT_29, "2025-07-01", "1 июля 2025"),
    ("МОСКВА, 29 окт – РАПСИ сообщило", DEC_10, "2025-10-29", "29 октября 2025"),
    ("ВЛАДИВОСТОК, 10 авг. агентство сообщило", DEC_10, "2025-08-10", "10 августа 2025"),
    ("По состоянию на 10.08.2019 года превышение отмечено", DEC_10, "2019-08-10", "10 августа 2019"),
    ("соглашение подписали 1 марта 2022 года", DEC_10, "2022-03-01", "1 марта 2022"),
])
def test_exact_dates_full_and_abbreviated(text, published, iso, label):
    assert [(i, lab) for _, i, lab in resolved(text, published)] == [(iso, label)]


@pytest.mark.parametrize("text, iso, label", [
    ("Галузин в ходе консультаций с 8 по 11 декабря обсудил", "2025-12-08/2025-12-11", "8–11 декабря 2025"),
    ("консультации прошли 8–11 декабря", "2025-12-08/2025-12-11", "8–11 декабря 2025"),
    ("форум проходил с 30 июня по 2 июля", "2025-06-30/2025-07-02", "30 июня – 2 июля 2025"),
    ("выставка работала 30 июня – 2 июля 2024 года", "2024-06-30/2024-07-02", "30 июня – 2 июля 2024"),
    ("каникулы длились с 30 декабря 2024 по 8 января 2025 года", "2024-12-30/2025-01-08",
     "30 декабря 2024 – 8 января 2025"),
])
def test_day_ranges_within_and_across_months_and_years(text, iso, label):
    assert [(i, lab) for _, i, lab in resolved(text)] == [(iso, label)]


def test_a_range_without_year_that_crosses_new_year_takes_two_years():
    text = "праздники продолжались с 28 декабря по 3 января"
    assert resolved(text, dt.date(2025, 1, 15)) == [
        ("с 28 декабря по 3 января", "2024-12-28/2025-01-03", "28 декабря 2024 – 3 января 2025")]


@pytest.mark.parametrize("text, iso, label", [
    ("еще в августе о том заявлял Фадеев", "2025-08", "август 2025"),
    ("в июле 2019 года суд вынес решение", "2019-07", "июль 2019"),
    ("в декабре прошлого года стороны договорились", "2024-12", "декабрь 2024"),
    ("в июне-июле шли переговоры", "2025-06/2025-07", "июнь–июль 2025"),
    ("с июня по август 2024 года шли работы", "2024-06/2024-08", "июнь–август 2024"),
])
def test_months_keep_month_precision(text, iso, label):
    assert [(i, lab) for _, i, lab in resolved(text)] == [(iso, label)]


@pytest.mark.parametrize("text, iso, label", [
    ("граждан, задержанных в Баку в конце июня - начале июля", "2025-06/2025-07",
     "конец июня – начало июля 2025"),
    ("граждан, задержанных в Баку летом 2025 года", "2025-06/2025-08", "лето 2025"),
    ("в середине сентября сайты были взломаны", "2025-09", "середина сентября 2025"),
    ("в начале 2024 года закон вступил в силу", "2024", "начало 2024"),
    ("в первой половине 2024 года выпуск вырос", "2024-01/2024-06", "первая половина 2024"),
    ("зимой 2024 года река замерзла", "2023-12/2024-02", "зима 2023/24"),
    ("в конце лета 2023 года начался сезон", "2023-08", "конец лета 2023"),
])
def test_parts_of_months_years_and_seasons(text, iso, label):
    assert [(i, lab) for _, i, lab in resolved(text)] == [(iso, label)]


@pytest.mark.parametrize("text, iso, label", [
    ("на основе договоренностей на высшем уровне 2020-2022 годов", "2020/2022", "2020–2022"),
    ("с 2020 по 2022 год объем вырос", "2020/2022", "2020–2022"),
    ("Сверен график контактов на 2026 год", "2026", "2026"),
    ("элемент был впервые получен в 2003 году", "2003", "2003"),
    ("в 2024 году выпуск вырос", "2024", "2024"),       # dateparser gives year 1 here
])
def test_years_and_year_ranges(text, iso, label):
    assert [(i, lab) for _, i, lab in resolved(text)] == [(iso, label)]


@pytest.mark.parametrize("text", [
    "санкции продлили на 2 месяца",
    "освобождения 11 российских граждан",
    "Платформы регионального сотрудничества \"3+3\"",
    "синтезировали атом 113-й элемент",
    "в акции участвовали 1 млн человек",
    "1914. Русские войска вступили в пределы Венгрии",
    "Зенит выиграл со счетом 3:2",
    "курс вырос на 1,5 процента",
    "в 1990-х годах",
    "встреча с Мартой и майором",
    "Детально рассмотрен ряд региональных вопросов.",
])
def test_numbers_that_are_not_dates(text):
    assert find_dates(text) == []


def test_a_number_after_a_day_is_a_year_only_when_it_looks_like_one():
    assert resolved("с 1 июля 2000 человек вышли на работу") == [("1 июля", "2025-07-01", "1 июля 2025")]


def test_every_date_of_a_sentence_is_found():
    text = "Встреча прошла 9 октября в Душанбе, а 24 октября президенты провели телефонные переговоры."
    assert [i for _, i, _ in resolved(text, OCT_29)] == ["2025-10-09", "2025-10-24"]


# Resolution of a missing year ----------------------------------------------------------------------------

def test_a_past_december_date_in_a_january_article_is_last_year():
    assert resolved("Переговоры прошли 25 декабря в Баку", dt.date(2026, 1, 15)) == [
        ("25 декабря", "2025-12-25", "25 декабря 2025")]


def test_a_past_event_is_never_after_its_article():
    # 15 December would be nearer to 10 December, but the talks already took place
    assert resolved("Переговоры прошли 15 декабря", DEC_10)[0][1] == "2024-12-15"


def test_a_plan_may_be_after_the_publication():
    assert resolved("Следующий раунд консультаций состоится 15 января", DEC_10)[0][1] == "2026-01-15"
    assert resolved("Стороны планируют провести встречу в феврале", DEC_10)[0][1] == "2026-02"
    assert resolved("Матчи будут показаны 10 мая", dt.date(2019, 5, 7))[0][1] == "2019-05-10"


def test_a_deadline_may_be_after_the_publication():
    assert resolved("Арест продлен до 1 июля", DEC_10)[0][1] == "2026-07-01"
    assert resolved("Арест продлили 1 июля", DEC_10)[0][1] == "2025-07-01"


def test_a_range_running_through_the_publication_day_is_this_year():
    # the ТАСС seed: published 10 December about talks of 8–11 December
    assert resolved("Галузин в ходе консультаций с 8 по 11 декабря обсудил")[0][1] == "2025-12-08/2025-12-11"


def test_the_writers_own_verb_is_not_the_events_tense():
    # «Напомним» is a perfective first-person form (future by its grammar); the event is «провел»
    text = "Напомним, 25 сентября Совет Безопасности ООН по инициативе США провел экстренное заседание."
    assert resolved(text, dt.date(2016, 9, 28))[0][1] == "2016-09-25"
    assert tense_near(text, text.index("25"), text.index("25") + 11) == "past"


def test_a_written_year_is_kept_whatever_the_publication():
    assert resolved("В июле 2019 года суд вынес решение", DEC_10)[0][1] == "2019-07"
    assert resolved("Расчистку реки завершат в 2020 году", dt.date(2019, 8, 8))[0][1] == "2020"


def test_relative_seasons():
    assert resolved("прошлым летом начались работы", dt.date(2025, 7, 15))[0][1] == "2024-06/2024-08"
    assert resolved("этим летом начались работы", dt.date(2025, 7, 15))[0][1] == "2025-06/2025-08"


# Articles whose year is unknown --------------------------------------------------------------------------

def test_without_the_articles_year_no_year_is_invented():
    pairs = dates_in("Россельхознадзор с 9 августа ввел ограничения", None, (10, 8))
    span = pairs[0][1]
    assert not span.year_known
    assert (span.iso, span.label) == ("--08-09", "9 августа (год не указан)")


def test_without_the_articles_year_a_past_december_still_sorts_before_the_august_article():
    december = dates_in("Договор подписали в декабре", None, (10, 8))[0][1]
    august = dates_in("Ограничения ввели 9 августа", None, (10, 8))[0][1]
    assert december.label == "декабрь (год не указан)"
    assert december.sort_key < august.sort_key


def test_a_year_relative_to_an_unknown_year_is_not_placed():
    assert dates_in("В прошлом году урожай был выше", None, (10, 8))[0][1] is None
    assert dates_in("В прошлом году урожай был выше", None, None)[0][1] is None


def test_spans_sort_by_start_and_the_wider_first():
    keys = {text: dates_in(text, DEC_10)[0][1].sort_key for text in (
        "летом 2025 года", "в июле 2025 года", "1 июля 2025 года", "20 июня 2025 года",
        "в конце июня 2025 года", "в 2025 году")}
    order = sorted(keys, key=keys.get)
    assert order == ["в 2025 году", "летом 2025 года", "20 июня 2025 года", "в конце июня 2025 года",
                     "в июле 2025 года", "1 июля 2025 года"]
