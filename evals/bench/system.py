"""Process helpers: shared embedders, latency summaries, RSS, disk size, ports, settings, a chroma server."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import typer

from evals.bench.records import Latency

_EMBEDDERS: dict[str, Any] = {}


def embedder_for(spec: str) -> Any:
    """One loaded embedder per spec for the whole run (the model is loaded once)."""
    from index.embedders import create_embedder

    if spec not in _EMBEDDERS:
        _EMBEDDERS[spec] = create_embedder(spec)
    return _EMBEDDERS[spec]


def latency(samples_ms: Sequence[float]) -> Latency:
    a = np.asarray(samples_ms, dtype=float)
    if a.size == 0:
        return Latency(0, 0.0, 0.0, 0.0, 0.0)
    return Latency(int(a.size), _r(np.percentile(a, 50)), _r(np.percentile(a, 95)), _r(a.mean()), _r(a.max()))


def _r(x: float, digits: int = 2) -> float:
    return round(float(x), digits)


def _status_mb(field_name: str, pid: int | str = "self") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def reset_peak_rss() -> None:
    """Reset VmHWM so the next reading is the peak of what follows (Linux; ignored elsewhere)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mb() -> float:
    hwm = _status_mb("VmHWM")
    if hwm:
        return _r(hwm, 1)
    import resource

    return _r(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def dir_mb(path: Path) -> float:
    if not path.exists():
        return 0.0
    return _r(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _settings(data_dir: Path, embedder: str, store: str, port: int | None) -> Any:
    from assistant.settings import Settings

    values: dict[str, Any] = {
        "data_dir": data_dir,
        "embedder": embedder,
        "vector_store": store,
        "_env_file": None,
    }
    if port is not None:
        values["chroma_port"] = port
    return Settings(**values)


@contextlib.contextmanager
def chroma_server(store: str, path: Path, log: Path) -> Iterator[tuple[int | None, int | None]]:
    """For chroma-http: a `chroma run` server on 127.0.0.1 for the duration (port, pid); else (None, None)."""
    if store != "chroma-http":
        yield None, None
        return
    exe = Path(sys.executable).with_name("chroma")
    binary = str(exe) if exe.exists() else shutil.which("chroma")
    if binary is None:
        raise typer.BadParameter(
            "the `chroma` CLI is not installed in this environment (pip install chromadb)"
        )
    port = free_port()
    path.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [binary, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, 60)
        yield port, proc.pid
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate a child server, killing it if it does not exit within 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _wait_http(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"the server process exited with code {proc.returncode} before answering {url}"
            )
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {timeout:.0f}s")
