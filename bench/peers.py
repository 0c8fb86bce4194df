"""Scoring only, top-10 ids out, one engine per process, all on the engine's own lemma lists.

  python bench/peers.py ENGINE WORKDIR [--max-queries N] [--sample N]

ENGINE: ours (index.bm25.BM25Index), rank_bm25 (BM25Okapi.get_scores, the baseline), rank_bm25_rs,
bm25s, tantivy. WORKDIR holds lemmas.npz / vocab.json / queries.json written by engine_worker.py cold.
Writes WORKDIR/peer_<ENGINE>.json. rank_bm25 runs last: besides its own timing it scores the reference for
every query it runs and checks the others' top-10 against it (top-1 agreement with ties counted as
agreement, and how the scores relate: identical, proportional, or different).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
# bench/run.py points BENCH_CODE at a snapshot of index/ taken when the run started: files edited during a
# run neither change what is measured nor invalidate the index cache between the cold and warm processes.
CODE = Path(os.environ.get("BENCH_CODE") or ROOT)
sys.path.insert(0, str(CODE))

TOP = 10
ENGINES = ("ours", "rank_bm25_rs", "bm25s", "tantivy", "rank_bm25")


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def top_dense(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Top-10 (ids, scores) of a full-length score array, best first; documents scoring 0 left out."""
    k = min(TOP, len(scores))
    if k == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    idx = idx[scores[idx] > 0]
    return idx, scores[idx]


def top_sparse(docs: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(docs) > TOP:
        sel = np.argpartition(-scores, TOP - 1)[:TOP]
        docs, scores = docs[sel], scores[sel]
    order = np.argsort(-scores, kind="stable")
    return docs[order], scores[order]


def load_work(work: Path):
    z = np.load(work / "lemmas.npz")
    ids, offsets = z["ids"], z["offsets"]
    vocab = json.loads((work / "vocab.json").read_text("utf-8"))
    queries = [q for q in json.loads((work / "queries.json").read_text("utf-8")) if q["lemmas"]]
    return vocab, ids, offsets, queries


def token_lists(vocab, ids, offsets) -> list[list[str]]:
    """The same lemma lists as lists of str (the str objects are shared with `vocab`)."""
    words = [vocab[i] for i in ids.tolist()]
    off = offsets.tolist()
    return [words[off[d]:off[d + 1]] for d in range(len(off) - 1)]


# ---- engines: build(...) -> (search(query) -> (ids, scores), size_bytes or None, notes) --------------------
def build_ours(vocab, ids, offsets, docs_lists):
    from index.bm25 import BM25Index

    index = BM25Index.from_flat(vocab, ids, offsets)

    def search(q):
        return index.top(q, TOP)

    search.sparse = index.scores
    return search, index.nbytes(), "BM25Index.from_flat; BM25Index.top: one compiled pass over the query terms' postings"


def build_rank_bm25(vocab, ids, offsets, docs_lists):
    from rank_bm25 import BM25Okapi

    bm = BM25Okapi(docs_lists)

    def search(q):
        return top_dense(bm.get_scores(q))

    search.dense = bm.get_scores
    return search, None, "BM25Okapi.get_scores: a Python loop over all documents per query term"


def build_rank_bm25_rs(vocab, ids, offsets, docs_lists):
    import rank_bm25_rs

    bm = rank_bm25_rs.BM25Okapi(docs_lists)
    assert bm._core is not None, "rank_bm25_rs fell back to its Python reference"

    def search(q):
        return top_dense(bm.get_scores(q))

    return search, None, f"rank_bm25_rs {rank_bm25_rs.__version__} BM25Okapi.get_scores (full-length array)"


def build_bm25s(vocab, ids, offsets, docs_lists):
    import bm25s

    retriever = bm25s.BM25(k1=1.5, b=0.75, method="robertson")
    retriever.index(docs_lists, show_progress=False)
    n = len(docs_lists)

    def search(q):
        known = retriever.get_tokens_ids(q)
        if not known:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return top_dense(np.asarray(retriever.get_scores_from_ids(known)[:n], dtype=np.float64))

    size = sum(getattr(v, "nbytes", 0) for v in retriever.scores.values()) if isinstance(retriever.scores, dict) else None
    return search, size, (f"bm25s {bm25s.__version__} method=robertson, pre-tokenised lists; get_scores_from_ids "
                          "+ argpartition (what retrieve() does, minus its batching)")


def build_tantivy(vocab, ids, offsets, docs_lists, work: Path | None = None):
    import shutil

    import tantivy

    path = (work or Path(".")) / "tantivy_index"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="freq")
    sb.add_unsigned_field("id", stored=True, indexed=False, fast=True)
    schema = sb.build()
    index = tantivy.Index(schema, path=str(path))
    writer = index.writer(heap_size=512_000_000, num_threads=1)
    for d, doc in enumerate(docs_lists):
        document = tantivy.Document()
        document.add_text("body", " ".join(doc))
        document.add_unsigned("id", d)
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()
    should = tantivy.Occur.Should

    def search(q):
        query = tantivy.Query.boolean_query([(should, tantivy.Query.term_query(schema, "body", t)) for t in q])
        return searcher.search(query, TOP, count=False).hits

    def resolve(hits):
        return (np.array([searcher.doc(addr)["id"][0] for _, addr in hits], dtype=np.int64),
                np.array([s for s, _ in hits]))

    search.resolve = resolve
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return search, size, (f"tantivy {tantivy.__version__.split()[1] if ' ' in tantivy.__version__ else tantivy.__version__}: "
                          "lemmas joined by spaces, whitespace tokenizer, freq postings, on-disk index (mmap), "
                          "Should-query of term queries, search(limit=10, count=False); its own BM25 "
                          "(k1 1.2, idf ln(1+(N-df+.5)/(df+.5)), quantised lengths)")


