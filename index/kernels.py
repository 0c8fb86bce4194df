"""The engine's inner loop over postings, compiled (numba): a question's groups → the best candidates.

NumPy pays a few microseconds per call whatever the array size, and choosing the candidates of a
question took ~40 such calls over arrays of thousands of sentences; one compiled pass over the
postings does the same work in a fraction of the time (~5 ns a posting here) and frees the GIL while
it runs, so the bot's worker threads answer in parallel. Compiled code is cached on disk
(`cache=True`): only the first process after an install pays the compilation (a few seconds).
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def _better(p1, s1, p2, s2):  # pragma: no cover - compiled
    """Ranking order: the higher score first, then the lower sentence id."""
    return p1 > p2 or (p1 == p2 and s1 < s2)


@njit(cache=True, nogil=True)
def _sift_down(hp, hs, hl, i, n):  # pragma: no cover - compiled
    """Restore the heap below i: the worst of the kept k at the root."""
    while True:
        worst = i
        left = 2 * i + 1
        right = left + 1
        if left < n and _better(hp[worst], hs[worst], hp[left], hs[left]):
            worst = left
        if right < n and _better(hp[worst], hs[worst], hp[right], hs[right]):
            worst = right
        if worst == i:
            return
        hp[i], hp[worst] = hp[worst], hp[i]
        hs[i], hs[worst] = hs[worst], hs[i]
        hl[i], hl[worst] = hl[worst], hl[i]
        i = worst


@njit(cache=True, nogil=True)
def shortlist(docs, credit, lexical, offsets, idf, total_idf, lex_bound, article_factor, sent_article,
              quotable, stamp, acc, k):  # pragma: no cover - compiled; tested through the engine
    """(sentence ids, preliminary scores, BM25) of the k best sentences with a positive score, best
    first; equal scores in sentence order.

    Group g is docs[offsets[g]:offsets[g+1]] (sentence ids, unique in a group) with, per sentence, the
    credit of the group's best form there and that form's BM25 weight. A sentence's preliminary score:
        (Σ idf·credit / total_idf + 0.1 · max(ΣBM25, 0) / lex_bound) · article_factor[article],
    and 0 when the sentence is not quotable.
    stamp (int8 per sentence) and acc (float64, coverage and BM25 side by side per sentence, so one
    cache line holds both) are scratch arrays, zero before and after.
    """
    n_groups = len(offsets) - 1
    found = np.empty(offsets[n_groups], dtype=np.int64)
    n_found = 0
    for g in range(n_groups):
        weight = idf[g]
        for j in range(offsets[g], offsets[g + 1]):
            d = docs[j]
            if stamp[d] == 0:
                stamp[d] = 1
                found[n_found] = d
                n_found += 1
            acc[d, 0] += weight * credit[j]
            acc[d, 1] += lexical[j]
    # The best k in a heap whose root is the worst of them: most sentences lose one comparison.
    hp = np.empty(k)
    hs = np.empty(k, dtype=np.int64)
    hl = np.empty(k)
    n = 0
    for i in range(n_found):
        d = found[i]
        stamp[d] = 0
        cov = acc[d, 0]
        lex = max(0.0, acc[d, 1])
        acc[d, 0] = 0.0
        acc[d, 1] = 0.0
        if not quotable[d]:
            continue
        p = (cov / total_idf + 0.1 * lex / lex_bound) * article_factor[sent_article[d]]
        if p <= 0.0:
            continue
        if n < k:
            hp[n] = p
            hs[n] = d
            hl[n] = lex
            n += 1
            if n == k:
                for j in range(k // 2 - 1, -1, -1):
                    _sift_down(hp, hs, hl, j, k)
        elif _better(p, d, hp[0], hs[0]):
            hp[0] = p
            hs[0] = d
            hl[0] = lex
            _sift_down(hp, hs, hl, 0, k)
    order = np.argsort(hs[:n])
    order = order[np.argsort(-hp[:n][order], kind="mergesort")]
    return hs[:n][order].astype(np.int32), hp[:n][order], hl[:n][order]
