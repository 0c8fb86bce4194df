"""Quality floors on question sets, so a change that makes answers worse fails the tests.

The floors sit a little under what the engine measures (README «Quality, measured»): they catch
regressions, they are not the bar itself. The dev set lives in ../shared (skipped when it is absent);
tests/data/extra_questions.json holds our own wordings; heldout_seed_questions.json to
heldout53_seed_questions.json were written by helpers who saw neither the engine nor any other question
set (the first was used to find what to fix in session 4, the second only in part, the third in session 5;
the fourth was scored blind in session 5, the fifth in session 6, the sixth in session 7, the seventh and eighth in
session 8, the ninth to eleventh in session 9, the twelfth to fourteenth in session 10, the fifteenth and sixteenth
in session 11, the seventeenth in session 12, the eighteenth and nineteenth in session 13,
the twentieth to twenty-second in session 14, the twenty-third to twenty-fifth in session 15, the twenty-sixth and
twenty-seventh in session 16, the twenty-eighth to thirty-first in session 17, the thirty-second to thirty-fourth in
session 18 (the thirty-fifth scored blind in session 18), the thirty-sixth, thirty-eighth and thirty-ninth in session 19 (the
thirty-seventh, scored blind, stays out for now), the fortieth to forty-second scored blind in session 20 and then
read, the forty-third read in session 20 on arrival, the forty-fifth and forty-seventh scored blind in session 21 and
then read (the forty-sixth, scored blind, stays out for now), the forty-eighth and fifty-third scored blind in session
22 and then read (the forty-ninth and fifty-ninth, scored blind, stay out for now), each only then added: see README).
The forty-eighth avoids the articles' words on purpose («Смоленка», «медийщики», «двусторонка»): 25 of 40 blind
(beside the real articles).
The sixth asks half its questions in words the articles do not use; the twenty-sixth to thirty-first, short
colloquial ones («когда путин общался с алиевым», «с кем галузин базарил от азербайджана»), score lowest (22, 19,
23, 29, 26 and 29 of 40 blind).
"""

import json
import shutil
from pathlib import Path

import pytest

from index import AnswerEngine
from tests.conftest import REALNEWS, SEEDS

DEV = REALNEWS.parent / "dev_questions.json"
DATA = Path(__file__).parent / "data"
EXTRA = DATA / "extra_questions.json"


def _norm(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).lower()


def _score(engine, questions):
    top1 = inscope = declined = oos = 0
    for q in questions:
        answer = engine.answer(q["question"])
        if q["kind"] == "out_of_scope":
            oos += 1
            declined += answer.best is None
        else:
            inscope += 1
            top1 += answer.best is not None and any(_norm(e) in _norm(answer.best.quote) for e in q["expect"])
    return top1 / inscope, declined / oos


