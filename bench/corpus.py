"""Synthetic-but-real benchmark corpora: real Russian news sentences recombined, with new word forms
minted at the rate Heaps' law predicts, written as article files the real loader reads.

Sources: `seeds/*.txt` and `../shared/eval/realnews/*.txt`, split into sentences by the project's own
loader (`index.corpus.load_corpus`). Everything is deterministic for a given seed.

How a sentence is made: the first part of one real sentence (cut at a word boundary, preferably at a
comma) followed by the tail of another, or (one time in four) a real sentence as it is. Then, to keep the
number of distinct word forms V on the curve V = K * T**BETA (T = tokens so far, K fitted on the sources
with BETA fixed), as many words as the curve asks for are replaced by new forms, capitalised like the word
they replace: three in four are real Russian word forms the text has not used yet, taken from pymorphy3's
dictionary near the prefix of a real word (rare words, often several forms of one lemma); one in four is
an out-of-vocabulary coinage, the start of one real word glued to the ending of another («азерба» +
«скими»), standing for names, transliterations and typos. New forms are reused now and then, so not all
of them are hapaxes.
"""

from __future__ import annotations

import json
import math
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "seeds", ROOT.parent / "shared" / "eval" / "realnews")
DEV_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev_questions.json"

BETA = 0.6
DICTIONARY_SHARE = 0.75   # new forms that are real dictionary words; the rest are out-of-vocabulary coinages
WORD_RE = re.compile(r"\w+")
LETTERS_RE = re.compile(r"^[А-Яа-яЁё]{4,}$")
ALPHABET = "абвгдежзийклмнопрстуфхцчшщыэюя"
MINT_SOURCE_RE = re.compile(r"^[а-яё]{5,}$")

# Words too common to make a question of (a crude list: the engine drops these anyway).
STOP = frozenset(["этот", "этого", "этой", "этом", "этому", "эти", "этих", "этим", "также", "кроме", "того", "более", "менее", "после", "перед", "через", "между", "было", "были", "была", "быть", "будет", "будут", "который", "которые", "которых", "которая", "которой", "котором", "которую", "может", "могут", "только", "очень", "когда", "если", "чтобы", "однако", "тоже", "свой", "своей", "своих", "своим", "свои", "всех", "весь", "всего", "всей", "ними", "него", "неё", "нему", "них"])

QUESTION_PREFIXES = ("", "", "", "Когда", "Кто", "Что", "Где", "Сколько", "Почему", "Как")

# Questions about things the coverage does not hold (the engine should abstain, and do it quickly).
OUT_OF_SCOPE = [
    "Какая погода будет завтра в Сочи?", "Как приготовить борщ с пампушками?",
    "Кто выиграл чемпионат мира по хоккею в прошлом году?", "Сколько стоит билет на самолёт до Владивостока?",
    "Где купить зимние шины недорого?", "Почему небо голубое?", "Как выучить английский язык за месяц?",
    "Какой курс биткоина сегодня?", "Когда начнутся школьные каникулы?", "Кто написал роман «Война и мир»?",
    "Сколько калорий в банане?", "Как настроить роутер дома?", "Где отдохнуть летом с детьми?",
    "Какие фильмы выходят в кино на этой неделе?", "Что подарить маме на день рождения?",
    "Как лечить простуду народными средствами?", "Сколько лет живут черепахи?", "Где находится Мачу-Пикчу?",
    "Кто изобрёл телефон?", "Как вырастить помидоры на балконе?", "Какой самый глубокий океан?",
    "Почему кошки мурлыкают?", "Сколько весит слон?", "Как сменить пароль от почты?",
    "Когда цветёт сакура в Японии?", "Какие овощи полезны для зрения?", "Кто поёт песню про рюмку водки?",
    "Где посмотреть северное сияние?", "Как сделать ремонт в ванной своими руками?",
    "Что такое квантовая запутанность?",
]

CITIES = ("МОСКВА", "САНКТ-ПЕТЕРБУРГ", "ВЛАДИВОСТОК", "КРАСНОЯРСК", "НОВОСИБИРСК", "КАЗАНЬ", "БАКУ", "МИНСК",
          "ЕКАТЕРИНБУРГ", "КАЛИНИНГРАД", "ЛОНДОН", "ПАРИЖ", "БЕРЛИН", "ВАШИНГТОН", "ПЕКИН", "АНКАРА")
OUTLETS = ("/ТАСС/.", "- РИА Новости.", "- Интерфакс.", "/РАПСИ/.", "- Известия.")
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря")


