"""Keyword side, diacritic folding, glossary expansion, filters."""

from __future__ import annotations

from assistant.core import Assistant
from index.retriever import SearchFilters
from index.tokenize import tokens


def test_tokens_carry_compounds_syllables_and_folded_forms() -> None:
    toks = tokens("Phần Lan tài trợ dự án")
    assert "phần_lan" in toks and "phan_lan" in toks and "phần" in toks and "phan" in toks
    assert set(tokens("phan lan")) <= set(toks)


def test_unaccented_query_finds_accented_text(fake_assistant: Assistant) -> None:
    top = fake_assistant.keyword.search("phan lan tai tro", 3)
    texts = fake_assistant.catalog.chunks([cid for cid, _ in top])
    assert any("Phần Lan" in c.text for c in texts.values())


def test_english_query_reaches_vietnamese_text_through_the_glossary(fake_assistant: Assistant) -> None:
    plain = fake_assistant.keyword.search("Finland", 5)
    expanded = fake_assistant.keyword.search("Finland", 5, extra_terms=fake_assistant.glossary.expand("Finland"))
    texts = fake_assistant.catalog.chunks([cid for cid, _ in expanded])
    assert not plain  # the word Finland does not occur in the reports
    assert "Phần Lan" in texts[expanded[0][0]].text
    assert any("Quỹ hợp tác thể chế của Phần Lan" in c.text for c in texts.values())


def test_filters_by_language_and_period(fake_assistant: Assistant) -> None:
    en = fake_assistant.search("project funded by Sweden", k=5, filters=SearchFilters(language="en"))
    assert en and all(h.chunk.doc_id.startswith("monre-cooperation-2023-h2") for h in en)
    q1 = fake_assistant.search("Thụy Điển", k=5, filters=SearchFilters(period="2024-Q1"))
    assert q1 and all(h.chunk.doc_id.startswith("bao-cao-hop-tac-quy-1-2024") for h in q1)
    docs = {d.period for d in fake_assistant.documents()}
    assert docs == {"2022-H1", "2023-H2", "2024-Q1"}