@pytest.fixture(scope="module")
def mixed_engine(tmp_path_factory):
    if not REALNEWS.is_dir():
        pytest.skip("../shared/eval/realnews is not beside the repository")
    folder = tmp_path_factory.mktemp("mixed")
    for path in [*SEEDS.glob("*"), *REALNEWS.glob("*.txt")]:
        shutil.copy(path, folder / path.name)
    return AnswerEngine.load(folder, cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/eval/dev_questions.json is not beside the repository")
def test_dev_questions_on_the_seeds(seed_engine):
    top1, declined = _score(seed_engine, json.loads(DEV.read_text("utf-8")))
    assert top1 >= 0.90 and declined >= 0.90, (top1, declined)


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/eval/dev_questions.json is not beside the repository")
def test_dev_questions_with_real_articles_from_other_outlets_beside_the_seeds(mixed_engine):
    top1, declined = _score(mixed_engine, json.loads(DEV.read_text("utf-8")))
    assert top1 >= 0.90 and declined >= 0.85, (top1, declined)


# What people add to a question in a chat, none of which the answer has to say.
ADDED = {
    "a year or a time of the asker's": (" в 2025 году", " в этом году", " осенью 2025 года", " недавно", " на днях",
                                        " на этой неделе", " вчера", " в последнее время"),
    "where they read it": (", по данным СМИ", ", согласно СМИ", ", как пишут в новостях", ", судя по новостям",
                           ", если верить прессе"),
    "a tag or a hedge": (", не знаешь", ", если не секрет", ", кто знает", ", а", " точно", " вообще", " пожалуйста"),
}


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/eval/dev_questions.json is not beside the repository")
@pytest.mark.parametrize("kind", list(ADDED))
def test_dev_questions_with_what_people_add_in_a_chat(seed_engine, kind):
    """Each in-scope dev question with one such addition (a different one from question to question); out of
    scope ones too, which must still be declined."""
    questions = json.loads(DEV.read_text("utf-8"))
    added = ADDED[kind]
    for i, q in enumerate(questions):
        q["question"] = q["question"].rstrip("?").rstrip() + added[i % len(added)] + "?"
    top1, declined = _score(seed_engine, questions)
    assert top1 >= 0.90 and declined >= 0.90, (kind, top1, declined)


def test_our_own_wordings(mixed_engine):
    top1, declined = _score(mixed_engine, json.loads(EXTRA.read_text("utf-8")))
    assert top1 >= 0.75 and declined >= 0.80, (top1, declined)


@pytest.mark.parametrize("name, floor_top1, floor_declined", [("heldout_seed_questions.json", 0.90, 0.90),
                                                              ("heldout2_seed_questions.json", 0.80, 0.75),
                                                              ("heldout3_seed_questions.json", 0.75, 0.80),
                                                              ("heldout4_seed_questions.json", 0.80, 0.75),
                                                              ("heldout5_seed_questions.json", 0.90, 0.55),
                                                              ("heldout6_seed_questions.json", 0.65, 0.65),
                                                              ("heldout7_seed_questions.json", 0.88, 0.80),
                                                              ("heldout8_seed_questions.json", 0.82, 0.60),
                                                              ("heldout9_seed_questions.json", 0.78, 0.60),
                                                              ("heldout10_seed_questions.json", 0.82, 0.50),
                                                              ("heldout11_seed_questions.json", 0.82, 0.45),
                                                              ("heldout12_seed_questions.json", 0.75, 0.50),
                                                              ("heldout13_seed_questions.json", 0.85, 0.60),
                                                              ("heldout14_seed_questions.json", 0.75, 0.60),
                                                              ("heldout15_seed_questions.json", 0.82, 0.75),
                                                              ("heldout16_seed_questions.json", 0.78, 0.70),
                                                              ("heldout17_seed_questions.json", 0.80, 0.75),
                                                              ("heldout18_seed_questions.json", 0.78, 0.80),
                                                              ("heldout19_seed_questions.json", 0.80, 0.55),
                                                              ("heldout20_seed_questions.json", 0.82, 0.70),
                                                              ("heldout21_seed_questions.json", 0.78, 0.75),
                                                              ("heldout22_seed_questions.json", 0.78, 0.65),
                                                              ("heldout23_seed_questions.json", 0.75, 0.65),
                                                              ("heldout24_seed_questions.json", 0.85, 0.65),
                                                              ("heldout25_seed_questions.json", 0.85, 0.55),
                                                              ("heldout26_seed_questions.json", 0.50, 0.55),
                                                              ("heldout27_seed_questions.json", 0.45, 0.70),
                                                              ("heldout28_seed_questions.json", 0.62, 0.60),
                                                              ("heldout29_seed_questions.json", 0.77, 0.40),
                                                              ("heldout30_seed_questions.json", 0.70, 0.50),
                                                              ("heldout31_seed_questions.json", 0.72, 0.60),
                                                              ("heldout32_seed_questions.json", 0.70, 0.65),
                                                              ("heldout33_seed_questions.json", 0.90, 0.65),
                                                              ("heldout34_seed_questions.json", 0.90, 0.80),
                                                              ("heldout35_seed_questions.json", 0.85, 0.65),
                                                              ("heldout36_seed_questions.json", 0.80, 0.80),
                                                              ("heldout38_seed_questions.json", 0.77, 0.65),
                                                              ("heldout39_seed_questions.json", 0.80, 0.70),
                                                              ("heldout40_seed_questions.json", 0.85, 0.65),
                                                              ("heldout41_seed_questions.json", 0.80, 0.75),
                                                              ("heldout42_seed_questions.json", 0.85, 0.60),
                                                              ("heldout43_seed_questions.json", 0.72, 0.85),
                                                              ("heldout45_seed_questions.json", 0.85, 0.70),
                                                              ("heldout47_seed_questions.json", 0.82, 0.85),
                                                              ("heldout48_seed_questions.json", 0.67, 0.80),
                                                              ("heldout53_seed_questions.json", 0.92, 0.90)])
def test_questions_written_without_seeing_the_engine(seed_engine, name, floor_top1, floor_declined):
    top1, declined = _score(seed_engine, json.loads((DATA / name).read_text("utf-8")))
    assert top1 >= floor_top1 and declined >= floor_declined, (top1, declined)
