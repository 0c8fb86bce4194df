"""kernels.shortlist skips postings (MaxScore, block by block): it must still return the best sentences.

Checked against the score written out in NumPy for every sentence of generated corpora large enough to
span several blocks, with questions whose groups have several forms (credits rising), phrase forms and
names: the sentences it returns carry their true score, and no sentence it left out scores higher.
"""

import random

import numpy as np
import pytest

from index import kernels
from index.bm25 import BM25Index

K = 60


def _corpus(rng: random.Random, n_docs: int, n_articles: int, long: bool = False
            ) -> tuple[BM25Index, np.ndarray, np.ndarray]:
    """Sentences of Zipf-distributed words, in articles of consecutive sentences; a few not quotable.
    long: one sentence of 300 words (lengths then need two bytes: the kernels' other compiled variant)."""
    words = [f"w{i}" for i in range(400)]
    weights = [1 / (i + 1) for i in range(len(words))]
    docs = [rng.choices(words, weights, k=rng.randint(1, 25)) for _ in range(n_docs)]
    if long:
        docs[rng.randrange(n_docs)] = rng.choices(words, weights, k=300)
    cuts = sorted(rng.sample(range(1, n_docs), n_articles - 1))
    sent_article = np.searchsorted(np.array(cuts), np.arange(n_docs), side="right").astype(np.int32)
    quotable = np.array([rng.random() > 0.05 for _ in range(n_docs)])
    return BM25Index.build(docs), sent_article, quotable


def _question(rng: random.Random, index: BM25Index, n_docs: int, common: bool = False) -> dict:
    """Groups of 1-4 forms (index terms, sometimes a phrase with its own postings), credits rising.
    common: 2-4 groups of the corpus's most frequent words, so that the best sentences hold every group
    (the kernel then makes candidates from the group with the fewest postings, whatever its bound)."""
    if common:
        frequent = sorted(index.vocab, key=lambda t: -(index.offsets[index.vocab[t] + 1] - index.offsets[index.vocab[t]]))
        terms = rng.sample(frequent[:30], 30)
    else:
        terms = rng.sample(sorted(index.vocab), 30)       # enough for 7 groups of 4 forms
    rows = []
    n_groups = rng.randint(2, 4) if common else rng.randint(1, 7)
    for g in range(n_groups):
        for credit in sorted(rng.choice([0.6, 0.7, 0.9, 1.0]) for _ in range(rng.randint(1, 4))):
            if rng.random() < 0.1:
                docs = np.array(sorted(rng.sample(range(n_docs), rng.randint(1, 200))), dtype=np.int32)
                rows.append((g, credit, -1, docs, np.array([rng.uniform(0.5, 8) for _ in docs])))
            else:
                rows.append((g, credit, index.vocab[terms.pop()], None, None))
    extra = [r for r in rows if r[2] < 0]
    extra_docs = np.concatenate([r[3] for r in extra]) if extra else np.zeros(0, dtype=np.int32)
    extra_weight = np.concatenate([r[4] for r in extra]) if extra else np.zeros(0)
    lo, hi, at = [], [], 0
    for r in rows:
        if r[2] < 0:
            lo.append(at)
            at += len(r[3])
            hi.append(at)
        else:
            lo.append(int(index.offsets[r[2]]))
            hi.append(int(index.offsets[r[2] + 1]))
    group_idf = np.array([rng.uniform(0.5, 9) for _ in range(n_groups)])
    return {
        "extra_docs": extra_docs.astype(np.int32), "extra_weight": extra_weight,
        "form_group": np.array([r[0] for r in rows], dtype=np.int64),
        "form_credit": np.array([r[1] for r in rows]),
        "form_term": np.array([r[2] for r in rows], dtype=np.int64),
        "form_lo": np.array(lo, dtype=np.int64), "form_hi": np.array(hi, dtype=np.int64),
        "form_idf": np.array([index.idf_of(r[2]) if r[2] >= 0 else 0.0 for r in rows]),
        "form_extra": np.array([r[2] < 0 for r in rows]),
        "group_idf": group_idf, "group_name": np.array([rng.random() < 0.3 for _ in range(n_groups)]),
    }


