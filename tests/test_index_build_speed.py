"""The fast paths of the cold build give exactly what the straightforward code gives: sentence splits,
regex prefilters, the bulk index (vocabulary order included) and its parallel runs."""

from __future__ import annotations

import os

import numpy as np
import pytest
import razdel
from hypothesis import given, settings
from hypothesis import strategies as st

from index import bulk, features, kernels
from index import corpus as corpus_mod
from index.cache import IndexData
from index.corpus import is_noise, load_corpus, razdel_sentences, split_sentences
from index.features import ANNOUNCES, LEANING_START, announces, feature_tokens, joining_flags
from index.models import Sentence
from index.parallel import map_forked, map_meeting
from index.text import default_analyzer, tokenize
from tests.conftest import REALNEWS, SEEDS, write_corpus

# Pieces that exercise razdel's rules, the prefilters and the tokenizer.
PIECES = [
    "а", "Б", " ", "  ", ".", ",", "!", "?", "…", ";", ":", '"', "„", "'", "»", "«", "”", "’", ")", "(", "]", "}",
    "-", "–", ":-)", ";))", "=(", "\u00a0", "\n", "1", "25", "2020", "3.5", "т. е.", "т.к.", "прим.", "ред.", "см.",
    "англ.", "г.", "ул.", "им.", "Дж.", "А.", "С.", "IV.", "a)", "1)", "§", "Темы:", "темы: ", "©", "Фото",
    "Читайте также", "рассказал", "Сообщил", ", как", ", в каком", ", что", ", почему", "Он", "Кроме того",
    "возраст", "Исполнилось", "лет", "года", "-летний", "ему", "Им", "из-за", "так как", "потому что",
    "в связи с", "связано", "Москва", "Баку", "МИД", "ΣΑΣ", "ς", "İ", "ё", "Ё", "Су-57", "113-й", "Песков",
    "Киренск", "в", "на", "и", "городах", "больнице", "доллар", "январе", "2014", "ᲀ", "ǅ", "K",
]
pieces = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def real_paragraphs() -> list[str]:
    lines = []
    for folder in (SEEDS, REALNEWS):
        for path in sorted(folder.rglob("*.txt")):
            lines += [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip()]
    return lines


@settings(max_examples=400, deadline=None)
@given(pieces)
def test_razdel_sentences_are_razdels(text):
    assert razdel_sentences(text) == [s.text for s in razdel.sentenize(text)]


def test_razdel_sentences_are_razdels_on_real_paragraphs():
    for text in real_paragraphs():
        assert razdel_sentences(text) == [s.text for s in razdel.sentenize(text)]


@settings(max_examples=400, deadline=None)
@given(pieces)
def test_cheap_regex_tests_agree_with_the_regexes(text):
    assert is_noise(text) == bool(corpus_mod.NOISE_RE.search(text) or corpus_mod.BYLINE.match(text))
    assert announces(text) == bool(features._may_announce(text) and ANNOUNCES.search(text))
    expected = []
    for part in (s.text.strip() for s in razdel.sentenize(text)):
        if not part:
            continue
        if expected and (corpus_mod._ABBREVIATION_END.search(expected[-1])
                         or corpus_mod._FRAGMENT_START.match(part)):
            expected[-1] = f"{expected[-1]} {part}"
        else:
            expected.append(part)
    assert split_sentences(text) == expected


def reference_index(sentences: list[Sentence]) -> dict:
    """The build as it was written first: one sentence, one token at a time."""
    analyzer = default_analyzer()
    lemma_vocab: dict[str, int] = {}
    stem_vocab: dict[str, int] = {}
    out: dict[str, list[int]] = {k: [] for k in ("lemma_ids", "stem_ids", "feature_bits", "feature_stems")}
    offsets: dict[str, list[int]] = {"lemma_offsets": [0], "stem_offsets": [0], "feature_offsets": [0]}
    for sent in sentences:
        analyzed = analyzer.analyze(sent.text)
        for _, info in analyzed:
            if info.stop:
                continue
            out["lemma_ids"] += [lemma_vocab.setdefault(lemma, len(lemma_vocab)) for lemma in info.lemmas]
            out["stem_ids"].append(stem_vocab.setdefault(info.stem, len(stem_vocab)))
        for bits, stem in feature_tokens(analyzed, sent.text):
            out["feature_bits"].append(bits)
            out["feature_stems"].append(stem_vocab.setdefault(stem, len(stem_vocab)) if stem else -1)
        offsets["lemma_offsets"].append(len(out["lemma_ids"]))
        offsets["stem_offsets"].append(len(out["stem_ids"]))
        offsets["feature_offsets"].append(len(out["feature_bits"]))
    return {"lemma_vocab": list(lemma_vocab), "stem_vocab": list(stem_vocab), **out, **offsets}


