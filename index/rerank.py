"""The engine's re-ranking of its shortlist, compiled (numba): what `AnswerEngine.ranked` and `answer` do
with the CANDIDATES sentences once `kernels.shortlist` has found them.

The arrays are small (60 candidates, ~100 passages), so the cost in NumPy was its ~50 calls of a few
microseconds each, not the work. These loops do the same work with the same floating point operations
in the same order: the answers are identical. `rank` (passages, the products over the groups, scores) and
`choose` (answerability, the choice, the «same fact» slots) each make one call of what were ~20 NumPy calls
and three or four kernels on every question; their products over the groups are summed group by group,
in order (NumPy's BLAS paired the terms in its own order: the scores' last bits moved, no answer did).
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

from .features import ANNOUNCES_NEXT, LEANS_BACK

# Weights of the re-ranking (the engine's others are in index/engine.py). They are here, in the file of
# the kernels that use them: numba compiles a global in as a constant, and its disk cache is only
# invalidated by a change to this file.
LEXICAL_SHARE = 0.2           # weight of BM25 (relative to the best candidate) beside coverage
MISSING_TYPE_FACTOR = 0.5     # a «когда» passage without a date, a «сколько» one without a number, …
WHICH_MISSING_FACTOR = 0.75   # a «какой фильм» passage that names nothing the question did not
FIRST_MENTION_FACTOR = 1.15
EXTENSION_FACTOR = 0.95       # a longer passage must earn its second sentence
HEADLINE_FACTOR = 0.8         # a headline restates the story; its lead and body say it in full
MISSING_NUMBER_ANSWERABLE = 0.6
UNTYPED_ANSWERABLE = 0.8      # a passage without the date/number/… asked for is a weaker answer

PERSON_BIT = 4                # features.FEATURE_BIT[PERSON]
CREDIT_CACHE = 256          # sentences whose credits `passages` keeps (a power of 2)


@intrinsic
def _prefetch(typingctx, arr, i):  # pragma: no cover - compiled
    """Ask the CPU to bring arr[i] into its caches (llvm.prefetch: a hint, which never faults)."""
    if not isinstance(arr, types.Array) or not isinstance(i, types.Integer):
        return None

    def codegen(context, builder, sig, args):
        data = context.make_array(sig.args[0])(context, builder, args[0]).data
        ptr = builder.gep(data, [context.cast(builder, args[1], sig.args[1], types.intp)])
        byte_ptr = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fn = cgutils.get_or_insert_function(
            builder.module, ir.FunctionType(ir.VoidType(), [byte_ptr, i32, i32, i32]), "llvm.prefetch.p0")
        # read, keep in all cache levels, data
        builder.call(fn, [builder.bitcast(ptr, byte_ptr), i32(0), i32(3), i32(1)])
        return context.get_dummy_value()

    return types.void(arr, i), codegen


@njit(cache=True, nogil=True)
def _prefetch_candidates(sids, joins, sent_article, paragraph, quotable, feature_offsets, feature_bits,
                         feature_stems, lemma_ids, lemma_offsets):  # pragma: no cover - compiled
    """Start loading what `passages` reads of the candidates and their neighbours. Those are ~60 random
    places in arrays as long as the corpus, most of them out of the CPU's caches after the shortlist:
    asked for all at once, their loads overlap instead of waiting one after the other."""
    n = len(joins)
    for s in sids:
        lo = max(s - 1, 0)
        hi = min(s + 3, n)
        _prefetch(lemma_offsets, lo)
        _prefetch(lemma_offsets, hi)
        _prefetch(feature_offsets, lo)
        _prefetch(feature_offsets, hi)
        _prefetch(joins, s)
        _prefetch(sent_article, s)
        _prefetch(paragraph, s)
        _prefetch(quotable, hi - 1)
    for s in sids:                                  # their offsets have come by now (or soon)
        lo = max(s - 1, 0)
        hi = min(s + 3, n)
        first = lemma_offsets[lo]
        last = lemma_offsets[hi]
        for j in range(first, last, 16):            # 16 int32 to a cache line
            _prefetch(lemma_ids, j)
        if last > first:
            _prefetch(lemma_ids, last - 1)
        first = feature_offsets[lo]
        last = feature_offsets[hi]
        if last > first:
            _prefetch(feature_bits, first)
            _prefetch(feature_stems, first)
            _prefetch(feature_stems, last - 1)


@njit(cache=True, nogil=True)
def _holds_new(start, end, bit, asked, feature_offsets, feature_bits, feature_stems):  # pragma: no cover
    """Whether sentences start..end hold a feature `bit` (a date, a number, …) whose stem the question
    does not name itself."""
    for d in range(start, end + 1):
        lo = feature_offsets[d]
        hi = feature_offsets[d + 1]
        for pos in range(lo, hi):
            if feature_bits[pos] & bit:
                named = _asked(feature_stems[pos], asked)
                if not named and feature_bits[pos] & PERSON_BIT:
                    # «Демьян Кудрявцев» when the question names Кудрявцев: the first name is not a new person.
                    named = (pos + 1 < hi and feature_bits[pos + 1] & PERSON_BIT
                             and _asked(feature_stems[pos + 1], asked)) or \
                        (pos > lo and feature_bits[pos - 1] & PERSON_BIT and _asked(feature_stems[pos - 1], asked))
                if not named:
                    return True
    return False


@njit(cache=True, nogil=True, inline="always")
def _asked(stem, asked):  # pragma: no cover - compiled
    for a in asked:
        if a == stem:
            return True
    return False


@njit(cache=True, nogil=True)
def _term_table(form_term, form_extra):  # pragma: no cover - compiled
    """An open-addressing table term -> its first form in `order` (forms sorted by term), for the
    lemma forms: a sentence's lemma is looked up in one or two probes, most of them misses."""
    order = np.argsort(form_term)
    size = 16
    while size < 4 * len(form_term):
        size *= 2
    keys = np.full(size, -1, dtype=np.int64)
    first = np.zeros(size, dtype=np.int64)
    for i in range(len(order) - 1, -1, -1):      # the first of equal terms ends up in the table
        f = order[i]
        if form_extra[f]:
            continue
        t = form_term[f]
        h = (t * 0x9E3779B1) & (size - 1)
        while keys[h] != -1 and keys[h] != t:
            h = (h + 1) & (size - 1)
        keys[h] = t
        first[h] = i
    return order, keys, first


