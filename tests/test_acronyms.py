"""A name the glossary lacks is shown as written, once with its acronym, and by its acronym afterwards.

The corpus (tests/corpus_names/) names organisations no glossary holds — "Quỹ Hòa bình Ruritania (RPF)",
"Tổ chức Hợp tác Phát triển Borduria (BDCA)", "FCA (Freedonia Climate Agency)" — in a Vietnamese and an
English report."""

from __future__ import annotations

import pytest
from conftest import TESTS, make_settings

from assistant.core import Assistant
from assistant.text import nfc
from index.glossary import default_glossary
from ingest.register.names import split_acronym
from ui.exports import DocLabels, register_lines

CORPUS = TESTS / "corpus_names"


@pytest.fixture(scope="module")
def names_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    assistant = Assistant(make_settings(tmp_path_factory.mktemp("names") / "data"))
    report = assistant.ingest([CORPUS])
    assert not report.failed
    return assistant


def _bullets(text: str) -> list[str]:
    return [ln[2:] for ln in text.splitlines() if ln.startswith("- ")]


def _frame(line: str) -> str:
    """A bullet's own text: what comes before its quote."""
    return line.split(" — “")[0]


@pytest.mark.parametrize(("written", "expected"), [
    ("Quỹ Hòa bình Ruritania (RPF)", ("Quỹ Hòa bình Ruritania", "RPF")),
    ("BDCA (Tổ chức Hợp tác Phát triển Borduria)", ("Tổ chức Hợp tác Phát triển Borduria", "BDCA")),
    ("FCA (Freedonia Climate Agency)", ("Freedonia Climate Agency", "FCA")),
    ("JICA (Nhật Bản)", ("JICA (Nhật Bản)", None)),  # says where, not what JICA is
    ("Đức (BMU)", ("Đức (BMU)", None)),
    ("Ngân hàng Thế giới", ("Ngân hàng Thế giới", None)),
])
def test_split_acronym(written: str, expected: tuple[str, str | None]) -> None:
    assert split_acronym(written) == expected


def test_rows_carry_the_acronym_as_a_field_of_its_own(names_assistant: Assistant) -> None:
    rows = names_assistant.register_rows()
    assert not any(default_glossary().lookup(r.partner) for r in rows if r.partner_acronym)
    got = [(r.partner, r.partner_acronym, r.kind, r.funder, r.funder_acronym) for r in rows]
    assert sorted(got, key=str) == sorted([
        ("Norway", None, "project", "Quỹ Hòa bình Ruritania", "RPF"),
        ("Norway", None, "project", "RPF", None),
        ("Tổ chức Hợp tác Phát triển Borduria", "BDCA", "mou", None, None),
        ("Tổ chức Hợp tác Phát triển Borduria", "BDCA", "mou", None, None),  # "BDCA (Tổ chức …)"
        ("Freedonia Climate Agency", "FCA", "mou", None, None),
        ("Freedonia Climate Agency", "FCA", "mou", None, None),
    ], key=str)
    for r in rows:  # every field span holds exactly its value
        text = names_assistant.catalog.document_text(r.doc_id) or ""
        for name in ("partner_acronym", "funder", "funder_acronym"):
            value = getattr(r, name)
            assert (text[r.spans[name].start : r.spans[name].end] if name in r.spans else None) == value


def test_the_register_is_found_and_exported_by_acronym(names_assistant: Assistant) -> None:
    assert {r.partner for r in names_assistant.register_rows(partner="BDCA")} == {"Tổ chức Hợp tác Phát triển Borduria"}
    assert len(names_assistant.register_rows(funder="RPF")) == 2  # "Quỹ … (RPF)" and "RPF" alone
    lines = register_lines(names_assistant.register_rows(partner="FCA"), DocLabels(names_assistant.catalog), "en")
    assert [line.partner for line in lines] == ["Freedonia Climate Agency (FCA)"] * 2


@pytest.mark.parametrize(("question", "lang"), [("Which MoUs did the ministry sign?", "en"),
                                                ("Bộ đã ký những bản ghi nhớ nào?", "vi")])
def test_an_answer_introduces_each_acronym_once(names_assistant: Assistant, question: str, lang: str) -> None:
    answer = names_assistant.ask(question)
    assert answer.grounded and not answer.unsupported_claims
    frames = [_frame(b) for b in _bullets(answer.answer)]
    assert len(frames) == 4
    borduria = "“Tổ chức Hợp tác Phát triển Borduria” (BDCA)" if lang == "en" else "Tổ chức Hợp tác Phát triển Borduria (BDCA)"
    freedonia = "Freedonia Climate Agency (FCA)" if lang == "en" else "“Freedonia Climate Agency” (FCA)"
    for full, acronym in ((borduria, "BDCA"), (freedonia, "FCA")):
        mine = [f for f in frames if acronym in f]
        assert len(mine) == 2 and mine[0].startswith(full + ",") and mine[1].startswith(acronym + ",")
    month = "March 2024" if lang == "en" else "tháng 4/2024"  # the period in the reader's words, kept by the gate
    assert month in answer.answer
    assert nfc(answer.answer) == answer.answer


@pytest.mark.parametrize(("lang", "first", "then"), [
    ("en", "Funder: “Quỹ Hòa bình Ruritania” (RPF);", "Funder: RPF;"),
    ("vi", "Nhà tài trợ: Quỹ Hòa bình Ruritania (RPF);", "Nhà tài trợ: RPF;"),
])
def test_a_briefing_note_names_an_unknown_funder_once_in_full(names_assistant: Assistant, lang: str, first: str,
                                                              then: str) -> None:
    note = names_assistant.brief("Norway", lang)
    lines = _bullets(note.markdown)
    assert len(lines) == 2
    assert first in lines[0] and then in lines[1]
    assert note.markdown.count(first) == 1 and note.markdown.count("(RPF);") == 1  # in full once, in the facts


def test_english_answer_on_an_unknown_funder(names_assistant: Assistant) -> None:
    answer = names_assistant.ask("Which projects does Norway fund?")
    frames = [_frame(b) for b in _bullets(answer.answer)]
    assert frames[0].startswith("Norway, project, funded by “Quỹ Hòa bình Ruritania” (RPF), USD 2 million")
    assert frames[1].startswith("Norway, project, funded by RPF, phase I")


def test_the_name_book_and_the_readers_words() -> None:
    from assistant.vocabulary import NameBook, period_label, shown_name, with_acronym

    names = NameBook("en")
    assert [names.name("Quỹ Hòa bình Ruritania", "RPF"), names.name("Quỹ Hòa bình Ruritania", "RPF"),
            names.name("RPF")] == ["“Quỹ Hòa bình Ruritania” (RPF)", "RPF", "RPF"]
    assert names.name("Quỹ Môi trường toàn cầu", "GEF") == "Global Environment Facility"  # the glossary's name
    assert with_acronym("Freedonia Climate Agency", "FCA", "vi") == "“Freedonia Climate Agency” (FCA)"
    assert shown_name("RPF", "vi") == "RPF"  # an acronym is the same in both languages: never quoted
    assert period_label("April 2024", "vi") == "tháng 4/2024" and period_label("tháng 3/2024", "en") == "March 2024"
    assert period_label("phase 2 (May 2022)", "vi") == "giai đoạn 2 (tháng 5/2022)"
