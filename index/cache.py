"""The persisted index: lemma and stem ids per sentence, so a warm start never re-lemmatises the corpus.

Stored as JSON (articles, sentences) and a NumPy .npz loaded with `allow_pickle=False`: nothing in the
cache is ever executed or unpickled. A cache that is missing, damaged, from another version or for
other corpus contents is ignored (and rebuilt by the caller).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path

import numpy as np

from .corpus import METADATA_FILE, corpus_files, table_path
from .kernels import are_cuts
from .models import Article, Corpus, CorpusWarning, Sentence
from .parallel import gc_paused
from .text import Analyzer

log = logging.getLogger(__name__)

FORMAT_VERSION = 6
# What a warm start needs. The per-token stem ids are not kept: only the build uses them.
ARRAYS = ("lemma_ids", "lemma_offsets", "feature_bits", "feature_stems", "feature_offsets", "joins")
NOT_KEPT = ("stem_ids", "stem_offsets")


# Modules that read the index but put nothing into it: editing them keeps the cache.
NOT_INDEXING = frozenset({"engine.py", "kernels.py", "rerank.py", "thesaurus.py", "timeline.py", "dates.py",
                          "__init__.py"})


def _code_version() -> str:
    """Changes whenever what goes into the index could change (format, code, word lists)."""
    h = hashlib.blake2b(str(FORMAT_VERSION).encode(), digest_size=8)
    package = resources.files("index")
    try:
        names = sorted(p.name for p in package.iterdir() if p.name.endswith(".py") and p.name not in NOT_INDEXING)
    except OSError:
        names = []
    for name in [*names, "data/colloquial.txt"]:
        try:
            h.update(name.encode() + package.joinpath(name).read_bytes())
        except (FileNotFoundError, OSError):
            pass
    return h.hexdigest()


def corpus_fingerprint(folder: Path) -> str:
    """Hash of every corpus file's name and bytes, the metadata file and the indexing code."""
    h = hashlib.blake2b(_code_version().encode(), digest_size=12)
    paths = corpus_files(folder) if folder.is_dir() else []
    meta = folder / METADATA_FILE
    if meta.is_file():
        paths.append(meta)
    table = table_path(folder) if folder.is_dir() else None
    if table is not None:
        paths.append(table)
    for path in paths:
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        try:
            with path.open("rb") as f:
                while chunk := f.read(1 << 20):
                    h.update(chunk)
        except OSError:
            h.update(b"<unreadable>")
        h.update(b"\0")
    return h.hexdigest()


def default_cache_dir(corpus_dir: Path) -> Path:
    """$COVERAGE_BOT_CACHE, else ~/.cache/coverage-bot/<corpus path hash>."""
    base = os.environ.get("COVERAGE_BOT_CACHE")
    root = Path(base) if base else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coverage-bot"
    key = hashlib.blake2b(str(corpus_dir.resolve()).encode(), digest_size=6).hexdigest()
    return root / key


@dataclass
class IndexData:
    fingerprint: str
    lemma_vocab: list[str]
    lemma_ids: np.ndarray       # int32, all sentences' lemma ids back to back
    lemma_offsets: np.ndarray   # int64, sentence i is lemma_ids[offsets[i]:offsets[i+1]]
    stem_vocab: list[str]
    stem_ids: np.ndarray
    stem_offsets: np.ndarray
    feature_bits: np.ndarray    # uint8 (engine.FEATURE_BIT) per feature token, sentences back to back
    feature_stems: np.ndarray   # int32 stem id of the word holding the feature (-1: a phrase)
    feature_offsets: np.ndarray # int64, sentence i owns feature_*[offsets[i]:offsets[i+1]]
    joins: np.ndarray           # uint8 per sentence: engine.joining_flags
    postings: dict[str, np.ndarray] = field(default_factory=dict)   # BM25 arrays, "lemma.*"

    @classmethod
    def build(cls, corpus: Corpus, analyzer: Analyzer, fingerprint: str = "") -> IndexData:
        from .bulk import index_corpus
        from .parallel import gc_paused

        with gc_paused():
            part = index_corpus(corpus.sentences, analyzer)
        return cls(
            fingerprint, part.lemma_vocab, part.lemma_ids, part.lemma_offsets, part.stem_vocab, part.stem_ids,
            part.stem_offsets, part.feature_bits, part.feature_stems, part.feature_offsets, part.joins,
        )


def _article_json(a: Article) -> dict:
    """The article's fields as JSON takes them (`dataclasses.asdict` would deep-copy every paragraph: ~0.13 s of a
    cold build at 10^5 sentences)."""
    d = {f.name: getattr(a, f.name) for f in fields(a)}
    d["date"] = a.date.isoformat() if a.date else None
    return d


def _article_from(d: dict) -> Article:
    return Article(
        id=d["id"], title=d["title"], source=d["source"],
        date=dt.date.fromisoformat(d["date"]) if d["date"] else None,
        day_month=tuple(d["day_month"]) if d["day_month"] else None, url=d["url"],
        paragraphs=tuple(d["paragraphs"]), dateline=d.get("dateline", ""),
    )


