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
from itertools import chain

import numpy as np

from .features import after_class, joining_flags, phrase_features, word_feature_bits
from .models import Sentence
from .text import TOKEN_RE, Analyzer, fold, tokenize

# Exact prefilters for the phrase regexes of `features`, tested once per distinct form: a sentence none of
# whose tokens passes cannot match. AGE_PHRASE's branches need «возраст»/«исполнил», or a digit together
# with «лет»/«год(а)» after a space, «летн» («15-летний») or «ему/ей/им» before a space; ENUMERATION needs
# three capitals. Every letter and digit of a sentence lies inside one of its tokens.
_AGE_WORD = re.compile(r"возраст|исполнил", re.IGNORECASE)
_AGE_HINT = re.compile(r"^(?:лет|года?)\b|летн|\b(?:ему|ей|им)$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_CAPITAL = re.compile(r"[А-ЯЁA-Z]")
_REASON_TOKENS = frozenset({"из-за", "так", "потому", "связи"})


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


def index_sentences(sentences: Sequence[Sentence], analyzer: Analyzer) -> Part:
    """Lemma, stem and feature ids of `sentences` (in one process; see `parallel` for more)."""
    texts = [s.text for s in sentences]
    n = len(texts)
    per_sentence = [sentence_forms(text) for text in texts] if any("Σ" in t for t in texts) else \
        list(map(TOKEN_RE.findall, texts))
    counts = np.fromiter(map(len, per_sentence), dtype=np.int64, count=n)
    bounds = np.concatenate(([0], np.cumsum(counts)))
    tokens = list(chain.from_iterable(per_sentence))
    del per_sentence
    forms = list(dict.fromkeys(tokens))              # distinct forms in order of first occurrence
    form_index = {form: i for i, form in enumerate(forms)}
    tok_form = np.fromiter(map(form_index.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    del tokens, form_index

    # Once per form. Vocabulary ids are given in order of first occurrence of the forms, which is the order
    # of first occurrence of the words themselves: ids come out as a token-by-token pass would give them.
    lemma_vocab: dict[str, int] = {}
    stem_vocab: dict[str, int] = {}
    n_forms = len(forms)
    stop = np.zeros(n_forms, dtype=bool)
    lemma_count = np.zeros(n_forms, dtype=np.int64)
    form_lemmas: list[int] = []
    form_stem = np.full(n_forms, -1, dtype=np.int32)
    feature_stem = np.full(n_forms, -1, dtype=np.int32)
    bits = np.zeros((n_forms, 4), dtype=np.uint8)
    after = np.zeros(n_forms, dtype=np.int8)
    digit_start = np.zeros(n_forms, dtype=bool)
    reason_word = np.zeros(n_forms, dtype=bool)
    digit = np.zeros(n_forms, dtype=bool)
    age_word = np.zeros(n_forms, dtype=bool)
    age_hint = np.zeros(n_forms, dtype=bool)
    capitals = np.zeros(n_forms, dtype=np.int64)
    info_of = analyzer.info
    for i, form in enumerate(forms):
        text, norm = form if isinstance(form, tuple) else (form, fold(form))
        info = info_of(norm)
        after[i] = after_class(norm)
        if norm[0].isdigit():
            digit_start[i] = True
        elif norm in _REASON_TOKENS or norm.startswith("связа"):
            reason_word[i] = True
        digit[i] = _DIGIT.search(text) is not None
        age_word[i] = _AGE_WORD.search(text) is not None
        age_hint[i] = _AGE_HINT.search(text) is not None
        capitals[i] = len(_CAPITAL.findall(text))
        if info.stop:
            stop[i] = True
            continue
        lemma_count[i] = len(info.lemmas)
        form_lemmas.extend(lemma_vocab.setdefault(lemma, len(lemma_vocab)) for lemma in info.lemmas)
        form_stem[i] = stem_vocab.setdefault(info.stem, len(stem_vocab))
        if info.stem:
            feature_stem[i] = form_stem[i]
        bits[i] = word_feature_bits(text, norm, info)
    del forms

    # Lemmas and stems of the content tokens, sentences back to back.
    content = ~stop[tok_form]
    content_forms = tok_form[content]
    per_token = lemma_count[content_forms]
    lemma_starts = np.concatenate(([0], np.cumsum(lemma_count)))[:-1]
    before = np.cumsum(per_token) - per_token
    flat = np.asarray(form_lemmas, dtype=np.int32)
    lemma_ids = flat[np.repeat(lemma_starts[content_forms] - before, per_token)
                     + np.arange(int(per_token.sum()), dtype=np.int64)]
    stem_offsets = np.concatenate(([0], np.cumsum(content, dtype=np.int64)))[bounds]
    lemma_offsets = np.concatenate(([0], np.cumsum(per_token, dtype=np.int64)))[stem_offsets]
    stem_ids = form_stem[content_forms]

    # Word features: the column is the token's context (first in its sentence, else the word before it).
    context = np.empty(len(tok_form), dtype=np.int64)
    context[1:] = 1 + after[tok_form[:-1]]
    context[bounds[:-1][counts > 0]] = 0
    token_bits = bits[tok_form, context]
    chosen = np.flatnonzero(token_bits)
    token_sentence = np.repeat(np.arange(n, dtype=np.int64), counts)

    # Phrase features: regexes only where the prefilters let them match.
    reason_any = _segment_any(reason_word[tok_form], bounds)
    has_digit = _segment_any(digit_start[tok_form], bounds)
    age_any = _segment_any(age_word[tok_form], bounds) | (
        _segment_any(digit[tok_form], bounds) & _segment_any(age_hint[tok_form], bounds))
    enumeration_any = _segment_sum(capitals[tok_form], bounds) >= 3
    quoted = np.fromiter(("«" in text or '"' in text for text in texts), dtype=bool, count=n)
    phrase_sentence: list[int] = []
    phrase_bits: list[int] = []
    for i in np.flatnonzero(reason_any | age_any | enumeration_any | quoted).tolist():
        text = texts[i]
        age_possible = bool(age_any[i]) and (bool(has_digit[i]) or "возраст" in text or "исполнил" in text)
        for b in phrase_features(text, bool(reason_any[i]), age_possible, bool(enumeration_any[i])):
            phrase_sentence.append(i)
            phrase_bits.append(b)

    # Each sentence's word features, then its phrase features.
    feature_sentence = np.concatenate((token_sentence[chosen], np.asarray(phrase_sentence, dtype=np.int64)))
    order = np.argsort(feature_sentence, kind="stable")
    feature_bits = np.concatenate((token_bits[chosen], np.asarray(phrase_bits, dtype=np.uint8)))[order]
    feature_stems = np.concatenate((feature_stem[tok_form[chosen]],
                                    np.full(len(phrase_bits), -1, dtype=np.int32)))[order]
    feature_offsets = np.concatenate(([0], np.cumsum(np.bincount(feature_sentence, minlength=n), dtype=np.int64)))
    return Part(list(lemma_vocab), lemma_ids, lemma_offsets, list(stem_vocab), stem_ids.astype(np.int32),
                stem_offsets, feature_bits.astype(np.uint8), feature_stems.astype(np.int32), feature_offsets,
                joining_flags(sentences))
