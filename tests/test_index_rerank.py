"""index/rerank.py replaced NumPy code and frozensets with compiled loops: the answers must not change.

The replaced code is written out here as the reference: passages, typed checks, credits and scores in
NumPy (as `AnswerEngine.ranked` had them) on the seed corpus with questions of every type made from its
sentences, and the «same fact» deduplication of `answer` with frozensets on generated passages.
"""

import random

import numpy as np
import pytest

from index import rerank
from index.engine import (
    _NO_STEMS,
    HEAD_WEIGHT,
    MIN_COVERAGE,
    MIN_TOPIC_COVERAGE,
    MORE_COVERAGE,
)
from index.features import ANNOUNCES_NEXT, FEATURE_BIT, LEANS_BACK
from index.questions import PERSON, WHICH
from index.text import TOKEN_RE

N_BEST = 20


def _holds_new(engine, start, end, bit, asked):
    """Per passage: a sentence in it holds a feature `bit` whose stem the question does not name."""
    d = engine.data
    asked = asked[engine.feature_stem[asked]] if len(asked) else asked
    out = []
    for a, b in zip(start.tolist(), end.tolist()):
        new = False
        for s in range(a, b + 1):
            pos = np.arange(d.feature_offsets[s], d.feature_offsets[s + 1])
            bits, named = d.feature_bits[pos], np.isin(d.feature_stems[pos], asked)
            person = (bits & 4) != 0
            # A first name beside an asked surname (or the other way round) names the asked person.
            beside = np.zeros(len(pos), dtype=bool)
            beside[:-1] |= person[1:] & named[1:]
            beside[1:] |= person[:-1] & named[:-1]
            new |= bool((((bits & bit) != 0) & ~(named | (person & beside))).any())
        out.append(new)
    return np.array(out, dtype=bool)


def _passages(engine, sids, bit, asked):
    n = len(engine.joins)
    flags = engine.joins[sids]
    announces = (flags & ANNOUNCES_NEXT) != 0
    leans = ((flags & LEANS_BACK) != 0) & ~announces
    start = np.where(leans, np.maximum(sids - 1, 0), sids)
    end = np.where(announces, np.minimum(sids + 1, n - 1), sids)
    nxt = np.minimum(end + 1, n - 1)
    has_next = end + 1 < n
    ext = has_next & ((engine.joins[nxt] & LEANS_BACK) != 0)
    if bit:
        lacking = ~ext & ~_holds_new(engine, start, end, bit, asked)
        ext |= lacking & has_next & (engine.sent_article[nxt] == engine.sent_article[end]) \
            & (engine.paragraph[nxt] == engine.paragraph[end]) & engine.quotable[nxt]
    rank = np.arange(len(sids))
    e = np.flatnonzero(ext)
    all_start = np.concatenate([start, start[e]])
    all_end = np.concatenate([end, end[e] + 1])
    all_origin = np.concatenate([rank, rank[e]])
    all_ext = np.zeros(len(sids) + len(e), dtype=bool)
    all_ext[len(sids):] = True
    order = np.lexsort((all_ext, all_origin))
    key = all_start[order] * 8 + (all_end[order] - all_start[order])
    _, first = np.unique(key, return_index=True)
    keep = order[np.sort(first)]
    return all_start[keep], all_end[keep], all_origin[keep], all_ext[keep]


def _credit(engine, forms, n_groups, d):
    """The best credit of each group in sentence d."""
    out = np.zeros(n_groups)
    lemmas = set(engine.data.lemma_ids[engine.data.lemma_offsets[d]:engine.data.lemma_offsets[d + 1]].tolist())
    for f in range(len(forms["form_group"])):
        lo, hi = forms["form_lo"][f], forms["form_hi"][f]
        found = d in forms["extra_docs"][lo:hi] if forms["form_extra"][f] else forms["form_term"][f] in lemmas
        if found:
            g = forms["form_group"][f]
            out[g] = max(out[g], forms["form_credit"][f])
    return out


def _dot(v, m):
    """v @ m summed group by group, in order (as `rerank.rank` sums; BLAS may pair the terms otherwise)."""
    out = np.zeros(m.shape[1])
    for g in range(len(v)):
        out = out + v[g] * m[g]
    return out


