"""The engine's inner loops over postings, compiled (numba).

NumPy pays a few microseconds per call whatever the array size, and scoring a question took ~60 such
calls over arrays of thousands of sentences, plus arrays as long as the corpus that no cache holds at
10^6 sentences. These loops read postings in order, skip those no candidate needs (`shortlist`), and sum
into scratch arrays the size of a block of sentences (`BLOCK`), which stay in the CPU cache however large
the corpus is. They free the GIL while they run, so the bot's worker threads answer in parallel. Compiled
code is cached on disk (`cache=True`): only the first process after an install pays the compilation.

A question is a list of groups (a word or a thesaurus phrase, with its alternatives); each group has
forms (a lemma of the index, or a phrase's precomputed postings), each with a credit. Forms are given
group by group, in rising credit within a group, as arrays:
    form_group  int64   the group of each form (non-decreasing)
    form_credit float64 its credit (a synonym counts less than the word itself)
    form_lo/hi  int64   its postings: docs[lo:hi] (and tf) of the index, or extra_docs[lo:hi] (and
                        extra_weight) for a phrase when form_extra is set
    form_idf    float64 rank-bm25's idf of the lemma (unused for a phrase)
    form_term   int64   the lemma's id (-1 for a phrase)
In a sentence, a group counts with its best form: the last of its forms found there.
"""

from __future__ import annotations

import numpy as np
from numba import njit

# Sentences per block: the block's scratch arrays take ~160 KB. The kernel's memory traffic slows the Python
# that runs after it in answer() (docs/benchmarks.md, session 6): with blocks of 16,384 (640 KB of scratch)
# p99 at 10^5 was ~3 % higher, though the kernel alone is as fast.
BLOCK = 1 << 12
FIXED = float(1 << 40)   # `scan`'s sums are kept in units of 2^-40 (~1e-12): ~2^23 before they overflow


@njit(cache=True, nogil=True, inline="always")
def _fixed(x):  # pragma: no cover - compiled
    """x in FIXED units (truncated: what matters is that the same x always gives the same integer)."""
    return np.int64(x * FIXED)


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


def new_scratch() -> tuple[np.ndarray, np.ndarray]:
    """A thread's scratch for `shortlist`: 2 fixed-point rows and the tags (the first is the counter)."""
    return np.zeros((2, BLOCK), dtype=np.int64), np.zeros(2 * BLOCK + 1, dtype=np.int64)


@njit(cache=True, nogil=True, inline="always")
def _weight(idf, tf, length, unit, norm, k1):  # pragma: no cover - compiled
    """rank-bm25's weight of a term (idf) found tf times in a sentence of this length, from
    `BM25Index.length_terms`' tables (found once: a lookup), in BM25Index.postings' order of operations."""
    if tf == 1:
        return idf * unit[length]
    return idf * (tf * (k1 + 1)) / (tf + norm[length])


@njit(cache=True, nogil=True)
def _first_at_least(arr, j, hi, value):  # pragma: no cover - compiled
    """The first index in [j, hi) with arr[index] >= value (hi: none), arr ascending: a gallop from j,
    so a near target costs a step or two."""
    if j >= hi or arr[j] >= value:
        return j
    base = j                                   # arr[base] < value
    step = 1
    while base + step < hi and arr[base + step] < value:
        base += step
        step *= 2
    left = base + 1
    right = min(base + step, hi)
    while left < right:
        mid = (left + right) >> 1
        if arr[mid] < value:
            left = mid + 1
        else:
            right = mid
    return left


