"""Issue 10, items 1, 2 and 4: a Vietnamese title's topics in the reader's language (labelled as topics,
never as a translation), register fields rendered in the reader's convention, and English briefing notes
with no Vietnamese outside quotes and proper names."""

from __future__ import annotations

import pytest
from conftest import make_settings

from assistant.brief import source_line
from assistant.core import Assistant
from assistant.settings import BUNDLED_REPORTS
from assistant.text import nfc
from assistant.topics import DEFAULT_PATH, load_topics, title_topics
from assistant.types import Citation
from assistant.vocabulary import money, period_label, shown_name
from evals.language import answer_language_ok, own_words


def test_topics_of_a_vietnamese_title_in_english() -> None:
    title = "Xây dựng cơ sở dữ liệu đất đai và ứng dụng viễn thám giám sát nước dưới đất, thích ứng với biến đổi khí hậu"
    assert title_topics(title, "en") == ["land database", "remote sensing", "groundwater", "climate change adaptation"]
    assert title_topics("Tăng cường năng lực quản lý chất lượng không khí", "en") == ["air quality"]
    assert title_topics("Marine spatial planning and plastic waste", "vi") == ["quy hoạch không gian biển", "chất thải nhựa"]


def test_matching_respects_diacritics_words_and_capitals() -> None:
    assert title_topics("Dự án nước ngầm", "en") == ["groundwater"]
    assert title_topics("du an nuoc ngam vung ven bien", "en") == []  # diacritics are not guessed
    assert title_topics("khí tượng thuỷ văn", "en") == title_topics("khí tượng thủy văn", "en") == ["hydrometeorology"]
    assert title_topics("Quản lý tổng hợp tài nguyên nước lưu vực", "en")[0] == "integrated water resources management"
    assert title_topics("Tăng cường hạn chế sử dụng", "en") == []  # "hạn" of "hạn chế" is not drought
    assert title_topics("Support to the SEA of the plan", "vi") == ["đánh giá môi trường chiến lược"]
    assert title_topics("Protecting the sea and its islands", "vi") == []  # "sea" is not the acronym SEA


def test_a_title_in_the_readers_language_gets_no_topics() -> None:
    assert title_topics("Dự án quan trắc chất lượng không khí", "vi") == []
    assert title_topics(None, "en") == []


def test_topic_file_is_well_formed_and_says_where_entries_come_from() -> None:
    entries = load_topics()
    assert len(entries) >= 80
    names: dict[str, str] = {}
    for topic, aliases in entries:
        assert topic.en and topic.vi and nfc(topic.vi) == topic.vi
        assert not any(ch in "ăâđêôơư" for ch in topic.en.lower()), topic.en  # the English name is English
        for name in aliases:
            assert names.setdefault(name.casefold(), topic.en) == topic.en, f"{name} belongs to two topics"
    header = DEFAULT_PATH.read_text(encoding="utf-8").split("topics:")[0]
    assert "Decree 68/2022" in header and "UNFCCC" in header


def test_fields_in_the_readers_convention() -> None:
    assert money(3_000_000, "EUR", "en") == "EUR 3 million" and money(3_000_000, "EUR", "vi") == "3 triệu EUR"
    assert money(2_500_000, "USD", "vi") == "2,5 triệu USD" and money(450_000, "USD", "en") == "USD 450,000"
    assert period_label("giai đoạn 3", "en") == "phase 3" and period_label("tháng 5/2022", "en") == "May 2022"
    assert period_label("giai đoạn 2021-2025", "en") == "2021-2025" and period_label("phase 2", "vi") == "giai đoạn 2"
    assert shown_name("Chính phủ Phần Lan", "en") == "Government of Finland"
    assert shown_name("Government of the Netherlands", "vi") == "Chính phủ Hà Lan"
    assert shown_name("chính phủ Hà Lan", "en") == "Government of the Netherlands"


def without_quotes(text: str, citations: list[Citation]) -> str:
    """The text with each cited quote taken out literally (a quote may hold an unbalanced “ of its own, which
    would make the checker skip everything after it)."""
    for c in sorted(citations, key=lambda c: -len(c.quote)):
        text = text.replace(c.quote.strip(), " ").replace(" ".join(c.quote.split()), " ")
    return text


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    assistant = Assistant(make_settings(tmp_path_factory.mktemp("topics-data")))
    assert not assistant.ingest([BUNDLED_REPORTS]).failed
    return assistant


def test_english_list_answer_shows_topics_and_english_funders(bundled: Assistant) -> None:
    answer = bundled.ask("Which projects does Finland fund?")
    assert answer.grounded and answer_language_ok(answer.answer, "en")
    assert "topics: air quality" in answer.answer and "Government of Finland" in answer.answer
    assert "translation" not in answer.answer.lower()  # topics are labelled as topics, never as a translation


@pytest.mark.parametrize("partner", ["Japan", "Finland", "Republic of Korea", "Netherlands", "United Nations Environment Programme"])
def test_english_briefing_note_has_no_vietnamese_outside_quotes_and_names(bundled: Assistant, partner: str) -> None:
    note = bundled.brief(partner, "en")
    sources = [source_line(c, "en", "first half of 2022") for c in note.citations]
    text = without_quotes(note.markdown + "\n" + "\n".join(sources), note.citations)
    assert answer_language_ok(text, "en"), [w for w in own_words(text) if not w.isascii()]
    assert "## " in note.markdown and "Partner:" in note.markdown and "Quoted in Vietnamese: “" in note.markdown
    assert all(s.startswith("“") and "(Period: first half of 2022)" in s for s in sources)


def test_english_briefing_note_fields_and_topics(bundled: Assistant) -> None:
    note = bundled.brief("Finland", "en").markdown
    assert "Funder: Government of Finland" in note and "Status: proposed" in note
    assert "Phase: phase 3" in note and "Topics: hydrometeorology" in note
    vi = bundled.brief("Finland", "vi").markdown
    assert "Nhà tài trợ: Chính phủ Phần Lan" in vi and "Topics" not in vi


def test_llm_prompt_carries_fields_and_topics_in_both_languages() -> None:
    from assistant.answer.analysis import analyse
    from assistant.answer.backends import GenerationRequest, Source
    from assistant.answer.evidence import Evidence
    from assistant.answer.prompting import answer_messages
    from assistant.types import Chunk, RegisterRow, Span
    from index.glossary import default_glossary

    chunk = Chunk("c1", "d1", "x", 0, 1)
    title = "Tăng cường quản lý chất lượng không khí khu vực đô thị"
    row = RegisterRow("r1", "d1", "Finland", "Phần Lan", "project", title, "Chính phủ Phần Lan", "grant", None, None,
                      "giai đoạn 3", "implementing", Span(0, 1))
    quote = "Hợp tác với Phần Lan về quan trắc nước dưới đất"
    sources = [Source(1, Evidence(chunk, "Báo cáo", Span(0, 1), f"Dự án “{title}”", 1.0, frozenset({"finland"})), row),
               Source(2, Evidence(chunk, "Báo cáo", Span(0, 1), quote, 1.0, frozenset({"finland"})))]
    info = analyse("Which projects does Finland fund?", default_glossary())
    user = answer_messages(GenerationRequest("Which projects does Finland fund?", "en", info, sources))[1]["content"]
    for line in ("kind: project / dự án", "status: implementing / đang triển khai", "funding type: grant / viện trợ không hoàn lại",
                 "topics: air quality / chất lượng không khí", "period: giai đoạn 3",
                 "partners: Finland / Phần Lan", "topics: monitoring / quan trắc; groundwater / nước dưới đất"):
        assert line in user, line
    assert f"text: {quote}" in user
