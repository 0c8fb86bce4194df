"""Quality on every question set at hand, in one process: the README's «Quality, measured» table, and a
per-question record to compare two versions of the engine.

  .venv/bin/python bench/quality.py                       # the repository's sets (+ ../shared's when present)
  .venv/bin/python bench/quality.py --news DIR [DIR ...]  # + sets of other outlets' articles kept outside the repo
  .venv/bin/python bench/quality.py --out run.json        # keep every answer, to compare with
  .venv/bin/python bench/quality.py --compare old.json new.json

Scored as ../shared/eval/score.py scores them: an in-scope question is right at top-1 when the answer's quote
holds one of its `expect` substrings (top-3: the answer or one of the first two «Ещё»), an out-of-scope one
when the answer is «no answer». Corpora: the seeds for the dev set and `tests/data/heldout*`; the seeds and
../shared/eval/realnews for the real-news set, the dev set beside them and `tests/data/extra_questions.json`;
for a `--news` folder (its `questions.json` and `articles/*.txt`, as the helpers who write them leave them) the
seeds, the real news and its own articles. Each corpus is indexed once, in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index import AnswerEngine

SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def norm(text: str) -> str:
    """What score.py compares: lower case, ё as е, runs of white space as one."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).lower()


def question_sets(news: list[Path]) -> list[tuple[str, Path, tuple[Path, ...]]]:
    """(name, questions file, folders of articles beside the seeds) for every set at hand."""
    real = SHARED_EVAL / "realnews"
    sets = []
    if (SHARED_EVAL / "dev_questions.json").is_file():
        sets.append(("dev", SHARED_EVAL / "dev_questions.json", ()))
        if real.is_dir():
            sets.append(("dev + real news", SHARED_EVAL / "dev_questions.json", (real,)))
    if (SHARED_EVAL / "realnews_questions.json").is_file() and real.is_dir():
        sets.append(("real news", SHARED_EVAL / "realnews_questions.json", (real,)))
    if real.is_dir():
        sets.append(("extra", DATA / "extra_questions.json", (real,)))
    by_number = sorted(DATA.glob("heldout*_seed_questions.json"),
                       key=lambda p: int(p.name[len("heldout"):].split("_")[0] or 1))
    sets += [(path.name.split("_")[0], path, ()) for path in by_number]
    for folder in news:
        sets.append((folder.name, folder / "questions.json", tuple(p for p in (real, folder / "articles") if p.is_dir())))
    return sets


def score(engine: AnswerEngine, questions: list[dict]) -> dict[str, dict]:
    """Each question's result: right at top-1, within the top 3, out of scope, the quote given."""
    out = {}
    for q in questions:
        answer = engine.answer(q["question"]).to_json()
        best = answer["answer"]
        quotes = [norm(best["quote"])] + [norm(m["quote"]) for m in answer["more"][:2]] if best else []
        expected = [norm(e) for e in q.get("expect", [])]
        if q["kind"] == "out_of_scope":
            top1 = top3 = best is None
        else:
            top1 = bool(quotes) and any(e in quotes[0] for e in expected)
            top3 = any(e in quote for quote in quotes for e in expected)
        out[q["id"]] = {"question": q["question"], "oos": q["kind"] == "out_of_scope", "top1": top1, "top3": top3,
                        "quote": best["quote"] if best else None}
    return out


def run(news: list[Path]) -> dict[str, dict]:
    results: dict[str, dict] = {}
    engines: dict[tuple[Path, ...], AnswerEngine] = {}
    with tempfile.TemporaryDirectory(prefix="coverage-bot-quality-") as tmp:
        for name, path, extra in question_sets(news):
            if extra not in engines:
                folder = Path(tmp) / f"corpus{len(engines)}"
                folder.mkdir()
                for article in SEEDS.iterdir():
                    if article.is_file():
                        shutil.copy(article, folder / article.name)
                for n, source in enumerate(extra):
                    for article in source.glob("*.txt"):
                        shutil.copy(article, folder / f"{n}-{article.name}")
                engines[extra] = AnswerEngine.load(folder, cache_dir=Path(tmp) / f"cache{len(engines)}")
            results[name] = score(engines[extra], json.loads(path.read_text("utf-8")))
            print(row(name, results[name]), flush=True)
    return results


def row(name: str, result: dict) -> str:
    inscope = [r for r in result.values() if not r["oos"]]
    oos = [r for r in result.values() if r["oos"]]
    top1, top3, declined = (sum(r["top1"] for r in inscope), sum(r["top3"] for r in inscope),
                            sum(r["top1"] for r in oos))
    share = f" = {top1 / len(inscope):.0%}" if inscope else ""
    return (f"| {name} | {top1}/{len(inscope)}{share} | {top3}/{len(inscope)} | "
            f"{declined}/{len(oos)}{f' = {declined / len(oos):.0%}' if oos else ''} |")


def compare(old: dict, new: dict) -> None:
    """The questions whose result changed, set by set, and the totals."""
    gained = lost = 0
    for name in [n for n in new if n in old]:
        changed = [qid for qid in new[name] if qid in old[name] and new[name][qid]["top1"] != old[name][qid]["top1"]]
        for qid in changed:
            now = new[name][qid]
            gained, lost = gained + now["top1"], lost + (not now["top1"])
            print(f"{name} {'+' if now['top1'] else '-'} {qid} {now['question']!r}: "
                  f"{(old[name][qid]['quote'] or '—')[:70]!r} → {(now['quote'] or '—')[:70]!r}")
    print(f"+{gained} −{lost}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=Path, nargs="*", default=[], help="folders with questions.json and articles/")
    parser.add_argument("--out", type=Path, help="write every answer to this JSON file")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("OLD", "NEW"), help="compare two --out files")
    args = parser.parse_args(argv)
    if args.compare:
        old, new = (json.loads(p.read_text("utf-8")) for p in args.compare)
        compare(old, new)
        return 0
    print("| question set | top-1 | top-3 | out-of-scope declined |\n| --- | --- | --- | --- |")
    results = run(args.news)
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