@njit(cache=True, nogil=True)
def shortlist(docs, tf, lengths, unit, norm, k1, weight_max, extra_docs, extra_weight,
              form_group, form_credit, form_term, form_lo, form_hi, form_idf, form_extra,
              group_idf, total_idf, group_name, sent_article, art_end, quotable, headline, bit_row, art_bits, k,
              scratch, tags):  # pragma: no cover - compiled; tested through the engine
    """The k best sentences by preliminary score, and what the engine needs of their articles.

    A sentence's preliminary score (0 when it is not quotable):
        (Σ idf·credit / total_idf + 0.1 · max(ΣBM25, 0) / Σ best possible BM25 per group) · article factor,
    where the article factor is 0.6 + 0.4 · (the idf-weighted share of the question its article covers),
    a form's BM25 is rank-bm25's weight times its credit, and a group's best possible BM25 is its forms'
    largest weight anywhere (weight_max: per lemma, without idf; `BM25Index.weight_max`).
    Returns (sentence ids, scores, BM25) of the k best with a positive score, best first, equal scores
    in sentence order; for each of them (a column), the best credit of each group in its article (groups ×
    k); and, for the groups that are names (group_name), the first quotable non-headline sentence of its
    article that holds them (groups × k, -1: none).
    lengths/unit/norm: `BM25Index.length_terms()`; art_end[a]: the sentence after article a's last (an
    article's sentences are consecutive); bit_row, art_bits: `article_bitmaps`.

    Exact, but without reading every posting in full (MaxScore, block by block): every group has an
    upper bound on what it adds to a score, so once k sentences are kept, a sentence can only enter if
    it holds one of the groups with the largest bounds. Only those groups' postings make candidates;
    the other groups' postings only add to candidates still able to enter (looked up one by one when
    they are few), and postings no candidate needs are skipped, not read.
    The same by halves of the corpus (that can run on two cores): `part` for each, then `best`.
    """
    hs, hp, hl, art_credit, first_name = part(
        0, len(lengths), docs, tf, lengths, unit, norm, k1, weight_max, extra_docs, extra_weight, form_group,
        form_credit, form_term, form_lo, form_hi, form_idf, form_extra, group_idf, total_idf, group_name,
        sent_article, art_end, quotable, headline, bit_row, art_bits, k, scratch, tags)
    return best(hs, hp, hl, art_credit, first_name, k)


@njit(cache=True, nogil=True)
def part(first_doc, last_doc, docs, tf, lengths, unit, norm, k1, weight_max, extra_docs, extra_weight,
         form_group, form_credit, form_term, form_lo, form_hi, form_idf, form_extra, group_idf, total_idf,
         group_name, sent_article, art_end, quotable, headline, bit_row, art_bits, k, scratch, tags
         ):  # pragma: no cover - compiled; tested through shortlist and the engine
    """`shortlist` over the articles of sentences [first_doc, last_doc) (both where an article starts, or
    the corpus's ends), before `best`: the k best sentences there (unordered), with their articles'
    credits and first names. Halves of a corpus share nothing: their results, merged, are the whole's.
    Scores are the whole corpus's: the bound on BM25 that scales them is taken over every posting."""
    lo = form_lo.copy()
    hi = form_hi.copy()
    if first_doc > 0 or last_doc < len(lengths):
        for f in range(len(form_group)):
            arr = extra_docs if form_extra[f] else docs
            lo[f] = _first_at_least(arr, form_lo[f], form_hi[f], first_doc)
            hi[f] = _first_at_least(arr, lo[f], form_hi[f], last_doc)
    first_art = sent_article[first_doc] if last_doc > first_doc else 0
    last_art = sent_article[last_doc - 1] + 1 if last_doc > first_doc else 0
    factor = article_factor(first_art, last_art, docs, extra_docs, form_group, form_credit, form_term, lo, hi,
                            form_extra, group_idf, total_idf, sent_article, bit_row, art_bits)
    group_start, group_end, order, rest, inv_idf, lex_share, bound, size = prepare(
        weight_max, extra_weight, form_group, form_credit, form_term, form_lo, form_hi, form_idf, form_extra,
        group_idf, total_idf)
    hs, hp, hl = scan(first_doc, last_doc, docs, tf, lengths, unit, norm, k1, extra_docs, extra_weight,
                      form_credit, lo, hi, form_idf, form_extra, group_idf, sent_article, quotable, factor,
                      group_start, group_end, order, rest, inv_idf, lex_share, bound, size, k, scratch, tags)
    credit = np.empty((len(group_idf), len(hs)))
    first_name = np.empty((len(group_idf), len(hs)), dtype=np.int64)
    for r in range(len(hs)):
        _article_row(sent_article[hs[r]], r, docs, extra_docs, form_group, form_credit, form_term, lo, hi,
                     form_extra, group_name, art_end, quotable, headline, bit_row, art_bits, credit, first_name)
    return hs, hp, hl, credit, first_name


_BITS = np.array([[(v >> b) & 1 for b in range(8)] for v in range(256)], dtype=np.float64)   # a byte's bits


