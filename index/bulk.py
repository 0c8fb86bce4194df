"""Indexing many sentences at once: what `IndexData.build` stores, with the per-token work done once per
distinct form and on arrays.

The result is exactly what analysing each sentence with `Analyzer.analyze` and `feature_tokens` gives (same
ids, same vocabulary order); it is only cheaper: a corpus of 10^5 sentences has ~2M tokens but ~100k
distinct forms, and Python work per token was most of the build.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, pairwise

import numpy as np

from . import kernels
from .features import (
    CURRENCY_SIGNS,
    FEATURE_BIT,
    PLACE_PREPOSITIONS,
    REASON_PREFIXES,
    REASON_TOKENS,
    SAYING,
    after_class,
    is_day,
    is_year,
    joining_flags,
    phrase_features,
    word_feature_bits,
)
from .models import Sentence
from .parallel import can_fork, cores, map_forked, map_meeting
from .questions import NUMBER, PLACE
from .text import TOKEN_RE, Analyzer, fold, tokenize

# Exact prefilters for the phrase regexes of `features`, tested once per distinct form: a sentence none of
# whose tokens passes cannot match. AGE_PHRASE's branches need «возраст»/«исполнил», or a digit together
# with «лет»/«год(а)» after a space, «летн» («15-летний») or «ему/ей/им» before a space; ENUMERATION needs
# three capitals. Every letter and digit of a sentence lies inside one of its tokens.
_AGE_WORD = re.compile(r"возраст|исполнил", re.IGNORECASE)
_AGE_HINT = re.compile(r"^(?:лет|года?)\b|летн|\b(?:ему|ей|им)$", re.IGNORECASE | re.MULTILINE)
_DIGIT = re.compile(r"\d")
_CAPITAL = re.compile(r"[А-ЯЁA-Z]")


# Below this many sentences a build stays in one process (a fork and the merge cost ~0.1 s).
PARALLEL_MIN_SENTENCES = 10_000
# On two cores: pieces for `map_meeting` (each ends where an article does), at most this many, of this many
# sentences or more (indexing a piece has fixed costs, and the merge reads each piece's vocabulary).
MEETING_PIECES = 16
MEETING_PIECE_SENTENCES = 2_000


@dataclass
class Part:
    """IndexData's per-sentence arrays for a run of sentences, with the vocabularies they index."""

    lemma_vocab: list[str]
    lemma_ids: np.ndarray
    lemma_offsets: np.ndarray
    stem_vocab: list[str]
    stem_ids: np.ndarray
    stem_offsets: np.ndarray
    feature_bits: np.ndarray
    feature_stems: np.ndarray
    feature_offsets: np.ndarray
    joins: np.ndarray


def sentence_forms(text: str) -> list[str | tuple[str, str]]:
    """The tokens of a sentence as written; a token whose norm is not `fold` of its text (a capital sigma
    folds by its context in the sentence, see `tokenize`) comes as (text, norm)."""
    if "Σ" not in text:
        return TOKEN_RE.findall(text)
    return [tok.text if tok.norm == fold(tok.text) else (tok.text, tok.norm) for tok in tokenize(text)]


def _segment_any(flags: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Per segment [bounds[i], bounds[i+1]) of a per-token array: whether any of it is set."""
    return _segment_sum(flags.astype(np.int64), bounds) > 0


def _segment_sum(values: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    cumulative = np.concatenate(([0], np.cumsum(values, dtype=np.int64)))
    return cumulative[bounds[1:]] - cumulative[bounds[:-1]]


def _matches_per_form(pattern: re.Pattern[str], joined: str, starts: np.ndarray) -> np.ndarray:
    """How many times `pattern` matches in each form; `joined` is the forms joined by newlines (no match
    can cross one, and ^, $ and \b see a newline as a form's edge), `starts` where each form begins."""
    found = np.fromiter((m.start() for m in pattern.finditer(joined)), dtype=np.int64)
    return np.bincount(np.searchsorted(starts, found, side="right") - 1, minlength=len(starts))


@dataclass
class _Tokens:
    forms: list[str | tuple[str, str]]  # distinct forms (see `sentence_forms`), in order of first occurrence
    form_ids: np.ndarray                 # per token, sentences back to back
    bounds: np.ndarray                   # sentence i has tokens bounds[i]:bounds[i+1]


def _tokens(texts: Sequence[str]) -> _Tokens:
    per_sentence = [sentence_forms(text) for text in texts] if any("Σ" in t for t in texts) else \
        list(map(TOKEN_RE.findall, texts))
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, per_sentence), dtype=np.int64, count=len(texts)), out=bounds[1:])
    tokens = list(chain.from_iterable(per_sentence))
    del per_sentence
    forms = list(dict.fromkeys(tokens))
    index = {form: i for i, form in enumerate(forms)}
    return _Tokens(forms, np.fromiter(map(index.__getitem__, tokens), dtype=np.int64, count=len(tokens)), bounds)


