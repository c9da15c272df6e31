"""The CLI's plain-text answer: one line per citation, whatever the quote spans."""

from __future__ import annotations

from assistant.types import Answer, Citation
from ui.render import answer_text


def test_a_multi_line_quote_is_one_citation_line() -> None:
    quote = "A3. Nominate a focal point.\nOwner: Department of Water Resources Management.\nDeadline: 5 April 2024."
    answer = Answer("q", "en", "- “…” [1]", True, [Citation(1, "d", "Minutes", "d:c1", quote, 0, len(quote), quote)],
                    "extractive")
    _, lines = answer_text(answer)
    assert len(lines) == 1
    assert lines[0].endswith("A3. Nominate a focal point. Owner: Department of Water Resources Management. Deadline: "
                             "5 April 2024.")
