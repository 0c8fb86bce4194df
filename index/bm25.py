"""BM25Okapi over compact postings: a sentence id and a term frequency per posting, nothing more.

Scores are rank-bm25's `BM25Okapi(corpus).get_scores(query)` (same idf, k1, b and epsilon floor), but a
query touches only the postings of its own terms: cost grows with the postings, not with the corpus.
A term's weights are computed from its postings when asked for (`postings`), in float64 as rank-bm25
does, so the index holds 5 bytes per posting instead of 8 with precomputed float32 weights, and the idf
is derived from the document frequency (`offsets`), never stored.

rank-bm25's idf: `log(N - df + 0.5) - log(df + 0.5)`; a negative idf (a term in more than half of the
documents) is replaced by `epsilon * average_idf`, where the average runs over every distinct term.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence

import numpy as np

from . import kernels

K1 = 1.5
B = 0.75
EPSILON = 0.25
MAX_TF = 255          # a term repeated more often in one sentence counts 255 times (tf is a byte)


class BM25Index:
    """Postings of one field: `docs[offsets[t]:offsets[t+1]]` are term t's sentences, ascending, and
    `tf[...]` how often t occurs in each."""

    __slots__ = ("_lengths", "_local", "_weight_max", "avgdl", "b", "doc_len", "docs", "epsilon", "floor", "k1", "n_docs", "offsets", "tf",
                 "vocab")

    def __init__(self, vocab: dict[str, int], offsets: np.ndarray, docs: np.ndarray, tf: np.ndarray,
                 doc_len: np.ndarray, k1: float = K1, b: float = B, epsilon: float = EPSILON) -> None:
        self.vocab = vocab
        self.offsets = offsets
        self.docs = docs
        self.tf = tf
        self.doc_len = doc_len
        self.n_docs = len(doc_len)
        self.k1, self.b, self.epsilon = k1, b, epsilon
        self.avgdl = float(doc_len.sum()) / self.n_docs if self.n_docs else 0.0
        df = np.diff(offsets)
        seen = df > 0
        raw = self._raw_idf(df[seen])
        self.floor = epsilon * float(raw.sum()) / max(int(seen.sum()), 1)
        self._lengths: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._weight_max: np.ndarray | None = None
        self._local: threading.local | None = None

    def _raw_idf(self, df: np.ndarray | int) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(self.n_docs - np.asarray(df, dtype=np.float64) + 0.5) - np.log(np.asarray(df) + 0.5)

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
            return cls(term_index, np.zeros(n_terms + 1, dtype=np.int64), np.zeros(0, dtype=np.int32),
                       np.zeros(0, dtype=np.uint8), doc_len, k1, b, epsilon)
        ids = np.asarray(ids, dtype=np.int32)
        offsets = np.asarray(offsets, dtype=np.int64)
        # The compiled pass trusts its input (a damaged one could crash the process): checked here.
        if not kernels.are_cuts(offsets, len(ids)) or int(ids.min()) < 0 or int(ids.max()) >= n_terms:
            raise ValueError("term ids or offsets out of range")
        offsets_t, post_doc, tf = kernels.postings(ids, offsets, n_terms, MAX_TF)
        return cls(term_index, offsets_t, post_doc, tf, doc_len, k1, b, epsilon)

    ARRAYS = ("offsets", "docs", "tf", "doc_len")

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything but the vocabulary, for persisting (see `from_arrays`)."""
        out = {name: getattr(self, name) for name in self.ARRAYS}
        out["weight_max"] = self.weight_max()
        out["params"] = np.array([self.k1, self.b, self.epsilon])
        return out

    @classmethod
    def from_arrays(cls, vocab: Sequence[str], arrays: dict[str, np.ndarray]) -> BM25Index:
        k1, b, epsilon = (float(x) for x in arrays["params"])
        offsets, docs, tf = arrays["offsets"], arrays["docs"], arrays["tf"]
        if len(offsets) != len(vocab) + 1 or len(docs) != len(tf) or not kernels.are_cuts(offsets, len(docs)):
            raise ValueError("postings do not match the vocabulary")
        if len(docs) and not 0 <= int(docs.min()) <= int(docs.max()) < len(arrays["doc_len"]):
            raise ValueError("postings name sentences that do not exist")
        # The compiled kernels walk each term's postings in rising order without bounds checks.
        if len(docs) > 1:
            rising = docs[1:] > docs[:-1]
            starts = offsets[1:-1]
            rising[starts[(starts > 0) & (starts < len(docs))] - 1] = True     # a term's first posting may drop
            if not rising.all():
                raise ValueError("a term's postings are out of order")
        index = cls({term: i for i, term in enumerate(vocab)}, offsets, docs, tf, arrays["doc_len"], k1, b, epsilon)
        weight_max = arrays.get("weight_max")
        if weight_max is not None and len(weight_max) == len(vocab):
            index._weight_max = weight_max
        return index

    def idf_of(self, tid: int) -> float:
        """rank-bm25's idf of a term id, with its floor for terms in more than half of the sentences."""
        df = int(self.offsets[tid + 1] - self.offsets[tid])
        if df == 0:
            return float(self._raw_idf(0))
        idf = math.log(self.n_docs - df + 0.5) - math.log(df + 0.5)     # one term: no array needed
        return self.floor if idf < 0 else idf

    def length_terms(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What a weight needs of its sentence's length, made on the first question:
        (per sentence: its length, as uint8 or uint16 when every length fits; per length: the weight of a
        term found once, without its idf, `(k1 + 1) / (1 + norm)`; per length: `norm = k1 · (1 - b + b ·
        length / avgdl)`).

        Tables by length rather than two float64 per sentence: the same values (the same operations on
        the same length), but 1 or 2 bytes a sentence to read instead of 16, which at 10^6 sentences is
        what the scoring loop waited on (16 MB that no cache holds against 1-2 MB); one byte (sentences of
        fewer than 256 lemmas, nearly every corpus) also leaves more of the cache to the Python after the
        kernel (docs/benchmarks.md, session 6). The kernels are compiled for both (`warm_up_kernels`).
        """
        if self._lengths is None:
            longest = int(self.doc_len.max()) if self.n_docs else 0
            by_len = np.arange(longest + 1, dtype=self.doc_len.dtype)
            norm = self.k1 * (1 - self.b + self.b * by_len / max(self.avgdl, 1e-9))
            lengths = self.doc_len.astype(np.uint8) if longest < 1 << 8 else \
                self.doc_len.astype(np.uint16) if longest < 1 << 16 else self.doc_len
            self._lengths = (lengths, (self.k1 + 1) / (1 + norm), norm)
        return self._lengths

    def weight_max(self) -> np.ndarray:
        """Per term: its largest weight in any sentence, without the idf (what bounds the term's part of
        a score before its postings are read; kernels.shortlist). Made once, then kept with the index:
        in NumPy, a few million postings at a time."""
        if self._weight_max is None:
            lengths, _, norm = self.length_terms()
            out = np.zeros(len(self.offsets) - 1)
            first = 0
            while first < len(out):
                last = int(np.searchsorted(self.offsets, self.offsets[first] + (1 << 21), side="right")) - 1
                last = min(max(last, first + 1), len(out))          # terms [first, last): ~2M postings
                lo, hi = int(self.offsets[first]), int(self.offsets[last])
                if hi > lo:
                    tf = self.tf[lo:hi].astype(np.float64)
                    w = (tf * (self.k1 + 1)) / (tf + norm[lengths[self.docs[lo:hi]]])
                    starts = self.offsets[first:last] - lo
                    nonempty = starts < self.offsets[first + 1:last + 1] - lo
                    out[first:last][nonempty] = np.maximum.reduceat(w, starts[nonempty])
                first = last
            self._weight_max = out
        return self._weight_max

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(doc ids ascending, BM25 weights as float64) of one term; empty arrays for an unknown term."""
        tid = self.vocab.get(term)
        if tid is None:
            return _EMPTY_DOCS, _EMPTY_WEIGHTS
        lo, hi = self.offsets[tid], self.offsets[tid + 1]
        if hi == lo:
            return _EMPTY_DOCS, _EMPTY_WEIGHTS
        docs = self.docs[lo:hi]
        lengths, _, norm = self.length_terms()
        tf = self.tf[lo:hi].astype(np.float64)
        return docs, self.idf_of(tid) * (tf * (self.k1 + 1)) / (tf + norm[lengths[docs]])

    def df(self, term: str) -> int:
        tid = self.vocab.get(term)
        return 0 if tid is None else int(self.offsets[tid + 1] - self.offsets[tid])

    def scores(self, query: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sparse `get_scores`: (doc ids with a non-zero score, their scores), term weights summed.

        A term repeated in the query counts once per repetition, as in rank-bm25.
        """
        parts = [self.postings(term) for term in query]
        parts = [p for p in parts if len(p[0])]
        if not parts:
            return _EMPTY_DOCS, np.zeros(0)
        if len(parts) == 1:
            return parts[0]
        docs = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts])
        uniq, inverse = np.unique(docs, return_inverse=True)
        return uniq, np.bincount(inverse, weights=weights)

    def top(self, query: Sequence[str], k: int = 10) -> tuple[np.ndarray, np.ndarray]:
        """The k best (doc ids, scores) of `get_scores`, best first (equal scores in doc order), from one
        compiled pass over the query terms' postings (index/kernels.py); scratch made per thread."""
        terms = [self.vocab.get(term) for term in query]
        terms = [t for t in terms if t is not None and self.offsets[t + 1] > self.offsets[t]]
        if not terms or k <= 0:
            return _EMPTY_DOCS.astype(np.int64), np.zeros(0)
        scratch = getattr(self._local, "scratch", None) if self._local is not None else None
        if scratch is None:
            scratch = (np.zeros(self.n_docs), np.zeros(self.n_docs, dtype=np.int8))
            if self._local is None:
                self._local = threading.local()
            self._local.scratch = scratch
        return kernels.bm25_top(self.docs, self.tf, *self.length_terms(), self.k1, self.offsets[terms],
                                self.offsets[np.asarray(terms) + 1], np.array([self.idf_of(t) for t in terms]),
                                k, *scratch)

    def dense_scores(self, query: Sequence[str]) -> np.ndarray:
        """Full-length score array, for comparison with rank-bm25 (tests, benchmarks)."""
        out = np.zeros(self.n_docs)
        docs, scores = self.scores(query)
        out[docs] = scores
        return out

    def nbytes(self) -> int:
        """Bytes of the index structures (the per-sentence lengths included)."""
        return int(self.offsets.nbytes + self.docs.nbytes + self.tf.nbytes + self.doc_len.nbytes
                   + sum(a.nbytes for a in self._lengths or ())
                   + (self._weight_max.nbytes if self._weight_max is not None else 0))


_EMPTY_DOCS = np.zeros(0, dtype=np.int32)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)