def _phrase_features(texts: Sequence[str], forms: Sequence[str], form_ids: np.ndarray,
                     bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sentence, FEATURE_BIT) of every phrase feature, by sentence, each sentence's in `phrase_features`'s
    order; the regexes run only on sentences that the exact per-form prefilters let through."""
    n_forms = len(forms)
    starts = np.zeros(n_forms, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, forms), dtype=np.int64, count=n_forms)[:-1] + 1, out=starts[1:])
    joined = "\n".join(forms)

    def any_in_sentence(per_form: np.ndarray) -> np.ndarray:
        return _segment_any(per_form[form_ids], bounds)

    digit_start = np.fromiter((f[0].isdigit() for f in forms), dtype=bool, count=n_forms)
    reason_word = np.fromiter((not f[0].isdigit() and (f in REASON_TOKENS or f.startswith(REASON_PREFIXES))
                               for f in map(fold, forms)), dtype=bool, count=n_forms)
    reason = any_in_sentence(reason_word)
    has_digit = any_in_sentence(digit_start)
    age = any_in_sentence(_matches_per_form(_AGE_WORD, joined, starts) > 0) | (
        any_in_sentence(_matches_per_form(_DIGIT, joined, starts) > 0)
        & any_in_sentence(_matches_per_form(_AGE_HINT, joined, starts) > 0))
    enumeration = _segment_sum(_matches_per_form(_CAPITAL, joined, starts)[form_ids], bounds) >= 3
    quoted = np.fromiter(("«" in text or '"' in text for text in texts), dtype=bool, count=len(texts))
    currency = np.fromiter((any(sign in text for sign in CURRENCY_SIGNS) for text in texts), dtype=bool,
                           count=len(texts)) & has_digit
    sentences: list[int] = []
    bits: list[int] = []
    for i in np.flatnonzero(reason | age | enumeration | quoted | currency).tolist():
        text = texts[i]
        age_possible = bool(age[i]) and (bool(has_digit[i]) or "возраст" in text or "исполнил" in text)
        for b in phrase_features(text, bool(reason[i]), age_possible, bool(enumeration[i]), bool(currency[i])):
            sentences.append(i)
            bits.append(b)
    return np.asarray(sentences, dtype=np.int64), np.asarray(bits, dtype=np.uint8)


def index_sentences(sentences: Sequence[Sentence], analyzer: Analyzer) -> Part:
    """Lemma, stem and feature ids of `sentences`, in this process."""
    texts = [s.text for s in sentences]
    n = len(texts)
    tokens = _tokens(texts)
    form_ids, bounds = tokens.form_ids, tokens.bounds
    forms = tokens.forms
    n_forms = len(forms)
    if any(isinstance(form, tuple) for form in forms):
        written = [form[0] if isinstance(form, tuple) else form for form in forms]
        norms = [form[1] if isinstance(form, tuple) else fold(form) for form in forms]
    else:
        written, norms = forms, list(map(fold, forms))        # type: ignore[assignment]
    infos = list(map(analyzer.info, norms))

    # Once per form. Vocabulary ids are given in order of first occurrence of the forms, which is the order
    # of first occurrence of the words themselves: ids come out as a token-by-token pass would give them.
    stop = np.fromiter((info.stop for info in infos), dtype=bool, count=n_forms)
    lemma_vocab: dict[str, int] = {}
    stem_vocab: dict[str, int] = {}
    lemma_count = np.fromiter((0 if info.stop else len(info.lemmas) for info in infos), dtype=np.int64,
                              count=n_forms)
    form_lemmas = [lemma_vocab.setdefault(lemma, len(lemma_vocab))
                   for info in infos if not info.stop for lemma in info.lemmas]
    form_stem = np.fromiter((-1 if info.stop else stem_vocab.setdefault(info.stem, len(stem_vocab))
                             for info in infos), dtype=np.int32, count=n_forms)
    feature_stem = np.where([info.stem != "" for info in infos], form_stem, -1).astype(np.int32)
    zero = (0, 0, 0, 0)
    bits = np.array([zero if info.stop else word_feature_bits(text, norm, info)
                     for text, norm, info in zip(written, norms, infos)], dtype=np.uint8).reshape(n_forms, 4)
    after = np.fromiter(map(after_class, norms), dtype=np.int64, count=n_forms)
    month = np.fromiter((info.month for info in infos), dtype=bool, count=n_forms)
    day = np.fromiter(map(is_day, norms), dtype=bool, count=n_forms)
    year = np.fromiter(map(is_year, norms), dtype=bool, count=n_forms)
    year_word = np.fromiter((info.lemmas[0] == "год" for info in infos), dtype=bool, count=n_forms)
    saying = np.fromiter((info.lemmas[0] in SAYING for info in infos), dtype=bool, count=n_forms)
    preposition = np.fromiter((norm in PLACE_PREPOSITIONS for norm in norms), dtype=bool, count=n_forms)
    del infos, norms

    # Lemmas and stems of the content tokens, sentences back to back.
    content = ~stop[form_ids]
    content_forms = form_ids[content]
    per_token = lemma_count[content_forms]
    lemma_starts = np.cumsum(lemma_count) - lemma_count
    before = np.cumsum(per_token) - per_token
    lemma_ids = np.asarray(form_lemmas, dtype=np.int32)[
        np.repeat(lemma_starts[content_forms] - before, per_token) + np.arange(int(per_token.sum()), dtype=np.int64)]
    stem_offsets = np.concatenate(([0], np.cumsum(content, dtype=np.int64)))[bounds]
    lemma_offsets = np.concatenate(([0], np.cumsum(per_token, dtype=np.int64)))[stem_offsets]

    # Word features: the column is the token's context (first in its sentence, else the word before it).
    counts = np.diff(bounds)
    context = np.empty(len(form_ids), dtype=np.int64)
    context[1:] = 1 + after[form_ids[:-1]]
    context[bounds[:-1][counts > 0]] = 0
    token_bits = bits[form_ids, context]
    # «9 октября», «в 2025 году», «июля 1951»: a day before its month, a year before «год» or after a month
    # is no count (`features.feature_tokens`).
    of_date = np.zeros(len(form_ids), dtype=bool)
    of_date[:-1] = (day[form_ids[:-1]] & month[form_ids[1:]]) | (year[form_ids[:-1]] & year_word[form_ids[1:]])
    of_date[bounds[1:][counts > 0] - 1] = False                      # a sentence's last token has no next
    after_month = np.zeros(len(form_ids), dtype=bool)
    after_month[1:] = year[form_ids[1:]] & month[form_ids[:-1]]
    after_month[bounds[:-1][counts > 0]] = False                     # a sentence's first token has none before
    token_bits[of_date | after_month] &= np.uint8(~FEATURE_BIT[NUMBER] & 0xFF)
    # «уточнили в МИД РФ»: «в X» right after a verb of saying names who said it, not a place (`feature_tokens`).
    said_in = np.zeros(len(form_ids), dtype=bool)
    said_in[2:] = preposition[form_ids[1:-1]] & saying[form_ids[:-2]]
    said_in &= (np.arange(len(form_ids)) - np.repeat(bounds[:-1], counts)) >= 2      # both within the sentence
    token_bits[said_in] &= np.uint8(~FEATURE_BIT[PLACE] & 0xFF)
    chosen = np.flatnonzero(token_bits)
    token_sentence = np.repeat(np.arange(n, dtype=np.int64), counts)

    # Each sentence's word features, then its phrase features.
    phrase_sentence, phrase_bits = _phrase_features(texts, written, form_ids, bounds)
    feature_sentence = np.concatenate((token_sentence[chosen], phrase_sentence))
    order = np.argsort(feature_sentence, kind="stable")
    feature_bits = np.concatenate((token_bits[chosen], phrase_bits))[order]
    feature_stems = np.concatenate((feature_stem[form_ids[chosen]],
                                    np.full(len(phrase_bits), -1, dtype=np.int32)))[order]
    feature_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(feature_sentence, minlength=n), out=feature_offsets[1:])
    return Part(list(lemma_vocab), lemma_ids, lemma_offsets, list(stem_vocab), form_stem[content_forms],
                stem_offsets, feature_bits, feature_stems, feature_offsets, joining_flags(sentences))


def index_corpus(sentences: Sequence[Sentence], analyzer: Analyzer, processes: int | None = None) -> Part:
    """`index_sentences(sentences)`, on all cores for a large corpus: each process indexes a run of whole
    articles (`joining_flags` looks no further than an article) and the runs are merged."""
    if processes is None:
        processes = cores() if len(sentences) >= PARALLEL_MIN_SENTENCES and can_fork() else 1
    # On two cores: pieces of whole articles, taken by the two processes from either end until they meet.
    meeting = processes == 2
    cuts = article_cuts(sentences, max(2, min(MEETING_PIECES, len(sentences) // MEETING_PIECE_SENTENCES))
                        if meeting else processes)
    if len(cuts) <= 2:
        return index_sentences(sentences, analyzer)
    runs = list(pairwise(cuts))
    work = lambda run: index_sentences(sentences[run[0]:run[1]], analyzer)
    # There the engine's compiled code is loaded (~0.25 s) while the child indexes: the postings are made with it next.
    return merge_parts(map_meeting(work, runs, first=kernels.load) if meeting else map_forked(work, runs))


def article_cuts(sentences: Sequence[Sentence], pieces: int) -> list[int]:
    """Sentence indices 0 = c0 < c1 < … = len(sentences) cutting the corpus into at most `pieces` runs of
    whole articles, of about equal length in characters."""
    n = len(sentences)
    if pieces <= 1 or n == 0:
        return [0, n]
    article = np.fromiter((s.article for s in sentences), dtype=np.int64, count=n)
    starts = np.flatnonzero(article[1:] != article[:-1]) + 1          # where an article begins
    chars = np.cumsum(np.fromiter((len(s.text) for s in sentences), dtype=np.int64, count=n))
    before = chars[starts - 1]                                        # characters before each start
    targets = chars[-1] * np.arange(1, pieces) / pieces
    nearest = np.clip(np.searchsorted(before, targets), 0, len(starts) - 1) if len(starts) else []
    inner = sorted({int(starts[i]) for i in nearest})
    return [0, *inner, n]


def merge_parts(parts: Sequence[Part]) -> Part:
    """The parts of consecutive runs of sentences as one, with the ids a single pass would have given: each
    part's vocabulary is in order of first occurrence, so appending the words the previous parts lack, in
    their order, is the order of first occurrence in the whole."""
    lemma_vocab: dict[str, int] = {}
    stem_vocab: dict[str, int] = {}
    arrays: dict[str, list[np.ndarray]] = {name: [] for name in (
        "lemma_ids", "lemma_offsets", "stem_ids", "stem_offsets", "feature_bits", "feature_stems",
        "feature_offsets", "joins")}
    lemma_total = stem_total = feature_total = 0
    for i, part in enumerate(parts):
        lemma_map = np.fromiter((lemma_vocab.setdefault(w, len(lemma_vocab)) for w in part.lemma_vocab),
                                dtype=np.int32, count=len(part.lemma_vocab))
        stem_map = np.fromiter((stem_vocab.setdefault(w, len(stem_vocab)) for w in part.stem_vocab),
                               dtype=np.int32, count=len(part.stem_vocab))
        arrays["lemma_ids"].append(lemma_map[part.lemma_ids])
        arrays["stem_ids"].append(stem_map[part.stem_ids])
        arrays["feature_stems"].append(np.append(stem_map, np.int32(-1))[part.feature_stems])   # -1 stays -1
        arrays["feature_bits"].append(part.feature_bits)
        arrays["joins"].append(part.joins)
        skip = 0 if i == 0 else 1          # each later part's leading 0 is the previous part's end
        arrays["lemma_offsets"].append(part.lemma_offsets[skip:] + lemma_total)
        arrays["stem_offsets"].append(part.stem_offsets[skip:] + stem_total)
        arrays["feature_offsets"].append(part.feature_offsets[skip:] + feature_total)
        lemma_total += len(part.lemma_ids)
        stem_total += len(part.stem_ids)
        feature_total += len(part.feature_bits)
    joined = {name: np.concatenate(pieces) for name, pieces in arrays.items()}
    return Part(lemma_vocab=list(lemma_vocab), stem_vocab=list(stem_vocab), **joined)
