"""The story's chronology: events from the seeds and from articles made in the tests."""

import datetime as dt
import json
import re
import time

import pytest

from index.corpus import load_corpus
from index.models import Article, Corpus, Sentence
from index.text import default_analyzer
from index.timeline import MAX_TEXT, Event, build_timeline
from tests.conftest import SEEDS

ISO = re.compile(r"(?:\d{4}(?:-\d\d){0,2}|--\d\d(?:-\d\d)?)(?:/(?:\d{4}(?:-\d\d){0,2}|--\d\d(?:-\d\d)?))?")


@pytest.fixture(scope="module")
def seed_corpus():
    return load_corpus(SEEDS)


@pytest.fixture(scope="module")
def seed_timeline(seed_corpus):
    return build_timeline(seed_corpus)


def corpus_of(*articles: tuple[Article, list[str]], unquotable: tuple[str, ...] = ()) -> Corpus:
    """A corpus of (article, its sentences) made in the test; the headline is sentence 0."""
    corpus = Corpus()
    for number, (article, sentences) in enumerate(articles):
        corpus.articles.append(article)
        corpus.sentences.append(Sentence(number, 0, -1, article.title))
        for position, text in enumerate(sentences, start=1):
            corpus.sentences.append(Sentence(number, position, 0, text, quotable=text not in unquotable))
    return corpus


def article(title, source, date=None, day_month=None, key=None):
    return Article(id=key or title[:10], title=title, source=source, date=date, day_month=day_month)


def find(timeline: list[Event], label: str, word: str) -> int:
    hits = [i for i, e in enumerate(timeline) if e.label == label and word.lower() in e.text.lower()]
    assert len(hits) == 1, f"{label} / {word}: {[(e.label, e.text) for e in timeline]}"
    return hits[0]


# The seeds ------------------------------------------------------------------------------------------------

def test_the_seed_timeline_holds_the_story_in_chronological_order(seed_timeline):
    story = [
        find(seed_timeline, "лето 2025", "задержанных в Баку летом"),
        find(seed_timeline, "1 июля 2025", "задержании восьмерых"),
        find(seed_timeline, "август 2025", "Фадеев"),
        find(seed_timeline, "9 октября 2025", "Душанбе"),
        find(seed_timeline, "24 октября 2025", "телефонные переговоры"),
        find(seed_timeline, "29 октября 2025", "РАПСИ: РФ и Азербайджан"),
        find(seed_timeline, "8–11 декабря 2025", "консультаций"),
        find(seed_timeline, "10 декабря 2025", "ТАСС: Галузин указал Баку"),
    ]
    assert story == sorted(story)


def test_the_seed_events_carry_iso_dates_at_the_precision_found(seed_timeline):
    dates = {e.label: e.date for e in seed_timeline}
    assert dates["лето 2025"] == "2025-06/2025-08"
    assert dates["конец июня – начало июля 2025"] == "2025-06/2025-07"
    assert dates["1 июля 2025"] == "2025-07-01"
    assert dates["август 2025"] == "2025-08"
    assert dates["8–11 декабря 2025"] == "2025-12-08/2025-12-11"
    assert dates["2020–2022"] == "2020/2022"
    assert dates["2026"] == "2026"
    assert all(ISO.fullmatch(e.date) for e in seed_timeline)


def test_the_dushanbe_meeting_told_by_both_outlets_is_one_entry(seed_timeline):
    meetings = [e for e in seed_timeline if e.date == "2025-10-09"]
    assert len(meetings) == 1
    assert set(meetings[0].sources) == {"РАПСИ", "ТАСС"}
    assert len(meetings[0].articles) == 2
    # the earlier article's words speak for it, without «Напомним, что»
    assert meetings[0].text == "Встреча лидеров двух стран прошла 9 октября в Душанбе"


def test_the_two_dates_of_one_sentence_are_two_events_with_their_own_clause(seed_timeline):
    call = seed_timeline[find(seed_timeline, "24 октября 2025", "телефонные")]
    assert call.text.startswith("24 октября президенты провели телефонные переговоры")
    assert "Душанбе" not in call.text


