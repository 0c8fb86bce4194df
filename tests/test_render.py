"""Rendering: what a reply looks like, escaping by construction, and Telegram's limits."""

from __future__ import annotations

import dataclasses
import datetime as dt

from aiogram.utils.formatting import Text, sizeof
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers import render
from handlers.deps import Timeline, TimelineEntry
from index import Answer, Article, Passage
from tests.bot_fixtures import BEST, SECOND, TASS


def entities_valid(text: str, entities) -> None:
    """Every entity lies inside the text (UTF-16 offsets, as Telegram checks) and is not empty."""
    size = sizeof(text)
    for e in entities:
        assert e.length > 0, e
        assert 0 <= e.offset and e.offset + e.length <= size, (e, size)


def entity_text(text: str, e) -> str:
    return e.extract_from(text)


def test_answer_quotes_bolds_matches_and_attributes():
    text, entities = render.answer(Answer("q", BEST, (SECOND,))).render()
    assert BEST.quote in text
    quote = [e for e in entities if e.type == "blockquote"]
    assert len(quote) == 1 and entity_text(text, quote[0]) == BEST.quote
    assert sorted(entity_text(text, e) for e in entities if e.type == "bold") == ["Баку", "освобождения"]
    assert "ТАСС · Галузин указал Баку на важность освобождения 11 россиян · 10 декабря 2025" in text
    link = [e for e in entities if e.type == "text_link" and e.url == TASS.url]
    assert link and entity_text(text, link[0]).startswith("Галузин")
    assert "Также: РИА Новости" in text
    entities_valid(text, entities)


def test_corpus_markup_is_shown_as_written():
    nasty = Article(id="x", title="<b>Заголовок</b> & «кавычки»", source="A & B <i>", date=None,
                    url="javascript:alert(1)")
    quote = "Цена <b>выросла</b> на 5% & больше_чем *вчера* [1](x)"
    at = quote.index("выросла")
    p = Passage(quote=quote, article=nasty, score=1, ref="x.1", sources=("A & B <i>",), articles=(nasty,),
                highlights=((at, at + len("выросла")),))
    text, entities = render.passage(p).render()
    assert "Цена <b>выросла</b> на 5% & больше_чем *вчера* [1](x)" in text
    assert "A & B <i> · <b>Заголовок</b> & «кавычки» · дата не указана" in text
    assert not [e for e in entities if e.type == "text_link"], "a javascript: URL must not become a link"
    assert [entity_text(text, e) for e in entities if e.type == "bold"] == ["выросла"]
    entities_valid(text, entities)


def test_no_answer_points_to_sources_and_timeline_and_quotes_nothing():
    text, entities = render.answer(Answer("погода на Марсе", None, reason="no-match")).render()
    assert "нет ответа" in text and "/sources" in text and "/timeline" in text
    assert not [e for e in entities if e.type == "blockquote"]


def test_question_without_search_words_gets_an_example():
    text, _ = render.answer(Answer("и", None, reason="empty"), example="Кого задержали?").render()
    assert "нет слов" in text and "Кого задержали?" in text


def test_huge_quote_is_cut_on_a_word_with_ellipsis_and_fits():
    words = " ".join(f"слово{i}" for i in range(3000))
    p = dataclasses.replace(BEST, quote=words, highlights=((0, 6), (len(words) - 5, len(words))))
    text, entities = render.passage(p).render()
    assert sizeof(text) <= render.MESSAGE_LIMIT
    quote = next(e for e in entities if e.type == "blockquote")
    shown = entity_text(text, quote)
    assert shown.endswith("…") and words.startswith(shown[:-1]) and shown[-2].isdigit()
    assert "ТАСС ·" in text, "the attribution survives the cut"
    entities_valid(text, entities)


def test_emoji_offsets_are_utf16():
    quote = "😀😀 Баку 😀 освобождения"
    p = dataclasses.replace(BEST, quote=quote, highlights=((3, 7), (10, 22)))
    text, entities = render.passage(p).render()
    assert [entity_text(text, e) for e in entities if e.type == "bold"] == ["Баку", "освобождения"]
    entities_valid(text, entities)


def test_sources_split_between_items_within_limit():
    articles = [dataclasses.replace(TASS, id=f"{i}", title=f"Статья номер {i} " + "очень длинный заголовок " * 5)
                for i in range(400)]
    messages = render.sources(articles)
    assert len(messages) > 1
    texts = [m.render()[0] for m in messages]
    assert all(sizeof(t) <= render.MESSAGE_LIMIT for t in texts)
    lines = [line for t in texts for line in t.split("\n")][1:]
    assert len(lines) == 400 and lines[0].startswith("1. ТАСС") and lines[-1].startswith("400. ТАСС")
    for m in messages:
        entities_valid(*m.render())


def test_pack_cuts_a_single_oversized_block():
    big = Text("ж" * 10_000)
    out = render.pack([Text("a"), big, Text("b")])
    assert [sizeof(m.render()[0]) <= 4096 for m in out] == [True] * len(out)
    assert out[0].render()[0] == "a" and out[-1].render()[0] == "b"


