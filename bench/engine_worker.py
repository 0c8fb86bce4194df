"""One measurement of the real engine, in a process of its own (run by bench/run.py).

  cold: build from raw text (`AnswerEngine.load(folder, cache_dir, rebuild=True)`), phase by phase;
        write the lemma lists every scorer is given (lemmas.npz, vocab.json, queries.json).
  warm: a fresh process: imports, then `AnswerEngine.load(folder, cache_dir)` from the cache the cold run
        wrote; then `answer()` over every question, twice (the first pass with the word cache cold).
  profile: as warm, then cProfile over one more pass of `answer()`.

Prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

T_START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
# bench/run.py points BENCH_CODE at a snapshot of index/ taken when the run started: files edited during a
# run neither change what is measured nor invalidate the index cache between the cold and warm processes.
CODE = Path(os.environ.get("BENCH_CODE") or ROOT)
sys.path.insert(0, str(CODE))


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def percentiles(ms: list[float]) -> dict:
    import numpy as np

    a = np.asarray(ms)
    if not len(a):
        return {"n": 0}
    return {"n": len(a), "p50": float(np.percentile(a, 50)), "p90": float(np.percentile(a, 90)),
            "p99": float(np.percentile(a, 99)), "max": float(a.max()), "mean": float(a.mean())}


def timer(phases: dict[str, float], name: str, fn):
    """`fn`, adding its wall time to phases[name]: times the real load() without changing it."""
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.perf_counter() - t
    return wrapper


def cold(folder: Path, cache_dir: Path, work: Path) -> dict:
    import numpy as np

    import index.cache as cache_mod
    import index.engine as engine_mod
    from index.engine import AnswerEngine

    imports_s = time.perf_counter() - T_START
    rss0 = rss_mb()
    phases: dict[str, float] = {}

    def timed(name, fn):
        return timer(phases, name, fn)

    engine_mod.load_corpus = timed("read+split (load_corpus)", engine_mod.load_corpus)
    orig_build = cache_mod.IndexData.build.__func__
    cache_mod.IndexData.build = classmethod(timed("lemmatise (IndexData.build)", orig_build))
    cache_mod.save = timed("save cache", cache_mod.save)
    engine_mod.default_analyzer = timed("analyzer", engine_mod.default_analyzer)
    orig_init = AnswerEngine.__init__
    AnswerEngine.__init__ = timed("engine init (postings)", orig_init)
    try:
        t = time.perf_counter()
        engine = AnswerEngine.load(folder, cache_dir=cache_dir, rebuild=True)
        build_s = time.perf_counter() - t
        # The engine answers from here; its cache is still being written in a thread: wait for it (the warm
        # run reads it), and report that time apart.
        engine_mod.wait_for_saves(cache_dir)
        save_after_s = time.perf_counter() - t - build_s
    finally:
        cache_mod.IndexData.build = classmethod(orig_build)
        AnswerEngine.__init__ = orig_init
    stats = engine.stats()
    rss1 = rss_mb()
    data = engine.data
    np.savez(work / "lemmas.npz", ids=data.lemma_ids, offsets=data.lemma_offsets)
    (work / "vocab.json").write_text(json.dumps(data.lemma_vocab, ensure_ascii=False), "utf-8")
    qs = json.loads((work / "questions.json").read_text("utf-8"))
    for q in qs:
        q["lemmas"] = engine.analyzer.lemma_list(q["question"])
    (work / "queries.json").write_text(json.dumps(qs, ensure_ascii=False), "utf-8")
    lemmatise_s = phases.get("lemmatise (IndexData.build)", 0.0)
    return {
        "imports_s": imports_s, "build_s": build_s, "save_after_s": save_after_s, "phases_s": phases, "stats": stats,
        "tokens_per_s": stats["tokens"] / build_s if build_s else None,
        "lemmatise_tokens_per_s": stats["tokens"] / lemmatise_s if lemmatise_s else None,
        "lemma_vocab": len(data.lemma_vocab), "stem_vocab": len(data.stem_vocab),
        "stem_tokens": len(data.stem_ids),
        "index_mb": stats["index_bytes"] / 2**20,
        "sentence_data_mb": stats.get("sentence_data_bytes", 0) / 2**20, "rss_before_mb": rss0, "rss_after_mb": rss1,
        "index_package": str(Path(engine_mod.__file__).parent),
        "cache_mb": sum(p.stat().st_size for p in cache_dir.iterdir()) / 2**20,
    }


def warm(folder: Path, cache_dir: Path, work: Path, profile: bool = False) -> dict:
    import numpy as np  # noqa: F401

    import index.cache as cache_mod
    import index.engine as engine_mod
    import index.thesaurus as thesaurus_mod

    imports_s = time.perf_counter() - T_START
    from index.engine import AnswerEngine
    from index.text import default_analyzer

    stamp = (cache_dir / "index.npz").stat().st_mtime_ns
    rss0 = rss_mb()
    t = time.perf_counter()
    default_analyzer()
    analyzer_s = time.perf_counter() - t
    phases: dict[str, float] = {"analyzer (pymorphy3)": analyzer_s}
    saved = (cache_mod.corpus_fingerprint, cache_mod.load, thesaurus_mod.Thesaurus.load.__func__,
             engine_mod.BM25Index.from_flat.__func__, AnswerEngine.__init__)
    cache_mod.corpus_fingerprint = timer(phases, "fingerprint (hash the corpus files)", saved[0])
    cache_mod.load = timer(phases, "read cache (json+npz)", saved[1])
    thesaurus_mod.Thesaurus.load = classmethod(timer(phases, "thesaurus", saved[2]))
    engine_mod.BM25Index.from_flat = classmethod(timer(phases, "postings (BM25Index.from_flat)", saved[3]))
    AnswerEngine.__init__ = timer(phases, "engine init (all)", saved[4])
    try:
        t = time.perf_counter()
        # warm_up=False: the kernels' background compile would run inside the timed phases; the first
        # answer() below loads them from numba's disk cache instead (what a process without it pays).
        engine = AnswerEngine.load(folder, cache_dir=cache_dir, warm_up=False)
        load_s = time.perf_counter() - t
    finally:
        (cache_mod.corpus_fingerprint, cache_mod.load) = saved[:2]
        thesaurus_mod.Thesaurus.load = classmethod(saved[2])
        engine_mod.BM25Index.from_flat = classmethod(saved[3])
        AnswerEngine.__init__ = saved[4]
    rebuilt = (cache_dir / "index.npz").stat().st_mtime_ns != stamp
    rss1 = rss_mb()
    qs = json.loads((work / "questions.json").read_text("utf-8"))
    texts = [q["question"] for q in qs]
    kinds = [q["kind"] for q in qs]
    t = time.perf_counter()
    engine.answer(texts[0])
    first_ms = (time.perf_counter() - t) * 1000

    def one_pass():
        out, reasons = [], []
        for q in texts:
            t = time.perf_counter()
            a = engine.answer(q)
            out.append((time.perf_counter() - t) * 1000)
            reasons.append("answered" if a.best else a.reason)
        return out, reasons

    pass1, _ = one_pass()
    pass2, reasons = one_pass()
    result = {
        "imports_s": imports_s, "analyzer_s": analyzer_s, "load_s": load_s, "warm_start_s": analyzer_s + load_s,
        "phases_s": phases,
        "rebuilt": rebuilt, "rss_before_mb": rss0, "rss_after_load_mb": rss1, "rss_after_answers_mb": rss_mb(),
        "first_answer_ms": first_ms, "answer_cold_words": percentiles(pass1), "answer": percentiles(pass2),
        "answer_by_kind": {k: percentiles([ms for ms, kk in zip(pass2, kinds) if kk == k]) for k in dict.fromkeys(kinds)},
        "outcomes": {r: reasons.count(r) for r in dict.fromkeys(reasons)},
        "slowest": sorted(zip(pass2, texts), reverse=True)[:5],
    }
    if profile:
        result["profile"] = run_profile(engine, texts, work)
    return result


def run_profile(engine, texts: list[str], work: Path) -> dict:
    """cProfile over one pass of answer(): where its time goes (own time, and cumulative per function)."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for q in texts:
        engine.answer(q)
    prof.disable()
    prof.dump_stats(str(work / "answer.prof"))
    st = pstats.Stats(prof)
    total = sum(v[2] for v in st.stats.values())       # sum of own times = profiled wall time

    def name(key):
        file, line, fn = key
        for base in (str(CODE), str(ROOT)):
            if file.startswith(base + "/"):
                file = file[len(base) + 1:]
                break
        if "site-packages/" in file:
            file = file.split("site-packages/", 1)[1]
        return f"{file}:{line}({fn})" if line else fn

    rows = [(name(k), v[1], v[2], v[3]) for k, v in st.stats.items()]   # name, calls, own, cumulative
    n = len(texts)
    own = sorted(rows, key=lambda r: -r[2])[:15]
    cum = sorted((r for r in rows if r[0].startswith("index/")), key=lambda r: -r[3])[:20]

    def fmt(r):
        return {"function": r[0], "calls_per_answer": r[1] / n, "own_pct": 100 * r[2] / total,
                "cum_pct": 100 * r[3] / total, "own_ms_per_answer": 1000 * r[2] / n,
                "cum_ms_per_answer": 1000 * r[3] / n}

    return {"questions": n, "profiled_ms_per_answer": 1000 * total / n, "by_own_time": [fmt(r) for r in own],
            "index_by_cumulative": [fmt(r) for r in cum]}


def main() -> None:
    mode, folder, cache_dir, work = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    if mode == "cold":
        out = cold(folder, cache_dir, work)
    else:
        out = warm(folder, cache_dir, work, profile=mode == "profile")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
