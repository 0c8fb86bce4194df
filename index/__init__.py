"""The answer engine: articles → sentence index → quoted, attributed answers. Knows nothing of Telegram."""

import hashlib
import os
import shutil
import sys
from pathlib import Path

from .models import Answer, Article, Corpus, CorpusWarning, Passage, Sentence

__all__ = ["Answer", "AnswerEngine", "Article", "Corpus", "CorpusWarning", "Passage", "Sentence"]

# The modules numba compiles, and what they read at compile time.
COMPILED_SOURCES = ("kernels.py", "rerank.py", "features.py")


def _compiled_cache() -> None:
    """numba's disk cache in a folder named for the compiled modules' source.

    numba checks a cached kernel against the timestamp of its own file only; when what it was compiled
    with changes elsewhere (a constant from another module, an entry left by an edited version), it can
    load a stale kernel. During development one gave other answers than a fresh compile. A folder per
    version of the sources cannot hold a kernel of another version; older folders are removed.
    """
    if os.environ.get("NUMBA_CACHE_DIR"):
        return
    here = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=6)
    for name in COMPILED_SOURCES:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            return              # an unusual install: numba's default place
    root = here / "__pycache__"
    if not os.access(root if root.is_dir() else here, os.W_OK):
        return                  # a read-only install: numba finds a place of its own
    folder = root / f"numba-{digest.hexdigest()}"
    if not folder.is_dir() and root.is_dir():
        for old in root.glob("numba-*"):
            shutil.rmtree(old, ignore_errors=True)
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    config = sys.modules.get("numba.core.config")
    if config is not None:     # numba already imported (and its environment read): tell it directly
        config.CACHE_DIR = str(folder)


_compiled_cache()


def __getattr__(name: str):
    # The engine pulls in numpy and pymorphy3; import it lazily so `from index import Article` stays cheap.
    if name == "AnswerEngine":
        from .engine import AnswerEngine
        return AnswerEngine
    raise AttributeError(name)