def _reference(engine, query, forms, top_sids, top_lexical, art_credit, first_name):
    """What `ranked` computed before index/rerank.py, as the arrays `rerank.scores` returns."""
    groups = query.groups
    idf = np.array([g.idf for g in groups])
    total_idf = idf.sum()
    weight = np.array([g.weight * (HEAD_WEIGHT if g.head else 1.0) for g in groups])
    all_names = all(g.is_name for g in groups)
    person_named = any(g.is_person for g in groups)
    asks_about_named = (person_named and (query.identity or all_names)) or (query.identity and all_names)
    type_applies = query.qtype is not None and not (query.qtype == PERSON and asks_about_named)
    bit = FEATURE_BIT[query.qtype] if type_applies else 0
    asked = engine._asked_stems(query) if bit else _NO_STEMS
    start, end, origin, extended = _passages(engine, top_sids, bit, asked)
    passage_credit = np.stack([np.max([_credit(engine, forms, len(groups), d) for d in range(a, b + 1)], axis=0)
                               for a, b in zip(start.tolist(), end.tolist())], axis=1)
    origin_sids = top_sids[origin]
    context = engine._context(groups, art_credit, top_sids)    # article dates raise art_credit for years
    with_context = np.maximum(passage_credit, context[:, None] * art_credit[:, origin])
    coverage = _dot(idf, passage_credit) / total_idf
    answerable = _dot(weight, with_context) / weight.sum()
    scores = _dot(idf, with_context) / total_idf + rerank.LEXICAL_SHARE * top_lexical[origin] / max(
        float(top_lexical.max()), 1e-9)
    number_rows = [gi for gi, g in enumerate(groups) if g.number]
    if number_rows:
        missing = (with_context[number_rows] == 0).any(axis=0)
        answerable = np.where(missing, answerable * rerank.MISSING_NUMBER_ANSWERABLE, answerable)
    typed = _holds_new(engine, start, end, bit, asked) if bit else np.ones(len(start), dtype=bool)
    if bit:
        which = query.qtype == WHICH
        scores = np.where(typed, scores, scores * (rerank.WHICH_MISSING_FACTOR if which else rerank.MISSING_TYPE_FACTOR))
        answerable = np.where(typed, answerable, answerable * (1.0 if which else rerank.UNTYPED_ANSWERABLE))
    if query.qtype == PERSON:
        first = first_name[first_name >= 0]
        scores = np.where(np.isin(origin_sids, first), scores * rerank.FIRST_MENTION_FACTOR, scores)
    scores = np.where(extended, scores * rerank.EXTENSION_FACTOR, scores)
    scores = np.where(engine.headline[start], scores * rerank.HEADLINE_FACTOR, scores)
    best = np.argsort(-scores, kind="stable")[:N_BEST]
    return (scores[best], coverage[best], start[best], end[best], answerable[best], typed[best],
            with_context[:, best])


def _questions(engine, count: int) -> list[str]:
    """Questions of every type from the corpus's own sentences: a few of their words after a question word."""
    rng = random.Random(7)
    texts = [s.text for s in engine.corpus.sentences if s.quotable]
    out = []
    for _ in range(count):
        words = TOKEN_RE.findall(rng.choice(texts))
        picked = rng.sample(words, min(len(words), rng.randint(2, 5)))
        lead = rng.choice(["Когда", "Сколько", "Кто", "Где", "Почему", "Как называется", "Что", "Какой"])
        out.append(f"{lead} {' '.join(picked)}?")
    return out