def test_more_button_carries_refs_within_64_bytes():
    kb = render.more_keyboard(["k" * 16 + f".{i}" for i in range(10)])
    button = kb.inline_keyboard[0][0]
    assert button.text == "Ещё"
    assert len(button.callback_data.encode()) <= 64
    refs = render.MoreCallback.unpack(button.callback_data).refs.split(",")
    assert refs[0] == "k" * 16 + ".0" and len(refs) >= 2
    assert render.more_keyboard([]) is None


def test_timeline_lists_events_in_order_with_sources():
    tl = Timeline([TimelineEntry("1 июля 2025", "Задержаны россияне", ("РАПСИ", "ТАСС")),
                   TimelineEntry("10 декабря 2025", "Консультации в Баку", ("ТАСС",))], from_events=True)
    text, entities = render.timeline(tl)[0].render()
    assert text.index("1 июля 2025") < text.index("10 декабря 2025")
    assert "РАПСИ, ТАСС" in text
    assert [entity_text(text, e) for e in entities if e.type == "bold"][1:] == ["1 июля 2025", "10 декабря 2025"]


def test_inline_results_at_most_five_with_unique_ids_and_quote_outlet_date():
    many = tuple(dataclasses.replace(SECOND, ref=f"r.{i}") for i in range(8))
    results = render.inline_results(Answer("q", BEST, many))
    assert len(results) == 5
    assert len({r.id for r in results}) == 5
    content = results[0].input_message_content
    assert BEST.quote in content.message_text
    assert "— ТАСС, 10 декабря 2025" in content.message_text
    entities_valid(content.message_text, content.entities)


def test_help_mentions_commands_and_example():
    text, _ = render.help_text(username="cov_bot", example="Кого задержали в Баку?", articles=21,
                               group=False).render()
    for cmd in ("/ask", "/sources", "/timeline", "/help"):
        assert cmd in text
    assert "Кого задержали в Баку?" in text and "21 статье" in text
    group_text, _ = render.help_text(username="cov_bot", example="x", articles=2, group=True).render()
    assert "/ask@cov_bot" in group_text and "2 статьях" in group_text
    assert "@cov_bot вопрос" in text
    no_inline, _ = render.help_text(username="cov_bot", example="x", articles=2, group=False, inline=False).render()
    assert "@cov_bot" not in no_inline, "inline mode is not offered when BotFather has it off"


def test_trim_counts_utf16_and_prefers_word_boundaries():
    assert render.trim("раз два три четыре", 12) == "раз два три…"
    assert render.trim("раз два три четыре", 11) == "раз два…"
    assert sizeof(render.trim("😀" * 100, 9)) <= 9
    assert render.trim("  много   пробелов  ", 100) == "много пробелов"


@settings(max_examples=200, deadline=None)
@given(
    quote=st.text(min_size=0, max_size=5000),
    spans=st.lists(st.tuples(st.integers(-5, 5100), st.integers(-5, 5100)), max_size=12),
    title=st.text(max_size=400),
    source=st.text(max_size=100),
    also=st.lists(st.text(max_size=50), max_size=30),
)
def test_any_passage_renders_within_limits_with_valid_entities(quote, spans, title, source, also):
    article = Article(id="x", title=title, source=source, date=dt.date(2025, 1, 2))
    p = Passage(quote=quote, article=article, score=1.0, ref="x.1", sources=(source, *also),
                articles=(), highlights=tuple(spans))
    text, entities = render.passage(p).render()
    assert 0 < sizeof(text) <= render.MESSAGE_LIMIT
    entities_valid(text, entities)
    for e in entities:
        if e.type == "bold":
            assert entity_text(text, e) in quote



def test_long_lists_are_capped_with_a_note_in_groups_sooner():
    articles = [dataclasses.replace(TASS, id=f"{i}", title=f"Статья {i} " + "длинный заголовок " * 4)
                for i in range(600)]
    parts = render.sources(articles)
    assert len(parts) > render.MAX_PARTS_PRIVATE
    private = render.capped(parts, group=False)
    group = render.capped(parts, group=True)
    assert len(private) == render.MAX_PARTS_PRIVATE and len(group) == render.MAX_PARTS_GROUP
    assert "показано только его начало" in private[-1].render()[0]
    assert "в личном чате" in group[-1].render()[0] and "в личном чате" not in private[-1].render()[0]
    assert all(sizeof(p.render()[0]) <= render.MESSAGE_LIMIT for p in private + group)
    assert render.capped(parts[:2], group=True) == parts[:2]


def test_a_long_list_is_rendered_only_as_far_as_it_is_sent():
    articles = [dataclasses.replace(TASS, id=f"{i}", title=f"Статья {i} " + "длинный заголовок " * 4)
                for i in range(600)]
    full = render.sources(articles)
    for group in (False, True):
        early = render.sources(articles, render.parts_limit(group=group))
        assert len(early) == render.parts_limit(group=group) + 1 < len(full)
        assert [p.render() for p in render.capped(early, group=group)] == \
               [p.render() for p in render.capped(full, group=group)]