def bitmap_min_postings(n_articles: int) -> int:
    """The postings from which a lemma gets an article bitmap (`article_bitmaps`): its bitmap then takes
    about a fifth of what its postings take (5 bytes each) or less."""
    return max(64, n_articles // 8)


@njit(cache=True, nogil=True)
def article_bitmaps(docs, offsets, sent_article, n_articles, min_postings):  # pragma: no cover - compiled
    """For each lemma with at least min_postings postings, the articles that hold it, one bit each
    (rows of uint64 words: article a is bit a % 64 of word a // 64), and each lemma's row (-1: none).

    `article_factor` needs, for every word of a question, the articles that hold it: read from the
    postings, a word in 100k sentences costs 100k reads wherever its articles are short (at 10^6
    sentences in articles of 30, 67 % of the shortlist: docs/benchmarks.md, session 11); from its bitmap,
    a read per 64 articles (at 10^6: 4.3 ms → 0.35 ms for the heaviest questions)."""
    n_terms = len(offsets) - 1
    row = np.full(n_terms, -1, dtype=np.int32)       # 4 bytes a lemma: 0.5 MB at 10^6 sentences
    n_rows = 0
    for t in range(n_terms):
        if offsets[t + 1] - offsets[t] >= min_postings:
            row[t] = n_rows
            n_rows += 1
    n_words = (n_articles + 63) >> 6
    bits = np.zeros((n_rows, n_words), dtype=np.uint64)
    for t in range(n_terms):
        r = row[t]
        if r >= 0:
            for j in range(offsets[t], offsets[t + 1]):
                a = sent_article[docs[j]]
                bits[r, a >> 6] |= np.uint64(1) << np.uint64(a & 63)
    return bits, row


@njit(cache=True, nogil=True)
def article_factor(first_art, last_art, docs, extra_docs, form_group, form_credit, form_term, form_lo, form_hi,
                   form_extra, group_idf, total_idf, sent_article, bit_row, art_bits
                   ):  # pragma: no cover - compiled; tested through shortlist and the engine
    """The article factor of articles [first_art, last_art): 0.6 + 0.4 · Σ idf · (the group's best credit
    in the article) / total_idf, summed group by group in order (the other articles' entries mean nothing:
    `scan` reads only these). form_lo/hi: the postings in those articles, for the forms without a bitmap;
    a lemma's bitmap covers its postings in every article, so [first_art, last_art) must be whole
    articles (`part` cuts where an article starts) and a group's forms must come in rising credit (the
    first found in an article is the best there; `reading.form_table` sorts them).

    A group's forms are read from the last (its best credit first), and an article counts once per group
    (`have`: one bit per article): a lemma with a bitmap (`article_bitmaps`) is read a word of 64
    articles at a time; the others (fewer postings than bitmap_min_postings) posting by posting. Both
    ways cost about the same for a lemma in an eighth of the articles: at 10^6 sentences in articles of
    30, ~23 µs a bitmap, ~7 ns a posting (its article looked up, a read that misses the caches)."""
    n_groups = len(group_idf)
    share = np.zeros(((last_art + 63) >> 6) << 6)       # whole words of articles
    if last_art <= first_art:
        return share
    first_word = first_art >> 6
    last_word = (last_art - 1) >> 6
    have = np.zeros(last_word - first_word + 1, dtype=np.uint64)
    n_forms = len(form_group)
    group_end = 0
    for g in range(n_groups):                      # in order: the sums are those of every group in turn
        group_first = group_end
        while group_end < n_forms and form_group[group_end] == g:
            group_end += 1
        have[:] = 0
        w = group_idf[g]
        for f in range(group_end - 1, group_first - 1, -1):
            c = w * form_credit[f]
            t = form_term[f]
            if not form_extra[f] and bit_row[t] >= 0:
                row = art_bits[bit_row[t]]
                for i in range(first_word, last_word + 1):
                    new = row[i] & ~have[i - first_word]
                    if new:
                        have[i - first_word] |= new
                        base = i << 6
                        for byte in range(8):            # a byte of articles at a time, from _BITS
                            v = (new >> np.uint64(8 * byte)) & np.uint64(255)
                            if v:
                                at = base + 8 * byte
                                for b in range(8):       # adding 0.0 changes nothing
                                    share[at + b] += c * _BITS[v, b]
            else:
                arr = extra_docs if form_extra[f] else docs
                for j in range(form_lo[f], form_hi[f]):
                    a = sent_article[arr[j]]
                    i = a - (first_word << 6)
                    bit = np.uint64(1) << np.uint64(i & 63)
                    if not have[i >> 6] & bit:
                        have[i >> 6] |= bit
                        share[a] += c
    for a in range(first_art, last_art):
        share[a] = 0.6 + 0.4 * share[a] / total_idf
    return share


@njit(cache=True, nogil=True)
def _article_row(a, r, docs, extra_docs, form_group, form_credit, form_term, form_lo, form_hi, form_extra,
                 group_name, art_end, quotable, headline, bit_row, art_bits, credit, first_name
                 ):  # pragma: no cover - compiled
    """Column r of credit and first_name: each group's best credit in article a, and each name group's
    first quotable non-headline sentence there (-1: none), each form looked up in the article."""
    start = art_end[a - 1] if a else 0
    end = art_end[a]
    credit[:, r] = 0.0
    first_name[:, r] = -1
    for f in range(len(form_group) - 1, -1, -1):       # a group's best credit first
        g = form_group[f]
        c = form_credit[f]
        name = group_name[g]
        if credit[g, r] >= c and not name:
            continue
        t = form_term[f]
        if not name and not form_extra[f] and bit_row[t] >= 0:
            if art_bits[bit_row[t], a >> 6] & (np.uint64(1) << np.uint64(a & 63)):
                credit[g, r] = max(credit[g, r], c)
            continue
        arr = extra_docs if form_extra[f] else docs
        hi = form_hi[f]
        j = _first_at_least(arr, form_lo[f], hi, start)
        if j == hi or arr[j] >= end:
            continue
        credit[g, r] = max(credit[g, r], c)
        if name:
            while j < hi and arr[j] < end:
                e = arr[j]
                if quotable[e] and not headline[e]:
                    if first_name[g, r] < 0 or e < first_name[g, r]:
                        first_name[g, r] = e
                    break
                j += 1


@njit(cache=True, nogil=True)
def prepare(weight_max, extra_weight, form_group, form_credit, form_term, form_lo, form_hi, form_idf, form_extra,
            group_idf, total_idf):  # pragma: no cover - compiled
    """`shortlist`'s second step: the groups' bounds in their order."""
    n_forms = len(form_group)
    n_groups = len(group_idf)
    # Forms come group by group; a group's bound: its best credit and its forms' largest BM25.
    group_start = np.zeros(n_groups, dtype=np.int64)
    group_end = np.zeros(n_groups, dtype=np.int64)
    credit_max = np.zeros(n_groups)
    lex_max = np.zeros(n_groups)
    for f in range(n_forms):
        g = form_group[f]
        if group_end[g] == 0:
            group_start[g] = f
        group_end[g] = f + 1
        credit_max[g] = max(credit_max[g], form_credit[f])
        if form_extra[f]:
            for j in range(form_lo[f], form_hi[f]):
                lex_max[g] = max(lex_max[g], extra_weight[j])
        elif form_hi[f] > form_lo[f]:
            lex_max[g] = max(lex_max[g], form_idf[f] * form_credit[f] * weight_max[form_term[f]])
    lex_bound = 0.0
    for g in range(n_groups):
        lex_bound += max(lex_max[g], 0.0)
    lex_bound = max(lex_bound, 1e-9)
    inv_idf = 1.0 / total_idf
    lex_share = 0.1 / lex_bound
    bound = np.empty(n_groups)
    for g in range(n_groups):
        bound[g] = group_idf[g] * credit_max[g] * inv_idf + max(lex_max[g], 0.0) * lex_share
    order = np.argsort(-bound, kind="mergesort")        # groups with the most to add first
    rest = np.zeros(n_groups + 1)                        # rest[i]: the most groups order[i:] add
    for i in range(n_groups - 1, -1, -1):
        rest[i] = rest[i + 1] + bound[order[i]]
    size = np.zeros(n_groups, dtype=np.int64)          # postings per group
    for f in range(n_forms):
        size[form_group[f]] += form_hi[f] - form_lo[f]
    return group_start, group_end, order, rest, inv_idf, lex_share, bound, size


@njit(cache=True, nogil=True)
def scan(first_doc, last_doc, docs, tf, lengths, unit, norm, k1, extra_docs, extra_weight, form_credit,
         form_lo, form_hi, form_idf, form_extra, group_idf, sent_article, quotable, factor, group_start,
         group_end, order, rest, inv_idf, lex_share, bound, size, k, scratch, tags
         ):  # pragma: no cover - compiled
    """`shortlist`'s walk over sentences [first_doc, last_doc): the k best there, unordered."""
    cursor = form_lo.copy()
    # Block scratch (the caller's, reused: zeroing it on every call would cost more than the work).
    # A slot is valid when its tag is the current one; tags only grow (tags[0]), so nothing needs clearing.
    mark = tags[1:BLOCK + 1]                     # the tag of the last group that counted the sentence
    seen = tags[BLOCK + 1:]                      # the block's tag: a live candidate in this block
    # Sums in fixed point (FIXED units): exact, so a sentence's sum does not depend on the order its
    # groups were walked in, which differs from block to block (and between the halves of a split).
    cov = scratch[0]                             # Σ idf·credit of the groups found so far
    lex = scratch[1]                             # Σ BM25 of their best forms
    found = np.empty(BLOCK, dtype=np.int64)
    seq = np.empty(len(group_idf), dtype=np.int64)     # the block's order of groups
    left = np.empty(len(group_idf) + 1)
    out = np.empty(len(group_idf), dtype=np.bool_)      # groups that do not make candidates
    by_ratio = np.argsort(-size / np.maximum(bound, 1e-300), kind="mergesort")
    hp = np.empty(k)                             # the best k so far, in a heap whose root is the worst
    hs = np.empty(k, dtype=np.int64)
    hl = np.empty(k)
    n = 0
    tag = tags[0]
    slack = 1.0 + 1e-9                           # bounds a rounding error never makes too tight
    unfix = 1.0 / FIXED
    n_groups = len(group_idf)
    stop = first_doc
    while stop < last_doc:
        # The first block is a quarter of the others: it is read in full, with no threshold yet, and
        # the best sentences of a quarter set nearly the threshold a whole block would (with blocks of
        # 16,384, postings that make candidates over 485 questions at 10^5: -19 %).
        start = stop
        stop = min(start + (BLOCK // 4 if start == first_doc else BLOCK), last_doc)
        tag += 1
        block_tag = tag
        n_found = 0
        threshold = hp[0] if n == k and k > 0 else 0.0     # to enter, a sentence must beat the worst kept
        block_factor = 0.0
        for a in range(sent_article[start], sent_article[stop - 1] + 1):
            block_factor = max(block_factor, factor[a])
        making = n_groups                        # groups seq[:making] make candidates
        in_order = False                         # found[:n_found] in sentence order
        seq[:] = order
        if threshold > 0.0:
            # A sentence that holds none of the groups that make candidates must fall short of the
            # threshold with all the others: their bounds must sum below `room`. Of the sets that do,
            # the cheapest to walk: MaxScore's (the groups with the smallest bounds), the one a greedy
            # pick by postings per bound gives, or all but one group every entrant must hold.
            room = threshold / (block_factor * slack)
            making = 0
            while making < n_groups and rest[making] >= room:
                making += 1
            cost = 0
            for i in range(making):
                cost += size[order[i]]
            used = 0.0
            greedy = 0
            for i in range(n_groups):
                g = by_ratio[i]
                out[g] = used + bound[g] < room
                if out[g]:
                    used += bound[g]
                else:
                    greedy += size[g]
            needed = -1
            for g in range(n_groups):
                if rest[0] - bound[g] < room and (needed < 0 or size[g] < size[needed]):
                    needed = g
            if needed >= 0 and size[needed] < min(cost, greedy):
                out[:] = True
                out[needed] = False
                greedy = size[needed]
            if greedy < cost:                    # seq: the groups making candidates, then the others
                making = 0
                for i in range(n_groups):
                    if not out[order[i]]:
                        seq[making] = order[i]
                        making += 1
                m = making
                for i in range(n_groups):
                    if out[order[i]]:
                        seq[m] = order[i]
                        m += 1
        left[n_groups] = 0.0                     # left[i]: the most groups seq[i:] add
        for i in range(n_groups - 1, -1, -1):
            left[i] = left[i + 1] + bound[seq[i]]
        for i in range(n_groups):
            g = seq[i]
            weight = group_idf[g]
            first_form = group_start[g]
            last_form = group_end[g]
            if last_form == first_form:
                continue
            single = last_form - first_form == 1
            tag += 1
            if i >= making:
                # Keep only the candidates that can still beat the threshold with what is left.
                live = 0
                for m in range(n_found):
                    local = found[m]
                    d = start + local
                    top = (cov[local] * unfix * inv_idf + max(lex[local] * unfix, 0.0) * lex_share + left[i]) \
                        * factor[sent_article[d]] * slack
                    keep = quotable[d] & (top >= threshold)
                    found[live] = local          # no branch: whether a candidate stays is a coin toss
                    live += keep
                    seen[local] = block_tag if keep else 0
                n_found = live
                if n_found == 0:                 # nobody left to add to: the postings wait (below)
                    continue
            # In a sentence a group counts with its best form, the last of its forms found there:
            # walked last first, the first form to reach a sentence counts there and the group's
            # other forms skip it.
            for f in range(last_form - 1, first_form - 1, -1):
                c = _fixed(weight * form_credit[f])
                j = cursor[f]
                hi = form_hi[f]
                # A cursor may still be in an earlier block (its postings skipped, not read): catch up
                # with a gallop, unless the candidates are looked up one by one anyway (below).
                arr = extra_docs if form_extra[f] else docs
                lookup = not form_extra[f] and i >= making and \
                    n_found * 64 < (hi - j) * (stop - start) // (last_doc - start)
                if not lookup and j < hi and arr[j] < start:
                    j = _first_at_least(arr, j, hi, start)
                if i >= making and lookup:
                    # Few candidates among many postings: look each one up (a gallop from the last), in
                    # sentence order. A lookup costs what walking ~64 postings does (its reads jump and
                    # miss the caches; a walk streams): at 1 in 8, the 40 heaviest questions took 8-9 %
                    # longer, at 10^5 and at 10^6 alike.
                    idf = form_idf[f] * form_credit[f]
                    if not in_order:
                        found[:n_found].sort()
                        in_order = True
                    for m in range(n_found):
                        local = found[m]
                        d = start + local
                        j = _first_at_least(docs, j, hi, d)
                        if j == hi:
                            break
                        if docs[j] == d and (single or mark[local] != tag):
                            mark[local] = tag
                            t = tf[j]
                            lex[local] += _fixed(_weight(idf, t, lengths[d], unit, norm, k1))
                            cov[local] += c
                else:
                    # The block's postings are arr[j:end]: counted loops over them compile to much
                    # tighter code than one that tests for the block's end (measured 1.6x).
                    end = _first_at_least(arr, j, hi, stop)
                    if form_extra[f]:
                        if i >= making:
                            _add_extra(extra_docs, extra_weight, j, end, start, c, block_tag, tag, single,
                                       seen, mark, cov, lex)
                        else:
                            n_found = _make_extra(extra_docs, extra_weight, j, end, start, c, block_tag, tag,
                                                  single, seen, mark, cov, lex, found, n_found)
                    else:
                        idf = form_idf[f] * form_credit[f]
                        if i >= making:
                            _add(docs, tf, lengths, unit, norm, k1, idf, j, end, start, c, block_tag, tag,
                                 single, seen, mark, cov, lex)
                        else:
                            n_found = _make(docs, tf, lengths, unit, norm, k1, idf, j, end, start, c, block_tag,
                                            tag, single, seen, mark, cov, lex, found, n_found)
                    j = end
                cursor[f] = j
        for m in range(n_found):
            local = found[m]
            d = start + local
            if not quotable[d]:
                continue
            value = max(lex[local] * unfix, 0.0)
            p = (cov[local] * unfix * inv_idf + value * lex_share) * factor[sent_article[d]]
            if p <= 0.0:
                continue
            if n < k:
                hp[n] = p
                hs[n] = d
                hl[n] = value
                n += 1
                if n == k:
                    for j in range(k // 2 - 1, -1, -1):
                        _sift_down(hp, hs, hl, j, k)
            elif _better(p, d, hp[0], hs[0]):
                hp[0] = p
                hs[0] = d
                hl[0] = value
                _sift_down(hp, hs, hl, 0, k)
    tags[0] = tag
    return hs[:n], hp[:n], hl[:n]


# The loops over one form's postings in one block, docs[j:end] (`scan`). Sentence numbers are taken as
# unsigned: an index NumPy-style could be negative costs a test and a select on every access.
@njit(cache=True, nogil=True)
def _make(docs, tf, lengths, unit, norm, k1, idf, j, end, start, c, block_tag, tag, single, seen, mark, cov,
          lex, found, n_found):  # pragma: no cover - compiled
    """Every sentence found makes (or adds to) a candidate; returns the new number of candidates.
    single: the group's only form (no sentence can have been counted for the group already)."""
    base = np.uint32(start)
    if single:                                       # the common case
        for m in range(j, end):
            d = np.uint32(docs[m])
            local = d - base
            w = _fixed(_weight(idf, tf[m], lengths[d], unit, norm, k1))
            fresh = seen[local] != block_tag
            found[n_found] = local                   # kept only when new (no branch: a mispredicted
            n_found += fresh                         # one costs more than this whole iteration)
            seen[local] = block_tag
            keep = 0 if fresh else 1
            cov[local] = cov[local] * keep + c
            lex[local] = lex[local] * keep + w
        return n_found
    for m in range(j, end):
        d = np.uint32(docs[m])
        local = d - base
        if mark[local] != tag:
            mark[local] = tag
            w = _fixed(_weight(idf, tf[m], lengths[d], unit, norm, k1))
            fresh = seen[local] != block_tag
            found[n_found] = local
            n_found += fresh
            seen[local] = block_tag
            keep = 0 if fresh else 1
            cov[local] = cov[local] * keep + c
            lex[local] = lex[local] * keep + w
    return n_found


@njit(cache=True, nogil=True)
def _make_extra(extra_docs, extra_weight, j, end, start, c, block_tag, tag, single, seen, mark, cov, lex,
                found, n_found):  # pragma: no cover - compiled
    """`_make` for a phrase's postings (their weights given)."""
    base = np.uint32(start)
    for m in range(j, end):
        local = np.uint32(extra_docs[m]) - base
        if single or mark[local] != tag:
            mark[local] = tag
            fresh = seen[local] != block_tag
            found[n_found] = local
            n_found += fresh
            seen[local] = block_tag
            keep = 0 if fresh else 1
            cov[local] = cov[local] * keep + c
            lex[local] = lex[local] * keep + _fixed(extra_weight[m])
    return n_found


@njit(cache=True, nogil=True)
def _add(docs, tf, lengths, unit, norm, k1, idf, j, end, start, c, block_tag, tag, single, seen, mark, cov,
         lex):  # pragma: no cover - compiled
    """Add to the block's live candidates only."""
    base = np.uint32(start)
    for m in range(j, end):
        d = np.uint32(docs[m])
        local = d - base
        if seen[local] == block_tag and (single or mark[local] != tag):
            mark[local] = tag
            lex[local] += _fixed(_weight(idf, tf[m], lengths[d], unit, norm, k1))
            cov[local] += c


@njit(cache=True, nogil=True)
def _add_extra(extra_docs, extra_weight, j, end, start, c, block_tag, tag, single, seen, mark, cov, lex
               ):  # pragma: no cover - compiled
    """`_add` for a phrase's postings."""
    base = np.uint32(start)
    for m in range(j, end):
        local = np.uint32(extra_docs[m]) - base
        if seen[local] == block_tag and (single or mark[local] != tag):
            mark[local] = tag
            cov[local] += c
            lex[local] += _fixed(extra_weight[m])


def are_cuts(offsets, total: int) -> bool:
    """Whether `offsets` cut `total` items into runs: from 0 to total, never decreasing. The kernels read
    runs by such offsets without bounds checks, so arrays from a cache (damaged or planted) are checked first."""
    return len(offsets) > 0 and int(offsets[0]) == 0 and int(offsets[-1]) == total and \
        bool((offsets[1:] >= offsets[:-1]).all())


def load() -> None:
    """Load the compiled code from numba's disk cache: the first compiled call in a process costs ~0.25 s
    whatever it does (numba's own start-up), here with `postings`' argument types, the first kernel a build
    calls (`BM25Index.from_flat`)."""
    postings(np.zeros(0, dtype=np.int32), np.zeros(1, dtype=np.int64), 0, 255)


@njit(cache=True, nogil=True)
def postings(ids, offsets, n_terms, max_tf):  # pragma: no cover - compiled; tested against NumPy's unique
    """The postings of documents given as term ids back to back (`ids[offsets[d]:offsets[d+1]]` is document
    d): per term its start in docs (n_terms + 1 offsets), then each posting's document, ascending, and how
    often the term occurs there (at most max_tf), in two passes over the ids. The same arrays as sorting
    the (term, document) pairs (`np.unique`, ~0.25 s of a cold build at 10^5 sentences: ~20 ms here)."""
    n_docs = len(offsets) - 1
    last = np.full(n_terms, -1, dtype=np.int64)         # the last document that counted the term
    starts = np.zeros(n_terms + 1, dtype=np.int64)
    for d in range(n_docs):
        for j in range(offsets[d], offsets[d + 1]):
            t = ids[j]
            if last[t] != d:
                last[t] = d
                starts[t + 1] += 1
    for t in range(n_terms):
        starts[t + 1] += starts[t]
    docs = np.empty(starts[n_terms], dtype=np.int32)
    counts = np.zeros(starts[n_terms], dtype=np.int64)
    cursor = starts[:n_terms].copy()
    last[:] = -1
    for d in range(n_docs):
        for j in range(offsets[d], offsets[d + 1]):
            t = ids[j]
            if last[t] != d:
                last[t] = d
                docs[cursor[t]] = d
                cursor[t] += 1
            counts[cursor[t] - 1] += 1
    tf = np.empty(len(counts), dtype=np.uint8)
    for i in range(len(counts)):
        tf[i] = min(counts[i], max_tf)
    return starts, docs, tf


@njit(cache=True, nogil=True)
def stack_forms(ints, sizes):  # pragma: no cover - compiled; tested through the engine
    """The question's groups' form tables side by side (ints: 5 × forms, `reading.form_table`'s rows one
    group after another; sizes: per group, its forms and its phrases' postings) as `shortlist` takes
    them: each form's group, its postings' start and end (a phrase's moved to where its group's phrase
    postings start in the stacked extra_docs), and whether it is a phrase."""
    n = ints.shape[1]
    form_group = np.empty(n, dtype=np.int64)
    lo = np.empty(n, dtype=np.int64)
    hi = np.empty(n, dtype=np.int64)
    extra = np.empty(n, dtype=np.bool_)
    f = 0
    shift = 0
    for g in range(sizes.shape[0]):
        for _ in range(sizes[g, 0]):
            form_group[f] = g
            phrase = ints[0, f] < 0
            extra[f] = phrase
            lo[f] = ints[1, f] + shift * phrase
            hi[f] = ints[2, f] + shift * phrase
            f += 1
        shift += sizes[g, 1]
    return form_group, lo, hi, extra


@njit(cache=True, nogil=True)
def best(hs, hp, hl, credit, first_name, k):  # pragma: no cover - compiled
    """The k best of (sentence ids, scores, BM25, and the columns of their articles' credits and first
    names): best first, equal scores in sentence order."""
    order = np.argsort(hs)
    order = order[np.argsort(-hp[order], kind="mergesort")][:k]
    return hs[order], hp[order], hl[order], credit[:, order], first_name[:, order]


@njit(cache=True, nogil=True)
def bm25_top(docs, tf, lengths, unit, norm, k1, term_lo, term_hi, term_idf, k, acc, stamp
             ):  # pragma: no cover - compiled; tested through BM25Index.top
    """rank-bm25's scores of the query terms (postings docs[lo:hi], each term once per occurrence in the
    query; the length terms as `BM25Index.length_terms` gives them), summed per sentence in query order; the k best with a positive score, best first, equal
    scores in sentence order. acc (float64) and stamp (int8) are per-sentence scratch, zero before and
    after."""
    total = 0
    for t in range(len(term_lo)):
        total += term_hi[t] - term_lo[t]
    found = np.empty(total, dtype=np.int64)
    n_found = 0
    for t in range(len(term_lo)):
        idf = term_idf[t]
        for j in range(term_lo[t], term_hi[t]):
            d = docs[j]
            f = tf[j]
            found[n_found] = d
            n_found += stamp[d] == 0
            stamp[d] = 1
            acc[d] += _weight(idf, f, lengths[d], unit, norm, k1)
    # The same heap as in `shortlist`, written out again: a shared helper (even inline="always") measured
    # the kernels 1.5-2x slower.
    hp = np.empty(k)
    hs = np.empty(k, dtype=np.int64)
    hl = np.empty(k)
    n = 0
    for i in range(n_found):
        d = found[i]
        p = acc[d]
        acc[d] = 0.0
        stamp[d] = 0
        if p <= 0.0:
            continue
        if n < k:
            hp[n] = p
            hs[n] = d
            n += 1
            if n == k:
                for j in range(k // 2 - 1, -1, -1):
                    _sift_down(hp, hs, hl, j, k)
        elif _better(p, d, hp[0], hs[0]):
            hp[0] = p
            hs[0] = d
            _sift_down(hp, hs, hl, 0, k)
    order = np.argsort(hs[:n])
    order = order[np.argsort(-hp[:n][order], kind="mergesort")]
    return hs[:n][order], hp[:n][order]
