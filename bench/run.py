"""`make bench`: speed and memory of the engine and of its BM25 peers on corpora of 10^4, 10^5, 10^6 sentences.

  .venv/bin/python bench/run.py [--sizes 10000,100000] [--quick] [--workdir DIR] ...

For each size: make (or reuse) a corpus of real news sentences recombined (bench/corpus.py), build the real
engine from it in a fresh process, start it warm in another fresh process and time `answer()`, then run
each BM25 scorer in a process of its own on the engine's lemma lists (bench/peers.py). Raw JSON goes to
bench/results/ (git-ignored), the tables to bench/results/latest.md and stdout. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench import corpus as corpus_mod

RESULTS = HERE / "results"
PY = sys.executable
PEER_ORDER = ("ours", "rank_bm25_rs", "bm25s", "tantivy", "rank_bm25")   # the baseline last: it checks the others
PEER_LABEL = {"ours": "ours (index.bm25.BM25Index)", "rank_bm25": "rank-bm25 BM25Okapi (baseline)",
              "rank_bm25_rs": "rank-bm25-rs", "bm25s": "bm25s", "tantivy": "tantivy"}

# The issue's targets (issues show 7, «Speed»).
TARGET_P99_MS = {100_000: 0.5, 1_000_000: 3.0}
TARGET_INDEX_MB_1M = 100
TARGET_TOKENS_PER_S = 300_000
TARGET_WARM_S_1E5 = 1.0


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def run_json(args: list[str], timeout: float, label: str) -> dict:
    t = time.perf_counter()
    env = {**os.environ, "BENCH_CODE": str(CODE_SNAPSHOT)} if CODE_SNAPSHOT else None
    try:
        proc = subprocess.run([PY, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                              check=False, env=env)
    except subprocess.TimeoutExpired:
        log(f"{label}: timed out after {timeout:.0f} s")
        return {"error": f"timeout after {timeout:.0f} s"}
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        log(f"{label}: FAILED (exit {proc.returncode})\n{tail}")
        return {"error": f"exit {proc.returncode}: {tail}"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    out = json.loads(lines[-1])
    out["process_wall_s"] = wall
    return out


CODE_SNAPSHOT: Path | None = None


def snapshot_code(workdir: Path) -> tuple[Path, str]:
    """Copy index/ as it is now into the work folder; every measuring process imports that copy."""
    h = hashlib.blake2b(digest_size=6)
    files = sorted(p for p in (ROOT / "index").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for p in files:
        h.update(p.relative_to(ROOT).as_posix().encode() + b"\0" + p.read_bytes())
    digest = h.hexdigest()
    dest = workdir / f"code-{digest}"
    if not (dest / "index").is_dir():
        tmp = workdir / f"code-{digest}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        for p in files:
            target = tmp / p.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, target)
        shutil.rmtree(dest, ignore_errors=True)
        tmp.rename(dest)
    return dest, digest


def generator_version() -> str:
    h = hashlib.blake2b(digest_size=6)
    h.update((HERE / "corpus.py").read_bytes())
    h.update((Path(CODE_SNAPSHOT or ROOT) / "index" / "corpus.py").read_bytes())   # splits the sources
    for folder in corpus_mod.SOURCES:
        for p in sorted(folder.glob("*.txt")):
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def get_corpus(n: int, args, sources_cache: dict) -> tuple[Path, dict, list[dict], float]:
    """The corpus folder for n sentences (reused when already made by this generator), its info, questions."""
    folder = args.workdir / (f"corpus-{n}-s{args.seed}-a{args.per_article}-q{args.questions}-o{args.out_of_scope}-"
                             f"{generator_version()}")
    manifest = folder.parent / (folder.name + ".json")
    want = {"corpus_questions": args.questions, "out_of_scope": args.out_of_scope}
    if manifest.is_file() and folder.is_dir():
        m = json.loads(manifest.read_text("utf-8"))
        if m.get("want") == want:
            return folder, m["info"], m["questions"], 0.0
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    if "src" not in sources_cache:
        sources_cache["src"] = corpus_mod.load_sources()
    info, sentences = corpus_mod.generate(n, folder, seed=args.seed, per_article=args.per_article,
                                          sources=sources_cache["src"])
    qs = corpus_mod.questions(sentences, args.questions, args.out_of_scope, args.seed)
    random.Random(args.seed).shuffle(qs)           # every prefix of the list mixes the kinds
    gen_s = time.perf_counter() - t
    manifest.write_text(json.dumps({"want": want, "info": asdict(info), "questions": qs, "generate_s": gen_s},
                                   ensure_ascii=False), "utf-8")
    return folder, asdict(info), qs, gen_s


def environment() -> dict:
    def git(*a):
        try:
            return subprocess.run(["git", *a], capture_output=True, text=True, cwd=ROOT, timeout=20,
                                  check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    versions = {}
    for mod in ("numpy", "pymorphy3", "razdel", "rank_bm25", "rank_bm25_rs", "bm25s", "tantivy", "psutil"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod.replace("_", "-"))
        except Exception:  # noqa: BLE001
            versions[mod] = None
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    except OSError:
        pass
    try:
        import psutil

        mem_gb = psutil.virtual_memory().total / 2**30
    except ImportError:
        mem_gb = None
    index_dirty = git("status", "--porcelain", "index")
    return {"git_head": git("rev-parse", "--short", "HEAD"), "index_uncommitted": index_dirty.splitlines(),
            "index_diff_hash": hashlib.blake2b(git("diff", "HEAD", "--", "index").encode(), digest_size=6).hexdigest(),
            "python": platform.python_version(), "cpu": cpu, "cpus": os.cpu_count(), "mem_gb": mem_gb,
            "packages": versions}


def baseline_queries(n: int, args) -> int:
    if args.baseline_queries >= 0:
        return args.baseline_queries
    return 0 if n <= 200_000 else 20           # rank-bm25 takes ~1 s a query at 10^6


def measure_size(n: int, args, sources_cache: dict) -> dict:
    res: dict = {"size": n}
    folder, info, qs, gen_s = get_corpus(n, args, sources_cache)
    res["corpus"] = info
    res["corpus_generate_s"] = gen_s
    res["questions"] = {k: sum(q["kind"] == k for q in qs) for k in ("corpus", "out-of-scope", "dev")}
    log(f"{n:>9,}: corpus {f'made in {gen_s:.1f} s' if gen_s else 'reused'}: {info['articles']} files, "
        f"{info['tokens']:,} tokens, {info['forms']:,} forms ({info['minted']:,} new beyond the sources)")
    work = args.workdir / f"run-{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cache = work / "cache"
    (work / "questions.json").write_text(json.dumps(qs, ensure_ascii=False), "utf-8")
    argv = [str(folder), str(cache), str(work)]

    cold = run_json([str(HERE / "engine_worker.py"), "cold", *argv], args.timeout, "cold build")
    res["cold"] = cold
    if "error" in cold:
        return res
    log(f"{n:>9,}: built in {cold['build_s']:.1f} s, {cold['stats']['sentences']:,} sentences, "
        f"{cold['stats']['tokens']:,} tokens → {cold['tokens_per_s']:,.0f} tokens/s; index {cold['index_mb']:.1f} MB, "
        f"RSS {cold['rss_after_mb']:.0f} MB")

    for attempt in range(2):
        warm = run_json([str(HERE / "engine_worker.py"), "warm", *argv], args.timeout, "warm start")
        if "error" in warm or not warm.get("rebuilt"):
            break
        log(f"{n:>9,}: the warm start rebuilt the index (index/ code changed since the cold build?); again")
        res["warm_rebuilt_once"] = True
    res["warm"] = warm
    if "error" not in warm:
        a = warm["answer"]
        log(f"{n:>9,}: warm start {warm['warm_start_s']:.2f} s (+{warm['imports_s']:.2f} s imports); "
            f"answer() p50 {a['p50']:.2f} ms, p99 {a['p99']:.2f} ms over {a['n']} questions"
            + (" [REBUILT: not a warm start]" if warm.get("rebuilt") else ""))
    if n == args.profile_size:
        prof = run_json([str(HERE / "engine_worker.py"), "profile", *argv], args.timeout, "profile")
        res["profile"] = prof.get("profile", prof)

    res["peers"] = {}
    for name in PEER_ORDER:
        if name not in args.engines:
            continue
        extra = []
        if name == "rank_bm25" and baseline_queries(n, args):
            extra = ["--max-queries", str(baseline_queries(n, args))]
        out = run_json([str(HERE / "peers.py"), name, str(work), "--sample", str(args.sample), *extra],
                       args.timeout, name)
        res["peers"][name] = out
        if "error" not in out:
            log(f"{n:>9,}: {name:<13} build {out['build_s']:.1f} s, p50 {out['p50_ms']:.3f} ms, "
                f"p99 {out['p99_ms']:.3f} ms ({out['queries']} queries), RSS +{out['rss_delta_mb']:.0f} MB")
    if not args.keep:
        shutil.rmtree(work / "tantivy_index", ignore_errors=True)
    return res


# ---- report -----------------------------------------------------------------------------------------------
def fmt(x, spec=".1f", missing="–"):
    return missing if x is None else format(x, spec)


def mark(ok: bool | None) -> str:
    return "" if ok is None else (" ✓" if ok else " ✗")


def size_label(n: int) -> str:
    e = len(str(n)) - 1
    return f"10^{e}" if n == 10 ** e else f"{n:,}"


def phase_table(title: str, rows: list[tuple[int, dict | None]]) -> list[str]:
    rows = [(n, p) for n, p in rows if p]
    if not rows:
        return []
    names = list(dict.fromkeys(k for _, p in rows for k in p))
    out = ["", f"{title}:", "", "| size | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for n, p in rows:
        out.append(f"| {size_label(n)} | " + " | ".join(fmt(p.get(k), ".2f") for k in names) + " |")
    return out


def render(results: list[dict], env: dict, args) -> str:
    out = [f"# coverage-bot benchmark ({dt.datetime.now().strftime('%Y-%m-%d %H:%M')})", "",
           f"Machine: {env['cpu']}, {env['cpus']} CPUs, {fmt(env['mem_gb'], '.0f')} GB; Python {env['python']}; "
           f"commit {env['git_head']}" + (f" + uncommitted index/ changes ({env['index_diff_hash']})"
                                          if env["index_uncommitted"] else "")
           + f"; index/ snapshot {env.get('index_snapshot', '?')} (copied at the start, measured throughout).", ""]
    out += ["## The engine (`AnswerEngine`, whole pipeline)", "",
            ("Targets (issue 7): build ≥ 300k tokens/s from raw text; index ≤ 100 MB at 10^6; warm start ≤ 1 s at "
             "10^5; `answer()` p99 ≤ 0.5 ms at 10^5 and ≤ 3 ms at 10^6. ✓ met, ✗ missed."), "",
            ("Build s: from raw text until the engine answers, with (+ s) the wait after it for the cache, which a "
             "thread writes meanwhile (tokens/s counts the first)."), "",
            ("| size | sentences (loader) | tokens (lemmas) | build s | tokens/s | lemmatise only, tokens/s | index MB "
             "(BM25 postings) | other per-sentence arrays MB | RSS after build MB | warm start s (+ imports) | RSS warm MB | "
             "answer() p50 / p99 ms | first pass p50 / p99 ms | first answer() ms | answered / abstained |"),
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        n, c, w = r["size"], r.get("cold", {}), r.get("warm", {})
        if "error" in c or not c:
            out.append(f"| {size_label(n)} | build failed: {c.get('error', '?')[:80]} |" + " |" * 13)
            continue
        tps = c["tokens_per_s"]
        idx_ok = c["index_mb"] <= TARGET_INDEX_MB_1M if n >= 1_000_000 else None
        build = fmt(c["build_s"]) + (f" (+{c['save_after_s']:.1f})" if c.get("save_after_s") is not None else "")
        row = [size_label(n), f"{c['stats']['sentences']:,}", f"{c['stats']['tokens']:,}", build,
               f"{tps / 1000:,.0f}k{mark(tps >= TARGET_TOKENS_PER_S)}",
               f"{(c['lemmatise_tokens_per_s'] or 0) / 1000:,.0f}k",
               f"{c['index_mb']:.1f}{mark(idx_ok)}", fmt(c.get("sentence_data_mb"), ".1f"),
               f"{c['rss_after_mb']:,.0f}"]
        if w and "error" not in w:
            a = w["answer"]
            warm_ok = w["warm_start_s"] <= TARGET_WARM_S_1E5 if n == 100_000 else None
            p99_target = TARGET_P99_MS.get(n)
            oc = w["outcomes"]
            abst = sum(v for k, v in oc.items() if k != "answered")
            row += [f"{w['warm_start_s']:.2f}{mark(warm_ok)} (+{w['imports_s']:.2f})"
                    + (" REBUILT" if w.get("rebuilt") else ""),
                    f"{w['rss_after_load_mb']:,.0f}",
                    f"{a['p50']:.2f} / {a['p99']:.2f}{mark(a['p99'] <= p99_target if p99_target else None)}",
                    (f"{w['answer_cold_words']['p50']:.2f} / {w['answer_cold_words']['p99']:.2f}"
                     f"{mark(w['answer_cold_words']['p99'] <= p99_target if p99_target else None)}"),
                    f"{w['first_answer_ms']:.0f}", f"{oc.get('answered', 0)} / {abst}"]
        else:
            row += ["failed", "", "", "", "", ""]
        out.append("| " + " | ".join(row) + " |")
    kinds = [(r["size"], r["warm"]) for r in results if r.get("warm") and "answer_by_kind" in r["warm"]]
    if kinds:
        names = list(dict.fromkeys(k for _, w in kinds for k in w["answer_by_kind"]))
        out += ["", ("`answer()` p50 / p99 ms by kind of question (steady state; the first pass over the "
                     "questions, with the word cache cold, in the last column):"), "",
                "| size | " + " | ".join(f"{k} (n)" for k in names) + " | all, first pass |",
                "|---" * (len(names) + 2) + "|"]
        for n, w in kinds:
            cells = [f"{w['answer_by_kind'][k]['p50']:.2f} / {w['answer_by_kind'][k]['p99']:.2f} "
                     f"({w['answer_by_kind'][k]['n']})" if k in w["answer_by_kind"] else "–" for k in names]
            c = w["answer_cold_words"]
            out.append(f"| {size_label(n)} | " + " | ".join(cells) + f" | {c['p50']:.2f} / {c['p99']:.2f} |")
    out += phase_table("Cold build, phases (s)", [(r["size"], r.get("cold", {}).get("phases_s")) for r in results])
    out += phase_table("Warm start, phases (s; imports not included)",
                       [(r["size"], r.get("warm", {}).get("phases_s")) for r in results])
    out += ["", "## Scoring only: top-10 ids from the same lemma lists, one process per engine", "",
            ("Same lemma lists for every engine (the engine's own, all readings of ambiguous words); the scorers "
             "do strictly less than `answer()` (no question analysis, no re-ranking, no passage)."), "",
            ("| size | engine | queries | build s | p50 ms | p99 ms | index MB | RSS Δ MB | top-1 = rank-bm25 | "
             "scores vs rank-bm25 |"), "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        peers = r.get("peers", {})
        check = peers.get("rank_bm25", {}).get("reference_check", {})
        nref = peers.get("rank_bm25", {}).get("queries")
        for name in PEER_ORDER:
            p = peers.get(name)
            if p is None:
                continue
            if "error" in p:
                out.append(f"| {size_label(r['size'])} | {PEER_LABEL[name]} | failed: {p['error'][:60]} | | | | | | | |")
                continue
            ch = check.get(name, {})
            if name == "rank_bm25":
                agree, rel = "(reference)", "(reference)"
            elif ch:
                agree = f"{100 * ch['top1_agree']:.1f} % of {ch['queries']}"
                rel = ch["scores"]
                if name == "ours" and "full_vectors_allclose_rtol_1e-5" in ch:
                    rel += (f"; full vectors allclose (rtol 1e-5) on {ch['full_vectors_checked']}: "
                            f"{'yes' if ch['full_vectors_allclose_rtol_1e-5'] else 'NO'}")
            else:
                agree = rel = "–"
            q = f"{p['queries']}" + (" (baseline: fewer)" if name == "rank_bm25" and nref and nref < r["peers"].get("ours", {}).get("queries", nref) else "")
            out.append(f"| {size_label(r['size'])} | {PEER_LABEL[name]} | {q} | {fmt(p['build_s'])} | "
                       f"{p['p50_ms']:.3f} | {p['p99_ms']:.3f} | {fmt(p['index_mb'])} | {p['rss_delta_mb']:,.0f} | "
                       f"{agree} | {rel} |")
    prof = next((r["profile"] for r in results if isinstance(r.get("profile"), dict) and "by_own_time" in r["profile"]), None)
    if prof:
        n = next(r["size"] for r in results if r.get("profile") is prof)
        out += ["", (f"## Where `answer()` spends its time at {size_label(n)} (cProfile, {prof['questions']} "
                     f"questions, {prof['profiled_ms_per_answer']:.2f} ms per answer under the profiler)"), "",
                "Own time (the function's own code, callees excluded), top 10:", "",
                "| function | calls per answer | own % | cumulative % |", "|---|---|---|---|"]
        for f in prof["by_own_time"][:10]:
            out.append(f"| `{f['function']}` | {f['calls_per_answer']:.1f} | {f['own_pct']:.1f} | {f['cum_pct']:.1f} |")
        out += ["", "Engine functions by cumulative time (callees included):", "",
                "| function | calls per answer | cumulative % | cumulative ms per answer |", "|---|---|---|---|"]
        for f in prof["index_by_cumulative"][:14]:
            out.append(f"| `{f['function']}` | {f['calls_per_answer']:.1f} | {f['cum_pct']:.1f} | "
                       f"{f['cum_ms_per_answer']:.3f} |")
    out += ["", "Corpora: " + "; ".join(
        f"{size_label(r['size'])}: {r['corpus']['articles']} files, {r['corpus']['bytes'] / 2**20:.0f} MB, "
        f"{r['corpus']['tokens']:,} word tokens, {r['corpus']['forms']:,} distinct forms "
        f"(Heaps K={r['corpus']['k']:.1f}, β={r['corpus']['beta']})" for r in results if "corpus" in r) + ".",
        "Questions per size: " + ", ".join(f"{k} {v}" for k, v in (results[0].get("questions") or {}).items()) + ".",
        ""]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated sentence counts")
    ap.add_argument("--quick", action="store_true", help="10^4 and 10^5 only, fewer questions (a few minutes)")
    ap.add_argument("--questions", type=int, default=300, help="questions made from corpus sentences")
    ap.add_argument("--out-of-scope", type=int, default=30)
    ap.add_argument("--engines", default=",".join(PEER_ORDER))
    ap.add_argument("--baseline-queries", type=int, default=-1,
                    help="queries for rank-bm25's full scan (-1: all up to 2*10^5 sentences, 20 above)")
    ap.add_argument("--sample", type=int, default=20, help="queries whose full score vectors are compared")
    ap.add_argument("--profile-size", type=int, default=100_000, help="size at which answer() is profiled")
    ap.add_argument("--per-article", type=int, default=1000, help="sentences per corpus file")
    ap.add_argument("--seed", type=int, default=20251125)
    ap.add_argument("--workdir", type=Path, default=Path(os.environ.get("BENCH_WORKDIR", "/tmp/coverage-bot-bench")))
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per measuring process")
    ap.add_argument("--keep", action="store_true", help="keep the tantivy index in the work folder")
    ap.add_argument("--render", type=Path, metavar="JSON", help="only print the tables of an earlier run's JSON")
    args = ap.parse_args()
    if args.render:
        payload = json.loads(args.render.read_text("utf-8"))
        print(render(payload["results"], payload["env"], args) + f"\nTotal run time: {payload['total_s'] / 60:.1f} min.")
        return
    if args.quick:
        if args.sizes == ap.get_default("sizes"):
            args.sizes = "10000,100000"
        if args.questions == ap.get_default("questions"):
            args.questions = 100
        if args.out_of_scope == ap.get_default("out_of_scope"):
            args.out_of_scope = 10
    sizes = [int(float(s)) for s in args.sizes.split(",") if s.strip()]
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = environment()
    global CODE_SNAPSHOT
    CODE_SNAPSHOT, env["index_snapshot"] = snapshot_code(args.workdir)
    sys.path.insert(0, str(CODE_SNAPSHOT))          # the sources are split by the snapshot's loader too
    log(f"sizes {sizes}; work folder {args.workdir}; commit {env['git_head']}"
        + (f" with uncommitted index/ changes: {', '.join(env['index_uncommitted'])}" if env["index_uncommitted"] else "")
        + f"; measuring a snapshot of index/ ({env['index_snapshot']})")
    t0 = time.perf_counter()
    results, sources_cache = [], {}
    for n in sizes:
        results.append(measure_size(n, args, sources_cache))
    total = time.perf_counter() - t0
    report = render(results, env, args) + f"\nTotal run time: {total / 60:.1f} min.\n"
    payload = {"env": env, "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
               "total_s": total, "results": results}
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for name in ("latest.json", f"run-{stamp}.json"):
        (RESULTS / name).write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")
    (RESULTS / "latest.md").write_text(report, "utf-8")
    print()
    print(report)
    log(f"written {RESULTS / 'latest.md'} and {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