def test_the_seeds_give_no_false_dates(seed_timeline):
    # «11 российских граждан», «3+3», «Песков» and the like never become entries
    assert len(seed_timeline) == 11
    assert not any("3+3" in e.text for e in seed_timeline)
    years = {e.date[:4] for e in seed_timeline}
    assert years == {"2020", "2025", "2026"}


def test_a_quotation_loses_its_attribution_and_texts_end_on_whole_words(seed_timeline, seed_corpus):
    detention = seed_timeline[find(seed_timeline, "конец июня – начало июля 2025", "задержанных")]
    assert detention.text.endswith("задержанных в Баку в конце июня - начале июля")
    assert "отметили в министерстве" not in detention.text
    words = set(re.findall(r"\w+", " ".join(s.text for s in seed_corpus.sentences)))
    for event in seed_timeline:
        assert len(event.text) <= MAX_TEXT + 1
        assert re.findall(r"\w+", event.text)[-1] in words


def test_json_shape(seed_timeline):
    data = json.loads(json.dumps([e.to_json() for e in seed_timeline], ensure_ascii=False))
    assert set(data[0]) == {"date", "label", "text", "sources", "articles"}
    assert data[-1]["date"] == "2026" and data[-1]["sources"] == ["ТАСС"]
    assert data[-1]["articles"] == ["Галузин указал Баку на важность освобождения 11 россиян"]


def test_building_the_seed_timeline_is_fast(seed_corpus):
    default_analyzer()                  # loaded once per process by the engine anyway
    build_timeline(seed_corpus)
    best = min(_timed(build_timeline, seed_corpus) for _ in range(3))
    assert best < 0.05


def _timed(fn, arg) -> float:
    start = time.perf_counter()
    fn(arg)
    return time.perf_counter() - start


# Articles made in the tests -------------------------------------------------------------------------------

def test_an_article_without_dates_gives_only_its_publication():
    corpus = corpus_of((article("Переговоры продолжаются", "ТАСС", dt.date(2025, 3, 5)),
                        ["Стороны обсудили освобождение 11 граждан.", "Работа идет на 2 месяца вперед."]))
    assert [e.to_json() for e in build_timeline(corpus)] == [{
        "date": "2025-03-05", "label": "5 марта 2025", "text": "ТАСС: Переговоры продолжаются",
        "sources": ["ТАСС"], "articles": ["Переговоры продолжаются"]}]


def test_the_same_event_from_two_outlets_is_one_entry_and_a_different_one_stays_apart():
    corpus = corpus_of(
        (article("Итоги саммита", "ТАСС", dt.date(2025, 3, 5)),
         ["Саммит лидеров прошел 3 марта в Минске.", "3 марта в Москве открылась выставка картин."]),
        (article("Минский саммит", "РИА Новости", dt.date(2025, 3, 4)),
         ["Лидеры провели саммит в Минске 3 марта, сообщили в пресс-службе."]),
    )
    march_3 = [e for e in build_timeline(corpus) if e.date == "2025-03-03"]
    assert len(march_3) == 2
    summit = next(e for e in march_3 if "Минске" in e.text)
    assert summit.sources == ("РИА Новости", "ТАСС")         # the earlier article first
    assert summit.text == "Лидеры провели саммит в Минске 3 марта"
    exhibition = next(e for e in march_3 if "выставка" in e.text)
    assert exhibition.sources == ("ТАСС",)


def test_an_event_repeated_in_one_article_is_one_entry():
    corpus = corpus_of((article("Суд продлил арест", "РАПСИ", dt.date(2025, 9, 1)), [
        "Суд 20 августа продлил арест журналистов.",
        "Как напоминает агентство, арест журналистов продлен судом 20 августа.",
    ]))
    august = [e for e in build_timeline(corpus) if e.date == "2025-08-20"]
    assert len(august) == 1 and august[0].sources == ("РАПСИ",)


def test_a_december_date_in_a_january_article_lands_in_the_previous_year_before_it():
    corpus = corpus_of((article("Итоги переговоров", "ТАСС", dt.date(2026, 1, 12)),
                        ["Переговоры прошли 25 декабря в Баку."]))
    timeline = build_timeline(corpus)
    assert [(e.date, e.label) for e in timeline] == [("2025-12-25", "25 декабря 2025"),
                                                     ("2026-01-12", "12 января 2026")]


