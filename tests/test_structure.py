"""The structure check (tools/check_structure.py): the tree meets the limits; excesses fail or warn."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_structure", ROOT / "tools" / "check_structure.py")
assert _spec and _spec.loader
check = importlib.util.module_from_spec(_spec)
sys.modules["check_structure"] = check  # dataclasses look their module up
_spec.loader.exec_module(check)


def _function(name: str, body_lines: int) -> str:
    return f"def {name}() -> None:\n" + "    x = 1\n" * (body_lines - 1)


def test_the_tree_meets_the_limits(capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main([str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "longest files (limit 400 lines):" in out and "longest functions (limit 50 lines):" in out
    assert "0 over the limits" in out


def test_a_long_function_or_file_fails_and_an_allow_listed_one_only_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "ok.py").write_text(_function("short", 50))
    assert check.main([str(tmp_path)]) == 0
    (tmp_path / "index" / "long.py").write_text("class A:\n" + "\n".join("    " + line for line in _function("run", 51).splitlines()) + "\n")
    assert check.main([str(tmp_path)]) == 1
    assert "FAIL: index/long.py:2 A.run() has 51 lines (limit 50)" in capsys.readouterr().out
    (tmp_path / "index" / "long.py").unlink()
    (tmp_path / "ingest").mkdir()
    (tmp_path / "ingest" / "chunker.py").write_text("\n".join(f"x{i} = {i}" for i in range(401)) + "\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_big.py").write_text(_function("test_long", 80))
    assert check.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "WARNING (allow-listed: being rewritten): ingest/chunker.py:1 file has 401 lines (limit 400)" in out
    assert "test_big" not in out