def _sentence_arrays(sentences: list[Sentence]) -> dict[str, np.ndarray]:
    """The sentences as columns: their texts as one UTF-8 blob with each one's end (in characters)."""
    texts = [s.text for s in sentences]
    return {
        "sent.article": np.fromiter((s.article for s in sentences), dtype=np.int32, count=len(sentences)),
        "sent.position": np.fromiter((s.position for s in sentences), dtype=np.int32, count=len(sentences)),
        "sent.paragraph": np.fromiter((s.paragraph for s in sentences), dtype=np.int32, count=len(sentences)),
        "sent.quotable": np.fromiter((s.quotable for s in sentences), dtype=bool, count=len(sentences)),
        "sent.text": np.frombuffer("".join(texts).encode("utf-8", "surrogatepass"), dtype=np.uint8),
        "sent.ends": np.cumsum([len(t) for t in texts], dtype=np.int64),
    }


def _sentences_from(z) -> list[Sentence]:
    """`_sentence_arrays` back: one decode of the blob and slices (a JSON list of 10^6 sentences took
    5.7 s to parse; this takes about a second)."""
    blob = z["sent.text"].tobytes().decode("utf-8", "surrogatepass")
    ends = z["sent.ends"].tolist()
    columns = [z[f"sent.{name}"].tolist() for name in ("article", "position", "paragraph", "quotable")]
    if any(len(c) != len(ends) for c in columns) or (ends and ends[-1] != len(blob)):
        raise ValueError("sentence columns do not agree")
    with gc_paused():        # a million new tuples set off collection after collection over all of them
        texts = [blob[a:b] for a, b in zip([0, *ends[:-1]], ends)]
        return list(map(Sentence, columns[0], columns[1], columns[2], texts, columns[3]))


def save(cache_dir: Path, corpus: Corpus, data: IndexData) -> bool:
    """Write atomically (temp file + rename); a failure only costs a rebuild next time (False, logged), and
    leaves no temp file behind."""
    written: list[str] = []
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        meta = {
            "version": _code_version(), "fingerprint": data.fingerprint,
            "articles": [_article_json(a) for a in corpus.articles],
            "warnings": [[w.path, w.problem] for w in corpus.warnings],
            "lemma_vocab": data.lemma_vocab, "stem_vocab": data.stem_vocab,
        }
        with tempfile.NamedTemporaryFile("wb", dir=cache_dir, delete=False, suffix=".tmp") as f:
            written.append(f.name)
            np.savez(f, **{name: getattr(data, name) for name in ARRAYS}, **data.postings,
                     **_sentence_arrays(corpus.sentences))
        os.replace(f.name, cache_dir / "index.npz")
        with tempfile.NamedTemporaryFile("w", dir=cache_dir, delete=False, suffix=".tmp", encoding="utf-8") as f:
            written.append(f.name)
            f.write(json.dumps(meta, ensure_ascii=False))     # one write: json.dump writes piece by piece
        os.replace(f.name, cache_dir / "corpus.json")
        return True
    except (OSError, UnicodeError) as exc:
        log.warning("index cache not written to %s: %s", cache_dir, exc)
        for name in written:
            with contextlib.suppress(OSError):
                os.unlink(name)                   # gone already when it was renamed
        return False


def load(cache_dir: Path, fingerprint: str) -> tuple[Corpus, IndexData] | None:
    """The cached corpus and index, or None when there is none usable (the reason is logged)."""
    meta_path, arrays_path = cache_dir / "corpus.json", cache_dir / "index.npz"
    if not meta_path.is_file() or not arrays_path.is_file():
        return None
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
        if meta.get("version") != _code_version() or meta.get("fingerprint") != fingerprint:
            log.info("index cache is stale: rebuilding")
            return None
        with np.load(arrays_path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in ARRAYS}
            postings = {k: z[k] for k in z.files if k.startswith("lemma.")}
            sentences = _sentences_from(z)
            if len(sentences) and int(z["sent.article"].max()) >= len(meta["articles"]):
                raise ValueError("sentences name articles that do not exist")
        corpus = Corpus(
            articles=[_article_from(a) for a in meta["articles"]],
            sentences=sentences,
            warnings=[CorpusWarning(p, w) for p, w in meta["warnings"]],
        )
        data = IndexData(fingerprint=fingerprint, lemma_vocab=meta["lemma_vocab"], stem_vocab=meta["stem_vocab"],
                         postings=postings, **arrays,
                         **{name: np.zeros(0, dtype=np.int32) for name in NOT_KEPT})
        n = len(corpus.sentences)
        if len(data.joins) != n or len(data.lemma_offsets) != n + 1 or len(data.feature_offsets) != n + 1 or \
                not are_cuts(data.lemma_offsets, len(data.lemma_ids)) or \
                not are_cuts(data.feature_offsets, len(data.feature_bits)) or \
                len(data.feature_stems) != len(data.feature_bits) or (
                len(data.lemma_ids) and not 0 <= int(data.lemma_ids.min()) <= int(data.lemma_ids.max()) < len(data.lemma_vocab)):
            raise ValueError("arrays do not match the sentences")
        for w in corpus.warnings:
            log.warning("corpus: %s: %s", w.path, w.problem)
        return corpus, data
    except Exception as exc:  # noqa: BLE001 - any damage in a cache file means "rebuild", never a crash
        log.warning("index cache at %s is damaged (%s: %s): rebuilding", cache_dir, type(exc).__name__, exc)
        return None