def as_dict(part: bulk.Part) -> dict:
    return {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in vars(part).items() if k != "joins"}


def test_bulk_index_is_the_sentence_by_sentence_index_on_real_news():
    sentences = load_corpus(REALNEWS).sentences + load_corpus(SEEDS).sentences
    assert as_dict(bulk.index_sentences(sentences, default_analyzer())) == reference_index(sentences)


@settings(max_examples=150, deadline=None)
@given(st.lists(pieces, min_size=1, max_size=6))
def test_bulk_index_is_the_sentence_by_sentence_index(texts):
    sentences = [Sentence(0, i, 0, text) for i, text in enumerate(texts)]
    assert as_dict(bulk.index_sentences(sentences, default_analyzer())) == reference_index(sentences)


def test_a_capital_sigma_keeps_the_norm_it_has_in_its_sentence():
    text = "ΑΣ.Β ΟΔΟΣ"
    assert [f if isinstance(f, str) else f[1] for f in bulk.sentence_forms(text)] == \
        [t.text if t.norm == t.text.lower() else t.norm for t in tokenize(text)]
    sentences = [Sentence(0, 0, 0, text)]
    assert as_dict(bulk.index_sentences(sentences, default_analyzer())) == reference_index(sentences)


def reference_joining_flags(sentences: list[Sentence]) -> list[int]:
    flags = [0] * len(sentences)
    depth = straight = 0
    for i, sent in enumerate(sentences):
        prev = sentences[i - 1] if i and sentences[i - 1].article == sent.article else None
        same_paragraph = prev is not None and prev.paragraph == sent.paragraph
        if not same_paragraph:
            depth = straight = 0
        quote_open_before = depth > 0 or straight % 2 == 1
        depth += sent.text.count("«") - sent.text.count("»")
        straight += sent.text.count('"')
        nxt = sentences[i + 1] if i + 1 < len(sentences) else None
        if (sent.paragraph != -1 and features._may_announce(sent.text) and ANNOUNCES.search(sent.text)
                and nxt is not None and nxt.article == sent.article and nxt.quotable):
            flags[i] |= features.ANNOUNCES_NEXT
        if prev is None or not prev.quotable or prev.paragraph == -1 or not sent.quotable:
            continue
        if LEANING_START.match(sent.text) or (same_paragraph and quote_open_before):
            flags[i] |= features.LEANS_BACK
    return flags


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(-1, 2), pieces, st.booleans()), max_size=12))
def test_joining_flags_are_the_sentence_by_sentence_flags(rows):
    rows.sort(key=lambda r: r[0])
    sentences = [Sentence(a, i, p, t, q) for i, (a, p, t, q) in enumerate(rows)]
    assert joining_flags(sentences).tolist() == reference_joining_flags(sentences)


def _real_news():
    """The 25 real articles beside the repository (../shared/eval/realnews); skipped on a clone without them."""
    if not REALNEWS.is_dir():
        pytest.skip("../shared/eval/realnews is not beside the repository")
    return load_corpus(REALNEWS).sentences


def test_joining_flags_on_real_news():
    sentences = _real_news()
    assert joining_flags(sentences).tolist() == reference_joining_flags(sentences)


def test_the_index_built_in_several_processes_is_the_one_built_in_one(tmp_path):
    sentences = _real_news()
    one = bulk.index_corpus(sentences, default_analyzer(), processes=1)
    for processes in (2, 3, 5):
        assert len(bulk.article_cuts(sentences, processes)) == processes + 1
        many = bulk.index_corpus(sentences, default_analyzer(), processes=processes)
        assert as_dict(many) == as_dict(one)
        assert many.joins.tolist() == one.joins.tolist()


def test_the_index_built_by_two_processes_meeting_is_the_one_built_in_one(monkeypatch):
    """On two cores the pieces are small and taken from both ends (`map_meeting`): the merged index, vocabulary
    order included, is the one a single pass gives."""
    sentences = _real_news()
    one = bulk.index_corpus(sentences, default_analyzer(), processes=1)
    monkeypatch.setattr(bulk, "MEETING_PIECE_SENTENCES", 40)
    assert len(bulk.article_cuts(sentences, bulk.MEETING_PIECES)) > 8
    many = bulk.index_corpus(sentences, default_analyzer(), processes=2)
    assert as_dict(many) == as_dict(one)
    assert many.joins.tolist() == one.joins.tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 9), max_size=12), max_size=15), st.integers(1, 4))
