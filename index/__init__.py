"""The answer engine: articles → sentence index → quoted, attributed answers. Knows nothing of Telegram."""

from .models import Answer, Article, Corpus, CorpusWarning, Passage, Sentence

__all__ = ["Answer", "AnswerEngine", "Article", "Corpus", "CorpusWarning", "Passage", "Sentence"]


def __getattr__(name: str):
    # The engine pulls in numpy and pymorphy3; import it lazily so `from index import Article` stays cheap.
    if name == "AnswerEngine":
        from .engine import AnswerEngine
        return AnswerEngine
    raise AttributeError(name)
