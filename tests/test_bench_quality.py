"""bench/quality.py: the README's quality table, scored as ../shared/eval/score.py scores."""

import json

from bench import quality
from index import AnswerEngine
from tests.conftest import write_corpus


def test_a_set_of_other_outlets_articles_is_scored_on_the_seeds_and_its_own_articles(tmp_path, capsys):
    """A --news folder (questions.json + articles/) is answered from the seeds and its articles: the in-scope
    question right at top-1 and top-3, the out-of-scope one declined, and a compare of two runs lists the change."""
    folder = tmp_path / "set99"
    write_corpus(folder / "articles", {
        "tver.txt": "Мосты в Твери\nТВЕРЬ, 3 марта. /ТАСС/. В Твери в 2024 году отремонтируют 15 мостов.\n"})
    (folder / "questions.json").write_text(json.dumps([
        {"id": "q1", "question": "Сколько мостов отремонтируют в Твери?", "expect": ["отремонтируют 15 мостов"],
         "kind": "how_many"},
        {"id": "q2", "question": "Когда откроется метро в Твери?", "expect": [], "kind": "out_of_scope"},
    ], ensure_ascii=False), "utf-8")
    engine = AnswerEngine.load(write_corpus(tmp_path / "c", {
        "a.txt": "Мосты в Твери\nТВЕРЬ, 3 марта. /ТАСС/. В Твери в 2024 году отремонтируют 15 мостов.\n"}))
    result = quality.score(engine, json.loads((folder / "questions.json").read_text("utf-8")))
    assert result["q1"]["top1"] and result["q1"]["top3"] and not result["q1"]["oos"]
    assert result["q2"]["oos"] and result["q2"]["top1"]
    assert quality.row("set99", result) == "| set99 | 1/1 = 100% | 1/1 | 1/1 = 100% |"
    assert ("set99", folder / "questions.json") == quality.question_sets([folder])[-1][:2]

    worse = json.loads(json.dumps({"set99": result}))
    worse["set99"]["q1"].update(top1=False, quote=None)
    quality.compare(worse, {"set99": result})
    assert "set99 + q1" in capsys.readouterr().out
