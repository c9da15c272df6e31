"""Backends from installed plugins: a tiny plugin (tests/plugins: a module and its dist-info with entry points)
is put on sys.path, as `pip install` would, and its backend and embedder are then picked by name."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_settings

from assistant import plugins
from assistant.answer import backends
from assistant.core import Assistant
from assistant.errors import UnknownBackendError
from index import embedders

PLUGIN_DIR = Path(__file__).resolve().parent / "plugins"


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The plugin installed for one test; registries and the plugin cache restored afterwards."""
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))
    monkeypatch.setattr(plugins, "_loaded", set())
    monkeypatch.setattr(backends, "_REGISTRY", dict(backends._REGISTRY))
    monkeypatch.setattr(embedders, "_REGISTRY", dict(embedders._REGISTRY))
    yield


def test_plugin_backend_and_embedder_are_found_by_name(installed: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="assistant.plugins"):
        assert "echo" in backends.available_backends() and "echo" in embedders.available_embedders()
    backend = backends.create_backend("echo", make_settings(Path("unused")))
    assert type(backend).__name__ == "EchoBackend" and backend.name == "echo"
    embedder = embedders.create_embedder("echo:32")
    assert embedder.name == "echo:32" and embedder.embed_query("Phần Lan").shape == (32,)
    # a plugin cannot replace a built-in; broken or non-factory entries are skipped with a warning
    assert type(backends.create_backend("extractive", make_settings(Path("unused")))).__name__ == "ExtractiveBackend"
    assert "broken" not in backends.available_backends() and "not-a-factory" not in embedders.available_embedders()
    log = caplog.text
    assert "'extractive' is already a backend name" in log and "monre_echo_plugin_missing" in log
    assert "NOT_A_FACTORY" in log and "not a factory" in log


def test_an_assistant_answers_through_the_plugin_backend(installed: None, tmp_path: Path, reports: Path) -> None:
    assistant = Assistant(make_settings(tmp_path / "data", embedder="echo:64"))
    assistant.ingest([reports])
    answer = assistant.ask("Công ty nào của Nhật Bản tài trợ dự án quan trắc nhanh môi trường nước?", backend="echo")
    assert answer.backend == "echo" and answer.grounded and answer.citations
    assert assistant.catalog.get_meta("embedder") == "echo:64"
    quote = answer.citations[0].quote
    assert assistant.document_text(answer.citations[0].doc_id)[answer.citations[0].start : answer.citations[0].end] == quote


def test_without_the_plugin_its_names_are_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plugins, "_loaded", set())
    with pytest.raises(UnknownBackendError, match="unknown answer backend 'echo'"):
        backends.create_backend("echo", make_settings(Path("unused")))
    with pytest.raises(UnknownBackendError, match="unknown embedder 'echo:8'"):
        embedders.create_embedder("echo:8")
