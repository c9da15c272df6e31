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


def test_the_partner_boost_respects_case_and_diacritics() -> None:
    """"UK" counts only in capitals, "Anh" only with its marks: "ảnh hưởng" (influence) is not Britain."""
    from assistant.settings import Settings
    from assistant.types import Chunk
    from index.glossary import default_glossary
    from index.retriever import HybridRetriever

    texts = {"vi": "Bão Yagi ảnh hưởng tới các tỉnh phía Bắc; hình ảnh được gửi về Bộ.",
             "en": "At COP29 the Deputy Minister met the UK's Special Envoy for Climate."}

    class Catalog:
        def chunks(self, ids):  # type: ignore[no-untyped-def]
            return {i: Chunk(i, i, texts[i], 0, len(texts[i])) for i in ids}

    retriever = HybridRetriever.__new__(HybridRetriever)
    retriever.settings, retriever.catalog, retriever.glossary = Settings(), Catalog(), default_glossary()  # type: ignore[assignment]
    uk = retriever.entities("Which British official did he meet?")
    assert [e.key for e in uk] == ["united-kingdom"]
    fused = retriever._boost_entities([("vi", 0.04), ("en", 0.03)], [], uk)  # one bonus is 1/61
    assert [cid for cid, _ in fused] == ["en", "vi"]


def test_a_question_is_also_asked_with_its_glossary_names_in_the_other_language() -> None:
    from index.crosslingual import in_other_language
    from index.glossary import default_glossary

    g = default_glossary()
    crossed = in_other_language("Cuộc họp điều phối với Thụy Điển sẽ tổ chức khi nào?", "vi", g)
    assert crossed is not None and "coordination meeting" in crossed and "Sweden" in crossed
    assert "khi nào" in crossed  # words the glossary does not know stay as typed
    assert in_other_language("Which projects does Finland fund?", "en", g) == "Which dự án does Phần Lan tài trợ?"
    assert in_other_language("Cái gì đây?", "vi", g) is None  # nothing to write in the other language


def test_the_crosslingual_ranking_runs_only_when_the_reports_hold_the_other_language(fake_assistant: Assistant
                                                                                      ) -> None:
    retriever = fake_assistant.retriever
    languages = set(fake_assistant.engine.catalog.languages().values())
    ranked = retriever.crosslingual("Phần Lan tài trợ những dự án nào?", SearchFilters(), 10)
    assert bool(ranked) == ({"vi", "en"} <= languages)
