"""Property-based: whatever people type, however they address the bot, the handlers on the real seed
engine never raise or apologise, and everything they send is valid for Telegram — 1–4096 UTF-16 units of
non-blank text, entities inside it on UTF-16 boundaries and nested without partial overlaps, http(s)
links, callback data within 64 bytes, at most 50 inline results with unique ids."""

from __future__ import annotations

import logging
import string

import pytest
from aiogram.methods import AnswerCallbackQuery, AnswerInlineQuery, EditMessageReplyMarkup, SendMessage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers import render
from tests.bot_fixtures import BOT_USER, GROUP, SMALL_GROUP, Harness, bot_message, callback, inline, message

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
AWKWARD = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u00a0", "\ufeff", "\u0301",
           "🙂", "👍🏽", "👨‍👩‍👧", "🇷🇺", "𝔘", "<", ">", "&", "&amp;", "<b>", "</i>", "*", "**", "_", "__", "`", "```",
           "[", "](", "\\", "~", "|", "«", "»", "—", "\n", "\t", "א", "שלום", "ب", "مرحبا", "漢字", "한", "ℕ", "\x00"]
WORDS = ["Баку", "россиян", "задержали", "Галузин", "МИД", "когда", "сколько", "кто", "2025", "11", "@coverage_bot"]

questions = st.one_of(
    st.text(alphabet=RUSSIAN + string.ascii_letters + string.digits + " ?!.,-" + "".join(AWKWARD), max_size=200),
    st.lists(st.sampled_from(WORDS + AWKWARD), max_size=40).map(" ".join),
    st.lists(st.sampled_from(AWKWARD), min_size=1, max_size=30).map("".join),
    st.text(alphabet=string.digits + " .,", min_size=1, max_size=60),                   # digits only
    st.integers(min_value=1, max_value=4096).map(lambda n: ("Баку 🙂 " * 600)[:n]),      # up to 4096
    st.integers(min_value=4000, max_value=4096).map(lambda n: "я" * n),
    st.sampled_from(["", " ", "\n", "\u200b", "?", "и в на", "1234567890", "🙂" * 50, "<" * 4096]),
)

# How the text reaches the bot: as a private message, after /ask, as a mention or a reply in a group, as
# an inline query.
FORMS = ["private", "ask", "group_ask", "mention", "reply", "inline"]


@pytest.fixture(scope="module")
def real(seed_engine) -> Harness:
    return Harness(seed_engine, throttle=False)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def units(text: str) -> list[str]:
    """The text as UTF-16 code units' owners: each astral character appears twice (a surrogate pair)."""
    out: list[str] = []
    for ch in text:
        out.extend([ch, ch] if ord(ch) > 0xFFFF else [ch])
    return out


def boundaries(text: str) -> set[int]:
    """UTF-16 offsets that do not fall inside a surrogate pair."""
    pos, out = 0, {0}
    for ch in text:
        pos += 2 if ord(ch) > 0xFFFF else 1
        out.add(pos)
    return out


def check_text(text: str, entities) -> None:
    assert text and text.strip(), "Telegram refuses an empty message"
    size = utf16(text)
    assert size <= render.MESSAGE_LIMIT, size
    ok = boundaries(text)
    spans = []
    for e in entities or []:
        assert e.length > 0 and e.offset >= 0 and e.offset + e.length <= size, e
        assert e.offset in ok and e.offset + e.length in ok, f"entity splits a surrogate pair: {e}"
        if e.type == "text_link":
            assert e.url.startswith(("http://", "https://")), e.url
        spans.append((e.offset, e.offset + e.length))
    for a_start, a_end in spans:
        for b_start, b_end in spans:
            nested = (a_start <= b_start and b_end <= a_end) or (b_start <= a_start and a_end <= b_end)
            disjoint = a_end <= b_start or b_end <= a_start
            assert nested or disjoint, f"entities overlap partially: {(a_start, a_end)} {(b_start, b_end)}"


def check_markup(markup) -> None:
    for row in (markup.inline_keyboard if markup else []):
        for button in row:
            if button.callback_data is not None:
                assert 1 <= len(button.callback_data.encode()) <= 64


def check_requests(requests) -> None:
    for r in requests:
        if isinstance(r, SendMessage):
            check_text(r.text, r.entities)
            check_markup(r.reply_markup)
            assert "Извините" not in r.text, "no error path"
        elif isinstance(r, AnswerInlineQuery):
            assert len(r.results) <= 50 and len({x.id for x in r.results}) == len(r.results)
            for x in r.results:
                content = x.input_message_content
                check_text(content.message_text, content.entities)
                assert 1 <= len(x.id.encode()) <= 64
        elif isinstance(r, AnswerCallbackQuery):
            assert r.text is None or len(r.text) <= 200
        elif isinstance(r, EditMessageReplyMarkup):
            check_markup(r.reply_markup)


def event(form: str, text: str):
    if form == "private":
        return message(text)
    if form == "ask":
        return message(f"/ask {text}")
    if form == "group_ask":
        return message(f"/ask@coverage_bot {text}", chat=GROUP)
    if form == "mention":
        return message(f"@coverage_bot {text}", chat=SMALL_GROUP)
    if form == "reply":
        return message(text, chat=GROUP, reply_to=bot_message())
    return inline(text[:256])


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=questions, form=st.sampled_from(FORMS))
async def test_any_question_in_any_form_gets_valid_replies(real: Harness, caplog, question, form):
    caplog.set_level(logging.ERROR)
    if form in ("private", "reply") and not question:
        question = "?"              # Telegram delivers no empty text messages
    requests = await real.feed(event(form, question))
    check_requests(requests)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "nothing raised"
    if form != "inline":
        assert sum(isinstance(r, SendMessage) for r in requests) >= 1, "every addressed message is answered"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=questions, data=st.one_of(st.text(max_size=64), st.just("m:"),
                                          st.lists(st.text(alphabet="0123456789abcdef.", max_size=10), max_size=5)
                                          .map(lambda refs: "m:" + ",".join(refs))))
async def test_any_more_press_on_any_answer_is_valid(real: Harness, caplog, question, data):
    caplog.set_level(logging.ERROR)
    answers = [r for r in await real.feed(message(question or "Баку?")) if isinstance(r, SendMessage)]
    on = real.session._result(answers[-1])
    pressed = [b.callback_data for row in (answers[-1].reply_markup.inline_keyboard
                                            if answers[-1].reply_markup else []) for b in row]
    for payload in [*pressed, data]:
        requests = await real.feed(callback(payload, on))
        check_requests(requests)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "nothing raised"


def test_the_checks_catch_what_telegram_refuses():
    from aiogram.types import MessageEntity

    with pytest.raises(AssertionError):
        check_text("🙂x", [MessageEntity(type="bold", offset=1, length=2)])     # inside a surrogate pair
    with pytest.raises(AssertionError):
        check_text("abcdef", [MessageEntity(type="bold", offset=0, length=3),
                              MessageEntity(type="italic", offset=2, length=3)])  # partial overlap
    with pytest.raises(AssertionError):
        check_text(" \n", [])
    check_text("abcdef", [MessageEntity(type="blockquote", offset=0, length=6),
                          MessageEntity(type="bold", offset=1, length=2)])
    assert BOT_USER.username == "coverage_bot" and units("🙂") == ["🙂", "🙂"]
