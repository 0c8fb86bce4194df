"""The answer engine: a question in, the best quoted passage (or an honest «no answer») out.

How a question is read (its type, its words and their alternatives) is index/reading.py; the loops over
the postings are compiled, in index/kernels.py; this module ranks, builds passages and abstains.

Ranking, in order of what it weighs:
1. Lexical: rank-bm25's BM25Okapi over lemma lists (exact scores from compact postings, see bm25.py),
   each question word counted once however many of its readings or synonyms a sentence holds.
2. Expansion: synonyms from the news thesaurus, derivational relatives and name forms by shared
   beginning (задержать/задержание, Шарифов/Шарифовым), typo corrections against the corpus vocabulary,
   at a discount. (A Snowball stem field beside the lemmas was measured on every question set and
   changed no answer once these were in: it was dropped, halving the index.)
3. Context: how much of the question the sentence's whole article covers (which story it is about), and
   whether the sentence holds what the question asks for (a date for «когда», a number for «сколько», …).
4. Abstention: the best passage must cover enough of the question's idf mass, and enough of its
   non-name words: sharing a name or a place with the coverage is not an answer.
"""

from __future__ import annotations

import hashlib
import logging
import re
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import cache as cache_mod
from . import kernels, rerank
from .bm25 import BM25Index
from .corpus import UNKNOWN_SOURCE, corpus_files, load_corpus
from .features import (
    DURATION_TEXT,
    FEATURE_BIT,
    LEANING_START,
    LEANS_BACK,
    NUMBER_WORDS,
    SCORE_TEXT,
    SPAN_TEXT,
    feature_tokens,
    joining_flags,
)
from .models import Answer, Article, Corpus, CorpusWarning, Passage, Sentence
from .parallel import cores
from .questions import (
    AGE,
    DATE,
    FUTURE_TEXT,
    FUTURE_TYPES,
    IRREALIS,
    IRREALIS_TEXT,
    LIGHT_NOUNS,
    NAME_ASKED,
    NAMED,
    NEWS_ONLY,
    NUMBER,
    PERSON,
    PLACE,
    QTYPE_PATTERNS,
    STEM_MARK,
    UNIT_TEXT,
    VENUE_TEXT,
    WHICH,
    WITH_WHOM_ASKED,
    Group,
    Query,
)
from .reading import QuestionReader, form_table
from .text import (
    TOKEN_RE,
    Analyzer,
    default_analyzer,
    fold,
    folded_words,
    tokenize,
)

log = logging.getLogger(__name__)

CANDIDATES = 60               # sentences re-ranked in detail
# A question with this many postings has its shortlist split over two cores (on a large corpus, when the
# second core's thread is free). At 10^6 sentences (median question 81k postings) it took answer() p99
# from 4.4 to 2.9 ms; below ~50k postings (every question at 10^5) the hand-over costs what it saves.
PARALLEL_POSTINGS = 60_000

# Weights of evidence that is not the question's own word. Those the compiled re-ranking applies
# (LEXICAL_SHARE, MISSING_TYPE_FACTOR, …) are in index/rerank.py: numba's disk cache only notices a
# change to the file that holds the kernel.
NAME_CONTEXT = 0.9            # a name the sentence lacks but its article has counts this much
TOPIC_CONTEXT = 0.3           # the same for any other word
MORE_COVERAGE = 0.8           # «Ещё» passages need 80 % of the coverage asked of the answer
BODY_OVER_TITLE = 0.65        # the body's passage answers a typed question down to 0.65 of its title's score
GRAIN_SCORE = 0.6             # a date of the grain asked («в каком году», «во сколько») answers down to 0.6 of the best
GRAIN_TRIES = 2               # … among the next two that pass
FOCUS_SCORE = 0.8             # a passage with the words the lead lacks answers down to 0.8 of the lead's score
FOCUS_TRIES = 3               # … among the next three that pass
CAPITALISED_SHARE = 0.8       # a word the corpus writes capitalised inside sentences this often is a name
RECAP = re.compile(r"\W*(?:напомним|напомню|напоминаем|ранее|как (?:ранее |уже )?сообщал)", re.IGNORECASE)
REPORTED_TRIES = 3            # `_reported` sets aside at most 3 passages; then the question is declined
NAME_ROLE_WORDS = 8           # «как зовут водителя»: the name within 8 words of «водитель», no verb between …
# … but one of these, which join the two: «водителем оказался Иван Петров», «водителя зовут Иван», «зачинщиком
# следствие назвало Ивана Петрова», «главой района назначен Иван Петров»
LINKING_VERBS = frozenset({"быть", "являться", "оказаться", "оказываться", "стать", "становиться", "звать", "зваться",
                           "считаться", "значиться", "назвать", "называть", "именовать", "назначить", "назначать",
                           "избрать", "избирать", "выбрать", "признать", "признавать", "объявить", "объявлять"})
YEAR_IN_TEXT = re.compile(r"\b(?:1[89]|20)\d\d\b")     # a year written in a passage
RELATIVE_YEAR = re.compile(r"\b(?:в|с|до|к)\s+(?:этом|прошлом|позапрошлом|текущем|нынешнем|минувшем|следующем|будущем"
                           r"|прошлого|этого|текущего|следующего|будущему|следующему)\s+год\w*", re.IGNORECASE)
# A month's name as a passage writes it («3 ноября», «1 мая», «в октябре»): `_days_named`, DATE_GRAINS.
MONTH_STEMS = ("январ", "феврал", "март", "апрел", r"ма[йяе]\b", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
               "декабр")
EVENT_DATE_SCORE = 0.6        # an event's date answers «когда …» over the report's down to 0.6 of its score
QUOTE_CHARS = 500             # an answer inside a quotation grows to the whole quotation up to this length
QUOTE_SENTENCES = 8           # … and this many sentences
QUOTE_OPENINGS = ("«", '"', "„", "“")
VENUE_SCORE = 0.6             # a passage that says where words were said answers «где … заявил» down to 0.6 of the best
VENUE_TRIES = 3               # … among the next three that pass
VERBATIM_TRIES = 5            # «дословно»: a quotation answers down to VENUE_SCORE of the best, among the next five
EVENT_PRESENT = 0.5           # a passage's credit for an event asked about when it names it (not its article)
RUNNER_UP_SCORE = 0.8         # a passage that passes answers when the better ones that fail score < 1/0.8 of it
OWN_CREDIT = 0.5              # a word's credit when the passage holds it (or a synonym), not only its article (0.3)
HEAD_WEIGHT = 2.0             # the noun a «сколько/какой» question asks about weighs double for abstention
# Nothing else answers «сколько», «почём», «когда»; nor «как называется супермаркет» a passage that names nothing
# (named: +1 over 59 sets, 0 lost; which: −45, place: −2, person: −6).
STRICT_TYPES = frozenset({"age", "money", "date", "number", "named"})

# Abstention (see README «When the bot says it has no answer» for how these were set).
MIN_COVERAGE = 0.45           # share of the question's idf mass the passage must hold
# A long question («Что глава государства велел полиции делать в затопленных районах?») has more words an answer
# need not repeat: past LONG_QUESTION groups the share asked falls by LONG_STEP a group, to LEAST_COVERAGE (README).
LONG_QUESTION, LONG_STEP, LEAST_COVERAGE = 5, 0.05, 0.3
MIN_TOPIC_COVERAGE = 0.3     # share of its non-name words' idf mass

