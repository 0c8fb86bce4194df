"""How the engine reads a question: its type, the words that only frame it, and for each word it is about
the forms to look for in the corpus — every reading, thesaurus synonyms, derivational relatives and name
forms by shared beginning, typo corrections against the corpus vocabulary — each with a credit.

What a word brings depends only on the word and the corpus, so it is worked out once per word and kept.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from .bm25 import BM25Index
from .features import YEAR_RE
from .questions import (
    ABOUT,
    ABOUT_SAID,
    AFTER_YEAR,
    AGE,
    AREA_UNIT,
    COLLOQUIAL_HOW_MANY,
    DURATION_ASKED,
    EXCEPT,
    FRAMING,
    HEAD_QUESTION,
    IDENTITY,
    INTENT,
    KIND_NOUNS,
    LENGTH_UNIT,
    LIGHT_NOUNS,
    NAME_ASKED,
    NEXT_WORDS,
    OUTLET_ASKED,
    PERSON,
    PLACE,
    PUBLISHED_DATE,
    PUBLISHED_NEWS,
    PUBLISHED_VERB,
    REQUEST_HEAD,
    ROLE_QUESTION,
    SAID_AFTER,
    SAID_ASKED,
    SCENE,
    SCORE_ASKED,
    SOURCE_ASKED,
    STEM_MARK,
    TOKEN_START,
    TOPIC_ASKED,
    UNIT_ASKED,
    VENUE_SAID,
    VENUE_WHICH,
    WHICH,
    WITH_WHOM_ASKED,
    Group,
    Query,
    asker_framed,
    asking_part,
    caps_lock_off,
    cyrillic_lookalikes,
    question_type,
    source_framed,
    spoken_forms,
    verified,
    without_addresses,
    without_openers,
)
from .text import (
    EXTRA_STOP,
    MONTHS,
    QUESTION_WORDS,
    TOKEN_RE,
    VERB_POS,
    Analyzer,
    Token,
    WordInfo,
    consonant_key,
    fold,
    tokenize,
)
from .thesaurus import Thesaurus

# The one whose words are asked for, named first, right before «что сказал»: «Иран что говорит про …», «а шарифов что
# сказал» (not «посольство России в Азербайджане что сказало»: who is named there is not said).
SAID_BEFORE = re.compile(r"^\W*(?:(?:а|и|ну|так|вот)\s+)?(?:сам\w*\s+)?([A-ZА-ЯЁa-zа-яё][\w-]{2,})\s+$", re.IGNORECASE)
# A title in quotation marks in a question: «Волшебная кулиса», "Жди меня" (up to five words).
QUOTED_TITLE = re.compile(r"[«\"„“]((?:[^«»\"„“\s]+\s?){1,5})[»\"“”]")
MAX_QUESTION_CHARS = 1000     # a question is cut here: nobody asks in more, and it bounds the work
GROUP_CACHE = 100_000         # question words whose analysis (forms, synonyms, relatives) is kept
SMALL_POSTINGS = 64           # lemmas of a group with fewer postings share one list (`_forms`)
DICTIONARY_SEARCHES = 4       # typo searches of the whole dictionary one question may make
LONGEST_WORD = 25             # longer «words» are not searched for typos (1,000 letters took ~0.4 s a search)

# Weights of evidence that is not the question's own word.
SYNONYM_CREDIT = 0.7
FUZZY_CREDIT = 0.8
FAMILY_CREDIT = 0.6
REFLEXIVE_CREDIT = 0.9
NAME_PREFIX_CREDIT = 0.9
# Pronouns the analyser drops from text that thesaurus phrases hold («каждый год», «на данный момент», «повлечь за
# собой»); tests/test_index_text.py checks the thesaurus has no other word it drops (but prepositions).
PHRASE_PRONOUNS = frozenset({"каждый", "данный", "себя"})

# A group's weight for abstention, relative to its idf.
VERB_WEIGHT = 0.5             # a question's verb missing from a passage counts half as much as a noun
TIME_COMPARATIVES = frozenset({"раньше", "ранее", "позже", "позднее", "попозже", "пораньше"})
UNSEEN_WEIGHT = 1.5           # a question noun the coverage never mentions at all: likely out of scope
MODIFIER_POS = frozenset({"ADVB", "COMP"})
# The first parts of Russian compound abbreviations and the adjective (or noun) each stands for: «соцпроект» is
# «социальный проект», «госзакупки» «государственные закупки», «замглавы» «заместитель главы».
COMPOUND_HEADS = {
    "соц": "социальный", "гос": "государственный", "мед": "медицинский", "спец": "специальный",
    "нац": "национальный", "фин": "финансовый", "полит": "политический", "эконом": "экономический",
    "гор": "городской", "обл": "областной", "рай": "районный", "проф": "профессиональный", "спорт": "спортивный",
    "пром": "промышленный", "жил": "жилищный", "зам": "заместитель", "тех": "технический",
    "хоз": "хозяйственный", "строй": "строительный", "мун": "муниципальный", "фед": "федеральный",
    "рег": "региональный", "воен": "военный", "погран": "пограничный", "торг": "торговый",
    "здрав": "здравоохранение", "пед": "педагогический", "юр": "юридический", "студ": "студенческий",
    "энерго": "энергетический", "электро": "электрический", "агро": "сельскохозяйственный",
}
# «Кто будет исполнять …?»: «будет» with an infinitive, the future the auxiliary alone does not carry (a grammar word).
FUTURE_AUX = re.compile(r"\bбуд(?:ет|ут|у|ешь|ем|ете)\s+(?:\w+\s+)?\w+(?:ть|ться|ти|чь)\b"
                        r"|\b(?:ожида|планиру|запланирова|намеча|намечен)\w*", re.IGNORECASE)
# «… заявил, что …», «сообщили, что …»: what follows is the words reported, not what the question asks about itself.
SAID_THAT = re.compile(r"\b(?:заявил|заявлял|сообщил|сообщал|сказал|говорил|рассказал|пообещал|обещал|объявил|предупредил"
                       r"|отметил|подтвердил|утверждал|признал)[аи]?,?\s+что\b", re.IGNORECASE)
# «…, если повторит тур», «Если суд признает вину, …»: a condition, up to its comma.
CONDITION = re.compile(r"\bесли\b[^,?!.]*", re.IGNORECASE)
# Verbs of meeting and talking, one in a «с кем …» question (`QuestionReader._any_of`).
INTERACTION = frozenset({"встречаться", "встретиться", "общаться", "пообщаться", "говорить", "поговорить", "беседовать",
                         "побеседовать", "разговаривать", "переговорить", "обсуждать", "обсудить", "созваниваться",
                         "созвониться", "видеться", "увидеться", "контактировать", "договариваться", "договориться",
                         "вести", "провести", "консультироваться"})
# A place's adjective and its people, made by the regular suffixes: Ухта → ухтинский, ухтинец; Якутск → якутский;
# Пермь → пермский. Irregular ones (Москва → московский, Уфа → уфимский) are thesaurus lines.
PLACE_ENDINGS = ("а", "я", "ь", "й", "о", "у", "ы", "и")
PLACE_SUFFIXES = ("ский", "ьский", "инский", "енский", "анский", "янский", "овский", "евский", "ецкий",
                  "ец", "инец", "анин", "янин", "чанин", "ич", "инка", "анка", "янка", "чанка")
PLACE_SUFFIXES_LONGEST = tuple(sorted(PLACE_SUFFIXES, key=len, reverse=True))
PLACE_ROOT_ENDINGS = ("", "а", "я", "ь", "у", "ск", "о", "и", "ы")
NUMBER_WEIGHT = 1.5           # a number or year in the question must be in the answer or its article

_new_group = object.__new__
WRITTEN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{2,4}))?$")
_UNSEEN = object()
# Words that frame a question (their every form is a correction target for a typo, `_fix_typos`): the
# question and grammar words, and the nouns of «по версии», «по словам», «по данным», «какого числа», ….
FRAMING_LEMMAS = sorted(QUESTION_WORDS | EXTRA_STOP | {
    "сколько", "версия", "слово", "мнение", "данные", "информация", "оценка", "сведение", "число", "год",
    "месяц", "возраст", "должность", "причина", "название", "называться", "зовут", "звать"})

_FRAMING_SET = frozenset(FRAMING_LEMMAS)
_WORD = re.compile(r"[\w-]+")
# «скольких наших держат в Баку», «в чём обвиняют наших»: «наши» standing for people, not before a noun of
# theirs («наших граждан»), are the asker's compatriots, whom Russian news call россияне.
OURS = re.compile(r"\bнаш(?:и|их|им|ими)\b(?!-)(?:\s+([\w-]+))?", re.IGNORECASE)
# Words for people that «наших» makes Russians: «сколько наших ребят держат в Баку».
OURS_PEOPLE = frozenset({"ребята", "парень", "человек", "люди", "мужик", "пацан"})
OURS_BEFORE = frozenset({"NOUN", "ADJF", "PRTF", "NUMR", "NPRO", "ADJS"})     # «наших граждан», «наших задержанных»


class QuestionReader:
    """Reads questions against one corpus's lemma index; safe to use from several threads (its caches
    are filled with whole values)."""

    def __init__(self, analyzer: Analyzer, lemmas: BM25Index, stem_ids: dict[str, int]) -> None:
        self.analyzer = analyzer
        self.lemmas = lemmas
        self.stem_ids = stem_ids
        self.thesaurus = Thesaurus.load(self._normalise_phrase_word)
        self._groups: dict[tuple, tuple[Group, tuple]] = {}     # words -> (group template, first reading)
        # First lemmas of the thesaurus's phrases: most question words start none.
        self._phrase_starts = frozenset(p[0] for p in self.thesaurus.by_phrase if len(p) > 1)
        self._pos = lru_cache(maxsize=100_000)(self._first_pos)
        self._one_being = lru_cache(maxsize=100_000)(self._is_one_being)
        self._vocab_by_len: dict[int, list[str]] | None = None
        self._masks_by_len: dict[int, np.ndarray] = {}
        self._latin_keys: dict[str, list[str]] | None = None      # `_in_latin`'s index, made on first use
        self._sorted_vocab: list[str] | None = None
        self._framing_fixes: dict[str, str | None] = {}      # word -> its correction (`_fix_typos`)
        self._framing_forms: list[str] | None = None
        self._sorted_reversed: list[str] | None = None
        # Unknown word -> the forms pymorphy3 knows one edit away: (form, lemma, a verb form?), in form order.
        self._neighbours: dict[str, tuple[tuple[str, str, bool], ...]] = {}
        self._typo_fixes: dict[str, str | None] = {}      # misspelt word -> the form it is read as (`_fix_typos`)
        self.outlets = {}                                  # a word of an outlet's name (folded) -> the outlet
        self.capitalised: Callable[[str], bool] = _never    # a stem the corpus writes capitalised (`AnswerEngine`)

    @staticmethod
    def _normalise_phrase_word(word: str) -> list[str]:
        """Thesaurus members are written as lemmas already; only grammar words are dropped («под»), and the pronouns
        the analyser leaves out of questions and sentences alike (PHRASE_PRONOUNS: «каждый год» is read as «год»; with
        «каждый» kept it could never match). Not «против» of «выступить против», which alone would be another word.
        A list, not the analyser: parsing every thesaurus word took ~80 ms of each start."""
        return [] if word in EXTRA_STOP or word in QUESTION_WORDS or word in PHRASE_PRONOUNS else [word]

    def parse(self, text: str) -> Query:
        """The question's type and groups (each word or thesaurus phrase with its alternatives)."""
        text = spoken_forms(caps_lock_off(cyrillic_lookalikes(without_addresses(text[:MAX_QUESTION_CHARS]))))
        if "ско" in text or "Ско" in text or "СКО" in text:
            text = COLLOQUIAL_HOW_MANY.sub("сколько", text)
        asked = without_openers(self._fix_typos(asking_part(text)))
        role_free, roles = ROLE_QUESTION.subn(" ", asked)
        qtype = PERSON if roles else question_type(asked)
        role_free = source_framed(role_free)
        if "год" in role_free:
            role_free = AFTER_YEAR.sub(r"\1 ", role_free)
        cleaned, check = verified(EXCEPT.sub(self._except, FRAMING.sub(" ", asker_framed(role_free))))
        if SOURCE_ASKED.search(cleaned):
            # The answer says where it comes from: «в сообщении МИД», not who or where.
            cleaned, qtype = SOURCE_ASKED.sub(" сообщение ", cleaned), None
        published = outlet = None
        asked_outlet = OUTLET_ASKED.search(cleaned)
        if asked_outlet is not None:
            # «Какое агентство передало слова Пескова?»: the lead of the article that carries them, with its source;
            # «Какое издание сообщило о задержании и кого задержали?» the answer to the rest, whose source says it.
            cleaned = OUTLET_ASKED.sub(" ", cleaned)
            qtype = question_type(cleaned)
            published = asked_outlet if qtype is None else None
        elif PUBLISHED_DATE.search(asked):
            outlet = next(filter(None, map(self._outlet_of, asked.split())), None)
            published = PUBLISHED_NEWS.search(cleaned) or (outlet and PUBLISHED_VERB.search(cleaned))
            if published:
                # The article's words are the topic; the news item, its outlet and its coming out are not.
                cleaned, qtype = PUBLISHED_VERB.sub(" ", PUBLISHED_NEWS.sub(" ", cleaned)), None
                if outlet:
                    cleaned = " ".join(w for w in cleaned.split() if not self._outlet_of(w))
        if self.outlets and not published:
            cleaned = self._without_unwritten_outlets(cleaned)
        if qtype == AGE:
            cleaned = re.sub(r"\b(?:лет|возраст\w*)\b", " ", cleaned, flags=re.IGNORECASE)
        query = Query(text=text, qtype=qtype, identity=bool(roles) or bool(IDENTITY.search(asked)),
                      name_asked=bool(NAME_ASKED.search(asked)), duration=bool(DURATION_ASKED.search(asked)),
                      score=bool(SCORE_ASKED.search(asked)))
        unit = UNIT_ASKED.search(asked)
        if unit is not None:
            query.unit = LENGTH_UNIT if unit.group(3) else AREA_UNIT if unit.group(4) else (unit.group(1) or unit.group(2)).lower()
        if published:
            query.published, query.outlet = True, outlet or ""
        query.venue = bool(VENUE_SAID.search(asked)) and (qtype == PLACE or (qtype == WHICH and VENUE_WHICH.search(asked)
                                                                              is not None))
        said = SAID_ASKED.search(asked)
        if said is not None:
            query.said = said.group()
            after = SAID_AFTER.match(asked, said.end())
            if after is not None:
                query.said += " " + after.group(1)
            before = SAID_BEFORE.search(asked, 0, said.start())
            if before is not None and said.group().lower().startswith("что"):
                query.said = before.group(1) + " " + query.said    # «Иран что говорит …», «шарифов что сказал»
        about = ABOUT.search(asked)
        if about is None and said is not None:
            about = ABOUT_SAID.search(asked, said.end())
        if about is not None:
            query.about = about.group(1)
        elif ("ли" in asked or "же" in asked) and TOPIC_ASKED.search(asked):
            query.about = SCENE.sub(" ", asked)      # «в Баку», «на встрече»: where, not what came up
        intent = INTENT.search(asked) is not None
        if "наш" in cleaned or "Наш" in cleaned:
            cleaned = OURS.sub(self._ours, cleaned)
        words = self.analyzer.content(cleaned)
        head_at, kind_at = self._head_noun_start(cleaned)
        if query.qtype == WHICH and head_at is not None and self._one_person(cleaned[head_at:]):
            query.qtype = PERSON          # «какой учёный решил …» asks for him by name, as «кто» does
        first_word = TOKEN_START.search(cleaned)
        first_at = first_word.start() if first_word is not None else -1     # token starts are >= 0
        lemmas = [info.lemmas[0] for _, info in words]
        by_phrase, max_len, starts = self.thesaurus.by_phrase, self.thesaurus.max_len, self._phrase_starts
        cached = self._groups
        n_words = len(words)
        # Searches of the dictionary for typos (`_dictionary_neighbours`, ~0.5 ms each) this question may still make:
        # a question of made-up words would otherwise cost ~1 ms a word. A word whose search the budget
        # skipped is not cached, so a later question reads it in full.
        budget = [DICTIONARY_SEARCHES, 0]      # searches left; whether the word being read had one skipped
        i = 0
        seen: set[tuple[tuple[str, ...], ...]] = set()
        while i < n_words:
            # Longest thesaurus phrase starting here («взять под стражу», «телефонные переговоры»).
            span = 1
            if lemmas[i] in starts:
                for n in range(min(max_len, n_words - i), 1, -1):
                    if tuple(lemmas[i:i + n]) in by_phrase:
                        span = n
                        break
            if span == 1:
                tok = words[i][0]
                initial = tok.start == first_at
                key = ((tok.text,), initial)
                head = tok.start == head_at
                kind = tok.start == kind_at
            else:
                chunk = words[i:i + span]
                initial = chunk[0][0].start == first_at
                key = (tuple(tok.text for tok, _ in chunk), initial)
                head = head_at is not None and any(tok.start == head_at for tok, _ in chunk)
                kind = False
            entry = cached.get(key)
            if entry is None:
                budget[1] = 0
                template = self._group(words[i:i + span], initial, budget)
                # Its first reading: a later group with the same one repeats it and is dropped.
                entry = (template, tuple(m for m, _ in template.lemmas[:1]))
                if len(cached) >= GROUP_CACHE:
                    cached.clear()
                if not budget[1]:                  # not cut short by the budget: keep it
                    cached[key] = entry
            i += span
            template, first = entry
            if first in seen or template.skip:
                continue
            seen.add(first)
            group = template                       # as cached: groups are read, never changed, after this
            if head or kind:
                # A shallow copy (as copy.copy, ~10x faster): the template stays as cached.
                group = _new_group(Group)
                group.__dict__.update(template.__dict__)
                if head:
                    group.head = True
                else:
                    # «В каком городе…», «Какие страны…»: the answer names one («в Баку»), not «город».
                    group.weight = group.idf * VERB_WEIGHT
                    group.kind = True
            query.groups.append(group)
        if "«" in cleaned or '"' in cleaned:
            # «жюри фестиваля «Волшебная кулиса»»: the words of a title in quotation marks name it, as a capitalised
            # word does, whatever their case: each tells which story, none is what is asked.
            titled = {w for span in QUOTED_TITLE.findall(cleaned) for w in span.lower().split()}
            for n, g in enumerate(query.groups):
                if not (g.is_name or g.number) and " " not in g.surface and g.surface.lower() in titled:
                    named = _new_group(Group)
                    named.__dict__.update(g.__dict__)
                    named.is_name = True
                    query.groups[n] = named
        if WITH_WHOM_ASKED.search(asked):
            # «С кем Галузин встречался?»: meeting, talking, discussing are one here; the answer says what they did
            # together («обсудил с замглавы МИД Азербайджана Самиром Шарифовым»), in any of these words.
            query.groups = [self._any_of(g, INTERACTION) if g.finite and g.lemmas[0][0][0] in INTERACTION else g
                            for g in query.groups]
        if check:
            # «Верно ли, что задержали 12 человек?»: a figure the coverage never gives may be the asker's mistake;
            # the passage that gives the right one answers, and the figure must not decline it.
            query.groups = [g for g in query.groups if not g.number or any(
                self.lemmas.df(lemma) for member, _ in g.lemmas for lemma in member)]
        # «Кто будет исполнять обязанности …?»: «будет» with an infinitive is the future too (the auxiliary is a
        # grammar word, so no group carries it).
        # Not a future told inside what someone said: «Кто заявил, что границу закроют?» asks who said it (a fact told
        # by a report of the words, which need not speak of the future); nor one of a condition: «Сколько концертов она
        # хотела бы дать, если повторит тур?» is answered by «Я бы повторила … с тремя».
        aside = [(m.start(), len(asked)) for m in SAID_THAT.finditer(asked)] + [m.span() for m in CONDITION.finditer(asked)]
        main = asked
        for a, b in sorted(aside, reverse=True):
            main = main[:a] + " " + main[b:]
        query.future = any(g.future and not any(a <= asked.find(g.surface) < b for a, b in aside)
                           for g in query.groups) or FUTURE_AUX.search(main) is not None
        if not intent:
            query.events = tuple(i for i, g in enumerate(query.groups) if g.finite)
        return query

    def _any_of(self, template: Group, verbs: frozenset[str]) -> Group:
        """A copy of a verb's group that any of `verbs` matches too, at a synonym's credit."""
        group = _new_group(Group)
        group.__dict__.update(template.__dict__)
        present = {m for m, _ in template.lemmas}
        group.lemmas = template.lemmas + [((verb,), SYNONYM_CREDIT) for verb in sorted(verbs) if (verb,) not in present]
        group.words = template.words.union(verbs)
        group.forms = self._forms(group)
        group.table = form_table(group.forms)
        return group

    def _outlet_of(self, word: str) -> str | None:
        """The outlet a word of the question names («ТАСС», «интерфакса», «РИА»), or None."""
        word = fold(word).strip(".,:;?!«»\"()")
        found = self.outlets.get(word)
        if found is None and len(word) > 4:
            found = self.outlets.get(word[:-1]) or self.outlets.get(word[:-2])     # «интерфакса», «коммерсанта»
        return found

    @property
    def outlets(self) -> dict[str, str]:
        return self._outlets

    @outlets.setter
    def outlets(self, outlets: dict[str, str]) -> None:
        """The outlets' words, and one regex of their first three letters (`_without_unwritten_outlets`)."""
        self._outlets = outlets
        starts = sorted({re.escape(word[:3]) for word in outlets})
        self._outlet_starts = re.compile(r"(?<!\w)(?:" + "|".join(starts) + ")") if starts else None

    def _without_unwritten_outlets(self, text: str) -> str:
        """`text` without the words that name an outlet no article's text uses: «по данным ПРАЙМ», «что пишет
        Фонтанка» tell where the asker read it (the article's source line), not what the answer must hold."""
        if self._outlet_starts is None or self._outlet_starts.search(fold(text)) is None:
            return text                     # most questions: no word starts as an outlet's name does
        words = text.split()
        kept = [w for w in words if self._outlet_of(w) is None
                or any(self.lemmas.df(lemma) for lemma in self.analyzer.info(fold(w).strip(".,:;?!«»\"()")).lemmas)]
        return text if len(kept) == len(words) else " ".join(kept)

    def _except(self, m: re.Match) -> str:
        """EXCEPT's replacement: «кроме освобождения граждан» goes, the verb of «кроме президентского
        поднимаются» (no comma after the excepted word) stays."""
        second = m.group(1)
        return " " + second if second and self._pos(second.lower()) in ("VERB", "INFN") else " "

    def _fix_typos(self, text: str) -> str:
        """`text` with typos corrected before it is read. Only words pymorphy3 does not know, and that the corpus
        does not use, are corrected: first to a form of a question or grammar word one edit away (two for 7+
        letters; a swap of neighbours is one edit: «сколкьо» → «сколько», «по вресии» → «по версии»), so that the
        question's type and framing are read as meant; else, for a word not capitalised inside the question,
        to the form one edit away when every such form is of one word the coverage uses («пресупление» →
        «преступление»: `_nearest_form`), so that its phrases and type are found too. Other misspellings
        are left to each word's own corrections (`_fuzzy`), as alternatives at a discount."""
        fixes = None
        cache = self._framing_fixes
        typo_cache = self._typo_fixes
        searches = DICTIONARY_SEARCHES
        for m in TOKEN_RE.finditer(text):
            word = m.group()
            norm = word.lower()
            fixed = cache.get(norm, _UNSEEN)
            if fixed is _UNSEEN:
                if len(cache) >= GROUP_CACHE:            # a flood of made-up words must not grow it forever
                    cache.clear()
                fixed, far = self._framing_fix(norm)
                if not far:
                    cache[norm] = fixed
                elif searches > 0:
                    # Two edits away: a word one edit away that the coverage uses wins («оставки» is «отставки» or
                    # «ставки», not «ставши»), which takes a search of the dictionary, from the question's budget.
                    searches -= 1
                    if any(self.lemmas.df(lemma) for _, lemma, _ in self._dictionary_neighbours(norm)):
                        fixed = None
                    cache[norm] = fixed
                # else: read as the framing word this time, not kept: a later question may search for it
            if fixed is None and (m.start() == 0 or not word[:1].isupper()):
                # Any other word misspelt one letter away from a word the coverage uses («змаминистра»,
                # «пресупление»): read as that word, so that phrases and the question's type are found.
                fixed = typo_cache.get(norm, _UNSEEN)
                if fixed is _UNSEEN:
                    if len(typo_cache) >= GROUP_CACHE:
                        typo_cache.clear()
                    if not self._may_be_typo(norm):
                        fixed = typo_cache[norm] = None
                    elif searches > 0:               # a search of the dictionary: ~0.5 ms, a few a question
                        searches -= 1
                        fixed = typo_cache[norm] = self._nearest_form(norm)
                    else:
                        fixed = None                 # not kept: a later question may search for it
            if fixed is not None:
                if fixes is None:
                    fixes = []
                fixes.append((m.start(), m.end(), fixed.capitalize() if word[:1].isupper() else fixed))
        if fixes is None:
            return text
        out, at = [], 0
        for start, end, fixed in fixes:
            out += [text[at:start], fixed]
            at = end
        return "".join(out) + text[at:]

    def _may_be_typo(self, norm: str) -> bool:
        """A word of 5-25 letters that neither pymorphy3 nor the corpus knows."""
        return 5 <= len(norm) <= LONGEST_WORD and norm.isalpha() and not self.analyzer.morph.word_is_known(norm) \
            and not self.lemmas.df(self.analyzer.info(norm).lemmas[0])

    def _dictionary_neighbours(self, norm: str) -> tuple[tuple[str, str, bool], ...]:
        """The forms pymorphy3 knows one edit (a letter dropped, doubled, swapped with the next, replaced or
        added) away from `norm`: (form, lemma, whether it is a verb form). One search of the dictionary (~0.5 ms),
        kept: the question's typo correction and the word's own corrections both read it."""
        found = self._neighbours.get(norm)
        if found is None:
            morph = self.analyzer.morph
            parses = [(variant, morph.parse(variant)[0]) for variant in sorted(_one_edit(norm))
                      if morph.word_is_known(variant)]
            found = tuple((variant, fold(p.normal_form), p.tag.POS in VERB_POS) for variant, p in parses)
            if len(self._neighbours) >= GROUP_CACHE:
                self._neighbours.clear()
            self._neighbours[norm] = found
        return found

    def _nearest_form(self, norm: str) -> str | None:
        """The form pymorphy3 knows one edit away from `norm`, when all such forms are of one word and the
        corpus uses it (or the thesaurus has it); else None: «пгода» may be «года» or «погода», and the
        coverage's word is no likelier than another."""
        neighbours = self._dictionary_neighbours(norm)
        lemmas = {lemma for _, lemma, _ in neighbours}
        if len(lemmas) != 1:
            return None
        lemma = lemmas.pop()
        return neighbours[0][0] if self.lemmas.df(lemma) or (lemma,) in self.thesaurus.by_phrase else None

    def _framing_fix(self, norm: str) -> tuple[str | None, bool]:
        """The form of a framing word `norm` is a typo of (`_fix_typos`), or None; and whether it is two edits away."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        chat = self.analyzer.colloquial.get(norm)
        if chat is not None and chat in _FRAMING_SET:
            return chat, False          # «када», «пачему»: a chat spelling of a question word, read as that word
        if len(norm) < 4 or not norm.isalpha() or self.analyzer.morph.word_is_known(norm) \
                or self.lemmas.df(self.analyzer.info(norm).lemmas[0]):
            return None, False
        if not norm.isascii() and self._in_latin(norm):
            return None, False          # «баду» is Badoo, which the coverage writes in Latin letters, not «буду»
        if self._framing_forms is None:
            forms: set[str] = set()
            for word in FRAMING_LEMMAS:
                for parse in self.analyzer.morph.parse(word)[:1]:
                    forms.update(fold(f.word) for f in parse.lexeme)
            self._framing_forms = sorted(f for f in forms if len(f) >= 4)
        limit = 1 if len(norm) < 7 else 2
        found = process.extractOne(norm, self._framing_forms, scorer=OSA.distance, score_cutoff=limit)
        return (found[0], found[1] > 1) if found else (None, False)

    def _one_person(self, text: str) -> bool:
        """Whether the text opens with a noun naming one living being («учёный», «игрок», «актриса»): not
        «каких россиян» (which ones, described) nor «какая команда»."""
        word = _WORD.match(text)
        return word is not None and self._one_being(word.group().lower())

    def _is_one_being(self, norm: str) -> bool:
        parses = self.analyzer.morph.parse(norm)
        return bool(parses) and parses[0].tag.POS == "NOUN" and "anim" in parses[0].tag and "sing" in parses[0].tag

    def _head_noun_start(self, text: str) -> tuple[int | None, int | None]:
        """Where the noun a question asks about starts: «сколько туристов», «какое образование», «какие
        региональные вопросы» (adjectives skipped); or, second, where it starts when it only names the kind
        of thing asked for («в каком городе», «какие страны»: KIND_NOUNS)."""
        m = HEAD_QUESTION.search(text)
        request = None if m else REQUEST_HEAD.search(text)
        if request:
            # «Назовите место проведения …», «Уточните сроки …»: the noun asked for names only a kind of answer.
            tok = next(iter(tokenize(text[request.end():])), None)
            at = tok is not None and self._pos(tok.norm) == "NOUN" and self.analyzer.info(tok.norm).lemmas[0] in KIND_NOUNS
            return None, (request.end() + tok.start if at else None)
        if not m:
            return None, None
        for tok in tokenize(text[m.end():])[:3]:
            pos = self._pos(tok.norm)
            if pos == "NOUN":
                lemma = self.analyzer.info(tok.norm).lemmas[0]
                if lemma in KIND_NOUNS:
                    return None, m.end() + tok.start
                # «сколько человек»: a noun that only counts is not what the answer is about.
                return (None if lemma in LIGHT_NOUNS else m.end() + tok.start), None
            # «Какой была явка?»: the noun after a form of «быть» is asked about too; «какие именно наркотики»:
            # after a particle.
            if pos not in ("ADJF", "ADVB", "PRTF", "PRCL") and self.analyzer.info(tok.norm).lemmas[0] != "быть":
                return None, None
        return None, None

    def _surname_like(self, norm: str) -> bool:
        """Whether pymorphy3's first reading of a word is a name («белоусовым») or no noun at all («картавых»,
        «шарифовым»: adjectives); not «кремль», «платформа»: common nouns a corpus may write capitalised."""
        parses = self.analyzer.morph.parse(norm)
        return bool(parses) and (parses[0].tag.POS != "NOUN"
                                 or any(t in parses[0].tag for t in ("Surn", "Name", "Patr")))

    def _patronymic(self, norm: str) -> bool:
        parses = self.analyzer.morph.parse(norm)
        return bool(parses) and "Patr" in parses[0].tag

    def _ours(self, m: re.Match) -> str:
        """«наших» as people (OURS): «россиян», and the word after it as it was; «наших ребят» (OURS_PEOPLE): «россиян»."""
        after = m.group(1)
        if after is not None and self.analyzer.info(fold(after)).lemmas[0] in OURS_PEOPLE:
            return "россиян"          # «наших ребят», «наших парней»: the people are the Russians
        if after is not None and self._pos(fold(after)) in OURS_BEFORE:
            return m.group()
        return "россиян" + m.group()[len(m.group().split()[0]):]

    def _first_pos(self, norm: str) -> str | None:
        parses = self.analyzer.morph.parse(norm)
        return parses[0].tag.POS if parses else None

    def _group(self, chunk: list[tuple[Token, WordInfo]], initial: bool = False,
               budget: list[int] | None = None) -> Group:
        surface = " ".join(tok.text for tok, _ in chunk)
        stems = tuple(info.stem for _, info in chunk)
        verb = False
        if len(chunk) == 1:
            tok, info = chunk[0]
            members: list[tuple[tuple[str, ...], float]] = [((lemma,), 1.0) for lemma in info.lemmas]
            own = (info.lemmas[0],)
            capital = tok.text[:1].isupper() and not initial and not info.common_abbr
            # «песков» typed in lower case: its surname reading is a word of the corpus, so it is the name.
            # Not «школьников», «губернаторов», «машин»: their surname reading is indexed wherever the common
            # word is, so it counts only when the corpus has it at least as often as the word.
            own_df = self.lemmas.df(info.lemmas[0])
            named_in_corpus = info.name and any(self.lemmas.df(lemma) >= max(own_df, 1) for lemma in info.lemmas[1:])
            # «картавых», «белоусовым» typed in lower case: pymorphy3 reads an adjective, or a surname it does not
            # trust (`_common_word`), but the corpus writes the word capitalised inside its sentences, as names are.
            # Not «кремль», «платформа»: a common noun the corpus capitalises stays a word of the topic.
            named_in_corpus = named_in_corpus or (
                not tok.text[:1].isupper() and self._surname_like(tok.norm)
                and any(map(self.capitalised, {info.stem, *map(self.analyzer.stemmer.stemWord, info.lemmas)})))
            # A word pymorphy3 does not know, typed in lower case, is a name only when the corpus says so:
            # its guess from the ending («проходиии» → a surname) is a typo's, not a name's.
            guessed = not capital and not info.known
            # «Гитлянская это кто»: a capitalised first word pymorphy3 does not know but the corpus has is a name.
            capital = capital or (initial and tok.text[:1].isupper() and not info.known and not info.common_abbr
                                  and self.lemmas.df(info.lemmas[0]) > 0)
            is_name = capital or named_in_corpus or (
                (info.name or info.place) and not guessed and not self._common_word(info.lemmas[0]))
            is_person = info.name and (capital or named_in_corpus
                                       or (not guessed and not self._common_word(info.lemmas[0])))
            verb = info.verb
        else:
            own = tuple(info.lemmas[0] for _, info in chunk)
            members = [(own, 1.0)]
            is_name = is_person = False
        lookups = [own]
        if len(own) == 1 and verb and own[0].endswith(("ся", "сь")) and len(own[0]) > 5:
            # «затрагиваться», «обсуждаться»: the same word family as the non-reflexive verb.
            base = (own[0][:-2],)
            members.append((base, REFLEXIVE_CREDIT))
            lookups.append(base)
        present = {m for m, _ in members}
        for lookup in lookups:
            for phrase in self.thesaurus.synonyms(lookup):
                if phrase not in present:
                    members.append((phrase, SYNONYM_CREDIT))
                    present.add(phrase)
        if len(chunk) == 2 and self._pos(chunk[0][0].norm) in ("ADJF", "PRTF") and self._pos(chunk[1][0].norm) == "NOUN" \
                and (own[-1],) not in present:
            # «телефонный разговор»: a passage about «разговор» alone may be the one («Разговор продолжался 40 минут»).
            members.append(((own[-1],), SYNONYM_CREDIT))
        if len(chunk) == 1:
            tok, info = chunk[0]
            present = {m for m, _ in members}
            # Words the dictionary does not know and the corpus has never seen: a typo of a corpus word, or of
            # a thesaurus word whose synonyms the corpus uses («созваниваались» → созваниваться → переговоры)?
            if not info.known and self.lemmas.df(own[0]) == 0:
                for fixed in self._fuzzy(tok.norm, info, budget):
                    for phrase, credit in [((fixed,), FUZZY_CREDIT)] + [
                            (synonym, FUZZY_CREDIT * SYNONYM_CREDIT) for synonym in self.thesaurus.synonyms((fixed,))]:
                        if phrase not in present:
                            members.append((phrase, credit))
                            present.add(phrase)
            # A name the corpus writes in Latin letters: «форбс» → forbes, «гринпис» → greenpeace.
            if self.lemmas.df(own[0]) == 0 and not tok.norm.isascii():
                for latin in self._in_latin(own[0]):
                    if (latin,) not in present:
                        members.append(((latin,), FUZZY_CREDIT))
                        present.add((latin,))
            # A compound the corpus does not use, by its known tail: «политконсультации» → консультация.
            if not verb and not is_name and self.lemmas.df(own[0]) == 0:
                tail = self._known_tail(own[0])
                if tail is not None and (tail,) not in present:
                    members.append(((tail,), FAMILY_CREDIT))
                    present.add((tail,))
                    # «соцпроект» → «социальный проект», as the article writes it out.
                    head = COMPOUND_HEADS.get(own[0][:-len(tail)])
                    if head is not None and self.lemmas.df(head):
                        members.append(((head, tail), SYNONYM_CREDIT))
                        present.add((head, tail))
            # Derivational family and unknown inflections of names, by shared beginning.
            for relative in self._relatives(own[0], is_name):
                if (relative,) not in present:
                    members.append(((relative,), NAME_PREFIX_CREDIT if is_name else FAMILY_CREDIT))
                    present.add((relative,))
            # A place's adjective and people, and back («Ухта» / «ухтинский»), where beginnings are too short.
            if not verb:
                for relative in self._place_family(own[0], info.place):
                    if (relative,) not in present:
                        members.append(((relative,), SYNONYM_CREDIT))
                        present.add((relative,))
        if len(chunk) == 1 and not chunk[0][1].known and self._misspelt_verb(chunk[0][0].norm):
            verb = True
        if verb and is_person:
            verb = False        # «какой срок дали Каковкину»: a surname, not the future of «каковкинуть»
        group = Group(surface=surface, lemmas=members, stems=stems + self._inflected_stems(chunk),
                      is_name=bool(is_name), is_person=bool(is_person))
        if verb and len(chunk) == 1:
            tag = self.analyzer.morph.parse(chunk[0][0].norm)[0].tag
            group.finite = (tag.POS == "VERB" and "indc" in tag) or tag.POS == "PRTS"
            group.future = chunk[0][1].future
        group.future = group.future or (len(chunk) == 1 and chunk[0][1].lemmas[0] in NEXT_WORDS)
        group.idf = self._phrase_idf(own) if self.lemmas.df(own[0]) or len(own) > 1 else max(
            (self._phrase_idf(m) for m, c in members if c >= FAMILY_CREDIT), default=self._idf(own[0]))
        unseen = not any(self.lemmas.df(lemma) for m, _ in members for lemma in m) and stems[0] not in self.stem_ids
        # «Михаил Юрьевич Галузин»: news name people without patronymics; one the coverage never has says
        # nothing about which passage answers.
        group.skip = unseen and len(chunk) == 1 and self._patronymic(chunk[0][0].norm)
        light = own[0] in LIGHT_NOUNS     # «сколько человек»: the answer may or may not repeat it
        if len(chunk) == 1 and chunk[0][0].norm not in TIME_COMPARATIVES and self._pos(chunk[0][0].norm) == "COMP":
            # «хотят больше взаимодействовать», «насколько теплее обычного»: a comparative says how much, which the
            # answer gives in its own words («наращивание …», «на 5 градусов выше нормы»). Not «раньше», «позже»:
            # they say which time is asked about.
            light = True
        # Only a thing the coverage never names says it is about something else: an unseen adverb
        # («наружу», «больше») is how the asker put it.
        unseen = unseen and not (len(chunk) == 1 and chunk[0][1].known and self._modifier(chunk[0][0].norm))
        group.weight = group.idf * (VERB_WEIGHT if verb or light else UNSEEN_WEIGHT if unseen else 1.0)
        if len(chunk) == 1 and chunk[0][0].norm[0].isdigit():
            group.weight = group.idf * NUMBER_WEIGHT
            group.number = True
            group.year = next((int(lemma) for lemma in chunk[0][1].lemmas if YEAR_RE.match(lemma)), 0)
            written = WRITTEN_DATE.match(chunk[0][0].norm)          # «29.10.2025», «29.10»
            if written and 1 <= int(written[2]) <= 12:
                group.day, group.month = int(written[1]), int(written[2])
                group.year = int(written[3]) if written[3] and len(written[3]) == 4 else group.year
        if len(chunk) == 1 and chunk[0][1].month:
            group.month = MONTHS.index(chunk[0][1].lemmas[0]) + 1
        group.forms = self._forms(group)
        group.table = form_table(group.forms)
        group.words = frozenset().union(*[phrase for phrase, _ in members], [STEM_MARK + s for s in group.stems])
        group.stem_ids = tuple(self.stem_ids[s] for s in group.stems if s in self.stem_ids)
        return group

    def _relatives(self, lemma: str, is_name: bool) -> list[str]:
        """Corpus lemmas that start like `lemma` (задержать → задержание; шариф → шарифовый)."""
        if len(lemma) < (5 if is_name else 7) or lemma[0].isdigit():
            return []     # short words share beginnings by chance: «страна» / «страница»
        if self._sorted_vocab is None:
            self._sorted_vocab = sorted(self.lemmas.vocab)
        cut = max(5, len(lemma) - 2) if is_name else max(5, len(lemma) - 3)
        prefix = lemma[:cut]
        lo = bisect.bisect_left(self._sorted_vocab, prefix)
        out = []
        for term in self._sorted_vocab[lo: lo + 40]:
            if not term.startswith(prefix):
                break
            if term != lemma and abs(len(term) - len(lemma)) <= 5:
                out.append(term)
        if not is_name and len(lemma) >= 6:
            # Compounds: «киберпреступление», «наркотрафик» hold «преступление», «трафик».
            if self._sorted_reversed is None:
                self._sorted_reversed = sorted(term[::-1] for term in self.lemmas.vocab)
            tail = lemma[::-1]
            lo = bisect.bisect_left(self._sorted_reversed, tail)
            for rev in self._sorted_reversed[lo: lo + 20]:
                if not rev.startswith(tail):
                    break
                term = rev[::-1]
                if term != lemma and 3 <= len(term) - len(lemma) <= 6 and "-" not in term and term not in out:
                    out.append(term)
        return out[:8]

    def _inflected_stems(self, chunk: list[tuple[Token, WordInfo]]) -> tuple[str, ...]:
        """Stems of the other forms of the question's words: Snowball cuts «Кудрявцева» to «кудрявцев» but
        «Кудрявцев» to «кудрявц», and a passage that names the asked person again names nobody new."""
        out: dict[str, None] = {}
        for tok, info in chunk:
            parses = self.analyzer.morph.parse(tok.norm)[:3]
            for p in parses:
                if p.is_known and fold(p.normal_form) in info.lemmas:
                    for form in p.lexeme[:40]:
                        out[self.analyzer.stemmer.stemWord(fold(form.word))] = None
        for tok, info in chunk:
            out.pop(info.stem, None)
        return tuple(out)

    def _place_family(self, lemma: str, place: bool) -> list[str]:
        """Corpus words that are a place's adjective or its people (when `lemma` is a place), or the place such a
        word is of, by the regular suffixes (PLACE_SUFFIXES): «Ухта» finds «ухтинский», «ухтинец»; «якутский»
        finds «Якутск». A made-up form costs one look-up of the corpus and finds nothing; a word that is not a
        place makes none (вода → водка)."""
        df = self.lemmas.df
        out = []
        if place:
            roots = {lemma}
            if lemma[-1] in PLACE_ENDINGS:
                roots.add(lemma[:-1])
            if lemma.endswith("ск"):
                roots.add(lemma[:-2])
            out = [word for root in roots if len(root) >= 2 for suffix in PLACE_SUFFIXES
                   if df(word := root + suffix)]
        suffix = next((x for x in PLACE_SUFFIXES_LONGEST if lemma.endswith(x)), None)
        if suffix is not None and len(lemma) - len(suffix) >= 2:
            root = lemma[:-len(suffix)]
            out += [word for ending in PLACE_ROOT_ENDINGS
                    if df(word := root + ending) and self.analyzer.info(word).place]
        return [word for word in dict.fromkeys(out) if word != lemma]

    def _known_tail(self, lemma: str) -> str | None:
        """The longest corpus lemma of 5+ letters that `lemma` ends with after a first part of 3-6 letters
        (нарко-, полит-, гос-, кибер-, видео-…), when pymorphy3 knows it: «наркотранзит» → «транзит»."""
        for cut in range(3, min(7, len(lemma) - 4)):
            tail = lemma[cut:]
            if self.lemmas.df(tail) and self.analyzer.morph.word_is_known(tail):
                return tail
        return None

    def _common_word(self, lemma: str) -> bool:
        """A name reading of a word that is mostly a common noun («роза», «вера»): not a name."""
        parses = self.analyzer.morph.parse(lemma)
        return bool(parses) and not any(t in parses[0].tag for t in ("Surn", "Name", "Patr", "Geox"))

    def _phrase_idf(self, phrase: tuple[str, ...]) -> float:
        return sum(self._idf(lemma) for lemma in phrase) / len(phrase)

    def _idf(self, lemma: str) -> float:
        """How telling a word is, for coverage: `log(1 + (N - df + 0.5) / (df + 0.5))`, which stays
        positive in a tiny corpus (rank-bm25's own idf is 0 or negative there, and is kept for BM25)."""
        n = max(self.lemmas.n_docs, 1)
        df = self.lemmas.df(lemma) or 1
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def typo_vocabulary(self) -> list[str]:
        """The words a typo is corrected to: the corpus lemmas, then the thesaurus's single words it lacks."""
        extra = {p[0] for p in self.thesaurus.by_phrase if len(p) == 1 and p[0] not in self.lemmas.vocab}
        return list(self.lemmas.vocab) + sorted(extra)

    def _in_latin(self, word: str) -> list[str]:
        """The corpus's Latin-letter words with the same consonants as a Cyrillic word (`consonant_key`), when it
        has three or more of them (fewer would match too much)."""
        if self._latin_keys is None:
            keys: dict[str, list[str]] = {}
            for term in self.lemmas.vocab:
                if term.isascii() and term.isalpha() and len(term) > 2:
                    # English «w» is written «в» (Twitter, твиттер) or as a vowel (Powerball, пауэрбол); a final «s»
                    # is often not written at all (Reuters, Рейтер).
                    variants = (term, term.replace("w", ""), term[:-1] if term.endswith("s") and len(term) > 4 else term)
                    for variant in dict.fromkeys(variants):
                        keys.setdefault(consonant_key(variant), []).append(term)
            self._latin_keys = keys
        key = consonant_key(word)
        if len(key) >= 3:
            return self._latin_keys.get(key, [])[:2]
        if len(key) < 2:
            return []
        # Two consonants match too much alone («баду» — badoo, body, abide): the spellings must also be of
        # about the same length and both start with a vowel or both with that consonant («гугл» — google,
        # «убер» — uber, «эппл» — apple).
        initial_vowel = fold(word)[0] in "аеёиоуыэюя"
        return [term for term in self._latin_keys.get(key, [])
                if abs(len(term) - len(word)) <= 2 and (term[0] in "aeiouy") == initial_vowel][:2]

    def _bucket(self, n: int) -> tuple[list[str], np.ndarray]:
        """The corpus lemmas of n characters, and which letters each holds (`_letter_mask`), made on the
        first use of that length."""
        terms = self._vocab_by_len.get(n, [])
        masks = self._masks_by_len.get(n)
        if masks is None:
            masks = self._masks_by_len[n] = _letter_mask(np.array(terms, dtype=f"<U{max(n, 1)}"))
        return terms, masks

    def _fuzzy(self, norm: str, info: WordInfo, budget: list[int] | None = None) -> list[str]:
        """`typo_vocabulary` words one edit away (two for words of 7+ letters) from an unknown word or its
        lemma, two neighbouring letters swapped («нароктик», «дуашмбе») counting as one edit (optimal string
        alignment); then `_known_variants`."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if self._vocab_by_len is None:
            by_len: dict[int, list[str]] = {}
            for term in self.typo_vocabulary():
                by_len.setdefault(len(term), []).append(term)
            self._vocab_by_len = by_len
        out: list[str] = []
        nearest = 2                            # the fewest edits of any candidate found
        for word in dict.fromkeys((info.lemmas[0], norm)):
            if len(word) < 4 or word[0].isdigit():
                continue
            limit = 1 if len(word) < 7 else 2
            best: list[tuple[int, int, str]] = []
            mask = _letter_mask(np.array([word]))[0]
            for n in range(len(word) - limit, len(word) + limit + 1):
                terms, masks = self._bucket(n)
                # An edit changes at most two letters' presence, so a term `limit` edits away differs from
                # the word in at most 2·limit of them: that test, on all the terms of a length at once,
                # leaves rapidfuzz a few percent of them (at 10^6 sentences, 39 -> ~2 ms a word).
                near = np.flatnonzero(np.bitwise_count(masks ^ mask) <= 2 * limit)
                for term, d, _ in process.extract(word, [terms[i] for i in near], scorer=OSA.distance,
                                                  score_cutoff=limit, limit=None):
                    best.append((int(d), -self.lemmas.df(term), term))
            best.sort()
            out.extend(t for _, _, t in best[:2] if t not in out)
            if best:
                nearest = min(nearest, best[0][0])
        # A typo inside an inflected form («грааждан», «россян») is rarely near any lemma: the dictionary's
        # words one edit away from the form, lemmatised, that the corpus uses (~0.5 ms a word, so only then).
        # Lemmas two edits away are weaker evidence than a form one edit away: «росиян», read by pymorphy3 as
        # a form of «росиять», is two edits from «просить» but one from «россиян».
        if out and nearest < 2:
            return out[:3]
        if budget is not None:
            if budget[0] <= 0:
                budget[1] = 1                   # skipped: the word's group is not to be kept
                return out[:3]
            budget[0] -= 1
        return self._known_variants(norm) or out[:3]

    def _known_variants(self, norm: str) -> list[str]:
        """Lemmas of the corpus (or the thesaurus) whose forms pymorphy3 knows one edit away from `norm`
        (`_dictionary_neighbours`), most frequent in the corpus first."""
        if not 5 <= len(norm) <= LONGEST_WORD or not norm.isalpha():
            return []
        found: dict[str, int] = {}
        for _, lemma, _ in self._dictionary_neighbours(norm):
            df = self.lemmas.df(lemma)
            if df or (lemma,) in self.thesaurus.by_phrase:
                found[lemma] = df
        return sorted(found, key=lambda lemma: (-found[lemma], lemma))[:2]

    def _modifier(self, norm: str) -> bool:
        """An adverb or a comparative (pymorphy3's first reading): how, not what."""
        return self.analyzer.morph.parse(norm)[0].tag.POS in MODIFIER_POS

    def _misspelt_verb(self, norm: str) -> bool:
        """«приезжаал»: most of the forms one edit away that the dictionary was searched for are verb forms,
        so the word weighs as a verb does when it is missing (never searches the dictionary itself)."""
        neighbours = self._neighbours.get(norm)
        return bool(neighbours) and 2 * sum(verb for _, _, verb in neighbours) > len(neighbours)

    # ---- scoring ------------------------------------------------------------------------------------
    def _forms(self, group: Group) -> list[tuple]:
        """The group's forms found in the corpus, in rising credit (relatives, synonyms, then the
        question's own word): (credit, term id or -1, postings start, end, idf, phrase docs, phrase
        BM25 × credit) — a lemma's postings are the index's own, a phrase's are computed here.

        Lemmas with fewer than SMALL_POSTINGS postings (rare relatives, typo corrections) are merged, per
        credit, into one list of the same kind as a phrase's: the compiled scan pays ~1 µs a form a
        question (a gallop per block, a bound, a lookup table entry) however few its postings are, and a
        frequent name's relatives made 10-15 % of the heaviest questions' shortlist."""
        lemmas = self.lemmas
        small: dict[float, list[int]] = {}       # credit -> its rare lemmas
        for phrase, credit in group.lemmas:
            tid = lemmas.vocab.get(phrase[0]) if len(phrase) == 1 else None
            if tid is not None and 0 < lemmas.offsets[tid + 1] - lemmas.offsets[tid] < SMALL_POSTINGS:
                small.setdefault(credit, []).append(tid)
        forms = []
        for phrase, credit in group.lemmas:
            if len(phrase) > 1:
                docs, weights = self._phrase_postings(phrase)
                if len(docs):
                    forms.append((credit, -1, 0, len(docs), 0.0, docs, weights * credit))
                continue
            tid = lemmas.vocab.get(phrase[0])
            if tid is None:
                continue
            lo, hi = int(lemmas.offsets[tid]), int(lemmas.offsets[tid + 1])
            if hi > lo and (hi - lo >= SMALL_POSTINGS or len(small[credit]) == 1):
                forms.append((credit, tid, lo, hi, lemmas.idf_of(tid), None, None))
        for credit, tids in small.items():
            if len(tids) > 1:
                docs, weights = self._merged_postings(tids, credit)
                forms.append((credit, -1, 0, len(docs), 0.0, docs, weights))
        forms.sort(key=lambda form: form[0])     # stable
        return forms

    def _merged_postings(self, tids: list[int], credit: float) -> tuple[np.ndarray, np.ndarray]:
        """The postings of several lemmas as one list (docs ascending, BM25 × credit computed as the
        kernels do: the same operations in the same order, so the sums are the same to the last bit); a
        sentence that holds more than one counts with the last of them, as `kernels.scan` would."""
        lemmas = self.lemmas
        lengths, unit, norm = lemmas.length_terms()
        all_docs, all_weights = [], []
        for tid in tids:
            lo, hi = lemmas.offsets[tid], lemmas.offsets[tid + 1]
            docs = lemmas.docs[lo:hi]
            tf = lemmas.tf[lo:hi]
            size = lengths[docs]
            scale = lemmas.idf_of(tid) * credit
            all_docs.append(docs)
            all_weights.append(np.where(tf == 1, scale * unit[size], scale * (tf * (lemmas.k1 + 1)) / (tf + norm[size])))
        docs = np.concatenate(all_docs)
        weights = np.concatenate(all_weights)
        order = np.argsort(docs, kind="stable")
        docs, weights = docs[order], weights[order]
        last = np.append(docs[1:] != docs[:-1], True)
        return docs[last], weights[last]

    def _phrase_postings(self, phrase: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        if len(phrase) == 1:
            return self.lemmas.postings(phrase[0])
        docs, total = self.lemmas.postings(phrase[0])
        for lemma in phrase[1:]:
            d2, w2 = self.lemmas.postings(lemma)
            common, i1, i2 = np.intersect1d(docs, d2, assume_unique=True, return_indices=True)
            docs, total = common, total[i1] + w2[i2]
            if not len(docs):
                break
        return docs, total / len(phrase)


def _never(stem: str) -> bool:
    return False


def form_table(forms: list[tuple]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A group's forms as columns, read-only: term ids, postings starts and ends, and credits and idfs as
    float64 bits (int64, 5 × forms: the engine stacks the question's groups' tables with one call and
    reads the last two rows with `.view(np.float64)`); and its phrases' postings one after the other
    (docs, BM25 × credit), into which a phrase's start and end point."""
    ints = np.zeros((5, len(forms)), dtype=np.int64)
    floats = ints[3:].view(np.float64)
    docs, weights = [], []
    for i, (credit, term, lo, hi, idf, phrase_docs, phrase_weights) in enumerate(forms):
        if term < 0:
            lo = sum(len(d) for d in docs)
            hi = lo + len(phrase_docs)
            docs.append(phrase_docs)
            weights.append(phrase_weights)
        ints[:3, i] = term, lo, hi
        floats[:, i] = credit, idf
    docs = np.concatenate(docs).astype(np.int32) if docs else np.zeros(0, dtype=np.int32)
    weights = np.concatenate(weights).astype(np.float64) if weights else np.zeros(0)
    ints.flags.writeable = docs.flags.writeable = weights.flags.writeable = False
    return ints, docs, weights


def _one_edit(norm: str) -> set[str]:
    """Every string one edit from `norm`: a letter dropped, swapped with the next, replaced or added."""
    letters = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
    splits = [(norm[:i], norm[i:]) for i in range(len(norm) + 1)]
    variants = {a + b[1:] for a, b in splits if b}
    variants |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {a + c + b[1:] for a, b in splits if b for c in letters}
    variants |= {a + c + b for a, b in splits for c in letters}
    variants.discard(norm)
    return variants


def _letter_mask(words: np.ndarray) -> np.ndarray:
    """Per word (a NumPy unicode array), a bit for each letter it holds (code point mod 64)."""
    if not len(words):
        return np.zeros(0, dtype=np.uint64)
    codes = words.view(np.uint32).reshape(len(words), -1)
    bits = np.where(codes > 0, np.left_shift(np.uint64(1), (codes & 63).astype(np.uint64)), np.uint64(0))
    return np.bitwise_or.reduce(bits, axis=1)
