"""Synonym groups for news vocabulary (index/data/thesaurus.txt; see docs/resources.md).

Each member is a tuple of lemmas (a word or a phrase). A question's words that form a member are
expanded to the other members of its groups, so «взять под стражу» also looks for «задержать».
"""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

from .text import fold

Phrase = tuple[str, ...]


class Thesaurus:
    def __init__(self, groups: list[list[Phrase]], narrower: set[int] = frozenset()) -> None:
        self.groups = groups
        self.by_phrase: dict[Phrase, set[int]] = defaultdict(set)
        self.max_len = 1
        for gid, group in enumerate(groups):
            # A group of narrower words is found through its first member only.
            for phrase in group[:1] if gid in narrower else group:
                self.by_phrase[phrase].add(gid)
            for phrase in group:
                self.max_len = max(self.max_len, len(phrase))

    @classmethod
    def from_text(cls, text: str, normalise=None) -> Thesaurus:
        """Parse `a | b c | d` lines (synonyms) and `a > b | c` lines (a word and the narrower words it
        covers: «дипломат > посол | замглавы мид» finds an ambassador for «дипломат», but not a deputy
        minister for «посол»); `normalise` maps a member's words to lemmas (default: as written)."""
        groups: list[list[Phrase]] = []
        narrower: set[int] = set()
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if "|" not in line and ">" not in line:
                continue
            if ">" in line:
                narrower.add(len(groups))
                line = line.replace(">", "|", 1)
            group: list[Phrase] = []
            for member in line.split("|"):
                words = fold(member).split()
                if normalise is not None:
                    words = [w for word in words for w in normalise(word)]
                phrase = tuple(words)
                if phrase and phrase not in group:
                    group.append(phrase)
            if len(group) > 1:
                groups.append(group)
            else:
                narrower.discard(len(groups))
        return cls(groups, narrower)

    @classmethod
    def load(cls, normalise=None) -> Thesaurus:
        try:
            text = resources.files("index").joinpath("data/thesaurus.txt").read_text("utf-8")
        except (FileNotFoundError, OSError):
            text = ""
        return cls.from_text(text, normalise)

    def synonyms(self, phrase: Phrase) -> list[Phrase]:
        """Other members of every group that holds `phrase` (in file order, no repeats)."""
        out: list[Phrase] = []
        for gid in sorted(self.by_phrase.get(phrase, ())):
            for member in self.groups[gid]:
                if member != phrase and member not in out:
                    out.append(member)
        return out
