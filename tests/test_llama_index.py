"""llama-index interop (assistant.llama_index): the hybrid retriever as a BaseRetriever, and a query engine
whose source nodes are the assistant's verified citations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from llama_index.core.base.base_query_engine import BaseQueryEngine
from llama_index.core.llms.mock import MockLLM
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import QueryBundle

from assistant.core import Assistant
from assistant.llama_index import AssistantQueryEngine, LlamaHybridRetriever
from assistant.settings import get_settings

README = Path(__file__).resolve().parent.parent / "README.md"
QUESTION = "Công ty nào của Nhật Bản tài trợ dự án quan trắc nhanh môi trường nước?"


def test_retriever_nodes_are_chunks_with_their_offsets(fake_assistant: Assistant) -> None:
    retriever = LlamaHybridRetriever(fake_assistant.retriever, k=4)
    assert isinstance(retriever, BaseRetriever)
    nodes = retriever.retrieve("Quỹ hợp tác thể chế của Phần Lan")
    assert len(nodes) == 4 and "Phần Lan" in nodes[0].node.get_content()
    for n in nodes:
        text = fake_assistant.document_text(n.node.metadata["doc_id"])
        assert text[n.node.start_char_idx : n.node.end_char_idx] == n.node.get_content()  # type: ignore[misc]
        assert n.node.metadata["title"] and n.score is not None


def test_the_retriever_plugs_into_a_llama_index_query_engine(fake_assistant: Assistant) -> None:
    engine = RetrieverQueryEngine.from_args(LlamaHybridRetriever(fake_assistant.retriever, k=2), llm=MockLLM())
    response = engine.query("Quỹ hợp tác thể chế của Phần Lan")
    assert len(response.source_nodes) == 2 and "Phần Lan" in response.source_nodes[0].node.get_content()


def test_query_engine_returns_the_answer_with_verified_citations_as_source_nodes(fake_assistant: Assistant) -> None:
    engine = AssistantQueryEngine(fake_assistant, backend="extractive")
    assert isinstance(engine, BaseQueryEngine)
    response = engine.query(QUESTION)
    answer = fake_assistant.ask(QUESTION, backend="extractive")
    assert response.response == answer.answer and response.metadata
    assert response.metadata["grounded"] is True and response.metadata["language"] == "vi"
    assert [n.node.metadata["n"] for n in response.source_nodes] == [c.n for c in answer.citations]
    assert response.source_nodes
    for node in response.source_nodes:
        text = fake_assistant.document_text(node.node.metadata["doc_id"])
        quote = node.node.get_content()
        assert node.node.metadata["verified"] is True and quote
        assert text[node.node.start_char_idx : node.node.end_char_idx] == quote  # type: ignore[misc]
        assert f"[{node.node.metadata['n']}]" in response.response  # type: ignore[operator]
    assert engine.retrieve(QueryBundle(QUESTION))  # the chunks the answer was drawn from


def test_a_declined_question_has_no_source_nodes(fake_assistant: Assistant) -> None:
    response = AssistantQueryEngine(fake_assistant, backend="extractive").query("Brazil tài trợ những dự án nào cho Bộ?")
    assert response.metadata and response.metadata["grounded"] is False
    assert response.source_nodes == [] and response.response


def test_the_readme_example_runs(fake_assistant: Assistant, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    block = re.search(r"<!-- llama-index example -->\n```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block is not None
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(fake_assistant.settings.data_dir))
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "fake")
    get_settings.cache_clear()
    try:
        exec(compile(block.group(1), "README.md", "exec"), {})
    finally:
        get_settings.cache_clear()
    out = capsys.readouterr().out
    assert "[1] " in out and "Phần Lan" in out