def test_compiled_postings_are_the_sorted_term_document_pairs(documents, max_tf):
    """`kernels.postings` gives what sorting the (term, document) pairs gives (the code it replaced): per term
    its documents ascending, each once, with how often the term is there, capped."""
    offsets = np.cumsum([0] + [len(d) for d in documents]).astype(np.int64)
    ids = np.array([t for d in documents for t in d], dtype=np.int32)
    n_terms = 10
    starts, docs, tf = kernels.postings(ids, offsets, n_terms, max_tf)
    pairs = sorted({(t, d) for d, doc in enumerate(documents) for t in doc})
    assert docs.tolist() == [d for _, d in pairs]
    assert tf.tolist() == [min(documents[d].count(t), max_tf) for t, d in pairs]
    assert starts.tolist() == [sum(1 for t, _ in pairs if t < term) for term in range(n_terms + 1)]
    assert docs.dtype == np.int32 and tf.dtype == np.uint8


def test_article_cuts_fall_between_articles():
    sentences = [Sentence(a, i, 0, "x" * 10) for a in range(4) for i in range(3)]
    assert bulk.article_cuts(sentences, 2) == [0, 6, 12]
    assert bulk.article_cuts(sentences, 1) == [0, 12]
    one_article = [Sentence(0, i, 0, "слово") for i in range(5)]
    assert bulk.article_cuts(one_article, 4) == [0, 5]
    assert bulk.article_cuts([], 3) == [0, 0]


def test_an_empty_corpus_gives_empty_arrays():
    data = IndexData.build(load_corpus(REALNEWS / "no-such-folder"), default_analyzer())
    assert data.lemma_vocab == [] and data.lemma_offsets.tolist() == [0] and data.feature_offsets.tolist() == [0]
    assert data.lemma_ids.dtype == np.int32 and data.feature_bits.dtype == np.uint8 and len(data.joins) == 0


def test_a_corpus_read_in_several_processes_is_the_one_read_in_one(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "c", {
        **{f"{i:03}.txt": f"Заголовок {i}\nМОСКВА, 10 декабря. /ТАСС/. Первое предложение {i}. Второе, «цитата».\n"
           for i in range(12)},
        "broken.txt": b"\x00\x01binary", "empty.txt": "",
    })
    one = load_corpus(folder)
    monkeypatch.setattr(corpus_mod, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(corpus_mod, "cores", lambda: 3)
    assert len(corpus_mod._byte_cuts(corpus_mod.corpus_files(folder), 3)) == 4
    many = load_corpus(folder)
    assert many.articles == one.articles and many.sentences == one.sentences and many.warnings == one.warnings
    assert len(one.warnings) == 2 and len(one.articles) == 12


def test_map_forked_keeps_the_order_and_redoes_what_a_child_could_not():
    parent = os.getpid()

    def work(x: int) -> int:
        if x == 3 and os.getpid() != parent:
            os._exit(1)               # a child that dies without answering
        return x * x

    assert map_forked(work, [1, 2, 3, 4]) == [1, 4, 9, 16]


def test_map_meeting_keeps_the_order_and_redoes_what_the_child_could_not():
    parent = os.getpid()
    ran_first = []

    def work(x: int) -> tuple[int, bool]:
        if x == 9 and os.getpid() != parent:
            os._exit(1)               # the child dies without answering, whatever it had done
        return x * x, os.getpid() == parent

    out = map_meeting(work, list(range(10)), first=lambda: ran_first.append(os.getpid()))
    assert [square for square, _ in out] == [x * x for x in range(10)]
    assert ran_first == [parent]
    assert out[9][1]                  # the piece the child took from the back is redone here


def test_map_meeting_shares_the_pieces_and_raises_what_the_work_raises():
    import time

    parent = os.getpid()

    def slow(x: int) -> tuple[int, bool]:
        time.sleep(0.05)
        return x, os.getpid() == parent

    out = map_meeting(slow, list(range(8)))
    assert [x for x, _ in out] == list(range(8))
    here = [x for x, mine in out if mine]
    assert here == list(range(len(here)))       # this process took pieces from the front, the child the rest
    assert 0 < len(here) < 8, here              # both worked

    def work(x: int) -> int:
        if x == 0:
            raise ValueError("bad piece")
        return x

    with pytest.raises(ValueError, match="bad piece"):
        map_meeting(work, [0, 1, 2])


def test_map_forked_raises_what_the_work_raises():
    def work(x: int) -> int:
        if x == 2:
            raise ValueError("bad piece")
        return x

    with pytest.raises(ValueError, match="bad piece"):
        map_forked(work, [1, 2])


def test_no_fork_while_another_thread_runs_the_work_stays_in_this_process():
    """The bot builds from worker threads: a child forked while another thread holds a lock can hang."""
    import threading

    from index.parallel import can_fork

    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert not can_fork()
        assert map_forked(lambda x: (x, os.getpid()), [1, 2]) == [(1, os.getpid()), (2, os.getpid())]
    finally:
        release.set()
        other.join()
