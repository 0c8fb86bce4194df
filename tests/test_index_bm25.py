"""The lexical score is rank-bm25's BM25Okapi, computed from precomputed weights."""

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.bm25 import BM25Index


def _assert_same_scores(docs, queries):
    reference = BM25Okapi(docs)
    ours = BM25Index.build(docs)
    for query in queries:
        expected = reference.get_scores(query)
        got = ours.dense_scores(query)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_scores_equal_rank_bm25_on_seed_lemmas(seed_engine):
    analyzer = seed_engine.analyzer
    docs = [analyzer.lemma_list(s.text) for s in seed_engine.corpus.sentences]
    questions = ["Сколько россиян задержали в Баку?", "Кто такой Дмитрий Песков?",
                 "Когда проходили консультации МИД России и Азербайджана?", "платформа 3+3 Россия Иран Турция"]
    _assert_same_scores(docs, [analyzer.lemma_list(q) for q in questions])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_equal_rank_bm25_on_generated_corpus(seed):
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(300)]
    # Zipf-like: a few terms in more than half the documents exercise the negative-idf floor.
    weights = [1 / (i + 1) ** 0.9 for i in range(len(vocab))]
    docs = [rng.choices(vocab, weights, k=rng.randint(1, 25)) for _ in range(400)]
    docs[0] = []
    queries = [rng.choices(vocab, k=rng.randint(1, 6)) for _ in range(50)] + [["w0", "w0"], ["unseen"]]
    _assert_same_scores(docs, queries)


def test_a_term_in_half_the_documents_scores_like_rank_bm25():
    docs = [["a", "b"], ["a", "c"], ["d"], ["e"]]
    _assert_same_scores(docs, [["a"], ["a", "d"], ["c"]])


def test_query_touches_only_its_postings():
    index = BM25Index.build([["x"], ["y"], ["x", "y"], ["z"], ["w"]])
    docs, scores = index.scores(["x"])
    assert list(docs) == [0, 2]
    assert all(scores > 0)
    assert len(index.scores(["nothing"])[0]) == 0


def test_empty_corpus_does_not_divide_by_zero():
    index = BM25Index.build([])
    assert len(index.scores(["x"])[0]) == 0


@pytest.mark.parametrize("seed", [4, 5])
def test_top_k_is_rank_bm25s_best_in_order(seed):
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(200)]
    weights = [1 / (i + 1) ** 0.9 for i in range(len(vocab))]
    docs = [rng.choices(vocab, weights, k=rng.randint(1, 25)) for _ in range(500)]
    if seed == 5:
        docs[7] = rng.choices(vocab, weights, k=300)      # lengths in two bytes: the kernel's other variant
    reference = BM25Okapi(docs)
    ours = BM25Index.build(docs)
    for _ in range(30):
        query = rng.choices(vocab, k=rng.randint(1, 6))
        expected = reference.get_scores(query)
        ids, scores = ours.top(query, 10)
        positive = np.flatnonzero(expected > 0)
        best = positive[np.lexsort((positive, -expected[positive]))][:10]
        np.testing.assert_allclose(scores, expected[best], rtol=1e-9)      # the best 10 scores, in order
        np.testing.assert_allclose(expected[ids], scores, rtol=1e-9)       # and the documents that have them
    assert len(ours.top(["unseen"], 10)[0]) == 0