class AnswerEngine:
    """Built once from a corpus folder; `answer()` is pure CPU work and safe to call from threads."""

    def __init__(self, corpus: Corpus, analyzer: Analyzer | None = None,
                 cached: cache_mod.IndexData | None = None) -> None:
        self.corpus = corpus
        self.analyzer = analyzer or default_analyzer()
        data = cached or cache_mod.IndexData.build(corpus, self.analyzer)
        self.data = data
        self.lemmas = self._bm25(data, "lemma", data.lemma_vocab, data.lemma_ids, data.lemma_offsets)
        self.stem_ids = {stem: i for i, stem in enumerate(data.stem_vocab)}
        self.reader = QuestionReader(self.analyzer, self.lemmas, self.stem_ids)
        self.reader.outlets = outlet_words(corpus.articles)
        self.reader.capitalised = self._capitalised
        self._capitalised_stems: np.ndarray | None = None
        self.joins = data.joins
        self.sent_article = np.fromiter((s.article for s in corpus.sentences), dtype=np.int32,
                                        count=len(corpus.sentences))
        # Where each article's sentences end (they are consecutive, articles in order).
        if len(self.sent_article) and (np.diff(self.sent_article) < 0).any():
            raise ValueError("a corpus's sentences must come article by article")
        self.art_end = np.searchsorted(self.sent_article, np.arange(len(corpus.articles)), side="right")
        # The articles that hold each frequent lemma (kernels.article_bitmaps): made at start-up, ~40 ms at
        # 10^6 sentences, so the cache keeps the postings alone.
        self.art_bits, self.bit_row = kernels.article_bitmaps(
            self.lemmas.docs, self.lemmas.offsets, self.sent_article, len(corpus.articles),
            kernels.bitmap_min_postings(len(corpus.articles)))
        # Where a heavy question's shortlist is cut in two (`_shortlist`): the start of the article
        # nearest the middle of the sentences; 0 (never cut) for a corpus of fewer than two blocks.
        n = len(self.sent_article)
        ends = self.art_end[(self.art_end > 0) & (self.art_end < n)]
        self._middle = int(ends[np.argmin(np.abs(ends - n // 2))]) if len(ends) and n >= 2 * kernels.BLOCK else 0
        self.quotable = np.fromiter((s.quotable for s in corpus.sentences), dtype=bool,
                                    count=len(corpus.sentences))
        self.article_year = np.array([a.date.year if a.date else 0 for a in corpus.articles], dtype=np.int64)
        # Day and month also from a dateline without a year («29 окт – РАПСИ»).
        day_month = [(a.date.day, a.date.month) if a.date else a.day_month or (0, 0) for a in corpus.articles]
        self.article_day = np.array([d for d, _ in day_month], dtype=np.int64)
        self.article_month = np.array([m for _, m in day_month], dtype=np.int64)
        self.headline = np.fromiter((s.paragraph == -1 for s in corpus.sentences), dtype=bool,
                                    count=len(corpus.sentences))
        self.paragraph = np.fromiter((s.paragraph for s in corpus.sentences), dtype=np.int32,
                                     count=len(corpus.sentences))
        self.sent_bits = _or_per_sentence(data.feature_bits, data.feature_offsets)
        self.feature_stem = np.zeros(len(data.stem_vocab) + 1, dtype=bool)    # stem ids that hold a feature
        self.feature_stem[data.feature_stems[data.feature_stems >= 0]] = True
        self._local = threading.local()
        # The second core's thread for heavy questions (no thread starts before the first one), and
        # whether it is busy: a question never waits for another's half, it goes on alone.
        self._second = ThreadPoolExecutor(1, thread_name_prefix="shortlist") if cores() > 1 else None
        self._second_busy = threading.Lock()
        self._charged: np.ndarray | None = None     # which sentences tell a charge (`_charge_told`), made on first use
        self._genitive = lru_cache(maxsize=10_000)(self._is_genitive)     # `_counted_forms`: one parse a word
        self._animate = lru_cache(maxsize=10_000)(self._is_animate)
        self._leads: list[int] | None = None        # each article's lead sentence (`_lead_of`)
        self._pieces: dict[str, frozenset[str] | tuple[tuple[frozenset[str], int, int], ...]] = {}   # `_piece`
        self._by_position: dict[tuple[int, int], int] | None = None     # made on the first `passage(ref)`
        self._article_keys = [hashlib.blake2s(a.id.encode(), digest_size=3).hexdigest() for a in corpus.articles]
        self._article_by_key = {k: i for i, k in enumerate(self._article_keys)}
        order = sorted(range(len(corpus.articles)), key=lambda i: (
            corpus.articles[i].date is None, corpus.articles[i].date or 0, corpus.articles[i].id))
        self.articles: list[Article] = [corpus.articles[i] for i in order]
        # Newest first, undated last: what «Что нового?» is answered with (`_latest`).
        self._newest = [i for i in reversed(order) if corpus.articles[i].date is not None] + \
            [i for i in order if corpus.articles[i].date is None]
        self.fingerprint = data.fingerprint

    # ---- construction -------------------------------------------------------------------------------
    @staticmethod
    def _bm25(data: cache_mod.IndexData, field_name: str, vocab, ids, offsets) -> BM25Index:
        """The field's postings: from the cache when it holds them, else computed (and kept for saving)."""
        prefix = field_name + "."
        stored = {k[len(prefix):]: v for k, v in data.postings.items() if k.startswith(prefix)}
        if stored:
            try:
                return BM25Index.from_arrays(vocab, stored)
            except (KeyError, ValueError) as exc:
                log.warning("cached %s postings unusable (%s): recomputing", field_name, exc)
        index = BM25Index.from_flat(vocab, ids, offsets)
        data.postings.update({prefix + k: v for k, v in index.arrays().items()})
        return index

    @classmethod
    def load(cls, corpus_dir: Path | str, cache_dir: Path | str | None = None, rebuild: bool = False,
             build_apart: bool = False, warm_up: bool = True) -> AnswerEngine:
        """Load the corpus, reusing the persisted index when the corpus has not changed.

        build_apart: a corpus big enough to take seconds is indexed by a child process, which writes the
        cache this one then reads. The bot starts this way: its own process has threads by then, so it
        could not fork onto the other cores, and indexing in it holds the GIL in long C loops.
        """
        corpus_dir = Path(corpus_dir)
        analyzer = default_analyzer()
        cache_dir = Path(cache_dir) if cache_dir is not None else cache_mod.default_cache_dir(corpus_dir)
        wait_for_saves(cache_dir)        # a cache this process is still writing is read once written
        fingerprint = cache_mod.corpus_fingerprint(corpus_dir)
        if not rebuild:
            loaded = cache_mod.load(cache_dir, fingerprint)
            if loaded is None and build_apart and _corpus_bytes(corpus_dir) >= BUILD_APART_BYTES \
                    and _build_in_child(corpus_dir, cache_dir):
                loaded = cache_mod.load(cache_dir, fingerprint)
            if loaded is not None:
                corpus, data = loaded
                if warm_up:
                    warm_up_kernels(background=True)
                return cls(corpus, analyzer, data)
        corpus = load_corpus(corpus_dir)
        data = cache_mod.IndexData.build(corpus, analyzer, fingerprint)
        engine = cls(corpus, analyzer, data)
        _save_in_background(cache_dir, corpus, data)   # after the engine made its postings: they are kept too
        if warm_up:
            warm_up_kernels(background=True)
        return engine

    @property
    def warnings(self) -> list[CorpusWarning]:
        return self.corpus.warnings

    def stats(self) -> dict:
        return {
            "articles": len(self.corpus.articles),
            "sentences": len(self.corpus.sentences),
            "tokens": len(self.data.lemma_ids),
            "index_bytes": self.lemmas.nbytes() + self.art_bits.nbytes + self.bit_row.nbytes,
            # What else is kept per sentence and per token: lemma ids (to tell repeated facts apart),
            # answer features, joining flags and the arrays made from them at start-up.
            "sentence_data_bytes": sum(int(a.nbytes) for a in (
                self.data.lemma_ids, self.data.lemma_offsets, self.data.feature_bits, self.data.feature_stems,
                self.data.feature_offsets, self.joins, self.sent_article, self.quotable, self.headline,
                self.paragraph, self.sent_bits, self.feature_stem)),
        }

    def _capitalised(self, stem: str) -> bool:
        """Whether the corpus writes a word (by its stem) capitalised inside a sentence, as names are, at least
        CAPITALISED_SHARE of the times it has it. Counted for every stem on first use."""
        if self._capitalised_stems is None:
            d = self.data
            n = len(d.stem_vocab)
            total = np.bincount(d.stem_ids, minlength=n)
            inside = d.feature_stems[((d.feature_bits & FEATURE_BIT[NAMED]) != 0) & (d.feature_stems >= 0)]
            named = np.bincount(inside, minlength=n)
            self._capitalised_stems = (named > 0) & (named >= CAPITALISED_SHARE * total)
        i = self.stem_ids.get(stem)
        return i is not None and bool(self._capitalised_stems[i])

    def parse_question(self, text: str) -> Query:
        """What the question asks (see index/reading.py)."""
        return self.reader.parse(text)

    def _form_arrays(self, groups: list[Group]) -> dict[str, np.ndarray]:
        """The question's forms as the arrays index/kernels.py takes, stacked from each group's table
        (index/reading.py's form_table, made once per word) in one compiled call (`kernels.stack_forms`:
        ~15 NumPy calls cost ~15 µs)."""
        tables = [g.table if g.table is not None else form_table(g.forms) for g in groups]
        if not tables:
            return {"extra_docs": _NO_DOCS, "extra_weight": _NO_WEIGHTS, "form_group": _NO_FORMS[0],
                    "form_credit": _NO_WEIGHTS, "form_term": _NO_FORMS[0], "form_lo": _NO_FORMS[0],
                    "form_hi": _NO_FORMS[0], "form_idf": _NO_WEIGHTS, "form_extra": _NO_FORMS[0] < 0}
        ints = np.concatenate([t[0] for t in tables], axis=1)
        phrases = [t for t in tables if len(t[1])]
        if phrases:
            extra_docs = np.concatenate([t[1] for t in phrases])      # writable, as the kernels are compiled for
            extra_weight = np.concatenate([t[2] for t in phrases])
        else:
            extra_docs, extra_weight = _NO_DOCS, _NO_WEIGHTS
        form_group, lo, hi, is_extra = kernels.stack_forms(
            ints, np.array([(t[0].shape[1], len(t[1])) for t in tables], dtype=np.int64))
        floats = ints[3:].view(np.float64)
        return {
            "extra_docs": extra_docs, "extra_weight": extra_weight, "form_group": form_group,
            "form_credit": floats[0], "form_term": ints[0], "form_lo": lo, "form_hi": hi, "form_idf": floats[1],
            "form_extra": is_extra,
        }

    def _scratch(self) -> tuple[np.ndarray, np.ndarray]:
        """This thread's scratch arrays for kernels.shortlist (answer() runs in worker threads)."""
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = kernels.new_scratch()
        return scratch

    def ranked(self, question: str, limit: int = 5) -> tuple[Query, list[tuple]]:
        """Best passages as (score, coverage, sentence ids, group credits, answerability, typed), best
        first, before deduplication."""
        query = self._rank(question, limit)
        if query.ranked is None:
            return query, []
        scores, coverage, start, end, fits, typed, credits = query.ranked
        return query, list(zip(scores.tolist(), coverage.tolist(),
                               [list(range(a, b + 1)) for a, b in zip(start.tolist(), end.tolist())],
                               credits.T, fits.tolist(), typed.tolist()))

    def _rank(self, question: str, limit: int) -> Query:
        """The question read, with `query.ranked` set to the arrays behind `ranked()`'s rows (scores,
        coverage, start, end, answerability, typed, credits: groups × passages), or left None."""
        query = self.parse_question(question)
        groups = query.groups
        n = len(self.corpus.sentences)
        if not groups or not n:
            return query
        forms = self._form_arrays(groups)
        if not len(forms["form_group"]):
            return query
        idf = np.array([g.idf for g in groups])
        query.found = np.bincount(forms["form_group"], weights=forms["form_hi"] - forms["form_lo"], minlength=len(groups))
        total_idf = idf.sum()
        weight = _abstention_weights(groups)
        top_sids, top_lexical, art_credit, first_name = self._shortlist(groups, forms, idf, float(total_idf))
        if not len(top_sids):
            return query
        # «Кто такой Галузин?», «Кем работает Песков?» ask who the named person is, not for another one;
        # «Кто партнёры Кудрявцева?» does. «Кто такой Минору Кихара?» asks who, though pymorphy3 does not
        # know these names as a person's.
        all_names = all(g.is_name for g in groups)
        person_named = any(g.is_person for g in groups)
        asks_about_named = (person_named and (query.identity or all_names)) or (query.identity and all_names)
        type_applies = query.qtype is not None and not (query.qtype == PERSON and asks_about_named)
        bit = FEATURE_BIT[query.qtype] if type_applies else 0
        context = self._context(groups, art_credit, top_sids)
        if query.about and not query.said:
            context = np.where([g.is_name and not g.is_person and g.surface in query.about for g in groups], TOPIC_CONTEXT,
                               context)
        if query.said:
            # «Что Песков сказал про встречу?»: the passage must be his words, not the meeting as told by others.
            said = [g.is_name and g.surface in query.said for g in groups]
            context = np.where(said, TOPIC_CONTEXT, context)
            self._quoted_by(groups, np.flatnonzero(said), top_sids, art_credit, context)
        d = self.data
        query.ranked = rerank.rank(
            top_sids, top_lexical, self.joins, self.sent_article, self.paragraph, self.quotable, bit,
            self._asked_stems(query) if bit else _NO_STEMS, d.feature_offsets, d.feature_bits, d.feature_stems,
            d.lemma_ids, d.lemma_offsets, forms["form_group"], forms["form_credit"], forms["form_term"],
            forms["form_extra"], forms["form_lo"], forms["form_hi"], forms["extra_docs"],
            context, art_credit, idf, float(total_idf), weight, float(weight.sum()), np.array([g.number for g in groups]),
            rerank.WHICH_MISSING_FACTOR if query.qtype == WHICH else rerank.MISSING_TYPE_FACTOR,
            1.0 if query.qtype == WHICH else rerank.UNTYPED_ANSWERABLE, query.qtype == PERSON, first_name,
            self.headline, max(limit * 4, 12))
        return query

    def _quoted_by(self, groups: list[Group], rows: np.ndarray, sids: np.ndarray, art_credit: np.ndarray,
                   context: np.ndarray) -> None:
        """«Что Карин говорит про двоевластие?» — «Тема двоевластия — это искусственная тема. На самом деле …», —
        подчеркнул Ерлан Карин: a sentence of a paragraph that is one quotation (`_whole_quote`) is the words of whom
        its last sentence names. For the speakers' rows (`rows`) such candidates get their full credit from the
        article (art_credit 1 with context 1; the others keep context · art_credit)."""
        if not len(rows) or not len(sids):
            return
        paragraph, article = self.paragraph, self.sent_article
        nxt = np.minimum(sids + 1, len(paragraph) - 1)
        # Only a candidate whose paragraph goes on after it can be followed by who said it.
        going_on = np.flatnonzero((paragraph[sids] >= 0) & (nxt > sids) & (paragraph[nxt] == paragraph[sids])
                                  & (article[nxt] == article[sids]))
        quoted = []
        for r in going_on.tolist():
            s = int(sids[r])
            last = self._whole_quote(s, s)[1]
            if last > s:
                quoted.append((r, last))
        if not quoted:
            return
        for g in rows.tolist():
            art_credit[g] *= context[g]
            context[g] = 1.0
        for r, last in quoted:
            ids = self._ids_of(last, last)
            for g in rows.tolist():
                if any(all(w in ids for w in phrase) for phrase in self._phrase_ids(groups[g])):
                    art_credit[g, r] = 1.0

    def _context(self, groups: list[Group], art_credit: np.ndarray, sids: np.ndarray) -> np.ndarray:
        """What a group found elsewhere in a passage's article counts for (names and dates more than other
        words: they tell which story), with art_credit (groups × the sentences sids, their articles'
        credits) raised where an article's date has the year, or the day and month, the groups name:
        «… в 2025 году», «… 29 октября» are about an article of that date, whether or not its text says so."""
        if not any(g.year or g.day or g.month for g in groups):        # most questions name no date
            return np.array([NAME_CONTEXT if g.is_name else TOPIC_CONTEXT for g in groups])
        articles = self.sent_article[sids]
        months = [g.month for g in groups if g.month]
        dated = np.zeros(len(groups), dtype=bool)
        for i, g in enumerate(groups):
            if g.year:
                art_credit[i, self.article_year[articles] == g.year] = 1.0
                dated[i] = True
            day = g.day or (int(g.surface) if months and g.number and g.surface.isdigit() and 1 <= int(g.surface) <= 31
                            else 0)
            if day:
                # «29 октября», «29.10.2025»: an article of that day has it (a month alone, «в июне», is as
                # often the month the facts are about as the month of the report: no such credit).
                month = g.month or months[0]
                of_day = (self.article_day[articles] == day) & (self.article_month[articles] == month)
                art_credit[i, of_day] = 1.0
                dated[i] = True
                for j, h in enumerate(groups):
                    if h.month == month and not h.number:
                        art_credit[j, of_day] = 1.0
                        dated[j] = True
        return np.array([NAME_CONTEXT if g.is_name or dated[i] else TOPIC_CONTEXT for i, g in enumerate(groups)])

    def _shortlist(self, groups: list[Group], forms: dict[str, np.ndarray], idf: np.ndarray, total_idf: float
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """kernels.shortlist: the CANDIDATES best sentences (ids, their BM25) and, for each (a column), the
        best credit of each group in its article and each name group's first sentence there.
        A heavy question on a large corpus is split over two cores, by halves of the corpus."""
        bm25 = self.lemmas
        f = forms
        args = (bm25.docs, bm25.tf, *bm25.length_terms(), bm25.k1, bm25.weight_max(), f["extra_docs"],
                f["extra_weight"], f["form_group"], f["form_credit"], f["form_term"], f["form_lo"], f["form_hi"],
                f["form_idf"], f["form_extra"], idf, total_idf, np.array([g.is_name for g in groups]),
                self.sent_article, self.art_end, self.quotable, self.headline, self.bit_row, self.art_bits, CANDIDATES)
        middle = self._middle
        if (middle and self._second is not None and int((f["form_hi"] - f["form_lo"]).sum()) >= PARALLEL_POSTINGS
                and self._second_busy.acquire(blocking=False)):
            try:
                later = self._second.submit(lambda: kernels.part(middle, len(self.sent_article), *args,
                                                                 *self._scratch()))
                sids, scores, lexical, art_credit, first_name = kernels.part(0, middle, *args, *self._scratch())
                other = later.result()
            finally:
                self._second_busy.release()
            top_sids, _, top_lexical, art_credit, first_name = kernels.best(
                np.concatenate([sids, other[0]]), np.concatenate([scores, other[1]]),
                np.concatenate([lexical, other[2]]), np.concatenate([art_credit, other[3]], axis=1),
                np.concatenate([first_name, other[4]], axis=1), CANDIDATES)
            return top_sids, top_lexical, art_credit, first_name
        top_sids, _, top_lexical, art_credit, first_name = kernels.shortlist(*args, *self._scratch())
        return top_sids, top_lexical, art_credit, first_name

    def _asked_stems(self, query: Query) -> np.ndarray:
        """Stem ids of the question's own words: what a passage repeats is not new information."""
        if query.asked is None:
            ids = set().union(*[g.stem_ids if g.stem_ids is not None else
                                [self.stem_ids[s] for s in g.stems if s in self.stem_ids] for g in query.groups])
            query.asked = np.fromiter(ids, dtype=np.int32, count=len(ids))
        return query.asked

    def _topic(self, query: Query) -> tuple[np.ndarray, np.ndarray, float]:
        """The rows of the question's groups that are its topic, their weights and the weights' sum (made
        once per question). A year says when, as a name says who: neither is what the question is about
        («Кто выиграл Лигу чемпионов в 2024 году?» is not answered by whatever happened in 2024). Nor is the kind of
        thing asked for: «Из какой страны шли наркотики?» is answered by «из Ирана», without «страна»."""
        if query.topic is None:
            topic = [i for i, g in enumerate(query.groups) if not (g.is_name or g.year or g.kind)]
            w = np.array([query.groups[i].weight for i in topic])
            query.topic = (np.array(topic, dtype=np.int64), w, float(w.sum()))
        return query.topic

    def _strict(self, query: Query) -> bool:
        """Whether only a passage with what the question asks for (a date, a number, …) answers it; so does
        one about names alone («Сколько лет Алиеву?»: the name is there, the age is not)."""
        return not len(self._topic(query)[0]) or query.qtype in STRICT_TYPES or query.name_asked

    @staticmethod
    def _least(query: Query) -> float:
        """The share of the question's weight a passage must cover (MIN_COVERAGE, less for a long question)."""
        return max(MIN_COVERAGE - LONG_STEP * max(0, len(query.groups) - LONG_QUESTION), LEAST_COVERAGE)

    def _answerable_many(self, query: Query, fits: np.ndarray, credits: np.ndarray, typed: np.ndarray
                         ) -> tuple[np.ndarray, np.ndarray]:
        """Whether each passage answers the question (credits: groups × passages), and whether it may be
        offered among «Ещё»: other answers, not whatever shares a word (MORE_COVERAGE of what the answer
        needs). `rerank.choose` makes the same test inside `answer`."""
        topic, w, w_sum = self._topic(query)
        return rerank.answering(fits, typed, rerank.weighted_rows(np.asarray(credits, dtype=np.float64), topic, w),
                                w_sum, self._strict(query), self._least(query), MIN_TOPIC_COVERAGE, MORE_COVERAGE)

    def answerable(self, query: Query, coverage: float, credits: np.ndarray, typed: bool = True) -> bool:
        return bool(self._answerable_many(query, np.array([coverage]), np.asarray(credits)[:, None],
                                          np.array([typed]))[0][0])

    def answer(self, question: str, more: int = 4) -> Answer:
        if not isinstance(question, str) or not question.strip():
            return Answer(question=question if isinstance(question, str) else "", best=None, reason="empty")
        if NEWS_ONLY.match(question):
            return self._latest(question, more)
        query = self._rank(question, limit=more + 1)
        if query.ranked is None or not len(query.ranked[0]):
            return Answer(question=question, best=None, reason="no-match")
        if query.qtype == WHICH and self._unseen_kind(query, question):
            return Answer(question=question, best=None, reason="low-coverage")
        scores, _, start, end, fits, typed, credits = query.ranked
        # «Сколько длился разговор?»: a passage with a date or a count but no span of time does not answer;
        # «С каким счётом …?» one without a score. Nor does it tell that the coverage is about something else
        # when it outscores the passages that do (`rerank.choose`'s runner-up test): it is left out.
        penalty, imposed = penalty_question(question)
        needed = ((DURATION_TEXT if penalty or TERM_ASKED.search(question) else SPAN_TEXT) if query.duration
                  else SCORE_TEXT if query.score else UNIT_TEXT.get(query.unit))
        if penalty:
            # «К чему приговорили …?», «Какой срок получил …?»: a passage with no penalty in it does not answer; a
            # span of time is not one («20 минут», «шестилетнего мальчика»), nor a word of one alone («возбудили дело
            # по статье»)
            needed = PENALTY_TERM_TEXT
        # «Как зовут водителя автобуса …?»: a passage answers only if it names someone beside the driver (a word of
        # the «водитель» group), not the official it quotes nor the people the question names itself.
        role = self._name_role(query, question) if query.name_asked else None
        keep = None
        # «За что задержали журналистов …?», «В чём обвиняют …?»: a passage that tells of the arrest but not what it was
        # for («Ранее в Баку были задержаны двое журналистов») does not answer (`_charge_told`).
        charge = needed is None and charge_question(question)
        if needed is not None or role is not None or charge:
            texts = self.corpus.sentences
            spans = list(zip(start.tolist(), end.tolist()))
        if needed is not None:
            keep = np.array([any(needed.search(texts[i].text) for i in range(a, b + 1)) for a, b in spans], dtype=bool)
        if charge:
            # … and «за что задержали журналистов», «в чём обвиняют журналистов» the charge of the ones asked about: the
            # sentence with it names them itself, not only its article (the charge of the eight others detained is not
            # the journalists'). Not so «по какой статье завели дело о гибели …», «какое обвинение предъявили …»,
            # answered by «Всем им предъявлено …».
            accused = self._accused(query, question) if ACCUSED_ASKED.search(question) else []
            keep = np.array([any(self._charge_told(i, accused) for i in range(a, b + 1)) for a, b in spans], dtype=bool)
        if role is not None:
            asked = frozenset().union(*[phrase for g in query.groups if g.is_name for phrase, _ in g.lemmas])
            beside = np.array([self._named_beside(" ".join([texts[i].text for i in range(a, b + 1)]), role, asked)
                               for a, b in spans], dtype=bool)
            keep = beside if keep is None else keep & beside
        if keep is not None:
            if not keep.any():
                return Answer(question=question, best=None, reason="low-coverage")
            scores, start, end, fits, typed, credits = (scores[keep], start[keep], end[keep], fits[keep], typed[keep],
                                                        credits[:, keep])
        if needed is not None or charge:
            # «Сколько дали старшине Винелю?» — «Иван Винель - 5 лет 9 месяцев»: the span, score or penalty the passage
            # must hold is what the question's verb asks for; the passage need not repeat «дали».
            verbs = [i for i, g in enumerate(query.groups) if g.finite and not g.is_name]
            if charge:
                # «Какие обвинения выдвигает Баку против задержанных россиян?»: a charge told of them, in whatever words
                # («… россиян, которые … связаны с транзитом наркотических средств»), is what «обвинения» asks for. Not
                # one told of others («какие обвинения предъявили журналистам»), nor «по каким статьям» (the article).
                told = [i for i, g in enumerate(query.groups) if g.lemmas[0][0][0] in ACCUSING_LEMMAS]
                if told:
                    named = self._accused(query, question, told)
                    of_them = np.array([any(self._charge_told(i, named) for i in range(a, b + 1))
                                       for a, b in zip(start.tolist(), end.tolist())])
                    weight = _abstention_weights(query.groups)
                    credits = credits.copy()
                    fits = np.where(of_them, fits + weight[told] @ (1.0 - credits[told]) / weight.sum(), fits)
                    credits[told] = np.where(of_them, 1.0, credits[told])
            if verbs:
                credits = credits.copy()
                credits[verbs] = 1.0
        # «Кто адвокат у Зинченко?»: a passage whose article never names a person the question names (and the
        # coverage names elsewhere: not a typo's) is about someone else, however well it covers the rest. So is
        # one whose article never names the place the question says it happened in: «Сколько зерна собрали в
        # Брянской области?» (not any place named: «Как Москва оценивает …» is answered by «Российская Федерация …»),
        # or the thing it names: «Какой размер у Аррокота?» is not answered by «Размер компенсации …».
        named = [i for i, g in enumerate(query.groups) if (g.is_person or (g.is_name and not g.number and (
            named_as_where(question, g.surface) or not self.analyzer.info(fold(g.surface.split()[0])).place)))
                 and query.found[i] > 0]
        if named:
            fits = np.where((credits[named] > 0).all(axis=0), fits, 0.0)
        # «Что Песков сказал о задержанных журналистах?»: his words about them, which a passage of his words whose article
        # tells of the journalists elsewhere are not: the first noun of what they were about is in the passage («об
        # итогах беседы президентов» — «высоко оценивает итоги переговоров»); not a name («о встрече в Душанбе»).
        if query.said and query.about:
            head = next((i for i, g in enumerate(query.groups) if g.surface in query.about and not (g.finite or g.is_name)
                         and self._noun(g.surface.split()[0])), None)
            if head is not None and query.found[head] > 0:
                wanted = self._id_phrases(query.groups[head])
                fits = self._only_where(fits, credits[head] >= OWN_CREDIT,
                                        lambda j: self._holds(int(start[j]), int(end[j]), wanted))
        # «Что ответил Шарифов на просьбу Галузина?»: a passage that names neither him nor anyone by a pronoun and quotes
        # nobody («Галузин указал Баку на важность освобождения 11 россиян») is not his answer, however well it covers
        # the request (`_reported` sets such passages aside only when they give nobody's words).
        if query.said:
            named_speakers = [i for i, g in enumerate(query.groups) if g.surface in query.said and g.is_person
                              and query.found[i] > 0]
            if named_speakers:
                texts = self.corpus.sentences
                fits = self._only_where(fits, (credits[named_speakers] >= OWN_CREDIT).any(axis=0), lambda j: any(
                    SPOKEN_BY_SOMEONE.search(texts[i].text) for i in range(int(start[j]), int(end[j]) + 1)))
        # «Кто был инициатором звонка?», «кто стал победителем»: the role asked about is the answer's own word («по
        # инициативе Путина»), not one its article has elsewhere, nor left out: a passage that names the callers answers
        # who called, not who began it.
        if query.qtype == PERSON:
            role_word = ROLE_PREDICATE.search(question)
            if role_word is not None:
                role_at = next((i for i, g in enumerate(query.groups) if not g.is_name
                                and g.surface.split()[0].lower() == role_word.group(1).lower()), None)
                if role_at is not None:        # one the coverage never uses («инициатор») declines the question
                    fits = np.where(credits[role_at] >= OWN_CREDIT, fits, 0.0)
        # «Кто возглавляет МИД Азербайджана?»: the passage names the body headed itself (its names: «МИД», not the
        # asker's «германским отрядом» for «немецкой эскадрой»); «глава редакции Sputnik Азербайджан» heads another,
        # however many of its words the article has elsewhere.
        headed = HEAD_OF_ASKED.search(question) if query.qtype == PERSON else None
        if headed is not None:
            at = [i for i, g in enumerate(query.groups) if g.is_name and not g.is_person and g.surface in headed.group(1)]
            body = [query.groups[i] for i in at]
            if body:
                # A name the passage holds has its full credit; one its article supplies has NAME_CONTEXT at most, and
                # only those passages are read (a synonym in the passage can score as low).
                wanted_all = [self._id_phrases(g) for g in body]
                fits = self._only_where(fits, (credits[at] > NAME_CONTEXT).all(axis=0), lambda j: all(
                    self._holds(int(start[j]), int(end[j]), wanted) for wanted in wanted_all))
        # «Какая зарплата у министра Прозоровой?»: the noun the question asks about (its head: `Group.head`), or one of
        # its synonyms, must be in the passage; a passage naming the minister and her post does not tell her pay.
        # Not so the kind of thing asked for («в каком городе», «какую сумму»: KIND_NOUNS), which an answer
        # gives without naming («в Твери», «15 млн рублей»), nor a person's role when a person is asked for
        # («Какой учёный решил задачу?» — «Сотрудник университета Иван Ремизов нашёл …»). Over 3,896 questions
        # of 57 sets: +17 −4, 15 of the gains out-of-scope questions declined.
        heads = [i for i, g in enumerate(query.groups) if g.head and not g.kind and not g.is_name]
        if heads and query.qtype != PERSON:
            fits = np.where((credits[heads] > 0).all(axis=0), fits, 0.0)
        topic, w, w_sum = self._topic(query)
        d = self.data
        # The answer is the best passage that passes, unless a much better one did not: then the coverage
        # is about something else.
        choice = (scores, fits, typed, credits, topic, w, w_sum, self._strict(query), self._least(query), MIN_TOPIC_COVERAGE,
                  MORE_COVERAGE, RUNNER_UP_SCORE, start, end, more, d.lemma_ids, d.lemma_offsets, self.sent_article)
        chosen, same = rerank.choose(*choice)
        # «Как называется детский сад …?»: a passage answers only if it names the garden (`_title_beside`), not one
        # that tells of the garden without its name («… умер от удара током в детском саду»). Tested on the choice
        # and the next ones (NAMED_TRIES), not on every candidate: each test reads the passage's words.
        titled = self._titled_noun(query, question) if query.qtype == NAMED and chosen >= 0 else frozenset()
        if titled:
            asked = frozenset(w for g in query.groups for phrase, _ in g.lemmas for w in phrase)
            chosen, same, choice = self._first_that(choice, chosen, same,
                                                    lambda text: self._title_beside(text, titled, asked))
        # «Какие страны входят в каспийскую пятёрку?», «В каком селе …?»: a passage answers only if it names a place the
        # question does not (`_places_named`), not one that tells of the group alone; tested as titles are.
        if chosen >= 0 and query.qtype in (WHICH, PLACE) and any(g.kind and g.lemmas[0][0][0] in PLACE_KINDS
                                                                 for g in query.groups):
            asked = frozenset().union(*[g.words for g in query.groups])
            chosen, same, choice = self._first_that(choice, chosen, same, lambda text: self._places_named(text, asked),
                                                    weigh=True)
        events = [query.groups[g] for g in query.events]
        future = query.future and query.qtype in FUTURE_TYPES
        # «Как Ереван отреагировал?»: a place named as the one who speaks (one word, in the nominative) is asked for
        # its words as a person is; not «Как в Кремле оценили …» (where they were said).
        speakers = [g for g in query.groups if g.surface in query.said and (g.is_person or (
            g.is_name and " " not in g.surface and self._nominative(g.surface)))] if query.said else []
        if events or future or speakers or imposed:
            chosen, same = self._reported(events, future, speakers, choice, chosen, same, query.events, imposed,
                                          present=query.qtype == NUMBER)
        if chosen >= 0 and query.qtype is not None and start[chosen] == end[chosen] and self._is_title(int(start[chosen])):
            chosen, same = self._body_over_title(choice, chosen, same)
        if chosen >= 0 and self._opens_article(int(start[chosen])):
            # «Что именно ели артисты Мариинского театра перед отравлением в Зарядье?»: the lead tells the story the
            # question names, not what it asks about («ели»), which its article has only elsewhere: the passage of the
            # article that holds every such word answers instead («… ели из ланч-боксов»).
            focus = [g for g in topic.tolist() if credits[g, chosen] <= TOPIC_CONTEXT]
            if focus:
                # Not the title, nor a recap of the background («Напомним, что встреча лидеров прошла …»).
                chosen, same = self._instead(choice, chosen, same, FOCUS_SCORE, lambda i: bool(
                    (credits[focus, i] >= OWN_CREDIT).all()) and not self._is_title(int(start[i]))
                    and not RECAP.match(self._text_of(choice, i)), tries=FOCUS_TRIES, own_article=True)
        if chosen >= 0 and query.qtype == DATE and not KNOWN_ASKED.search(question):
            chosen, same = self._event_date(choice, chosen, same)
        # What was asked for, when the chosen passage lacks it and one of the next two that pass has it
        # (`_prefer`): «в каком году», «во сколько» a date of that grain (DATE_GRAINS: «в конце июня» gives no
        # year); «сколько всего» the total (TOTAL_TEXT); a day the question names («3 ноября»), within the
        # article; «сколько вагонов» a number of what is counted, not «девять пассажирских поездов»; «где Фадеев
        # сделал заявление» where words were said (VENUE_TEXT: «в ходе брифинга»), within the article; and any
        # question an answer, not a passage that only announces one («выяснили, в каких регионах …»: `announces`).
        wanted = next((text for asked, text in DATE_GRAINS if asked.search(question)), None) \
            if query.qtype == DATE else None
        if chosen >= 0 and wanted is not None:
            chosen, same = self._prefer(choice, chosen, same, lambda text: bool(wanted.search(text)))
            if wanted is HOUR_TEXT:     # «во сколько»: «около 19 часов» over «вечером»
                chosen, same = self._prefer(choice, chosen, same, lambda text: bool(CLOCK_TEXT.search(text)))
            elif wanted is YEAR_IN_TEXT:
                # «В каком году Галузин стал замминистра?»: a passage with no year, nor one told relative to the report
                # («в прошлом году»), does not answer, however well it names him («в конце июня - начале июля»).
                chosen, same, choice = self._first_that(
                    choice, chosen, same, lambda text: bool(YEAR_IN_TEXT.search(text) or RELATIVE_YEAR.search(text)),
                    weigh=True)
        years = [str(g.year) for g in query.groups if g.year]
        if chosen >= 0 and years:
            chosen, same = self._of_year(choice, chosen, same, years)
        days = self._days_named(query)
        if chosen >= 0 and days:
            chosen, same = self._prefer(choice, chosen, same, lambda text: all(day.search(text) for day in days),
                                        own_article=True)
        if chosen >= 0 and query.qtype == NUMBER and PEOPLE_ASKED.search(question):
            # «Сколько человек пришло на открытие …?»: a count of people («более 600 человек», «восьмерых россиян»), not
            # «за 25 миллионов рублей»; among the choice and the next two, else no answer.
            chosen, same, choice = self._first_that(choice, chosen, same, lambda text: bool(PEOPLE_COUNT.search(text)))
        if chosen >= 0 and query.qtype == NUMBER and TOTAL_ASKED.search(question):
            chosen, same = self._prefer(choice, chosen, same, lambda text: bool(TOTAL_TEXT.search(text)))
        counted = self._counted_forms(query) if query.qtype == NUMBER else frozenset()
        if chosen >= 0 and counted:
            chosen, same = self._prefer(choice, chosen, same, lambda text: self._counts(text, counted))
        if chosen >= 0 and (query.qtype == NUMBER or (query.qtype == DATE and future)):
            # … and «когда сдадут дорогу» the date planned now, not the one an earlier report gave («Ранее сообщалось,
            # что дорогу … планируют сдать к осени 2019 года»).
            chosen, same = self._prefer(choice, chosen, same, lambda text: not recalled(text), own_article=True)
        aged = _single_words(g for g in query.groups if g.head and not g.is_name) if query.qtype == AGE else frozenset()
        if chosen >= 0 and aged:
            chosen, same = self._prefer(choice, chosen, same, lambda text: self._aged(text, aged))
        heads_which = [g for g in query.groups if g.head and not g.kind and not g.is_name] if query.qtype == WHICH else []
        if chosen >= 0 and heads_which:
            chosen, same = self._prefer(choice, chosen, same, lambda text: self._specified(text, heads_which))
            # «Какие именно наркотики …?»: the asker wants them named; a passage that only says «наркотические
            # средства» does not answer.
            # Not «какие конкретно обвинения …»: the charge told (`_charge_told`) is the specifics.
            if (SPECIFICS_ASKED.search(question) and not charge
                    and not self._specified(self._text_of(choice, chosen), heads_which)):
                chosen = -1
        if chosen >= 0 and query.qtype == NUMBER and KNOWN_ASKED.search(question):
            # «О задержании скольких россиян стало известно в начале июля?»: the count as reported then («О задержании
            # восьмерых россиян … стало известно 1 июля»), not a later one that names the same month.
            chosen, same = self._prefer(choice, chosen, same, lambda text: bool(REPORTED_TEXT.search(text)))
        if chosen >= 0 and query.qtype == NUMBER and NOW_ASKED.search(question):
            chosen, same = self._newest_of(choice, chosen, same)
        if chosen >= 0 and WITH_WHOM_ASKED.search(question):
            # «С кем Галузин встречался?»: the passage that names someone after «с» («обсудил с замглавы МИД
            # Азербайджана Самиром Шарифовым»), not the one that names Галузин alone.
            chosen, same = self._prefer(choice, chosen, same, lambda text: bool(WITH_WHOM_TEXT.search(text)),
                                        share=VENUE_SCORE, tries=VENUE_TRIES)
        if chosen >= 0 and VERBATIM_ASKED.search(question):
            # «Как дословно в МИД сформулировали …?», «процитируй»: the words themselves, in quotation marks, not a
            # report of them («Об этом говорится в сообщении МИД»).
            chosen, same = self._prefer(choice, chosen, same, lambda text: bool(QUOTATION_TEXT.search(text)),
                                        share=VENUE_SCORE, tries=VERBATIM_TRIES)
        if chosen >= 0:
            chosen, same = self._prefer(choice, chosen, same, lambda text: not announces(text))
        if chosen >= 0 and query.venue:
            chosen, same = self._prefer(choice, chosen, same, lambda text: bool(VENUE_TEXT.search(text)),
                                        share=VENUE_SCORE, tries=VENUE_TRIES, own_article=True)
        if chosen < 0 and query.published:
            # «Какого числа ТАСС выпустил новость о поездке Галузина?»: the answer is the article's lead and date, so
            # the question need only say which article: one whose passages name every name asked about («поездка»
            # is the asker's word for what the article reports).
            names = [i for i, g in enumerate(query.groups) if g.is_name]
            if names:
                named = (credits[names] > 0).all(axis=0)
                if named.any():
                    chosen = int(np.argmax(np.where(named, scores, -np.inf)))
        if chosen < 0:
            return Answer(question=question, best=None, reason="low-coverage")
        if query.published:
            return self._published(question, query, chosen, start, fits)
        # «Ещё» keeps to the people and places the answer is about: a passage whose article does not name one of
        # them is about something else, however much of the rest it shares («Сколько лет дали Тимченко?» → «… 20 лет»).
        names = [g for g, group in enumerate(query.groups) if group.is_name and credits[g, chosen] > 0]
        elsewhere = (credits[names] <= 0).any(axis=0) if names else np.zeros(len(scores), dtype=bool)
        kept: dict[int, tuple[float, int, int, list[Article]]] = {}
        articles = self.corpus.articles
        for i, (j, score, first, last, a) in enumerate(zip(same.tolist(), scores.tolist(), start.tolist(), end.tolist(),
                                                                  self.sent_article[start].tolist())):
            if j == i:
                if i != chosen and elsewhere[i]:
                    continue
                kept[i] = (score, first, last, [articles[a]])
            elif j >= 0 and j in kept:
                kept[j][3].append(articles[a])   # the same fact, carried by another article too
        if kept:
            # The answer inside a quotation is the whole quotation (QUOTE_CHARS at most), and «Ещё» does not repeat it.
            key = next(iter(kept))
            score, first, last, carriers = kept[key]
            first, last = self._whole_quote(first, last)
            last = self._with_head_after(query, first, last)
            kept[key] = (score, first, last, carriers)
            for k in [k for k, v in kept.items() if k != key and first <= v[1] and v[2] <= last]:
                del kept[k]
        # Only the answer itself shows the question's words in bold («Ещё» is sent plain).
        found = [self._passage(list(range(first, last + 1)), score, query if i == 0 else None, carriers)
                 for i, (score, first, last, carriers) in enumerate(kept.values())]
        return Answer(question=question, best=found[0], more=tuple(found[1: more + 1]))

    def _reported(self, events: list[Group], future: bool, speakers: list[Group], choice: tuple, chosen: int,
                  same: np.ndarray, event_rows: tuple[int, ...] = (), imposed: bool = False, present: bool = False
                  ) -> tuple[int, np.ndarray]:
        """`rerank.choose`'s choice, made again without the passages that name the question's events only as
        wished («важность скорейшего освобождения» for «Когда освободили …?») or, for a question about what is to
        come, speak only of the past («Где пройдет следующее заседание?»). Tested on the chosen passage only:
        rarely more than one. So are passages that tell of the person whose words are asked for instead of
        giving them («Что Алиев сказал?» — «итоги переговоров … Ильхама Алиева»). A passage set aside this way
        still outweighs a weaker one of another article (RUNNER_UP_SCORE: the coverage is about something
        else), not one of its own article, unless it told of the speaker: «Депутаты приняли отставку мэра»
        leaves «Обязанности мэра будет исполнять …» the answer to «Кто заменит мэра?». Once an event was found
        only as wished, a passage that does not name it (event_rows: its groups) does not answer either.
        `imposed`: the question asks what penalty was given («Какой срок дали грабителю?»); a passage that only
        tells what one faces («ему грозит до семи лет») is set aside, and weighs in any article too. After
        REPORTED_TRIES passages set aside the question is declined: when the coverage tells of the event only as it
        was (or as wished) that many times, the passage that comes next is seldom the answer («Где пройдет следующая
        встреча?» after four past meetings: «Следующий визит запланирован на осень»). Over 4,531 questions: +2, 0 lost
        (2 tries: +3 −2; 4 or more: 0); it also bounds the loop, which read up to 15 passages (~0.5 ms)."""
        scores, fits, start = choice[0], choice[1].copy(), choice[12]
        article = self.sent_article
        weighed = scores.copy()             # what the runner-up test compares with: none of those set aside
        aside: list[int] = []
        told: list[int] = []                # those set aside as telling of the speaker: weigh in any article
        wished = False
        while chosen >= 0:
            if len(aside) >= REPORTED_TRIES:
                return -1, same             # three set aside: what is asked is not what the coverage reports
            text = self._text_of(choice, chosen)
            spoken_of = bool(speakers) and self._spoken_of(text, speakers)
            unrealised = bool(events) and self._unrealised(text, events)
            threatened = imposed and bool(PENALTY_THREAT_TEXT.search(text)) and not PENALTY_GIVEN_TEXT.search(text)
            if not unrealised and not (future and not self._future(text, present)) and not spoken_of and not threatened:
                break
            wished = wished or unrealised
            aside.append(chosen)
            if spoken_of or threatened:
                told.append(chosen)
            fits[chosen] = weighed[chosen] = 0.0
            chosen, same = rerank.choose(weighed, fits, *choice[2:])
        if chosen >= 0 and wished and (choice[3][list(event_rows), chosen] < EVENT_PRESENT).any():
            return -1, same                 # the event was found only as wished; a passage without it cannot report it
        if chosen > 0 and aside:
            own = article[start[chosen]]
            others = [scores[i] for i in aside if article[start[i]] != own or i in told]
            if others and scores[chosen] < RUNNER_UP_SCORE * max(others):
                return -1, same
        return chosen, same

    def _name_role(self, query: Query, question: str) -> frozenset[str] | None:
        """The lemmas of whom «как зовут …» asks the name of: the first noun after it («как зовут водителя автобуса»:
        водитель and its synonyms), or None («как его зовут»)."""
        m = NAME_ASKED.search(question)
        if m is None:
            return None
        after = question[m.end():]
        for g in query.groups:
            if g.is_name or g.number or g.surface not in after:
                continue
            parses = self.analyzer.morph.parse(fold(g.surface).lower())
            if parses and parses[0].tag.POS == "NOUN":
                if g.lemmas[0][0][0] in ANYONE:
                    return None         # «как зовут мужчину, которого ищут»: any name of the story's passage
                # Its synonyms' adjectives and places name no one: «россиян» is «россиянин», «гражданин», not
                # «российский», «РФ» (the word itself always counts).
                info = self.analyzer.info
                return frozenset([*g.lemmas[0][0], *(word for phrase, credit in g.lemmas[1:] if credit >= 0.7
                                                      for word in phrase if not (info(word).adjective or info(word).place))])
        return None

    def _named_beside(self, text: str, role: frozenset[str], asked: frozenset[str]) -> bool:
        """Whether the text names a person (a capitalised word that can be a name, not one of `asked`) within
        NAME_ROLE_WORDS words of a word of `role`, with no verb between but a linking one (LINKING_VERBS):
        «журналистов – глава редакции Sputnik Азербайджан Игорь Картавых», «водителем оказался Иван Петров», not
        «российских граждан, заявил пресс-секретарь Кремля Дмитрий Песков»."""
        info = self.analyzer.info
        tokens = tokenize(text)
        words = [info(tok.norm) for tok in tokens]
        roles = [i for i, w in enumerate(words) if not role.isdisjoint(w.lemmas)]
        if not roles:
            return False
        names = [i for i, (tok, w) in enumerate(zip(tokens, words))
                 if w.name and tok.text[:1].isupper() and asked.isdisjoint(w.lemmas)]
        return any(abs(i - j) <= NAME_ROLE_WORDS and not any(words[k].verb and words[k].lemmas[0] not in LINKING_VERBS
                                                             for k in range(min(i, j) + 1, max(i, j)))
                   for i in roles for j in names)

    def _newest_of(self, choice: tuple, chosen: int, same: np.ndarray) -> tuple[int, np.ndarray]:
        """«Сколько россиян сейчас сидят в Баку?»: the coverage's latest word on it. When the passages that pass come
        from articles of different dates, one of the newest answers instead of an older one's, if it scores at least
        VENUE_SCORE of it (among the next VERBATIM_TRIES)."""
        articles, start, fits = self.corpus.articles, choice[12], choice[1]
        dates = {int(self.sent_article[start[i]]) for i in np.flatnonzero(fits > 0).tolist()}
        known = [articles[a].date for a in dates if articles[a].date is not None]
        if len(set(known)) < 2:
            return chosen, same
        newest = max(known)

        def recent(i: int) -> bool:
            return articles[int(self.sent_article[start[i]])].date == newest

        if recent(chosen):
            return chosen, same
        return self._instead(choice, chosen, same, VENUE_SCORE, recent, VERBATIM_TRIES, False)

    def _specified(self, text: str, heads: list[Group]) -> bool:
        """Whether the passage tells which one: a word of the noun asked about (or of its synonyms) followed by a
        number or a name («школы № 45», «суд Израиля», «рейс 1234»), not «у школы во Владивостоке» (nor a quotation:
        «сотрудничества "3+3"» names a platform, not the cooperation asked about; a name in quotation marks does: «компания
        "Дело вкуса"»)."""
        info = self.analyzer.info
        folded = fold(text)
        # Only where a word begins as one of the noun's lemmas does, then the word there is read (a scan of the
        # whole passage for specifiers cost ~30 µs, two or three passages a question).
        starts = {lemma[:PREFIX] for g in heads for lemma in g.words if lemma[:1].isalpha()}
        for start in starts:
            at = folded.find(start)
            while at >= 0:
                if at == 0 or not folded[at - 1].isalpha():
                    end = at + len(start)
                    while end < len(folded) and folded[end].isalpha():
                        end += 1
                    if SPECIFIER.match(text, end) and any(not g.words.isdisjoint(info(folded[at:end]).lemmas)
                                                          for g in heads):
                        return True
                at = folded.find(start, at + 1)
        return False

    def _is_title(self, sentence: int) -> bool:
        """Whether the sentence is its article's first line, the title (not a subtitle or lead)."""
        article = int(self.sent_article[sentence])
        return sentence == (int(self.art_end[article - 1]) if article else 0)

    def _opens_article(self, sentence: int) -> bool:
        """Whether the sentence is its article's title or the first line after it (the lead, as a rule)."""
        article = int(self.sent_article[sentence])
        return sentence - (int(self.art_end[article - 1]) if article else 0) <= 1

    def _body_over_title(self, choice: tuple, chosen: int, same: np.ndarray) -> tuple[int, np.ndarray]:
        """A title restates the story: for a question that asks for a place, a date, a number, …, the passage of its
        article's body that passes answers instead, unless it scores much less (BODY_OVER_TITLE): «Найдены туристы,
        потерявшиеся в районе Приискового» does not say where they were from, «… туристы из Лесосибирска» does. An
        untyped question keeps a title that answers it («Путин подарил Зюганову на юбилей материалы съезда КПСС»)."""
        return self._instead(choice, chosen, same, BODY_OVER_TITLE, lambda i: True, tries=1, own_article=True)

    def _event_date(self, choice: tuple, chosen: int, same: np.ndarray) -> tuple[int, np.ndarray]:
        """«Когда задержали россиян?»: «О задержании … стало известно 1 июля» dates the report, not the event. The
        next passage that passes answers instead when it scores at least EVENT_DATE_SCORE of this one (its date is
        the event's: «задержанных в конце июня»); else this one stands. A question about when it became known
        (KNOWN_ASKED) is answered by it."""
        if not KNOWN_DATE.search(self._text_of(choice, chosen)):
            return chosen, same
        return self._instead(choice, chosen, same, EVENT_DATE_SCORE, lambda i: True, tries=1, own_article=False)

    def _of_year(self, choice: tuple, chosen: int, same: np.ndarray, years: list[str]) -> tuple[int, np.ndarray]:
        """«Сколько фирм обанкротились за 2020 год?»: a passage that names another year («годом ранее … 802
        компании», «по сравнению с 2019 годом») and not the one asked tells of that year. Of the next passages that
        pass, the first naming the year asked answers instead when it scores at least GRAIN_SCORE of this one."""
        if not YEAR_IN_TEXT.search(self._text_of(choice, chosen)):
            return chosen, same
        return self._prefer(choice, chosen, same, lambda text: all(y in text for y in years))

    @staticmethod
    def _days_named(query: Query) -> list[re.Pattern]:
        """The days with a month the question names («3 ноября», «29.10.2025»), as they are written in a passage."""
        months = [g.month for g in query.groups if g.month]
        if not months:
            return []
        days = [(g.day or (int(g.surface) if g.number and g.surface.isdigit() and 1 <= int(g.surface) <= 31 else 0),
                 g.month or months[0]) for g in query.groups]
        return [re.compile(rf"(?<!\d){day}\s+{MONTH_STEMS[month - 1]}", re.IGNORECASE) for day, month in days if day]

    def _counted_forms(self, query: Query) -> frozenset[str]:
        """The lemmas of what «сколько …» counts («сколько вагонов»: вагон, its synonyms), or none: the head noun
        in the genitive, not an indeclinable word («на сколько ЦБ поднял евро») nor a score, a span or a unit."""
        if query.score or query.duration or query.unit:
            return frozenset()
        heads = [g for g in query.groups if g.head and self._genitive(g.surface.lower())]
        counted = _single_words(heads)
        if counted:
            # «Сколько работников сократят?» — «уволят не менее 132 человек»: people are counted as «человек» too.
            if any(self._animate(g.surface.lower()) for g in heads):
                counted |= PEOPLE_NOUNS
            return counted
        # «Сколько людей погибло?»: people counted by what happened to them — «погибло 25 человек», «25 погибших»,
        # not «произошло 1759 пожаров».
        people = [g for g in query.groups if g.lemmas[0][0][0] in PEOPLE_NOUNS]
        if not people:
            return frozenset()
        return _single_words(people + [query.groups[e] for e in query.events])

    def _nominative(self, word: str) -> bool:
        return "nomn" in self.analyzer.morph.parse(fold(word))[0].tag

    def _is_animate(self, word: str) -> bool:
        """Whether the word names people (an animate noun, not an animal: «сколько собак отловили»)."""
        parse = self.analyzer.morph.parse(fold(word))[0]
        return parse.tag.POS == "NOUN" and "anim" in parse.tag and fold(parse.normal_form) not in ANIMALS

    def _unseen_kind(self, query: Query, question: str) -> bool:
        """«Какой допустимый улов краба …?»: the noun asked about (`Group.head`) is narrowed by a noun in the genitive
        right after it that the coverage never has (not even by a synonym or a corrected typo); a passage about the catch
        of pollock does not answer for crab, however much of the rest it covers. Only «какой» questions: in «сколько
        гектаров леса выгорело» the noun after a measure is no narrower thing asked about («лесной пожар» answers)."""
        for i, g in enumerate(query.groups[:-1]):
            after = query.groups[i + 1]
            if g.head and not g.is_name and query.found[i + 1] == 0 and not (after.is_name or after.number or after.finite) \
                    and " " not in after.surface and self._noun(after.surface) and self._is_genitive(fold(after.surface)) \
                    and re.search(rf"\b{re.escape(g.surface)}\s+{re.escape(after.surface)}\b", question):
                return True
        return False

    def _is_genitive(self, word: str) -> bool:
        tag = self.analyzer.morph.parse(word)[0].tag
        return "gent" in tag and "Fixd" not in tag

    def _titled_noun(self, query: Query, question: str) -> frozenset[str]:
        """The lemmas of what «как называется …» asks the name of: the first noun after it, with its synonyms."""
        m = _NAMED_ASKED.search(question)
        if m is None:
            return frozenset()
        after = fold(question[m.end():]).lower()
        for g in query.groups:
            if g.is_name or g.number or fold(g.surface).lower() not in after:
                continue
            last = fold(g.surface.split()[-1]).lower()
            parses = self.analyzer.morph.parse(last)
            if parses and parses[0].tag.POS == "NOUN":
                return frozenset(phrase[-1] for phrase, credit in g.lemmas if credit >= 0.7)
        return frozenset()

    def _title_beside(self, text: str, nouns: frozenset[str], asked: frozenset[str]) -> bool:
        """Whether the text gives the name of one of `nouns` («Как называется храм?»): a quotation, a word in Latin
        letters or a capitalised word not of the question within TITLE_WORDS words after the noun («храм Гал-Ерд»,
        «сборник "Лирика"»), or says what it is called («носит название …»)."""
        if NAMING.search(text):
            return True
        info = self.analyzer.info
        tokens = tokenize(text)
        words = [info(tok.norm) for tok in tokens]
        for i, w in enumerate(words):
            if nouns.isdisjoint(w.lemmas):
                continue
            for j in range(i + 1, min(len(tokens), i + 1 + TITLE_WORDS)):
                tok = tokens[j]
                gap = text[tokens[j - 1].end:tok.start]
                if "." in gap or "!" in gap or "?" in gap:
                    break                               # the noun's sentence ends
                if gap.strip(" ,")[-1:] in QUOTE_OPENINGS or tok.text.isascii() and \
                        tok.text[:1].isalpha() or (tok.text[:1].isupper() and asked.isdisjoint(words[j].lemmas)):
                    return True
        return False

    def _aged(self, text: str, nouns: frozenset[str]) -> bool:
        """Whether the text gives the age of one of `nouns` («Сколько лет водителю?»): «33-летнего водителя», «водителю
        33 года», not «59-летнему мужчине» beside «водитель»."""
        info = self.analyzer.info
        for m in AGE_BESIDE.finditer(text):
            word = m.group(1) or m.group(2)
            if not nouns.isdisjoint(info(fold(word)).lemmas):
                return True
        return False

    def _counts(self, text: str, counted: frozenset[str]) -> bool:
        """Whether a number in the text counts one of `counted`: within three words after it («35 вагонов»,
        «девять грузовых вагонов») or, when no other noun follows it, before it («на общую сумму 258 млрд»,
        «вагонов было 35»). A number with its own noun counts that: «легкоатлеты выиграли 10 золотых наград» does
        not count the athletes. Grammar words, adjectives, numerals, short words (units: «млн», «тыс», «км») and
        nouns that only count (LIGHT_NOUNS: «человек», «раз») are read past."""
        norms = folded_words(text)
        info = self.analyzer.info
        words = [info(norm) for norm in norms]
        for i, norm in enumerate(norms):
            w = words[i]
            if not (norm[0].isdigit() or w.number or w.lemmas[0] in NUMBER_WORDS):
                continue
            own = False
            for j in range(i + 1, min(len(words), i + 4)):
                after = words[j]
                if not counted.isdisjoint(after.lemmas):
                    return True
                if not (after.stop or after.adjective or after.number or after.lemmas[0] in NUMBER_WORDS
                        or after.lemmas[0] in LIGHT_NOUNS or norms[j][0].isdigit() or len(norms[j]) <= 4):
                    own = not after.verb
                    break
            if not own and any(not counted.isdisjoint(words[j].lemmas) for j in range(max(0, i - 3), i)):
                return True
        return False

    def _prefer(self, choice: tuple, chosen: int, same: np.ndarray, holds, share: float = GRAIN_SCORE,
                tries: int = GRAIN_TRIES, own_article: bool = False) -> tuple[int, np.ndarray]:
        """The chosen passage when its text `holds` what was asked; else the first of the next ones that does,
        if it scores at least `share` of the chosen one (`_instead`)."""
        if holds(self._text_of(choice, chosen)):
            return chosen, same
        return self._instead(choice, chosen, same, share, lambda i: holds(self._text_of(choice, i)), tries,
                             own_article)

    def _instead(self, choice: tuple, chosen: int, same: np.ndarray, share: float, wanted, tries: int,
                 own_article: bool) -> tuple[int, np.ndarray]:
        """`rerank.choose`'s next choices without the chosen passage, up to `tries` of them: the first that is
        `wanted` answers instead if it scores at least `share` of the chosen one (and, with own_article, is of
        its article); else, or when none is wanted, the choice stands."""
        scores, fits, start = choice[0].copy(), choice[1].copy(), choice[12]
        other = chosen
        for _ in range(tries):
            fits[other] = scores[other] = 0.0
            other, other_same = rerank.choose(scores, fits, *choice[2:])
            if other < 0:
                break
            if wanted(other):
                if choice[0][other] >= share * choice[0][chosen] and (
                        not own_article or self.sent_article[start[other]] == self.sent_article[start[chosen]]):
                    return other, other_same
                break
        return chosen, same

    def _text_of(self, choice: tuple, passage: int) -> str:
        """The text of a ranked passage (`choice`'s start and end rows)."""
        texts = self.corpus.sentences
        return " ".join(texts[i].text for i in range(int(choice[12][passage]), int(choice[13][passage]) + 1))

    def _whole_quote(self, first: int, last: int) -> tuple[int, int]:
        """A passage inside a paragraph that opens with a quotation: the whole paragraph, the speaker's words and who
        said them («Это была очень важная встреча … Сейчас идет кропотливая работа. … Продолжаем наш диалог», –
        отметил Песков), when it is QUOTE_CHARS and QUOTE_SENTENCES at most; else the passage as it is."""
        paragraph, article = self.paragraph, self.sent_article
        p, a = paragraph[first], article[first]
        if p < 0 or paragraph[last] != p:
            return first, last
        lo, hi, n = first, last, len(paragraph)
        while lo > 0 and paragraph[lo - 1] == p and article[lo - 1] == a:
            lo -= 1
        while hi + 1 < n and paragraph[hi + 1] == p and article[hi + 1] == a:
            hi += 1
        if (lo, hi) == (first, last) or hi - lo >= QUOTE_SENTENCES or not self.quotable[lo:hi + 1].all():
            return first, last
        texts = self.corpus.sentences
        if not texts[lo].text.startswith(QUOTE_OPENINGS) or sum(len(texts[i].text) + 1 for i in range(lo, hi + 1)) > QUOTE_CHARS:
            return first, last
        return lo, hi

    def _with_head_after(self, query: Query, first: int, last: int) -> int:
        """«Какой фестиваль открыла премьера …?» — «Долгожданная премьера оперы … состоялась в театре. Постановка открыла 29
        международный оперный фестиваль …»: an answer that lacks the noun a «какой»/«сколько» question asks about
        (`Group.head`) grows by the next sentence of its paragraph when that one holds it; the last sentence it ends on."""
        heads = [g for g in query.groups if g.head and not g.kind and not g.is_name]
        nxt = last + 1
        if not heads or nxt >= len(self.paragraph) or self.paragraph[nxt] != self.paragraph[last] \
                or self.paragraph[last] < 0 or self.sent_article[nxt] != self.sent_article[last] or not self.quotable[nxt]:
            return last
        wanted = [self._id_phrases(g) for g in heads]
        if any(self._holds(first, last, w) for w in wanted) or not all(self._holds(nxt, nxt, w) for w in wanted):
            return last
        return nxt

    def _spoken_of(self, text: str, speakers: list[Group]) -> bool:
        """Whether the passage names the person whose words are asked for only in another case than the
        question's («Что Алиев сказал?» — «переговоров … Ильхама Алиева»): it tells of them, not their words.
        So does one that does not name them and gives nobody's words (no quotation, no «заявил», «по его словам»)."""
        info = self.analyzer.info
        words = [w for w in (piece.strip(_EDGE) for piece in fold(text).split()) if w]
        for group in speakers:
            asked = fold(group.surface)
            at = [i for i, w in enumerate(words) if not group.words.isdisjoint(info(w).lemmas)]
            mentions = [words[i] for i in at]
            # «заявил пресс-секретарь Кремля Дмитрий Песков» gives the Kremlin's words, as «Кремль заявил» would.
            voiced = any(i and not SPOKESPERSON.isdisjoint(info(words[i - 1]).lemmas) for i in at)
            if mentions and asked not in mentions and not voiced:
                return True
            if not mentions and not WORDS_GIVEN.search(text):
                return True                 # «Напомним, что 24 октября президенты провели переговоры»: nobody's words
            if not mentions and ATTRIBUTED.search(text):
                return True                 # «…», - сказал президент РФ: another's words, named as theirs
        return False

    def _accused(self, query: Query, question: str, skip: list[int] = ()) -> list[list[tuple[int, ...]]]:
        """Who a charge question asks about, for `_charge_told`: the people it names (a person by any of the names
        given: «Андрея Каковкина» is «приговорившего Каковкина»), or when it names none the nouns the coverage has
        («журналистов»); not what a relative clause tells of them («…, который вернулся по списку Титова»), nor
        numbers, names of places, verbs or the groups in `skip`."""
        main = question[:m.start()] if (m := RELATIVE_CLAUSE.search(question)) else question
        asked = [i for i, g in enumerate(query.groups) if (g.is_person or not (g.is_name or g.finite or g.number))
                 and query.found[i] > 0 and g.surface in main and i not in skip]
        people = [p for i in asked if query.groups[i].is_person for p in self._phrase_ids(query.groups[i])]
        if people:
            # «В чём полиция подозревает Георгия Руруа, …, задержанного на протестах …?»: the person named is whom it
            # asks about; the other nouns tell who accuses and where, which the sentence with the charge need not repeat.
            return [people]
        return [self._phrase_ids(query.groups[i]) for i in asked]

    def _charge_told(self, sentence: int, accused: list[list[tuple[int, ...]]]) -> bool:
        """Whether the sentence tells a charge (a lemma of CHARGE_LEMMAS: «обвиняют», «связаны с транзитом», «по
        статье») and names everyone asked about (`accused`: each one's phrases as lemma ids): «О задержании восьмерых
        …, связаны с транзитом …» is not the charge of the journalists named in the next sentence. Read from the
        index's lemma ids, not the text (a pattern over every candidate cost ~10 µs a sentence)."""
        if self._charged is None:
            self._charged = self._sentences_with(CHARGE_LEMMAS)
        if not self._charged[sentence]:
            return False
        ids = self._ids_of(sentence, sentence)
        return all(any(all(w in ids for w in phrase) for phrase in phrases) for phrases in accused)

    def _sentences_with(self, lemmas: frozenset[str]) -> np.ndarray:
        """Which sentences hold one of the lemmas: one pass over the index's lemma ids (~30 ms at 10^6 sentences,
        paid by the first question that needs it), so a question then reads one flag a sentence."""
        d, vocab = self.data, self.lemmas.vocab
        wanted = np.zeros(len(vocab) + 1, dtype=bool)
        wanted[[vocab[w] for w in lemmas if w in vocab]] = True
        seen = np.concatenate(([0], np.cumsum(wanted[d.lemma_ids], dtype=np.int64)))
        return seen[d.lemma_offsets[1:]] > seen[d.lemma_offsets[:-1]]

    def _id_phrases(self, group: Group) -> tuple[list[tuple[int, ...]], frozenset[int]]:
        """The group's phrases as lemma ids (`_phrase_ids`), and the ids of the lemmas of the first word the question
        wrote («встречу лидеров»: встреча), for `_holds`."""
        vocab = self.lemmas.vocab
        first = self.analyzer.info(fold(group.surface.split()[0])).lemmas
        return self._phrase_ids(group), frozenset(vocab[w] for w in first if w in vocab)

    def _phrase_ids(self, group: Group) -> list[tuple[int, ...]]:
        """The group's phrases as the index's lemma ids (-1: a word no sentence has)."""
        vocab = self.lemmas.vocab
        return [tuple(vocab.get(w, -1) for w in phrase) for phrase, _ in group.lemmas]

    def _ids_of(self, first: int, last: int) -> set[int]:
        """The lemma ids of sentences first..last, from the index."""
        d = self.data
        return set(d.lemma_ids[d.lemma_offsets[first]:d.lemma_offsets[last + 1]].tolist())

    def _holds(self, first: int, last: int, wanted: tuple[list[tuple[int, ...]], frozenset[int]]) -> bool:
        """Whether the sentences first..last hold one of a group's phrases, or the first word of a phrase the question
        wrote («встречу лидеров»: «Это была очень важная встреча»): `_id_phrases`, read from the index's lemma ids."""
        ids = self._ids_of(first, last)
        phrases, first_word = wanted
        return any(all(w in ids for w in phrase) for phrase in phrases) or not first_word.isdisjoint(ids)

    @staticmethod
    def _only_where(fits: np.ndarray, passes: np.ndarray, test) -> np.ndarray:
        """`fits` with 0 for the passages that neither `passes` nor, tested one by one (`test(row)`), pass the test;
        only passages that could answer (fits > 0) are tested."""
        out = fits.copy()
        for j in np.flatnonzero((fits > 0) & ~passes).tolist():
            if not test(j):
                out[j] = 0.0
        return out

    def _first_that(self, choice: tuple, chosen: int, same: np.ndarray, holds, weigh: bool = False
                    ) -> tuple[int, np.ndarray, tuple]:
        """The choice made again without the passages that fail `holds`, among the chosen one and the next
        NAMED_TRIES − 1 (each test reads a passage's words); -1 when they all fail. The choice's fits come back with
        those set aside at 0, and its scores too unless they still `weigh` in the runner-up test (`rerank.choose`:
        a much better passage that fails tells the coverage is about something else)."""
        ranked_scores, ranked_fits = choice[0].copy(), choice[1].copy()
        for _ in range(NAMED_TRIES):
            if chosen < 0 or holds(self._text_of(choice, chosen)):
                break
            ranked_fits[chosen] = 0.0
            if not weigh:
                ranked_scores[chosen] = 0.0
            chosen, same = rerank.choose(ranked_scores, ranked_fits, *choice[2:])
        else:
            chosen = -1
        return chosen, same, (ranked_scores, ranked_fits, *choice[2:])

    def _places_named(self, text: str, asked: frozenset[str]) -> bool:
        """Whether the passage names a place the question does not: a geographical name («из Ирана», «Россия-Иран-
        Турция», «мехико» in a lower-case feed), a capitalised word inside a sentence that is not a person's name («в
        Шарм-эль-Шейхе»: pymorphy3 reads «шарм»), or a word right after a word of place that is capitalised or unknown
        («в селе Чернятинцы», «города сьюдад хуарес»). Grammar words are not places («того»: Togo)."""
        info = self.analyzer.info
        before = ""
        for m in LETTERS.finditer(text):
            word = m.group()
            known = info(fold(word))
            capital = word[0].isupper() and not word.isupper()
            inside = capital and _goes_on(text, m.start())
            if not known.stop and (known.place or (inside and not known.name) or (
                    before in PLACE_KINDS and (capital or not known.known))) and asked.isdisjoint(known.lemmas):
                return True
            before = known.lemmas[0] if known.lemmas else ""
        return False

    def _noun(self, word: str) -> bool:
        """Whether the word is read first as neither a verb (participles too) nor an adjective: «журналистах», not
        «задержанных»."""
        info = self.analyzer.info(fold(word))
        return not (info.verb or info.adjective)

    def _unrealised(self, text: str, events: list[Group]) -> bool:
        """Whether the passage names one of the events only as wished, possible or demanded: every word of
        it is a noun after an IRREALIS word («варианты скорейшего освобождения и возвращения домой»). A verb
        or participle of it («освободили», «освобожденных») tells it happened."""
        folded = fold(text)
        if not IRREALIS_TEXT.search(folded):
            return False
        info = self.analyzer.info
        # Words between spaces, their punctuation cut off (TOKEN_RE costs ~1.5 µs a word; this, ~0.1 µs).
        infos = [info(word) for word in (piece.strip(_EDGE) for piece in folded.split()) if word]
        for group in events:
            words = group.words
            wished = False
            for k, word in enumerate(infos):
                if word.stop or (words.isdisjoint(word.lemmas) and STEM_MARK + word.stem not in words):
                    continue
                if word.verb or not any(infos[j].lemmas[0] in IRREALIS for j in range(max(0, k - 3), k)):
                    break                      # named as done: this event is reported
                wished = True
            else:
                if wished:
                    return True
        return False

    def _future(self, text: str, present: bool = False) -> bool:
        """Whether the passage speaks of what is to come: a verb in the future tense or a word of plans; with
        `present`, a verb in the present tense too («пропускная способность составляет 20 млн пассажиров в год»
        holds for what is to come)."""
        folded = fold(text)
        if FUTURE_TEXT.search(folded):
            return True
        info = self.analyzer.info
        words = [word for word in (piece.strip(_EDGE) for piece in folded.split()) if word]
        if any(info(word).future for word in words):
            return True
        return present and any(p.tag.POS == "VERB" and "pres" in p.tag for word in words
                               if info(word).verb for p in self.analyzer.morph.parse(word)[:1])

    def _published(self, question: str, query: Query, chosen: int, start: np.ndarray, fits: np.ndarray) -> Answer:
        """«Какого числа ТАСС написал про …?»: the lead of the article the question is about (of the outlet it
        names, when one of the passages that fit is), quoted with its dateline, which gives the day; the reply
        names the article's date beside it. An article that says nowhere when it came out does not answer."""
        articles = self.corpus.articles
        pick = int(self.sent_article[start[chosen]])
        if query.outlet and fold(articles[pick].source) != query.outlet:
            pick = next((int(self.sent_article[s]) for s, fit in zip(start.tolist(), fits.tolist())
                         if fit > 0 and fold(articles[int(self.sent_article[s])].source) == query.outlet), pick)
        article = articles[pick]
        if not article.dateline and article.date is None and article.day_month is None:
            return Answer(question=question, best=None, reason="no-date")
        lead_at = self._lead_of(pick)
        if lead_at < 0:
            return Answer(question=question, best=None, reason="no-date")
        return Answer(question=question, best=self._passage([lead_at], 1.0, None))    # with its dateline, if any

    def _lead_of(self, article: int) -> int:
        """The article's lead: its first quotable sentence that is not a headline (-1: none). Found for every
        article at once on first use (a passage asks on every answer)."""
        if self._leads is None:
            body = np.flatnonzero(self.quotable & ~self.headline)
            starts = np.concatenate([[0], self.art_end[:-1]]).astype(np.int64)
            at = np.searchsorted(body, starts)
            lead = body[np.minimum(at, max(len(body) - 1, 0))] if len(body) else np.full(len(starts), -1)
            self._leads = np.where((at < len(body)) & (lead < self.art_end), lead, -1).tolist()
        return self._leads[article]

    def _latest(self, question: str, more: int) -> Answer:
        """«Что нового?», «Какие новости?»: the lead of the newest article (its first quotable sentence of the
        body that stands alone; its headline when there is none), and those of the next ones as «Ещё». The
        reply names each article's headline beside the quote."""
        leads = []
        starts = np.searchsorted(self.sent_article, np.array(self._newest, dtype=np.int32)) if self._newest else []
        texts = self.corpus.sentences
        for a, first in zip(self._newest, starts):
            body = [i for i in range(int(first), int(self.art_end[a])) if self.quotable[i] and not self.headline[i]]
            alone = [i for i in body if not self.joins[i] & LEANS_BACK and not LEANING_START.match(texts[i].text)]
            pick = alone[:1] or [i for i in range(int(first), int(self.art_end[a])) if self.quotable[i]][:1]
            if pick:
                leads.append(self._passage(pick, 1.0, None))
            if len(leads) > more:
                break
        if not leads:
            return Answer(question=question, best=None, reason="no-match")
        return Answer(question=question, best=leads[0], more=tuple(leads[1:]))

    # ---- passages -----------------------------------------------------------------------------------
    def _passage(self, ids: list[int], score: float, query: Query | None,
                 articles: list[Article] | None = None) -> Passage:
        """The passage of these sentences; `articles`: every article that carries it, its own first."""
        every = self.corpus.sentences
        sentences = [every[i] for i in ids]
        article = self.corpus.articles[sentences[0].article]
        quote = sentences[0].text if len(sentences) == 1 else " ".join([s.text for s in sentences])
        if article.dateline and ids[0] == self._lead_of(sentences[0].article):
            quote = f"{article.dateline} {quote}"      # the lead as the article has it: «МОСКВА, 10 декабря. /ТАСС/. …»
        highlights = self._highlights(quote, query) if query else ()
        articles = articles or [article]
        return Passage(
            quote=quote, article=article, score=score, ref=self._ref(sentences[0], sentences[-1]),
            sources=(articles[0].source,) if len(articles) == 1 else tuple(dict.fromkeys([a.source for a in articles])),
            articles=tuple(articles), highlights=highlights,
        )

    def _highlights(self, quote: str, query: Query) -> tuple[tuple[int, int], ...]:
        """Spans of the quote's words that are a form of a question word (its lemmas or its stem).

        What a word can match is the same for every question, and kept per space-separated piece of
        text (`_piece`): a quote costs a lookup and a set test per word, not an analysis."""
        if query.wanted is None:
            query.wanted = frozenset().union(*[
                g.words if g.words is not None else
                frozenset().union(*[phrase for phrase, _ in g.lemmas], [STEM_MARK + s for s in g.stems])
                for g in query.groups])
        wanted = query.wanted
        folded = fold(quote)
        spans = []
        if len(folded) != len(quote):
            keys = self._keys
            for tok in tokenize(quote):
                if not keys(tok.norm).isdisjoint(wanted):
                    spans.append((tok.start, tok.end))
            return tuple(spans)
        get = self._pieces.get
        at = 0
        for piece in folded.split(" "):
            words = get(piece)
            if words is None:
                words = self._piece(piece)
            if type(words) is frozenset:         # one word, the whole piece
                if not words.isdisjoint(wanted):
                    spans.append((at, at + len(piece)))
            else:
                for match, start, end in words:
                    if not match.isdisjoint(wanted):
                        spans.append((at + start, at + end))
            at += len(piece) + 1
        return tuple(spans)

    def _piece(self, piece: str) -> frozenset[str] | tuple[tuple[frozenset[str], int, int], ...]:
        """The words of a piece of folded text between spaces: for each, what it matches (`_keys`) and
        its span in the piece; for a piece that is one word as it is (most are), only what it matches
        (a quote's words are read after the caches have lost them: each object less is a miss less).
        No token holds a space or _EDGE punctuation: a word of letters between them is one token as it
        is, and only the other pieces need TOKEN_RE."""
        core = piece.lstrip(_EDGE)
        at = len(piece) - len(core)
        core = core.rstrip(_EDGE)
        if core.isalpha():
            words = self._keys(core) if len(core) == len(piece) else ((self._keys(core), at, at + len(core)),)
        else:
            words = tuple((self._keys(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(piece)) if core else ()
        if len(self._pieces) >= PIECE_CACHE:
            self._pieces.clear()
        self._pieces[piece] = words
        return words

    def _keys(self, norm: str) -> frozenset[str]:
        """What a word form matches among a question's `wanted`: its lemmas and its stem (marked, a stem
        is not a lemma); nothing for a grammar word."""
        word = self.analyzer.info(norm)
        return _NOTHING if word.stop else frozenset((*word.lemmas, STEM_MARK + word.stem))

    def _ref(self, first: Sentence, last: Sentence) -> str:
        """«<article key>.<first position>[-<last position>]», at most 6 + 1 + 11 ASCII characters."""
        span = str(first.position) if first.position == last.position else f"{first.position}-{last.position}"
        return f"{self._article_keys[first.article]}.{span}"

    def passage(self, ref: str) -> Passage | None:
        """The passage a `Passage.ref` names (for buttons), or None when the corpus no longer has it."""
        key, _, span = (ref or "").partition(".")
        article = self._article_by_key.get(key)
        first, _, last = span.partition("-")
        if article is None or not first.isdigit() or not (last or first).isdigit():
            return None
        start, end = int(first), int(last or first)
        if not 0 <= end - start < QUOTE_SENTENCES:
            return None
        if self._by_position is None:
            self._by_position = {(s.article, s.position): i for i, s in enumerate(self.corpus.sentences)}
        ids = [self._by_position.get((article, pos)) for pos in range(start, end + 1)]
        if any(i is None for i in ids):
            return None
        return self._passage(ids, 0.0, None)


_NO_DOCS = np.zeros(0, dtype=np.int32)
_NO_WEIGHTS = np.zeros(0, dtype=np.float64)
_NO_STEMS = np.zeros(0, dtype=np.int32)
_NOTHING: frozenset[str] = frozenset()
PIECE_CACHE = 200_000             # pieces of quotes whose words' keys are kept (`_highlights`)
# Punctuation around words: never part of a token beside a letter (TOKEN_RE's inner «.,:» join digits).
_EDGE = ",.:;!?()«»\"'„“”"
_NO_FORMS = np.zeros((5, 0), dtype=np.int64)


_warming: threading.Thread | None = None
_saving: dict[Path, threading.Thread] = {}      # cache folder (resolved) -> the thread writing it
_saved: dict[Path, bool] = {}                   # cache folder (resolved) -> whether its last write succeeded
_saving_lock = threading.Lock()


def _save_in_background(cache_dir: Path, corpus: Corpus, data: cache_mod.IndexData) -> None:
    """Write the cache in a thread: the engine answers meanwhile (the write took 0.3-0.6 s at 10^5 sentences,
    5-7 s at 10^6, most of it the sentence texts). Not a daemon: the process ends only once it is written, so
    `coverage-bot index` still leaves a cache behind; `load` of the same folder waits for it first."""
    key = Path(cache_dir).resolve()

    def write() -> None:
        try:
            ok = cache_mod.save(cache_dir, corpus, data)
        except Exception as exc:  # noqa: BLE001 - only a rebuild next time; never an unhandled thread error
            log.warning("index cache not written to %s: %s: %s", cache_dir, type(exc).__name__, exc)
            ok = False
        _saved[key] = ok

    with _saving_lock:
        previous = _saving.get(key)
        thread = threading.Thread(target=lambda: (previous.join() if previous else None, write()),
                                  name="save-index", daemon=False)
        _saving[key] = thread
        thread.start()


def wait_for_saves(cache_dir: Path | str | None = None) -> bool:
    """Until this process has written the cache of `cache_dir` (every cache, when None); whether the writes
    succeeded (a failure is logged and costs a rebuild next time)."""
    key = None if cache_dir is None else Path(cache_dir).resolve()
    with _saving_lock:
        pending = [(d, t) for d, t in _saving.items() if key is None or d == key]
    for _, thread in pending:
        thread.join()
    return all(_saved.get(d, True) for d, _ in pending)


BUILD_APART_BYTES = 4 << 20      # ~15k sentences: below, indexing takes about a second in this process
CHILD_NICENESS = 10


# «Специалисты выяснили, в каких регионах наиболее возросли зарплаты», «Рассказываем, куда отправлять жалобы»:
# a passage that announces what it does not say, the next that passes answers instead (`_prefer`). Not «рассказал,
# что …» (that tells) nor a bare «как» («рассказал, как их задержали: …» goes on to tell it).
ANNOUNCED = re.compile(r",\s*(?:(?:в|на|из|о|об|с|по|для|до|от|у|к|за)\s+)?(?:как(?:ой|ая|ое|ие|их|им|ом|ую|ого|ому|ими)"
                       r"|скольк\w*|почему|зачем|куда|откуда|где|когда|кто|кого|кому|ч[её]м)\b", re.IGNORECASE)
ANNOUNCING = re.compile(r"\b(?:рассказ\w*|выясн\w*|объясн\w*|узна\w*|разобрал\w*|подсчита\w*|посчита\w*|определил\w*"
                        r"|проанализировал\w*|сравнил\w*|установ\w*)\s*$", re.IGNORECASE)


_WHERE = re.compile(r"(?:^|\s)(?:в|во|на)\s+")


def named_as_where(question: str, surface: str) -> bool:
    """Whether the question names `surface` as where something happened: after «в», «во» or «на» (one fixed
    pattern: a pattern built per name would be compiled again for every name the `re` cache has dropped)."""
    text, name = question.lower(), surface.lower()
    for m in _WHERE.finditer(text):
        end = m.end() + len(name)
        if text.startswith(name, m.end()) and (end == len(text) or not (text[end].isalnum() or text[end] == "_")):
            return True
    return False


def _single_words(groups) -> frozenset[str]:
    """The one-word lemmas of the groups and their close synonyms (credit 0.7 and up): what a passage may name
    them by («вагон», «состав»), not a phrase («российский гражданин»)."""
    return frozenset(phrase[0] for g in groups for phrase, credit in g.lemmas if len(phrase) == 1 and credit >= 0.7)


def penalty_question(question: str) -> tuple[bool, bool]:
    """Whether the question asks about a penalty («Какой срок грозит …?», «К чему приговорили …?»: a penalty word
    and a verb of giving or facing it), and whether about the one given («Какой срок дали …?»: no word of what one
    faces, «грозит»). Plain searches, not one pattern with a look-ahead: that tried the look-ahead at every position
    (~30–100 µs a question, a tenth of answer())."""
    if not PENALTY_WORD.search(question):
        return False, False
    if YEAR_ASKED.search(question):      # «В каком году осуждённого полицейского уволили?»: «году» is no term
        question = YEAR_ASKED.sub(" ", question)
        if not PENALTY_WORD.search(question):
            return False, False
    given = PENALTY_GIVEN_VERB.search(question) is not None
    faced = PENALTY_THREAT_ASKED.search(question) is not None
    return given or faced, given and not faced


def _goes_on(text: str, at: int) -> bool:
    """Whether the word at `at` stands inside a sentence: a letter, a digit, a comma, a colon or a hyphen before it."""
    j = at - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j >= 0 and (text[j].isalnum() or text[j] in ",;:-")


def _abstention_weights(groups: list[Group]) -> np.ndarray:
    """Each group's weight in the share of the question a passage covers (`fits`): its own, the head noun's doubled."""
    return np.array([g.weight * (HEAD_WEIGHT if g.head else 1.0) for g in groups])


def charge_question(question: str) -> bool:
    """Whether the question asks what someone is charged with or punished for: «в чём обвиняют», «что вменяют»,
    «какое преступление», or «за что» with a verb of arresting or punishing anywhere in it («за что их повязали»,
    «журналистов за что задержали»; not «за что отвечает», «за что благодарят»)."""
    if CHARGE_ASKED.search(question):
        return True
    if WHY.search(question) is not None and PUNISHED.search(question) is not None:
        return True
    return FOR_WHAT.search(question) is not None and PUNISHING.search(question) is not None


def announces(text: str) -> bool:
    """Whether the text holds «<a verb of finding out or telling>, <a question word>» (`ANNOUNCED` found first,
    then the verb before it: one pattern starting with the verbs cost ~10 µs a passage)."""
    return any(ANNOUNCING.search(text, max(0, m.start() - 24), m.start()) for m in ANNOUNCED.finditer(text))


# «Какой срок дали …?», «Сколько лет получил …?», «К чему приговорили …?»: the penalty given, which a passage telling only
# what one faces («ему грозит до семи лет лишения свободы») does not say (`_reported`); «Какой срок грозит …?» asks that.
PENALTY_WORD = re.compile(r"\b(?:срок\w*|лет|(?<!\d{4}\s)год\w*|наказани\w*|приговор\w*|колони\w*|тюрьм\w*|штраф\w*)\b", re.IGNORECASE)
PENALTY_GIVEN_VERB = re.compile(r"\b(?:дали|дадут|дал|получил\w*|приговорил\w*|приговор[её]н\w*|осудил\w*|осужд[её]н\w*"
                                r"|назначил\w*|присудил\w*|понес\w*|понёс\w*|наказал[аио]?|наказан[аоы]?|оказал\w*(?= наказани))\b", re.IGNORECASE)
PENALTY_THREAT_ASKED = re.compile(r"\bгроз\w*|\bсветит|\bмо(?:жет|гут) (?:получить|дать|грозить)|\bмаксимальн", re.IGNORECASE)
# «в каком году», «какого года»: the year asked for (DATE_GRAINS), which `penalty_question` does not take for a term.
YEAR_ASKED = re.compile(r"\b(?:в|с|до|к|на) каком году\b|\bв какой год\b|\b(?:с|до|к|на)? ?какого года\b|\b(?:к|до|на) какому году\b"
                        r"|\bв какие годы\b", re.IGNORECASE)
NAMING = re.compile(r"\bназвани[еяюи]|\bназыва\w*|\bназван\w*|\bпод именем|\bимени\s", re.IGNORECASE)
TITLE_WORDS = 5              # «храм Гал-Ерд»: the name within 5 words after the noun it names
NAMED_TRIES = 3               # «как называется …»: the choice and the next two are tested for a name
_NAMED_ASKED = dict(QTYPE_PATTERNS)[NAMED]
# An age and the noun it is of: «33-летнего водителя», «двух 17-летних подростков»; «водителю 33 года».
AGE_BESIDE = re.compile(r"\b\d{1,3}-летн\w*\s+(?:[а-яё]+(?:ого|его|ой|ей|ых|их|ому|ему|ым|им)\s+)?([а-яё]+)"
                        r"|\b([а-яё]+)\s+(?:был[оа]?\s+|исполнилось\s+)?\d{1,3}\s+(?:лет|года?)\b", re.IGNORECASE)
# A penalty in a passage («до семи лет колонии», «штраф в 50 тысяч», «пожизненное», «условный срок»).
# Years of a term are counted («к 10 годам», «пяти лет», «полутора лет»), not a year («в 2016 году», «этого года»).
_TERM_COUNT = (r"(?:(?<![\d.,])\d{1,2}(?:[.,]\d)?|полу?тора|нескольк\w+|(?:одн|дв|тр|четыр|пят|шест|сем|восьм|девят|десят"
               r"|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат"
               r"|двадцат)\w*)")
PENALTY_TERM_TEXT = re.compile(rf"\b(?:(?<!\bему )(?<!\bей )(?<!\bим )(?<!возрасте )(?<!исполнилось )(?<!исполнится )"
                               rf"{_TERM_COUNT}\s+(?:лет|года?|годам|годами|месяц\w*)(?!\s+назад)|лишени\w* свобод\w*|штраф\w*"
                               r"|пожизненн\w*|условн\w*|обязательн\w* работ\w*|исправительн\w* работ\w*"
                               r"|домашн\w* арест\w*|предупреждени\w*|выговор\w*|дисквалифик\w*|лишени\w* (?:водительск\w* )?прав\w*"
                               r"|\d+\s+сут(?:ки|ок|кам)|административн\w* арест\w*)\b", re.IGNORECASE)
PENALTY_THREAT_TEXT = re.compile(r"\bгроз(?:ит|ят|ило|или|ил|ила)\b|\bсветит\b|\bмо(?:жет|гут) (?:быть )?(?:получить|грозить|приговор\w*"
                                 r"|лишить|назначить)\b|\bпредусматрива\w*", re.IGNORECASE)
PENALTY_GIVEN_TEXT = re.compile(r"\bприговор\w*|\bназначил\w*|\bназначен\w*|\bосудил\w*|\bосужд[её]н\w*|\bполучил\w*|\bдали\b"
                                r"|\bвын[её]с\w*|\bусловн\w*", re.IGNORECASE)
# Words that name a kind of place («какие страны», «из каких городов»): the answer names the place (`_places_named`).
PLACE_KINDS = frozenset({"город", "страна", "государство", "столица", "регион", "область", "район", "край", "республика",
                         "село", "поселок", "деревня", "округ", "континент", "остров", "курорт", "станица", "провинция",
                         "штат"})
LETTERS = re.compile(r"[^\W\d_]+")           # a word, or one part of «Россия-Иран-Турция»
# «кто был инициатором», «кто является автором», «кто стал победителем»: the role a person is asked for by.
ROLE_PREDICATE = re.compile(r"\bкто\s+(?:же\s+)?(?:был[аио]?|явля(?:ется|ются|лся|лась|лись)|стал[аио]?|станет|будет"
                            r"|выступил[аи]?|выступает|оказался|оказалась|назначен[аы]?|назван[аы]?)\s+([а-яё]+(?:ом|ем|ём|ой|ей|ами|ями))\b",
                            re.IGNORECASE)
# «Кто возглавляет МИД Азербайджана?», «кто руководит …», «кто глава …»: what follows is the body headed.
HEAD_OF_ASKED = re.compile(r"\bкто\s+(?:сейчас\s+|же\s+|теперь\s+)?(?:возглавля\w*|руковод\w*|глава|главой|директор\w*"
                           r"|начальник\w*|председател\w*|управля\w*)\s+([^?!.,;]+)", re.IGNORECASE)
# A quotation, or a pronoun that may stand for the one whose words are asked for («— сказал он», «по её словам»).
SPOKEN_BY_SOMEONE = re.compile(r"[«\"„“]|\b(?:он|она|они|его|ее|её|их)\b", re.IGNORECASE)
# What someone is charged with or punished for, asked (`charge_question`) and told (CHARGE_LEMMAS): a charge
# («обвиняют в …», «подозревают», «вменяют», «по статье», «нарушение»), a link to one («связаны с транзитом»), or an
# offence («за хранение наркотиков», «дело о мошенничестве»). The offences are the usual ones of court news.
_IN_WHAT_ACCUSED = r"\bв ч[её]м (?:\w+ ){0,2}?(?:обвиня|подозрева|уличи|винят|упрека)\w*"     # «в чём (их) обвиняют»
CHARGE_ASKED = re.compile(_IN_WHAT_ACCUSED + r"|\bчто (?:\w+ )?(?:вменя|инкриминир)\w*"
                          r"|\bкак(?:ое|ие|ую) (?:\w+ )?обвинени\w*|\bпо как(?:ой|им) стать\w*", re.IGNORECASE)
# … «за что», «какое преступление» only beside a verb of arresting or punishing («Какое преступление раскрыли?» is not)
FOR_WHAT = re.compile(r"\bза что\b|\bкак(?:ое|ие|ую) (?:\w+ )?(?:преступлени|правонарушени)\w*", re.IGNORECASE)
PUNISHING = re.compile(r"\b(?:задерж|арест|посад|повяза|осуд|судят|судил|приговор|обвин|оштраф|штрафу|уволи|наказ|преслед"
                       r"|выслал|выслан|выдвор|депорт|заключ|схват|привлек|привлеч|лишил|уголовн|сажа|сидит|сидят|вменя|инкримин|подозр"
                       r"|дисквалифи|отстран)\w*",
                       re.IGNORECASE)
# … and «почему», «из-за чего» beside an arrest or a punishment told as an act («почему задержали Картавых», «из-за
# чего прошли задержания»), not beside the ones it befell («почему освобождение задержанных важно»).
WHY = re.compile(r"\bпочему\b|\bпо какой причине\b|\bиз-за чего\b|\bна каком основании\b", re.IGNORECASE)
PUNISHED = re.compile(r"\b(?:задержал[аи]?|задержан[аоы]?|задержани[еяю]|арестовал[аи]?|арестован[аоы]?|арест"
                      r"|посадил[аи]?|осудил[аи]?|осужд[её]н[аоы]?|приговорил[аи]?|приговор[её]н[аоы]?|оштрафовал[аи]?"
                      r"|оштрафован[аоы]?|уволил[аи]?|уволен[аоы]?|выслал[аи]?|выслан[аоы]?|депортировал[аи]?|депортирован[аоы]?"
                      r"|задержат|арестуют|посадят|осудят)\b", re.IGNORECASE)
# The questions whose charge must be told of the ones they name (`_charge_told`): not «какое обвинение предъявили …».
ACCUSED_ASKED = re.compile(r"\bза что\b|" + WHY.pattern + "|" + _IN_WHAT_ACCUSED, re.IGNORECASE)
# The words of accusing in a question («какие обвинения», «какие подозрения»): a charge told answers them.
ACCUSING_LEMMAS = frozenset({"обвинение", "обвинять", "обвинить", "подозрение", "подозревать", "претензия"})
# «…, который вернулся в Россию», «…, чей бизнес …»: a relative clause, which tells more of someone named before it.
RELATIVE_CLAUSE = re.compile(r",\s*(?:котор|чей|чья|чье|чьё|чьи)\w*", re.IGNORECASE)
# Who speaks for a body: «пресс-секретарь Кремля», «представитель МИД», «пресс-служба суда» give its words (`_spoken_of`).
SPOKESPERSON = frozenset({"пресс-секретарь", "представитель", "пресс-служба", "спикер", "пресс-центр", "пресс-атташе"})
# The lemmas that tell a charge in a sentence (`_charge_told`, read from the index's lemma ids).
CHARGE_LEMMAS = frozenset({
    "обвинять", "обвинить", "обвинение", "обвинительный", "подозревать", "подозрение", "заподозрить", "вменять",
    "вменить", "инкриминировать", "нарушение", "нарушить", "нарушитель", "причастный", "причастность", "уличить",
    "преступление", "киберпреступление", "правонарушение", "преступный", "незаконный", "незаконно", "статья", "ук",
    "коап", "связать", "связанный",
    # offences, told with «за» («за хранение наркотиков») or as the case's («дело о мошенничестве»)
    "хранение", "сбыт", "распространение", "шпионаж", "госизмена", "измена", "мошенничество", "кража", "убийство",
    "контрабанда", "взятка", "хулиганство", "оскорбление", "экстремизм", "терроризм", "уклонение", "неуплата",
    "разжигание", "дискредитация", "фейк", "пропаганда", "вымогательство", "нападение", "избиение", "грабеж", "разбой",
    "превышение", "халатность", "растрата", "присвоение", "насилие", "угроза", "финансирование", "пособничество",
    "подделка", "транзит", "контрабандный", "поджог", "похищение", "изнасилование", "покушение", "неповиновение",
    "сопротивление", "шантаж", "отмывание", "подкуп", "диверсия", "теракт", "коррупция", "хищение",
    # a sportsman's: «допинг», «выявили стероид»
    "допинг", "допинговый", "допинг-проба", "стероид"})
# «с» and, within five words, a capitalised word in the instrumental: «с коллегой из Азербайджана Самиром Шарифовым».
WITH_WHOM_TEXT = re.compile(r"\b[сС]\s+(?:[\w-]+\s+){0,5}?[А-ЯЁ][а-яё]+(?:ом|ем|ём|ым|им|ой|ей)\b")
# «Сколько человек …?», «сколько людей …?»: a count of people answers (PEOPLE_COUNT: a number, in digits or words,
# then within two words a noun of people: «более 600 человек», «восьмерых россиян», «полусотни человек»).
PEOPLE_ASKED = re.compile(r"\bсколько\s+(?:(?:всего|же|именно|примерно)\s+)?(?:человек|людей|народу)\b", re.IGNORECASE)
PEOPLE_COUNT = re.compile(r"(?:\b\d++(?:[.,\s]\d{3})*+(?:[.,]\d+)?+|\b(?:од(?:ин|ного|ному)|дв(?:а|ое|ух|оих)|тр(?:и|ое|ех|оих)|четыр\w*|пят\w*"
                          r"|шест\w*|сем\w*|восьм\w*|восем\w*|девят\w*|десят\w*|сотн\w*|полусотн\w*|полтор\w*|сто|двест\w*"
                          r"|тысяч\w*"
                          r"|нескольк\w*|десятк\w*|дюжин\w*|оба|обоих)\b)\s*(?:(?:тыс|млн|тысяч\w*|миллион\w*)\.?\s*)?"
                          r"(?:[^\W\d][\w-]*\s+){0,2}?(?:человек|людей|люди|жител|участник|посетител|зрител|гост|пассажир|сотрудник"
                          r"|работник|демонстрант|протестующ|болельщик|пострадавш|погибш|раненых|детей|ребен|россиян|граждан"
                          r"|пациент|студент|школьник|заключенн|задержанн|депутат|кандидат|военн|турист|волонт|добровол)",
                          re.IGNORECASE)
# «Сколько … сейчас?»: the latest count is asked for (`_newest_of`).
NOW_ASKED = re.compile(r"\b(?:сейчас|щас|теперь|на данный момент|на сегодня(?:шний день)?|в настоящее время|на текущий момент"
                       r"|до сих пор|по-прежнему|всё ещё|все ещё|все еще|всё еще)\b", re.IGNORECASE)
# «дословно», «процитируй», «что именно сказал»: the words themselves, in quotation marks (QUOTATION_TEXT).
VERBATIM_ASKED = re.compile(r"\bдословно\b|\bслово в слово\b|\bпроцитиру\w*|\bцитат\w*|\bточн\w+ слов\w*"
                            r"|\bчто (?:именно|конкретно|точно) (?:\w+ )?(?:сказал|написал|заявил|говорил|сообщил)\w*",
                            re.IGNORECASE)
QUOTATION_TEXT = re.compile(r"(?:^|\s)[«\"„“][^«»\"„“]{25,}")     # a quotation of a few words at least
# «Какие именно X?»: the passage must say which X (`_specified`).
SPECIFICS_ASKED = re.compile(r"\bкак\w+\s+(?:именно|конкретно)\b|\b(?:именно|конкретно)\s+как\w+", re.IGNORECASE)
# What names the one meant right after its noun: a number (not a year: «на высшем уровне 2020-2022 годов»), a name, in
# quotation marks too («компания "Дело вкуса"»; not «сотрудничества "3+3"», «в рамках "каспийской пятерки"»).
SPECIFIER = re.compile(r"[ \u00a0]*(?:№|[ \u00a0](?:(?!(?:1[89]|20)\d\d\b)\d|[A-ZА-ЯЁ]|[«\"„“][A-ZА-ЯЁ]))")
PREFIX = 4                    # `_specified` looks for a noun's lemmas by their first letters
# «Как зовут мужчину …?»: nouns that say only that it is someone; the report names him without them («поиски
# 48-летнего Анатолия Катяева»), so no name needs to stand beside them (`_name_role`).
ANYONE = frozenset({"мужчина", "женщина", "человек", "парень", "девушка", "юноша", "мальчик", "девочка", "ребенок",
                    "подросток", "мужик"})
# Animate nouns that are not people (pymorphy3 tags them «anim»): a count of «человек» does not count them.
ANIMALS = frozenset({"собака", "кошка", "кот", "пес", "щенок", "котенок", "животное", "зверь", "птица", "корова", "бык",
                     "лошадь", "конь", "свинья", "овца", "коза", "медведь", "волк", "лиса", "заяц", "олень", "лось",
                     "тигр", "лев", "дельфин", "кит", "тюлень", "пчела", "рыба", "курица", "утка", "гусь", "крыса",
                     "мышь", "змея", "насекомое", "особь"})
PEOPLE_NOUNS = frozenset({"человек", "люди"})     # what «сколько людей …» counts (`_counted_forms`)
TERM_ASKED = re.compile(r"\bсрок|\bдали\b|\bдадут\b|\bгрозит|\bсветит", re.IGNORECASE)   # a term, not days from and to
# A figure recalled from an earlier report («Отметим, 24 октября сообщалось, что …», «как сообщал ранее …»): «сколько»
# asks for the latest. Not «Напомним, …», which as often gives the background fact asked for (−1 on set 31).
RECALLED = re.compile(r"\bсообщалось\b|\bкак сообщал|\bранее сообщ", re.IGNORECASE)
# … unless the passage corrects the earlier report: «скончались трое пациентов, а не двое, как сообщалось ранее»,
# «а не 3, о чём сообщалось ранее».
CORRECTED = re.compile(r"\bа не [^,.;:]{1,40},\s*(?:как|что|о ч[её]м)\s+(?:\w+\s+){0,2}(?:сообщалось|сообщал|ранее сообщ"
                       r"|считалось)", re.IGNORECASE)


def recalled(text: str) -> bool:
    """Whether the passage gives a figure of an earlier report (RECALLED), not the latest one correcting it."""
    return RECALLED.search(text) is not None and CORRECTED.search(text) is None
# «Когда стало известно …», «когда сообщили …»: the date of the report is asked for, not that of the event.
KNOWN_ASKED = re.compile(r"известн|извесн|сообщ|узнал|объявил|стало ясно|появил\w* (?:информаци|сведени|новост|данн)",
                         re.IGNORECASE)
# What a date question asks for to the year, the month or the hour, and the text that gives it (`_prefer`).
# The hour of the day, then the time on the clock within it («около 19 часов», «в 8:23», not «вечером»).
CLOCK_TEXT = re.compile(r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b|\bчасу\b|\b(?:[01]?\d|2[0-3]) час(?:а|ов)?\b", re.IGNORECASE)
HOUR_TEXT = re.compile(r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b|\bчасу\b|\b(?:[01]?\d|2[0-3]) час(?:а|ов)?\b|\b(?:утром|дн[её]м|вечером"
                       r"|ночью|в полдень|в полночь|около полуночи|после полуночи)\b", re.IGNORECASE)
DATE_GRAINS = (
    (YEAR_ASKED, YEAR_IN_TEXT),
    (re.compile(r"\bв как(?:ом|ие|их) месяц", re.IGNORECASE),
     re.compile(r"\b(?:" + "|".join(MONTH_STEMS) + ")", re.IGNORECASE)),
    (re.compile(r"\bво сколько\b|\bв котором часу\b|\bв какое время\b(?! года)", re.IGNORECASE), HOUR_TEXT),
)
# «Сколько всего людей эвакуировали?»: the total («в общей сложности эвакуировали 28 человек»), not a part of it.
TOTAL_ASKED = re.compile(r"\bскол\w* всего\b|\bвсего скольк|\bв общей сложности\b|\bобщ(?:ее|ая) (?:число|количество|сумма)\b",
                         re.IGNORECASE)
TOTAL_TEXT = re.compile(r"\bвсего\b|\bв общей сложности\b|\bв целом\b|\bобщ(?:ее|ая|ей|ие) (?:число|количеств|сумм)|\bитого\b"
                        r"|\bсуммарн", re.IGNORECASE)
# «О задержании стало известно 1 июля»: a date of the report.
KNOWN_DATE = re.compile(r"стало известно\s+(?:\d{1,2}\s+[а-яё]+|в\s+\w+|накануне|вчера|сегодня)", re.IGNORECASE)
# «стало известно», «сообщили»: a passage that tells the report, for «о скольких … стало известно?».
REPORTED_TEXT = re.compile(r"\bстало известно\b|\bсообщ(?:ил|или|ила|ало|алось|ается|ают)\b", re.IGNORECASE)
# Words given as someone's by name or role after the quotation: «…», - сказал президент РФ; not «…», - сказал он.
ATTRIBUTED = re.compile(r"[»\"“”]\s*,?\s*[-—–]\s*(?:сказал|заявил|отметил|подчеркнул|добавил|сообщил|пояснил|уточнил|рассказал"
                        r"|указал|ответил|заключил|резюмировал)\w*\s+(?!он\b|она\b|они\b|мне\b|нам\b)\w", re.IGNORECASE)
# Someone's words: a quotation, or a verb or phrase that reports them.
WORDS_GIVEN = re.compile(r"[«»\"“”„]|\bпо (?:его|ее|её|их) (?:словам|мнению|оценке)\b"
                         r"|\b(?:заявил|сообщил|отметил|подчеркнул|добавил|сказал|пояснил|уточнил|рассказал|указал)\w*",
                         re.IGNORECASE)
# Words of outlets' names that questions use for other things too.
_GENERIC_OUTLET_WORDS = frozenset({"новости", "новость", "время", "газета", "ru", "com", "news", "онлайн", "сайт"})


def outlet_words(articles: Sequence[Article]) -> dict[str, str]:
    """Each word of the corpus's outlets' names (folded) → the outlet, folded: «тасс», «риа» → «риа новости»."""
    words: dict[str, str] = {}
    for article in articles:
        if article.source == UNKNOWN_SOURCE:
            continue
        name = fold(article.source)
        for word in re.findall(r"\w+(?:\.\w+)?", name):
            if len(word) >= 3 and word not in _GENERIC_OUTLET_WORDS:
                words.setdefault(word, name)
    return words


def _corpus_bytes(corpus_dir: Path) -> int:
    total = 0
    for path in corpus_files(corpus_dir) if corpus_dir.is_dir() else []:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


def _build_in_child(corpus_dir: Path, cache_dir: Path) -> bool:
    """Index the corpus in a child process that writes the cache; False (logged) when it could not.
    The child runs at a lower priority (nice +CHILD_NICENESS): during a /reload the bot keeps answering on
    the same cores, and its answers must not wait behind the build."""
    code = (f"import os, sys\nos.nice({CHILD_NICENESS}) if hasattr(os, 'nice') else None\n"
            "from index.engine import AnswerEngine\n"
            "AnswerEngine.load(sys.argv[1], cache_dir=sys.argv[2], warm_up=False)\n")
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", code, str(corpus_dir), str(cache_dir)],
                              capture_output=True, text=True, errors="replace", check=False)
    except OSError as exc:
        log.warning("indexing in a child process failed to start (%s): indexing here", exc)
        return False
    if done.returncode != 0:
        log.warning("indexing in a child process failed (exit %s): indexing here; %s", done.returncode,
                    done.stderr.strip().splitlines()[-1:] or "")
        return False
    log.info("index built by a child process in %.1f s", time.perf_counter() - started)
    return True



def warm_up_kernels(background: bool = False) -> None:
    """Compile index/kernels.py and index/rerank.py with the types the engine passes (or load them from
    numba's disk cache) by answering a question about a two-sentence corpus: without it, the first question
    after an install waits ~15 s for the compiler. `background`: in a daemon thread, once per process."""
    global _warming
    if background:
        if _warming is None:
            _warming = threading.Thread(target=warm_up_kernels, name="warm-up-kernels", daemon=True)
            _warming.start()
        return
    article = Article(id="warm-up", title="Россиян задержали в Баку", source="ТАСС")
    corpus = Corpus(articles=[article], sentences=[
        Sentence(0, 0, -1, article.title, True),
        Sentence(0, 1, 0, "В Баку задержали восемь граждан России, сообщил Песков 10 декабря.", True),
        Sentence(0, 2, 0, "Он добавил, что их освободят.", True),
    ])
    # The same with a sentence of 256+ lemmas: sentence lengths are then uint16, not uint8 (BM25Index.length_terms).
    long_corpus = Corpus(articles=[article], sentences=[
        *corpus.sentences[:2], Sentence(0, 2, 0, " ".join(["Граждане России задержаны в Баку."] * 70), True)])
    try:
        for warm in (corpus, long_corpus):
            AnswerEngine(warm).answer("Сколько россиян задержали в Баку?")
    except Exception as exc:  # noqa: BLE001 - only a head start: the first question compiles what is missing
        log.info("kernels not compiled in advance: %s: %s", type(exc).__name__, exc)


def _or_per_sentence(bits: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The feature bits of each sentence OR-ed together (0 for a sentence without features)."""
    n = len(offsets) - 1
    out = np.zeros(n, dtype=np.uint8)
    nonempty = np.flatnonzero(offsets[1:] > offsets[:-1])
    if len(nonempty):
        out[nonempty] = np.bitwise_or.reduceat(bits, offsets[:-1][nonempty])
    return out


__all__ = ["AnswerEngine", "feature_tokens", "fold", "joining_flags"]
