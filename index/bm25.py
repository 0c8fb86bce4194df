"""BM25Okapi with precomputed term weights, in compressed postings.

Scores are rank-bm25's `BM25Okapi(corpus).get_scores(query)` (same idf, k1, b and epsilon floor), but a
query touches only the postings of its own terms: cost grows with the postings, not with the corpus.

rank-bm25's idf: `log(N - df + 0.5) - log(df + 0.5)`; a negative idf (a term in more than half of the
documents) is replaced by `epsilon * average_idf`, where the average runs over every distinct term.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

K1 = 1.5
B = 0.75
EPSILON = 0.25


class BM25Index:
    """Postings of one field. `weights[j]` is the full BM25 contribution of term `terms[j]` to `docs[j]`."""

    __slots__ = ("avgdl", "doc_len", "docs", "idf", "n_docs", "offsets", "vocab", "weights")

    def __init__(self, vocab: dict[str, int], idf: np.ndarray, offsets: np.ndarray, docs: np.ndarray,
                 weights: np.ndarray, n_docs: int, avgdl: float, doc_len: np.ndarray) -> None:
        self.vocab = vocab
        self.idf = idf
        self.offsets = offsets
        self.docs = docs
        self.weights = weights
        self.n_docs = n_docs
        self.avgdl = avgdl
        self.doc_len = doc_len

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]], k1: float = K1, b: float = B,
              epsilon: float = EPSILON) -> BM25Index:
        """From token lists, as rank-bm25 takes them."""
        vocab: dict[str, int] = {}
        ids: list[int] = []
        offsets = [0]
        for doc in documents:
            for term in doc:
                ids.append(vocab.setdefault(term, len(vocab)))
            offsets.append(len(ids))
        return cls.from_flat(list(vocab), np.asarray(ids, dtype=np.int32), np.asarray(offsets, dtype=np.int64),
                             k1, b, epsilon)

    @classmethod
    def from_flat(cls, vocab: Sequence[str], ids: np.ndarray, offsets: np.ndarray, k1: float = K1,
                  b: float = B, epsilon: float = EPSILON) -> BM25Index:
        """From term ids back to back (`ids[offsets[d]:offsets[d+1]]` is document d)."""
        n_docs = len(offsets) - 1
        n_terms = len(vocab)
        term_index = {term: i for i, term in enumerate(vocab)}
        doc_len = np.diff(offsets).astype(np.int32)
        if not len(ids) or n_docs == 0:
            return cls(term_index, np.zeros(n_terms), np.zeros(n_terms + 1, dtype=np.int64),
                       np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32), n_docs, 0.0, doc_len)
        t = np.asarray(ids, dtype=np.int64)
        d = np.repeat(np.arange(n_docs, dtype=np.int64), doc_len)
        # (term, doc) pairs with their frequency, sorted by term then doc.
        uniq, tf = np.unique(t * n_docs + d, return_counts=True)
        post_term = uniq // n_docs
        post_doc = (uniq % n_docs).astype(np.int32)
        df = np.bincount(post_term, minlength=n_terms)
        with np.errstate(divide="ignore"):
            idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
        seen = df > 0
        average_idf = float(idf[seen].sum()) / max(int(seen.sum()), 1)
        idf = np.where(idf < 0, epsilon * average_idf, idf)
        avgdl = float(doc_len.sum()) / n_docs
        dl = doc_len[post_doc].astype(np.float64)
        weights = idf[post_term] * (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * dl / avgdl))
        offsets_t = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=offsets_t[1:])
        return cls(term_index, idf, offsets_t, post_doc, weights.astype(np.float32), n_docs, avgdl, doc_len)

    ARRAYS = ("idf", "offsets", "docs", "weights", "doc_len")

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything but the vocabulary, for persisting (see `from_arrays`)."""
        out = {name: getattr(self, name) for name in self.ARRAYS}
        out["shape"] = np.array([self.n_docs, self.avgdl])
        return out

    @classmethod
    def from_arrays(cls, vocab: Sequence[str], arrays: dict[str, np.ndarray]) -> BM25Index:
        n_docs, avgdl = arrays["shape"]
        index = cls({term: i for i, term in enumerate(vocab)}, arrays["idf"], arrays["offsets"], arrays["docs"],
                    arrays["weights"], int(n_docs), float(avgdl), arrays["doc_len"])
        if len(index.offsets) != len(vocab) + 1 or len(index.doc_len) != index.n_docs:
            raise ValueError("postings do not match the vocabulary")
        return index

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(doc ids ascending, weights) of one term; empty arrays for an unknown term."""
        tid = self.vocab.get(term)
        if tid is None:
            return _EMPTY_DOCS, _EMPTY_WEIGHTS
        lo, hi = self.offsets[tid], self.offsets[tid + 1]
        return self.docs[lo:hi], self.weights[lo:hi]

    def df(self, term: str) -> int:
        tid = self.vocab.get(term)
        return 0 if tid is None else int(self.offsets[tid + 1] - self.offsets[tid])

    def term_idf(self, term: str) -> float:
        """idf of a term; an unknown term gets the idf of a term seen once (the rarest possible)."""
        tid = self.vocab.get(term)
        if tid is None:
            return math.log(self.n_docs - 1 + 0.5) - math.log(1.5) if self.n_docs > 1 else 1.0
        return float(self.idf[tid])

    def scores(self, query: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sparse `get_scores`: (doc ids with a non-zero score, their scores), term weights summed.

        A term repeated in the query counts once per repetition, as in rank-bm25.
        """
        parts = [self.postings(term) for term in query]
        parts = [p for p in parts if len(p[0])]
        if not parts:
            return _EMPTY_DOCS, np.zeros(0)
        docs = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts]).astype(np.float64)
        uniq, inverse = np.unique(docs, return_inverse=True)
        return uniq, np.bincount(inverse, weights=weights)

    def dense_scores(self, query: Sequence[str]) -> np.ndarray:
        """Full-length score array, for comparison with rank-bm25 (tests, benchmarks)."""
        out = np.zeros(self.n_docs)
        docs, scores = self.scores(query)
        out[docs] = scores
        return out

    def nbytes(self) -> int:
        return int(self.offsets.nbytes + self.docs.nbytes + self.weights.nbytes + self.idf.nbytes
                   + self.doc_len.nbytes)


_EMPTY_DOCS = np.zeros(0, dtype=np.int32)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float32)