def test_passages_and_scores_match_the_numpy_they_replaced(seed_engine):
    engine = seed_engine
    checked = 0
    for question in _questions(engine, 150):
        query = engine.parse_question(question)
        if not query.groups:
            continue
        forms = engine._form_arrays(query.groups)
        if not len(forms["form_group"]):
            continue
        idf = np.array([g.idf for g in query.groups])
        top_sids, top_lexical, art_credit, first_name = engine._shortlist(query.groups, forms, idf,
                                                                          float(idf.sum()))
        if not len(top_sids):
            continue
        want = _reference(engine, query, forms, top_sids, top_lexical, art_credit, first_name)
        got = engine.ranked(question, limit=N_BEST // 4)[0].ranked
        for array, expected in zip(got, want):
            assert array.shape == expected.shape
            assert (array == expected).all(), question           # bit for bit
        checked += 1
    assert checked > 100


def _similar(a: frozenset, b: frozenset) -> bool:
    if not a or not b:
        return False
    shared = len(a & b)
    return shared >= 4 and shared / min(len(a), len(b)) >= 0.5


def _distinct(start, end, offered, more, lemma_ids, lemma_offsets, sent_article):
    """answer()'s deduplication as it was, with frozensets, and passages that share a sentence as one;
    -1 also for an article already listed."""
    kept, slot = [], [-1] * len(start)
    for i in range(len(start)):
        if not offered[i]:
            continue
        lemmas = frozenset(lemma_ids[lemma_offsets[start[i]]:lemma_offsets[end[i] + 1]].tolist())
        article = int(sent_article[start[i]])
        for j, seen, articles in kept:
            if _similar(lemmas, seen) or (start[i] <= end[j] and start[j] <= end[i]):
                if article not in articles:
                    articles.append(article)
                    slot[i] = j
                break
        else:
            if len(kept) <= more:
                kept.append((i, lemmas, [article]))
                slot[i] = i
    return slot


@pytest.mark.parametrize("seed", range(40))
def test_distinct_matches_the_sets_it_replaced(seed):
    rng = np.random.default_rng(seed)
    n_sentences = 300
    vocabulary = int(rng.integers(8, 200))           # few words: many passages share most of theirs
    lengths = rng.integers(0, 12, n_sentences)
    lemma_offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    lemma_ids = rng.integers(0, vocabulary, int(lemma_offsets[-1])).astype(np.int32)
    sent_article = (np.arange(n_sentences) // int(rng.integers(1, 20))).astype(np.int32)
    r = int(rng.integers(1, 40))
    start = rng.integers(0, n_sentences - 3, r).astype(np.int64)
    end = start + rng.integers(0, 3, r)
    offered = rng.random(r) < 0.8
    offered[0] = True
    for more in (0, 1, 4, 70):
        got = rerank.distinct(start, end, offered, more, lemma_ids, lemma_offsets, sent_article)
        assert got.tolist() == _distinct(start, end, offered, more, lemma_ids, lemma_offsets, sent_article)


def _answering(fits, typed, credits, topic, w, need_typed):
    """`AnswerEngine._answerable_many` as it was, in NumPy: (answers, offered among «Ещё»)."""
    ok = np.ones(len(fits), dtype=bool)
    if need_typed:
        ok &= typed
    if topic is not None:
        ok &= (w @ credits[topic]) / w.sum() >= MIN_TOPIC_COVERAGE
    return ok & (fits >= MIN_COVERAGE), ok & (fits / MORE_COVERAGE >= MIN_COVERAGE)


@pytest.mark.parametrize("seed", range(40))
def test_answering_matches_the_numpy_it_replaced(seed):
    rng = np.random.default_rng(seed)
    n_groups, r = int(rng.integers(1, 8)), int(rng.integers(1, 25))
    # Credits and coverages on and around the thresholds: a context credit alone (0.3) is common.
    credits = rng.choice([0.0, 0.3, 0.27, 0.6, 0.7, 0.9, 1.0], size=(n_groups, r))
    fits = rng.choice([0.3, 0.4, 0.5, 0.55, 0.625, 0.7, 1.0], size=r) * rng.choice([1.0, 0.8, 0.6], size=r)
    typed = rng.random(r) < 0.6
    names = rng.random(n_groups) < 0.4
    topic = np.flatnonzero(~names) if (~names).any() else None
    w = rng.uniform(0.5, 9.0, n_groups)[topic] if topic is not None else np.zeros(0)
    for need_typed in (topic is None, True):
        want = _answering(fits, typed, credits, topic, w, need_typed)
        got = rerank.answering(fits, typed, w @ credits[topic] if topic is not None else np.zeros(0), w.sum(),
                               need_typed, MIN_COVERAGE, MIN_TOPIC_COVERAGE, MORE_COVERAGE)
        assert got[0].tolist() == want[0].tolist()
        assert got[1].tolist() == want[1].tolist()


@pytest.mark.parametrize("text, span", [
    ("Выход продлился ШЕСТЬ ЧАСОВ.", True), ("Переговоры шли полутора суток.", True),
    ("Его приговорили к пожизненному лишению свободы.", True), ("Команда победила впервые за 30 лет.", True),
    ("Шестнадцатилетний спортсмен выиграл.", True), ("Поиски длились две недели.", True),
    ("Разговор продолжался 40 минут.", True), ("Выставка ПРОДЛИТСЯ до 1 марта.", True),
    ("Встреча прошла в 2025 году.", False), ("Выставка откроется 1 марта.", False), ("Его задержали 9 октября.", False), ("Матч начнётся в 19:00.", False),
])
def test_a_span_of_time_is_told_from_a_date(text, span):
    """«Сколько длился …» is answered only by a passage with a span of time (`DURATION_TEXT`, searched after a
    cheaper hint: the hint must never hide a span)."""
    from index.features import DURATION_TEXT
    assert bool(DURATION_TEXT.search(text)) is span


@pytest.mark.parametrize("text, score", [
    ("«Тверь» выиграла СО СЧЁТОМ 4-1.", True), ("Итог матча — 4 : 3 ОТ.", True), ("Хозяева победили 89:76.", True),
    ("Матч начнётся в 19:00.", False), ("Счёт в банке открыли в 2025 году.", False),
])
def test_a_score_is_told_from_a_time_of_day(text, score):
    """«С каким счётом …» is answered only by a passage with a score (`SCORE_TEXT`, searched after a cheaper hint)."""
    from index.features import SCORE_TEXT
    assert bool(SCORE_TEXT.search(text)) is score
