"""The domain topics a project title names, in the reader's language ("Topics: groundwater, climate change").

Topics come from ``topics.yaml`` (real terms of natural-resources and environment administration, each file
section saying where its entries come from). They are labels of what a title is about — never a
translation of it. Matching is case-insensitive, on NFC text, respects diacritics ("nước ngầm" is not
"nuoc ngam"), takes both tone placements ("hòa" / "hoà", "thủy" / "thuỷ"), whole words only, longest
match first; names written in capitals (acronyms: "NDC", "SEA") match only in capitals."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.prefilter import NamePrefilter
from assistant.text import detect_language, fold, nfc
from assistant.wordfind import word_in

DEFAULT_PATH = Path(__file__).with_name("topics.yaml")
MAX_TOPICS = 4
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_OLD_STYLE = re.compile(r"([oOuU])([aAeEyY][" + _TONES + "])")


@dataclass(frozen=True)
class Topic:
    en: str
    vi: str

    def name(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


def canonical_tones(text: str) -> str:
    """One tone placement for "oa/oe/uy" syllables ("hoà" -> "hòa", "thuỷ" -> "thủy"); same length (NFC)."""
    decomposed = unicodedata.normalize("NFD", text)

    def move(m: re.Match[str]) -> str:
        return m.group(1) + m.group(2)[1] + m.group(2)[0]

    return nfc(_OLD_STYLE.sub(move, decomposed))


def _pattern(name: str) -> str:
    words = [re.escape(w) for w in canonical_tones(nfc(name)).split()]
    body = r"[\s\-–]+".join(words)
    exact = name.isupper() or any(ch.isdigit() for ch in name)
    return f"(?-i:{body})" if exact else body


class TopicMatcher:
    def __init__(self, topics: list[tuple[Topic, list[str]]]) -> None:
        names = sorted(((n, t) for t, ns in topics for n in ns), key=lambda p: -len(p[0]))
        self._topics = [t for _, t in names]
        self._patterns = [_pattern(n) for n, _ in names]
        self._single: dict[int, re.Pattern[str]] = {}
        for i in range(len(self._patterns)):  # compiled once here (~0.1 s), not inside the first answers that need them
            self._regex(i)
        self._prefilter = NamePrefilter([canonical_tones(nfc(n)).split() for n, _ in names])
        self._found = lru_cache(maxsize=8192)(self._find)  # a register row's title is labelled in every answer

    def find(self, text: str) -> list[Topic]:
        """The topics ``text`` names, in order of first mention, each once."""
        return list(self._found(text))

    def _find(self, text: str) -> tuple[Topic, ...]:
        canonical = canonical_tones(nfc(text))
        possible = self._prefilter.possible(canonical)  # names that cannot match are left out: same matches
        found: list[Topic] = []
        for i in self._scan(canonical, range(len(self._patterns)) if possible is None else possible):
            if self._topics[i] not in found:
                found.append(self._topics[i])
        return tuple(found)

    def _regex(self, i: int) -> re.Pattern[str]:
        if i not in self._single:
            self._single[i] = re.compile(rf"(?<!\w)(?:{self._patterns[i]})(?!\w)", re.IGNORECASE)
        return self._single[i]

    def _scan(self, text: str, names: Sequence[int]) -> Iterator[int]:
        """The names matched left to right without overlap, longest name first at a place — what one
        ordered alternation of ``names`` would find, with each name's regex compiled once."""
        nxt = {i: self._regex(i).search(text) for i in names}
        while live := [(m.start(), i, m) for i, m in nxt.items() if m is not None]:
            _, first, m = min(live, key=lambda x: (x[0], x[1]))
            yield first
            end = m.end()
            for i, other in nxt.items():
                if other is not None and other.start() < end:
                    nxt[i] = self._regex(i).search(text, end)


def load_topics(path: Path = DEFAULT_PATH) -> list[tuple[Topic, list[str]]]:
    """(topic, every name it is matched by) for each entry of the data file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for item in data.get("topics") or []:
        topic = Topic(nfc(str(item["en"])), nfc(str(item["vi"])))
        names = [topic.en, topic.vi, *(nfc(str(a)) for a in item.get("also") or [])]
        out.append((topic, list(dict.fromkeys(names))))
    return out


@lru_cache(maxsize=1)
def default_matcher() -> TopicMatcher:
    return TopicMatcher(load_topics())


def title_topics(title: str | None, lang: str) -> list[str]:
    """Names, in ``lang``, of the topics a title in the other language names (none for a title already in
    ``lang``: the reader can read it)."""
    if not title or detect_language(title) == lang:
        return []
    return [t.name(lang) for t in default_matcher().find(title)[:MAX_TOPICS]]


def _within(a: str, b: str) -> bool:
    return word_in(a.lower(), b.lower())  # the whole-word regex's answer, without compiling one per pair


def related(a: Topic, b: Topic) -> bool:
    """One topic is the other or a narrower/broader form of it ("climate change" / "climate change adaptation")."""
    return a == b or any(_within(x, y) or _within(y, x) for x, y in ((a.en, b.en), (a.vi, b.vi)))


@lru_cache(maxsize=1)
def _all_topics() -> tuple[tuple[Topic, tuple[str, ...]], ...]:
    return tuple((t, tuple(ns)) for t, ns in load_topics())


@lru_cache(maxsize=512)
def _family(topic: Topic) -> re.Pattern[str]:
    names = sorted({n for t, ns in _all_topics() if related(topic, t) for n in ns} | {topic.en, topic.vi},
                   key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(_pattern(n) for n in names)})(?!\w)", re.IGNORECASE)


def mentioned(topic: Topic, text: str) -> bool:
    """The text names the topic or a broader or narrower form of it, in either language (a regex over that
    family of names only, so a long passage is searched quickly)."""
    return _family(topic).search(canonical_tones(nfc(text))) is not None


def keyword_expansion(query: str) -> list[str]:
    """The names in both languages of the domain topics a query names, minus what it says: a Vietnamese
    question on "tài nguyên nước" also searches "water resources" in an English report's words."""
    said = fold(query)
    out: list[str] = []
    for topic in default_matcher().find(query):
        out += [n for n in (topic.en, topic.vi) if fold(n) not in said and n not in out]
    return out