@njit(cache=True, nogil=True)
def _credit(d, out, row, order, keys, first, extras, lemma_ids, lemma_offsets, form_group, form_credit,
            form_term, form_lo, form_hi, extra_docs):  # pragma: no cover - compiled
    """out[row] = sentence d's best credit of each group: of the lemma forms among its lemma ids, and of the
    phrase forms whose postings hold it."""
    out[row] = 0.0
    mask = len(keys) - 1
    n_forms = len(order)
    for j in range(lemma_offsets[d], lemma_offsets[d + 1]):
        t = lemma_ids[j]
        h = (t * 0x9E3779B1) & mask
        while keys[h] != -1 and keys[h] != t:
            h = (h + 1) & mask
        if keys[h] == -1:
            continue
        i = first[h]
        while i < n_forms and form_term[order[i]] == t:
            f = order[i]
            out[row, form_group[f]] = max(out[row, form_group[f]], form_credit[f])
            i += 1
    for f in extras:
        if form_credit[f] > out[row, form_group[f]]:
            lo = form_lo[f]
            hi = form_hi[f]
            i = lo + np.searchsorted(extra_docs[lo:hi], d)
            if i < hi and extra_docs[i] == d:
                out[row, form_group[f]] = form_credit[f]


@njit(cache=True, nogil=True)
def passages(sids, joins, sent_article, paragraph, quotable, bit, asked, feature_offsets, feature_bits,
             feature_stems, lemma_ids, lemma_offsets, form_group, form_credit, form_term, form_extra, form_lo,
             form_hi, extra_docs, context, art_credit):  # pragma: no cover - compiled; tested through the engine
    """The passages to weigh, as (start, end, origin, extended, typed, credit, with_context): sentence
    ranges [start, end], the rank of the candidate each comes from, whether it is that candidate's
    extension, whether it holds what the question asks for (`bit`; 0: the type does not apply, every
    passage counts as typed), the best credit of each group in it (groups × passages) and that raised by
    the article's context (context[g] · art_credit[g, r], r the candidate the passage comes from: its
    article's credits).

    Each candidate's own passage is the sentence, with the one before when it cannot stand alone, or the
    one after when it only announces it (`features.joining_flags`); its extension adds the next sentence
    when that one leans on it or, for a typed question, when the passage lacks what is asked and the next
    sentence of the paragraph may hold it («…победы над Швецией. Результат встречи — 7:4»). Passages come
    candidate by candidate, each one's own then its extension; of equal ranges the first is kept."""
    _prefetch_candidates(sids, joins, sent_article, paragraph, quotable, feature_offsets, feature_bits,
                         feature_stems, lemma_ids, lemma_offsets)
    n = len(joins)
    k = len(sids)
    start = np.empty(2 * k, dtype=np.int64)
    end = np.empty(2 * k, dtype=np.int64)
    origin = np.empty(2 * k, dtype=np.int64)
    extended = np.zeros(2 * k, dtype=np.bool_)
    m = 0
    # Interleaved: each candidate's passage, then its extension.
    for r in range(k):
        s = sids[r]
        flags = joins[s]
        announces = (flags & ANNOUNCES_NEXT) != 0
        leans = (flags & LEANS_BACK) != 0 and not announces
        a = max(s - 1, 0) if leans else s
        b = min(s + 1, n - 1) if announces else s
        nxt = min(b + 1, n - 1)
        has_next = b + 1 < n
        ext = has_next and (joins[nxt] & LEANS_BACK) != 0
        if bit and not ext and has_next and sent_article[nxt] == sent_article[b] \
                and paragraph[nxt] == paragraph[b] and quotable[nxt] \
                and not _holds_new(a, b, bit, asked, feature_offsets, feature_bits, feature_stems):
            ext = True
        start[m] = a
        end[m] = b
        origin[m] = r
        m += 1
        if ext:
            start[m] = a
            end[m] = b + 1
            origin[m] = r
            extended[m] = True
            m += 1
    # The first of equal ranges is kept.
    key = start[:m] * 8 + (end[:m] - start[:m])
    by_key = np.argsort(key, kind="mergesort")
    keep = np.ones(m, dtype=np.bool_)
    for i in range(1, m):
        if key[by_key[i]] == key[by_key[i - 1]]:
            keep[by_key[i]] = False
    kept = np.flatnonzero(keep)
    start = start[kept]
    end = end[kept]
    origin = origin[kept]
    extended = extended[kept]
    p = len(kept)
    typed = np.ones(p, dtype=np.bool_)
    if bit:
        for i in range(p):
            typed[i] = _holds_new(start[i], end[i], bit, asked, feature_offsets, feature_bits, feature_stems)
    n_groups = art_credit.shape[0]
    credit = np.zeros((n_groups, p))
    with_context = np.empty((n_groups, p))
    order, keys, first = _term_table(form_term, form_extra)
    extras = np.flatnonzero(form_extra)
    # Each sentence's credits, kept: most sentences are in two or three passages.
    cached = np.full(CREDIT_CACHE, -1, dtype=np.int64)
    sentence_credit = np.empty((CREDIT_CACHE, n_groups))
    for i in range(p):
        for d in range(start[i], end[i] + 1):
            row = d & (CREDIT_CACHE - 1)
            if cached[row] != d:
                cached[row] = d
                _credit(d, sentence_credit, row, order, keys, first, extras, lemma_ids, lemma_offsets,
                        form_group, form_credit, form_term, form_lo, form_hi, extra_docs)
            for g in range(n_groups):
                credit[g, i] = max(credit[g, i], sentence_credit[row, g])
        for g in range(n_groups):
            c = context[g] * art_credit[g, origin[i]]
            with_context[g, i] = max(credit[g, i], c)
    return start, end, origin, extended, typed, credit, with_context