BUILDERS = {"ours": build_ours, "rank_bm25": build_rank_bm25, "rank_bm25_rs": build_rank_bm25_rs,
            "bm25s": build_bm25s, "tantivy": build_tantivy}


def relation(ref: np.ndarray, got: np.ndarray) -> tuple[str, float]:
    """How a peer's scores relate to rank-bm25's on the same documents."""
    mask = ref > 0
    if not mask.any():
        return "n/a", 0.0
    rel = float(np.max(np.abs(got[mask] - ref[mask]) / ref[mask]))
    if rel <= 1e-5:
        return "identical", rel
    ratio = got[mask] / ref[mask]
    spread = float((ratio.max() - ratio.min()) / abs(ratio.mean()))
    if spread <= 1e-5:
        return f"proportional (x{float(ratio.mean()):.4g})", spread
    return "different", rel


class ReferenceCheck:
    """Compares the other engines' outputs (already written) with rank-bm25's full score vectors."""

    def __init__(self, work: Path, sample: int) -> None:
        self.peers = {}
        for name in ENGINES:
            path = work / f"peer_{name}.json"
            if name != "rank_bm25" and path.is_file():
                self.peers[name] = json.loads(path.read_text("utf-8"))["top"]
        self.stats = {name: {"queries": 0, "agree": 0, "kinds": set(), "worst": 0.0} for name in self.peers}
        self.sparse = np.load(work / "ours_sparse.npz") if (work / "ours_sparse.npz").is_file() else None
        self.full_ok, self.full_n, self.sample = True, 0, sample

    def add(self, i: int, ref: np.ndarray) -> None:
        best = float(ref.max()) if len(ref) else 0.0
        for name, tops in self.peers.items():
            pids, pscores = tops[i]
            st = self.stats[name]
            st["queries"] += 1
            if best <= 0:
                st["agree"] += int(not pids)          # nothing matches: the peer must return nothing
                continue
            if pids and ref[pids[0]] >= best * (1 - 1e-9):   # ties with the best count as agreement
                st["agree"] += 1
            kind, rel = relation(ref[np.asarray(pids, dtype=np.int64)], np.asarray(pscores))
            st["kinds"].add(kind.split(" ")[0])
            st["worst"] = max(st["worst"], rel)
        if self.sparse is not None and i < self.sample and f"q{i}_docs" in self.sparse:
            # Ours: the whole score vector, not only the top 10 (rtol 1e-5).
            dense = np.zeros(len(ref))
            dense[self.sparse[f"q{i}_docs"]] = self.sparse[f"q{i}_scores"]
            self.full_ok &= bool(np.allclose(dense, ref, rtol=1e-5, atol=1e-12))
            self.full_n += 1

    def result(self) -> dict:
        out = {}
        for name, st in self.stats.items():
            kinds = st["kinds"]
            out[name] = {
                "queries": st["queries"], "top1_agree": st["agree"] / st["queries"] if st["queries"] else None,
                "scores": "identical" if kinds <= {"identical"} else (
                    "proportional" if kinds <= {"identical", "proportional"} else "different"),
                "max_rel_diff_or_spread": st["worst"],
            }
        if "ours" in out:
            out["ours"]["full_vectors_allclose_rtol_1e-5"] = self.full_ok
            out["ours"]["full_vectors_checked"] = self.full_n
        return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("engine", choices=list(BUILDERS))
    ap.add_argument("work", type=Path)
    ap.add_argument("--max-queries", type=int, default=0, help="0: all")
    ap.add_argument("--sample", type=int, default=20, help="queries whose full score vectors are checked")
    args = ap.parse_args()
    work = args.work
    vocab, ids, offsets, queries = load_work(work)
    if args.max_queries:
        queries = queries[: args.max_queries]
    gc.collect()
    docs_lists = token_lists(vocab, ids, offsets) if args.engine != "ours" else None
    gc.collect()
    rss0 = rss_mb()
    t = time.perf_counter()
    builder = BUILDERS[args.engine]
    if args.engine == "tantivy":
        search, size, notes = builder(vocab, ids, offsets, docs_lists, work)
    else:
        search, size, notes = builder(vocab, ids, offsets, docs_lists)
    build_s = time.perf_counter() - t
    gc.collect()
    rss1 = rss_mb()
    for q in queries[:3]:                   # warm-up, not timed
        search(q["lemmas"])
    lat, tops = [], []
    check = ReferenceCheck(work, args.sample) if args.engine == "rank_bm25" else None
    for i, q in enumerate(queries):
        if check is None:
            t = time.perf_counter()
            r = search(q["lemmas"])
            lat.append((time.perf_counter() - t) * 1000)
        else:                   # the same work as search(), keeping the full vector for the check
            t = time.perf_counter()
            dense = search.dense(q["lemmas"])
            r = top_dense(dense)
            lat.append((time.perf_counter() - t) * 1000)
            check.add(i, dense)
        tops.append(r)
    if args.engine == "tantivy":
        tops = [search.resolve(h) for h in tops]
    a = np.asarray(lat)
    result = {
        "engine": args.engine, "notes": notes, "queries": len(queries), "build_s": build_s,
        "p50_ms": float(np.percentile(a, 50)), "p90_ms": float(np.percentile(a, 90)),
        "p99_ms": float(np.percentile(a, 99)), "mean_ms": float(a.mean()), "max_ms": float(a.max()),
        "index_mb": size / 2**20 if size else None, "rss_delta_mb": rss1 - rss0, "rss_mb": rss1,
        "top": [[[int(x) for x in i], [float(x) for x in s]] for i, s in tops],
    }
    if args.engine == "ours":
        arrays = {}
        for i, q in enumerate(queries[: args.sample]):
            d, s = search.sparse(q["lemmas"])
            arrays[f"q{i}_docs"], arrays[f"q{i}_scores"] = d, s
        np.savez(work / "ours_sparse.npz", **arrays)
    if check is not None:
        result["reference_check"] = check.result()
    (work / f"peer_{args.engine}.json").write_text(json.dumps(result, ensure_ascii=False), "utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "top"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