@dataclass
class Sources:
    body: list[str]          # quotable body sentences
    headlines: list[str]
    tokens: int
    forms: int
    k: float                 # Heaps' K for BETA, fitted on the sources
    beta_fit: float          # the sources' own exponent (two-point fit), for the record


def load_sources() -> Sources:
    from index.corpus import load_corpus

    body: list[str] = []
    headlines: list[str] = []
    for folder in SOURCES:
        for s in load_corpus(folder).sentences:
            if s.paragraph == -1:
                headlines.append(s.text.rstrip("."))
            elif s.quotable and len(s.text.split()) >= 4:
                body.append(s.text)
    words = [w.lower() for text in body + headlines for w in WORD_RE.findall(text)]
    t, v = len(words), len(set(words))
    half = len(set(words[: t // 2]))
    beta_fit = math.log(v / half) / math.log(2) if half else BETA
    return Sources(body, headlines, t, v, v / t ** BETA, beta_fit)


@dataclass
class CorpusInfo:
    folder: str
    sentences_target: int
    sentences_written: int   # lines of text, before the loader's own sentence split
    articles: int
    tokens: int              # \w+ tokens written
    forms: int               # distinct lower-case \w+ forms written
    forms_heaps: int         # K * tokens**BETA
    minted: int
    k: float
    beta: float
    seed: int
    bytes: int


class Generator:
    def __init__(self, sources: Sources, seed: int) -> None:
        self.src = sources
        self.rng = random.Random(seed)
        self.split = [s.split() for s in sources.body]
        # Cut points: after a comma when there is one in the middle, else any word boundary.
        self.mint_pool = sorted({w.lower() for s in self.split for w in s if MINT_SOURCE_RE.match(w.lower())})
        self.seen: set[str] = set()
        self.minted: list[str] = []
        self.tokens = 0
        self.deficit = 0.0
        self.words = None                 # pymorphy3's dictionary, opened when first needed
        self.pool: list[str] = []

    def _dictionary_form(self) -> str | None:
        """A real Russian word form the text has not used yet, from pymorphy3's dictionary: the forms found
        after a random prefix of a real word go into a pool, and the pool is drawn from at random."""
        rng = self.rng
        if len(self.pool) < 200:
            if self.words is None:
                import pymorphy3

                self.words = pymorphy3.MorphAnalyzer().dictionary.words
            for _ in range(40):
                w = rng.choice(self.mint_pool)
                it = self.words.iterkeys(w[: rng.randint(2, 4)] + rng.choice(ALPHABET))
                for _ in range(rng.randint(0, 5)):
                    if next(it, None) is None:
                        break
                self.pool.extend(dict.fromkeys(f for f, _ in zip(it, range(50))
                                                 if MINT_SOURCE_RE.match(f) and f not in self.seen))
        while self.pool:
            i = rng.randrange(len(self.pool))
            self.pool[i], self.pool[-1] = self.pool[-1], self.pool[i]
            form = self.pool.pop()
            if form not in self.seen:
                return form
        return None

    def _mint(self, like: str) -> str:
        rng = self.rng
        form = self._dictionary_form() if rng.random() < DICTIONARY_SHARE else None
        while form is None:
            a, b = rng.choice(self.mint_pool), rng.choice(self.mint_pool)
            form = a[: rng.randint(3, min(7, len(a) - 1))] + b[-rng.randint(2, min(5, len(b) - 1)):]
            if form in self.seen:
                form = None
        self.minted.append(form)
        return form.capitalize() if like[:1].isupper() else form

    def _recombine(self) -> list[str]:
        rng = self.rng
        a = self.split[rng.randrange(len(self.split))]
        if rng.random() < 0.25:
            return list(a)
        b = self.split[rng.randrange(len(self.split))]
        commas = [i + 1 for i, w in enumerate(a[:-2]) if w.endswith(",") and i >= 2]
        cut_a = rng.choice(commas) if commas and rng.random() < 0.7 else rng.randint(2, max(2, len(a) - 2))
        cut_b = rng.randint(1, max(1, len(b) - 3))
        words = a[:cut_a] + b[cut_b:]
        return words[:60]

    def sentence(self) -> str:
        rng = self.rng
        words = self._recombine()
        for _ in range(8):          # a sentence that ends up too short or without an ending gets another try
            if len(words) >= 4 and words[-1][-1:] in '.!?…»"':
                break
            words = self._recombine()
        if words[-1][-1:] not in '.!?…»"':
            words[-1] += "."
        # Heaps: how many forms the curve wants beyond what the text brought by itself.
        tokens = [WORD_RE.findall(w) for w in words]
        n_tokens = sum(len(t) for t in tokens)
        new_forms = {f.lower() for t in tokens for f in t} - self.seen
        self.tokens += n_tokens
        want = self.src.k * self.tokens ** BETA
        self.deficit = max(0.0, want - (len(self.seen) + len(new_forms)))
        slots = [i for i, w in enumerate(words) if LETTERS_RE.match(w.strip('.,;:!?«»"()'))]
        rng.shuffle(slots)
        n_mint = min(int(self.deficit), len(slots))
        for i in slots[:n_mint]:
            core = words[i].strip('.,;:!?«»"()')
            words[i] = words[i].replace(core, self._mint(core), 1)
            new_forms.add(self.minted[-1])
            self.seen.add(self.minted[-1])
        # Reuse: a minted form comes back now and then (rare words recur).
        if self.minted and len(slots) > n_mint and rng.random() < 0.3:
            i = slots[n_mint]
            core = words[i].strip('.,;:!?«»"()')
            words[i] = words[i].replace(core, rng.choice(self.minted), 1)
        self.seen.update(new_forms)
        text = " ".join(words)
        # A sentence starts with a capital (the 2010 RIA texts are lower-case; razdel would glue them on).
        first = next((i for i, ch in enumerate(text) if ch.isalnum()), 0)
        return text[:first] + text[first:first + 1].upper() + text[first + 1:]


def generate(n_sentences: int, folder: Path, seed: int = 20251125, per_article: int = 1000,
             sources: Sources | None = None) -> tuple[CorpusInfo, list[str]]:
    """Write about `n_sentences` sentences as article files under `folder`; return info and all sentences."""
    src = sources or load_sources()
    gen = Generator(src, seed)
    rng = gen.rng
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    articles = 0
    nbytes = 0
    all_sentences: list[str] = []
    while written < n_sentences:
        count = min(per_article, n_sentences - written)
        headline = rng.choice(src.headlines)
        lines = [headline]
        body = [gen.sentence() for _ in range(count - 1)] if count > 1 else []
        all_sentences.extend(body)
        dateline = (f"{rng.choice(CITIES)}, {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)} г. "
                    f"{rng.choice(OUTLETS)} ")
        i = 0
        first = True
        while i < len(body):
            k = rng.randint(1, 4)
            para = " ".join(body[i:i + k])
            lines.append((dateline + para) if first else para)
            first = False
            i += k
        text = "\n".join(lines) + "\n"
        path = folder / f"{articles:06d}.txt"
        path.write_text(text, encoding="utf-8")
        nbytes += len(text.encode("utf-8"))
        written += count
        articles += 1
    info = CorpusInfo(str(folder), n_sentences, written, articles, gen.tokens, len(gen.seen),
                      int(src.k * gen.tokens ** BETA), len(gen.minted), src.k, BETA, seed, nbytes)
    return info, all_sentences


def questions(sentences: list[str], n_corpus: int, n_out: int, seed: int) -> list[dict]:
    """Questions as text: words from corpus sentences, out-of-scope ones, and the dev questions."""
    rng = random.Random(seed + 1)
    out: list[dict] = []
    while len([q for q in out if q["kind"] == "corpus"]) < n_corpus and sentences:
        s = rng.choice(sentences)
        words = [w.strip('.,;:!?«»"()') for w in s.split()]
        content = [w for w in words if LETTERS_RE.match(w) and w.lower() not in STOP]
        if len(content) < 3:
            continue
        k = rng.randint(3, min(6, len(content)))
        picked = sorted(rng.sample(range(len(content)), k))
        prefix = rng.choice(QUESTION_PREFIXES)
        text = " ".join(([prefix] if prefix else []) + [content[i] for i in picked]) + "?"
        out.append({"kind": "corpus", "question": text})
    for q in (OUT_OF_SCOPE * (n_out // len(OUT_OF_SCOPE) + 1))[:n_out]:
        out.append({"kind": "out-of-scope", "question": q})
    try:
        dev = json.loads(DEV_QUESTIONS.read_text("utf-8"))
        out.extend({"kind": "dev", "question": d["question"]} for d in dev if d.get("question"))
    except (OSError, ValueError):
        pass
    return out


if __name__ == "__main__":       # python bench/corpus.py N FOLDER: write one corpus and print its info
    import sys
    import time

    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    info, sents = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(json.dumps(asdict(info), ensure_ascii=False, indent=1), f"{time.perf_counter() - t0:.1f} s")
    for s in sents[:5]:
        print(s)