@njit(cache=True, nogil=True)
def scores(coverage, context_coverage, answerable, total_idf, weight_sum, lexical, sids, origin, extended,
           typed, start, end, with_context, number, bit, missing_factor, untyped_fit, person, first_name,
           headline, n_best
           ):  # pragma: no cover - compiled; tested through the engine
    """The passages' scores, and the n_best best passages as (score, coverage, start, end, answerability,
    typed, with_context columns), best first, equal scores in passage order. coverage, context_coverage
    and answerable are the idf- and weight-products of the credits, not yet divided (NumPy's own)."""
    p = len(origin)
    lex_max = 1e-9
    for i in range(len(lexical)):
        lex_max = max(lex_max, lexical[i])
    negative = np.empty(p)
    fits = np.empty(p)
    for i in range(p):
        score = context_coverage[i] / total_idf + LEXICAL_SHARE * lexical[origin[i]] / lex_max
        fit = answerable[i] / weight_sum
        for g in range(len(number)):
            if number[g] and with_context[g, i] == 0:
                # «в 2025 году» and the story never says 2025
                fit = fit * MISSING_NUMBER_ANSWERABLE
                break
        if bit and not typed[i]:
            score = score * missing_factor
            fit = fit * untyped_fit
        if person:
            # first_name[g, r] is a sentence of candidate r's article: the candidate is a first mention
            # when its article's entry for some group is itself.
            s = sids[origin[i]]
            for g in range(first_name.shape[0]):
                if first_name[g, origin[i]] == s:
                    score = score * FIRST_MENTION_FACTOR
                    break
        if extended[i]:
            score = score * EXTENSION_FACTOR
        if headline[start[i]]:
            score = score * HEADLINE_FACTOR
        negative[i] = -score
        fits[i] = fit
    best = np.argsort(negative, kind="mergesort")[:n_best]
    r = len(best)
    out_credit = np.empty((with_context.shape[0], r))
    for j in range(r):
        out_credit[:, j] = with_context[:, best[j]]
    return (-negative[best], coverage[best] / total_idf, start[best], end[best], fits[best], typed[best],
            out_credit)


