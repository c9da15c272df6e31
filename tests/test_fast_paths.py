"""The fast paths of the answer layer give what the plain computation gives: topic labels with the name
prefilter equal one ordered alternation of every name; the collector settles and is released."""

from __future__ import annotations

import gc
import random
import re

from conftest import REPORT

from assistant.heap import release, settle
from assistant.prefilter import NamePrefilter, caseless
from assistant.text import nfc
from assistant.topics import TopicMatcher, _pattern, canonical_tones, load_topics


def _reference(topics: list) -> tuple[re.Pattern[str], list]:
    """The matcher as one alternation of every name, longest first (what the prefilter must not change)."""
    names = sorted(((n, t) for t, ns in topics for n in ns), key=lambda p: -len(p[0]))
    body = "|".join(f"(?P<t{i}>{_pattern(n)})" for i, (n, _) in enumerate(names))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), [t for _, t in names]


def _reference_find(regex: re.Pattern[str], order: list, text: str) -> list:
    found: list = []
    for m in regex.finditer(canonical_tones(nfc(text))):
        topic = order[int((m.lastgroup or "t0")[1:])]
        if topic not in found:
            found.append(topic)
    return found


def test_prefiltered_topics_equal_one_alternation_of_every_name() -> None:
    topics = load_topics()
    regex, order = _reference(topics)
    matcher = TopicMatcher(topics)
    names = [n for _, ns in topics for n in ns]
    rnd = random.Random(7)
    texts = [line for line in REPORT.read_text(encoding="utf-8").splitlines() if line.strip()][:300]
    for _ in range(300):  # names glued, capitalised, hyphenated, with look-alike letters re treats as one case
        t = rnd.choice([" ", "-", " và ", ", "]).join(rnd.sample(names, 3))
        t = t.upper() if rnd.random() < 0.2 else t
        t = t.replace("s", "ſ") if rnd.random() < 0.2 else t  # long s: re.IGNORECASE matches it to "s"
        t = t.replace("k", "\u212a") if rnd.random() < 0.2 else t  # Kelvin sign ~ "k"
        t = t.replace("i", "İ") if rnd.random() < 0.1 else t  # lower-cases to two characters: not filtered
        texts.append(t)
    found = 0
    for text in texts:
        expected = _reference_find(regex, order, text)
        assert matcher.find(text) == expected, text
        found += bool(expected)
    assert found > 250  # the texts do name topics


def test_caseless_compares_as_re_ignorecase_does() -> None:
    assert caseless("ſ") == caseless("s") and caseless("\u212a") == caseless("K") == "k"
    assert caseless("Nước NGẦM") == "nước ngầm"
    assert caseless("İ") is None  # two characters once lower-cased: the text is not judged
    prefilter = NamePrefilter([["nước", "ngầm"], ["air", "quality"], ["SEA"]])
    assert prefilter.possible("Dự án NƯỚC NGẦM và chất lượng không khí") == (0,)
    assert prefilter.possible("the sea") == (2,)  # a candidate only: the regex decides "SEA" is not "sea"
    assert prefilter.possible("İzmir air quality") is None


def test_settle_freezes_what_is_alive_and_release_undoes_it() -> None:
    try:
        assert settle() > 1000 and gc.get_freeze_count() > 1000
    finally:
        release()
    assert gc.get_freeze_count() == 0


def test_word_tests_give_what_their_regexes_give() -> None:
    from assistant.wordfind import bounded_in, word_in

    rnd = random.Random(11)
    alphabet = ["a", "b", "ư", "Đ", "_", "1", " ", "-", "(", ".", "é", "\u0301", "٣", "ſ"]
    needles = ["", "a", "ab", "a b", "(a", "a.", "-", "ư_", " a ", "b1", "é", ".", "ab("]
    checked = 0
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        for needle in needles:
            lookaround = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text) is not None
            boundary = re.search(rf"\b{re.escape(needle)}\b", text) is not None
            assert word_in(needle, text) == lookaround, (needle, text)
            assert bounded_in(needle, text) == boundary, (needle, text)
            checked += lookaround + boundary
    assert checked > 5000  # both kinds of match occur often