def test_a_plan_after_the_publication_comes_after_it():
    corpus = corpus_of((article("Консультации продолжатся", "МИД", dt.date(2025, 12, 10)),
                        ["Следующий раунд консультаций состоится 15 января в Москве."]))
    assert [e.label for e in build_timeline(corpus)] == ["10 декабря 2025", "15 января 2026"]


def test_dates_in_other_years_ranges_across_months_and_abbreviations_sort_together():
    corpus = corpus_of((article("Хроника", "Интерфакс", dt.date(2025, 7, 20)), [
        "Соглашение было подписано 12 марта 2019 года.",
        "Форум проходил с 30 июня по 2 июля в Казани.",
        "Об этом стало известно 29 окт. прошлого года.",
    ]))
    assert [(e.date, e.label) for e in build_timeline(corpus)] == [
        ("2019-03-12", "12 марта 2019"),
        ("2024-10-29", "29 октября 2024"),
        ("2025-06-30/2025-07-02", "30 июня – 2 июля 2025"),
        ("2025-07-20", "20 июля 2025"),
    ]


def test_wider_spans_come_before_the_days_they_contain():
    corpus = corpus_of((article("Хроника лета", "ТАСС", dt.date(2025, 9, 1)), [
        "Ремонт моста шел летом 2025 года.",
        "В июне 2025 года закрыли переправу.",
        "Паром запустили 1 июня 2025 года.",
        "В конце июня 2025 года открыли объезд.",
    ]))
    assert [e.label for e in build_timeline(corpus)] == [
        "лето 2025", "июнь 2025", "1 июня 2025", "конец июня 2025", "1 сентября 2025"]


def test_an_article_without_a_year_keeps_its_events_yearless_and_last():
    corpus = corpus_of(
        (article("Ограничения на ввоз", "РИА Новости", day_month=(10, 8)),
         ["Россельхознадзор с 9 августа ввел ограничения.", "Договор подписали в декабре."]),
        (article("Итоги года", "ТАСС", dt.date(2025, 3, 5)), ["В 2019 году объем вырос."]),
    )
    timeline = build_timeline(corpus)
    assert [(e.date, e.label) for e in timeline] == [
        ("2019", "2019"),
        ("2025-03-05", "5 марта 2025"),
        ("--12", "декабрь (год не указан)"),        # a past December: before the August article
        ("--08-09", "9 августа (год не указан)"),
        ("--08-10", "10 августа (год не указан)"),
    ]


def test_an_undated_article_has_no_publication_entry_but_keeps_its_written_years():
    corpus = corpus_of((article("Умерла модельер", "Медуза"), ["В 1995 году она пришла в компанию."]))
    assert [(e.date, e.text) for e in build_timeline(corpus)] == [
        ("1995", "В 1995 году она пришла в компанию")]


def test_unquotable_lines_and_an_empty_corpus_give_nothing():
    credit = "Фото 10 декабря 2025 года © ТАСС"
    corpus = corpus_of((article("Без даты", "ТАСС"), [credit]), unquotable=(credit,))
    assert build_timeline(corpus) == []
    assert build_timeline(Corpus()) == []


def test_long_sentences_are_cut_at_clause_boundaries():
    sentence = ("Кроме того, как сообщал ТАСС, 5 мая в Баку состоялись переговоры министров, которые "
                "обсудили "
                "транзит, энергетику, образование, культуру, гуманитарные связи, туризм, спорт, науку, "
                "здравоохранение, цифровую экономику, логистику, сельское хозяйство и многое другое, "
                "что стороны назвали важным шагом.")
    corpus = corpus_of((article("Переговоры", "ТАСС", dt.date(2025, 5, 6)), [sentence]))
    event = next(e for e in build_timeline(corpus) if e.date == "2025-05-05")
    assert event.text.startswith("5 мая в Баку состоялись переговоры министров")
    assert len(event.text) <= MAX_TEXT
    assert sentence.startswith(event.text, sentence.index("5 мая"))   # a clean prefix: no word cut