@njit(cache=True, nogil=True)
def answering(fits, typed, topic_credit, topic_weight, need_typed, least, least_topic, more_share
              ):  # pragma: no cover - compiled; tested through the engine
    """Whether each passage answers the question, and whether it may be offered among «Ещё»: its
    coverage (fits) at least `least` (`least` · `more_share` to be offered); when the question has words
    that are not names, their weighted credits (topic_credit, NumPy's product, over their weights'
    sum topic_weight) at least `least_topic`; and when `need_typed`, what the question asks for (typed).
    The thresholds are the engine's (given here: they are not weights of the re-ranking)."""
    n = len(fits)
    answers = np.empty(n, dtype=np.bool_)
    offered = np.empty(n, dtype=np.bool_)
    for i in range(n):
        ok = typed[i] or not need_typed
        if len(topic_credit):
            ok = ok and topic_credit[i] / topic_weight >= least_topic
        answers[i] = ok and fits[i] >= least
        offered[i] = ok and fits[i] / more_share >= least
    return answers, offered


@njit(cache=True, nogil=True)
def distinct(start, end, offered, more, lemma_ids, lemma_offsets, sent_article
             ):  # pragma: no cover - compiled; tested through the engine
    """For each passage, best first: the first passage kept before it that states the same fact when
    its article is not among that one's yet, itself when it is kept (at most more + 1 are), else -1 (not
    offered, no room left, or a fact and article already there).

    Two passages state the same fact when they share a sentence (a sentence and its extension), or when most
    words of the shorter one are in the longer (a headline, its lead and a quotation repeating «11 российских
    граждан, задержанных в Баку»): they share at least 4 distinct lemmas, and at least half of the smaller
    set's. Each lemma seen is in a hash table with the kept passages that hold it (bits), so a passage is
    compared with all kept ones in one pass."""
    r = len(start)
    slot = np.full(r, -1, dtype=np.int64)
    total = 0
    for i in range(r):
        if offered[i]:
            total += lemma_offsets[end[i] + 1] - lemma_offsets[start[i]]
    size = 64
    while size < 2 * total:
        size *= 2
    mask = size - 1
    words = (more + 64) // 64                # of kept bits
    keys = np.full(size, -1, dtype=np.int64)
    seen = np.full(size, -1, dtype=np.int64)     # the last passage that counted the lemma
    holders = np.zeros((size, words), dtype=np.uint64)
    kept = np.empty(more + 1, dtype=np.int64)
    kept_size = np.empty(more + 1, dtype=np.int64)
    kept_articles = np.empty((more + 1, r), dtype=np.int64)     # the articles that carry each
    n_articles = np.zeros(more + 1, dtype=np.int64)
    shared = np.empty(more + 1, dtype=np.int64)
    n_kept = 0
    for i in range(r):
        if not offered[i]:
            continue
        shared[:n_kept] = 0
        n = 0
        for j in range(lemma_offsets[start[i]], lemma_offsets[end[i] + 1]):
            t = lemma_ids[j]
            h = (t * 0x9E3779B1) & mask
            while keys[h] != -1 and keys[h] != t:
                h = (h + 1) & mask
            keys[h] = t
            if seen[h] == i:
                continue
            seen[h] = i
            n += 1
            for w in range(words):
                bits = holders[h, w]
                while bits:
                    low = bits & (~bits + np.uint64(1))
                    shared[w * 64 + _bit_index(low)] += 1
                    bits ^= low
        article = sent_article[start[i]]
        similar = False
        for k in range(n_kept):
            # A passage that shares a sentence with a kept one repeats it (a sentence and its extension).
            overlaps = start[i] <= end[kept[k]] and start[kept[k]] <= end[i]
            if overlaps or (n and shared[k] >= 4 and shared[k] / min(n, kept_size[k]) >= 0.5):
                similar = True
                known = False
                for a in kept_articles[k, :n_articles[k]]:
                    known |= a == article
                if not known:
                    kept_articles[k, n_articles[k]] = article
                    n_articles[k] += 1
                    slot[i] = kept[k]
                break
        if not similar and n_kept <= more:
            bit = np.uint64(1) << np.uint64(n_kept % 64)
            for j in range(lemma_offsets[start[i]], lemma_offsets[end[i] + 1]):
                t = lemma_ids[j]
                h = (t * 0x9E3779B1) & mask
                while keys[h] != t:
                    h = (h + 1) & mask
                holders[h, n_kept // 64] |= bit
            kept[n_kept] = i
            kept_size[n_kept] = n
            kept_articles[n_kept, 0] = article
            n_articles[n_kept] = 1
            n_kept += 1
            slot[i] = i
    return slot


@njit(cache=True, nogil=True)
def _bit_index(bit):  # pragma: no cover - compiled
    """The position of a single set bit."""
    i = 0
    while bit > np.uint64(1):
        bit >>= np.uint64(1)
        i += 1
    return i


@njit(cache=True, nogil=True)
def rank(sids, lexical, joins, sent_article, paragraph, quotable, bit, asked, feature_offsets, feature_bits,
         feature_stems, lemma_ids, lemma_offsets, form_group, form_credit, form_term, form_extra, form_lo, form_hi,
         extra_docs, context, art_credit, idf, total_idf, weight, weight_sum, number, missing_factor, untyped_fit,
         person, first_name, headline, n_best):  # pragma: no cover - compiled; tested through the engine
    """`passages`, the three products over the groups, then `scores`, in one call: `AnswerEngine.ranked`'s
    arrays for the shortlist `sids` (one call instead of ~20 of NumPy and three of numba, on every question).
    The products are summed group by group, in order."""
    start, end, origin, extended, typed, credit, with_context = passages(
        sids, joins, sent_article, paragraph, quotable, bit, asked, feature_offsets, feature_bits, feature_stems,
        lemma_ids, lemma_offsets, form_group, form_credit, form_term, form_extra, form_lo, form_hi, extra_docs,
        context, art_credit)
    n_groups, p = credit.shape
    coverage = np.empty(p)
    context_coverage = np.empty(p)
    answerable = np.empty(p)
    for i in range(p):
        a = 0.0
        b = 0.0
        c = 0.0
        for g in range(n_groups):
            a += idf[g] * credit[g, i]
            b += idf[g] * with_context[g, i]
            c += weight[g] * with_context[g, i]
        coverage[i] = a
        context_coverage[i] = b
        answerable[i] = c
    return scores(coverage, context_coverage, answerable, total_idf, weight_sum, lexical, sids, origin, extended,
                  typed, start, end, with_context, number, bit, missing_factor, untyped_fit, person, first_name,
                  headline, n_best)


@njit(cache=True, nogil=True)
def weighted_rows(credits, rows, weights):  # pragma: no cover - compiled; tested through the engine
    """Per column of credits, Σ weights[t] · credits[rows[t]], summed row by row in order (nothing when
    there are no rows: `answering` then has no topic test)."""
    out = np.zeros(credits.shape[1] if len(rows) else 0)
    for i in range(len(out)):
        s = 0.0
        for t in range(len(rows)):
            s += weights[t] * credits[rows[t], i]
        out[i] = s
    return out


@njit(cache=True, nogil=True)
def choose(score, fits, typed, credits, topic, topic_weight, topic_weight_sum, need_typed, least, least_topic,
           more_share, runner_up, start, end, more, lemma_ids, lemma_offsets, sent_article
           ):  # pragma: no cover - compiled; tested through the engine
    """`answer`'s choice among the ranked passages, in one call: which passage answers (-1: none), and
    `distinct`'s slots for it and the «Ещё» ones. The answer is the best passage that passes `answering`,
    unless a better one that fails scores more than 1/runner_up of it (then the coverage is about
    something else). topic: the rows of `credits` whose weighted sum must reach least_topic (none: no
    such test); its product is summed row by row, in order."""
    r = len(fits)
    answers, offered = answering(fits, typed, weighted_rows(credits, topic, topic_weight), topic_weight_sum,
                                 need_typed, least, least_topic, more_share)
    chosen = -1
    for i in range(r):
        if answers[i]:
            chosen = i
            break
    if chosen < 0 or score[chosen] < runner_up * score[0]:
        return -1, np.empty(0, dtype=np.int64)
    offered[:chosen] = False
    offered[chosen] = True
    return chosen, distinct(start, end, offered, more, lemma_ids, lemma_offsets, sent_article)