def _bitmaps(index: BM25Index, sent_article: np.ndarray, n_articles: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The article bitmaps of every lemma, of none, or of the frequent ones (as the engine makes them)."""
    least = [1, 10**9, kernels.bitmap_min_postings(n_articles)][seed % 3]
    bits, row = kernels.article_bitmaps(index.docs, index.offsets, sent_article, n_articles, least)
    return row, bits


def _expected(index: BM25Index, q: dict, sent_article: np.ndarray, quotable: np.ndarray, headline: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every sentence's preliminary score, as kernels.shortlist documents it; each article's credits and
    first names (groups × articles), from every posting read one by one."""
    n_docs, n_groups = index.n_docs, len(q["group_idf"])
    n_articles = int(sent_article.max()) + 1
    total_idf = q["group_idf"].sum()
    cov, lex = np.zeros(n_docs), np.zeros(n_docs)
    art_credit = np.zeros((n_groups, n_articles))
    first_name = np.full((n_groups, n_articles), -1, dtype=np.int64)
    lex_bound = 0.0
    weight_max = index.weight_max()
    term_of = {i: t for t, i in index.vocab.items()}
    for g in range(n_groups):
        credit, weight = np.zeros(n_docs), np.zeros(n_docs)
        top = 0.0
        for f in np.flatnonzero(q["form_group"] == g):        # the last form found counts
            c = q["form_credit"][f]
            if q["form_extra"][f]:
                docs = q["extra_docs"][q["form_lo"][f]:q["form_hi"][f]]
                w = q["extra_weight"][q["form_lo"][f]:q["form_hi"][f]]
                top = max(top, w.max())
            else:
                docs, w = index.postings(term_of[int(q["form_term"][f])])
                w = w * c
                if len(docs):
                    top = max(top, q["form_idf"][f] * c * weight_max[q["form_term"][f]])
            credit[docs] = c
            weight[docs] = w
            np.maximum.at(art_credit[g], sent_article[docs], c)
            if q["group_name"][g]:
                for d in docs[quotable[docs] & ~headline[docs]][::-1]:
                    a = sent_article[d]
                    if first_name[g, a] < 0 or d < first_name[g, a]:
                        first_name[g, a] = d
        cov += q["group_idf"][g] * credit
        lex += weight
        lex_bound += top
    factor = 0.6 + 0.4 * (q["group_idf"] @ art_credit) / total_idf
    score = (cov / total_idf + 0.1 * np.maximum(lex, 0) / max(lex_bound, 1e-9)) * factor[sent_article]
    return np.where(quotable, score, 0.0), art_credit, first_name


@pytest.mark.parametrize("seed", range(8))
def test_shortlist_returns_the_best_sentences_exactly(seed):
    """The best sentences with their true scores, and their articles' credits and first names as every
    posting gives them (looked up, after the walk, for the articles of the sentences kept).
    Articles of very different sizes: a few long ones (a block spans a few articles: their factors bound
    the threshold) or many short ones (a block spans many)."""
    rng = random.Random(seed)
    n_docs = 3 * kernels.BLOCK + rng.randint(1, 5000)          # several blocks: the skipping starts in the second
    n_articles = rng.randint(2, 40) if seed % 4 < 2 else rng.randint(400, 1500)
    index, sent_article, quotable = _corpus(rng, n_docs, n_articles, long=seed % 2 == 1)
    assert index.length_terms()[0].dtype == (np.uint16 if seed % 2 else np.uint8)
    art_end = np.searchsorted(sent_article, np.arange(int(sent_article.max()) + 1), side="right")
    headline = np.array([rng.random() < 0.1 for _ in range(n_docs)])
    scratch = kernels.new_scratch()                             # reused, as a worker thread reuses it
    bitmaps = _bitmaps(index, sent_article, len(art_end), seed)
    for i in range(12):
        q = _question(rng, index, n_docs, common=i % 3 == 2)
        expected, art_credit, first_name = _expected(index, q, sent_article, quotable, headline)
        sids, scores, _, credit, first = kernels.shortlist(
            index.docs, index.tf, *index.length_terms(), index.k1, index.weight_max(), q["extra_docs"],
            q["extra_weight"], q["form_group"], q["form_credit"], q["form_term"], q["form_lo"], q["form_hi"],
            q["form_idf"], q["form_extra"], q["group_idf"], float(q["group_idf"].sum()), q["group_name"],
            sent_article, art_end, quotable, headline, *bitmaps, K, *scratch)
        assert len(sids) == min(K, int((expected > 0).sum()))
        np.testing.assert_allclose(scores, expected[sids], rtol=1e-9)
        assert (np.diff(scores) <= 1e-12).all()                    # best first
        left_out = np.ones(n_docs, dtype=bool)
        left_out[sids] = False
        if len(sids):
            assert expected[left_out].max(initial=0.0) <= scores[-1] * (1 + 1e-9)
        np.testing.assert_array_equal(credit, art_credit[:, sent_article[sids]])
        np.testing.assert_array_equal(first, first_name[:, sent_article[sids]])


@pytest.mark.parametrize("seed", range(4))
def test_halves_of_the_corpus_together_give_the_whole_shortlist(seed):
    """kernels.part over two halves cut where an article starts, merged as the engine merges them, is
    kernels.shortlist over the whole: the same sentences, scores, their articles' credits and first names.
    With hundreds of articles the cut falls past the first 64 (the second half's articles start inside a
    bitmap word)."""
    rng = random.Random(100 + seed)
    n_docs = 3 * kernels.BLOCK + rng.randint(1, 5000)
    index, sent_article, quotable = _corpus(rng, n_docs, rng.randint(2, 40) if seed % 2 else rng.randint(200, 700))
    art_end = np.searchsorted(sent_article, np.arange(int(sent_article.max()) + 1), side="right")
    headline = np.array([rng.random() < 0.1 for _ in range(n_docs)])
    for i in range(6):
        q = _question(rng, index, n_docs, common=i % 2 == 1)
        args = (index.docs, index.tf, *index.length_terms(), index.k1, index.weight_max(), q["extra_docs"],
                q["extra_weight"], q["form_group"], q["form_credit"], q["form_term"], q["form_lo"], q["form_hi"],
                q["form_idf"], q["form_extra"], q["group_idf"], float(q["group_idf"].sum()), q["group_name"],
                sent_article, art_end, quotable, headline, *_bitmaps(index, sent_article, len(art_end), seed), K)
        whole = kernels.shortlist(*args, *kernels.new_scratch())
        middle = int(art_end[rng.randrange(65 if len(art_end) > 100 else 0, len(art_end) - 1)])
        first = kernels.part(0, middle, *args, *kernels.new_scratch())
        second = kernels.part(middle, n_docs, *args, *kernels.new_scratch())
        merged = kernels.best(*(np.concatenate([a, b], axis=a.ndim - 1) for a, b in zip(first, second)), K)
        for got, want in zip(merged, whole):
            np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("seed", range(8))
def test_article_factors_are_those_of_every_posting_bit_for_bit(seed):
    """kernels.article_factor reads a frequent lemma's article bitmap 64 articles at a time and the other forms
    posting by posting: each article's factor must be the documented sum over every posting, added group by
    group in order (the shortlist's scores depend on it bit for bit). Articles of very different sizes, some
    empty, groups without forms, forms without postings, phrases; the whole corpus and each half of a cut."""
    rng = np.random.default_rng(seed)
    n_docs = int(rng.integers(200, 20_000))
    sizes = rng.choice([0, 1, 3, 40, 400], size=int(rng.integers(1, 400)))
    sizes[-1] = max(sizes[-1], 1)
    cuts = np.cumsum(sizes) * n_docs // sizes.sum()
    sent_article = np.searchsorted(cuts, np.arange(n_docs), side="right").astype(np.int32)
    n_articles = len(sizes)
    art_end = np.searchsorted(sent_article, np.arange(n_articles), side="right")
    n_forms = int(rng.integers(1, 14))
    postings = [np.flatnonzero(rng.random(n_docs) < rng.choice([0.9, 0.3, 0.01, 0.0005, 0.0])).astype(np.int32)
                for _ in range(n_forms)]
    extra = rng.random(n_forms) < 0.25              # phrase forms: their postings in extra_docs
    terms = [p for p, e in zip(postings, extra) if not e]
    docs = np.concatenate(terms + [np.zeros(0, dtype=np.int32)])
    offsets = np.concatenate([[0], np.cumsum([len(p) for p in terms])]).astype(np.int64)
    extra_docs = np.concatenate([p for p, e in zip(postings, extra) if e] + [np.zeros(0, dtype=np.int32)])
    form_term, lo, hi, at_extra, term = [], [], [], 0, 0
    for p, e in zip(postings, extra):
        if e:
            form_term.append(-1)
            lo.append(at_extra)
            at_extra += len(p)
            hi.append(at_extra)
        else:
            form_term.append(term)
            lo.append(int(offsets[term]))
            hi.append(int(offsets[term + 1]))
            term += 1
    n_groups = int(rng.integers(1, 5))
    form_group = np.sort(rng.integers(0, n_groups, n_forms))
    form_credit = rng.choice([0.6, 0.7, 0.9, 1.0], n_forms)
    for g in range(n_groups):                        # rising within a group, as reading.form_table gives them
        form_credit[form_group == g] = np.sort(form_credit[form_group == g])
    group_idf = rng.uniform(0.5, 9, n_groups)
    total_idf = float(group_idf.sum())
    least = [1, 10**9, kernels.bitmap_min_postings(n_articles), 50][seed % 4]
    bits, bit_row = kernels.article_bitmaps(docs, offsets, sent_article, n_articles, least)
    credit = np.zeros((n_groups, n_articles))
    for p, g, c in zip(postings, form_group, form_credit):
        np.maximum.at(credit[g], sent_article[p], c)
    total = np.zeros(n_articles)
    for g in range(n_groups):
        total = total + group_idf[g] * credit[g]
    want = 0.6 + 0.4 * total / total_idf
    form_term, lo, hi = (np.array(a, dtype=np.int64) for a in (form_term, lo, hi))
    middle = int(art_end[rng.integers(0, n_articles)])
    for first_doc, last_doc in ((0, n_docs), (0, middle), (middle, n_docs)):
        if last_doc <= first_doc:
            continue
        arrays = [extra_docs if e else docs for e in extra]
        part_lo = np.array([np.searchsorted(a[f:t], first_doc) + f for a, f, t in zip(arrays, lo, hi)], dtype=np.int64)
        part_hi = np.array([np.searchsorted(a[f:t], last_doc) + f for a, f, t in zip(arrays, lo, hi)], dtype=np.int64)
        first_art, last_art = int(sent_article[first_doc]), int(sent_article[last_doc - 1]) + 1
        got = kernels.article_factor(first_art, last_art, docs, extra_docs, form_group, form_credit, form_term,
                                     part_lo, part_hi, extra, group_idf, total_idf, sent_article, bit_row, bits)
        np.testing.assert_array_equal(got[first_art:last_art], want[first_art:last_art])


def test_a_heavy_question_split_over_two_cores_gets_the_same_answers(seed_engine, monkeypatch):
    """On a corpus of several blocks, every question answered with the shortlist split over two
    threads (by halves of the corpus) gets the answer it gets in one."""
    from index import engine as engine_mod
    from index.engine import AnswerEngine
    from index.models import Article, Corpus, Sentence

    seed = seed_engine.corpus
    articles, sentences = [], []

    def add(article: Article, kept) -> None:
        articles.append(article)
        sentences.extend(Sentence(len(articles) - 1, *s[1:]) for s in kept)

    # Copies of the articles' first third (headline, lead: they share the questions' words), past two
    # blocks, then the articles whole: most answers are only in the second half of the sentences.
    copy = 0
    while len(sentences) < 3 * kernels.BLOCK:
        for a, article in enumerate(seed.articles):
            own = [s for s in seed.sentences if s.article == a]
            add(Article(id=f"{article.id}-{copy}", title=article.title, source=article.source, date=article.date),
                own[: len(own) // 3])
        copy += 1
    for a, article in enumerate(seed.articles):
        add(article, [s for s in seed.sentences if s.article == a])
    engine = AnswerEngine(Corpus(articles=articles, sentences=sentences))
    questions = ["Сколько россиян задержали в Баку?", "Что сказал Песков о задержанных?",
                 "Когда откроется метро в Баку?", "Кого обвиняют в Азербайджане и в чём?",
                 "Россия Азербайджан Баку граждане задержание суд", "Кто такой Шарифов?",
                 "Где проходил саммит СНГ?", "Какой срок грозит обвиняемым?"]
    monkeypatch.setattr(engine_mod, "PARALLEL_POSTINGS", 10**12)
    alone = [engine.answer(q) for q in questions]
    split = []
    monkeypatch.setattr(engine_mod, "PARALLEL_POSTINGS", 0)
    part = kernels.part
    monkeypatch.setattr(kernels, "part", lambda first, *a: (split.append(1) if first > 0 else None) or
                        part(first, *a))
    together = [engine.answer(q) for q in questions]
    assert len(split) >= len(questions) - 1 or engine._second is None
    assert [(a.best, a.more) for a in together] == [(a.best, a.more) for a in alone]
    whole = {a.id for a in seed.articles}
    assert sum(a.best is not None and a.best.article.id in whole for a in alone) >= 3   # found in the second half
