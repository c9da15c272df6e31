"""The serve probe: RSS and time to first answer of a fresh process over the index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from evals.bench.records import ServeProbe
from evals.bench.system import _r, _status_mb, _stop, _wait_http, free_port, peak_rss_mb


def serve_probe(data_dir: Path, embedder: str, store: str, port: int | None, question: str) -> ServeProbe:
    """RSS and time to first answer of a fresh process over the index: `assistant serve` over HTTP when
    ui/server.py exists, else a process that loads the Assistant, warms it up and answers ``question``."""
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(data_dir),
        "ASSISTANT_EMBEDDER": embedder,
        "ASSISTANT_VECTOR_STORE": store,
        "ASSISTANT_BACKEND": "extractive",
    }
    if port is not None:
        env["ASSISTANT_CHROMA_PORT"] = str(port)
    why = "ui/server.py not available"
    if (Path(__file__).resolve().parents[2] / "ui" / "server.py").exists():
        try:
            return _serve_over_http(env, question)
        except Exception as exc:  # any failure of the server (start, HTTP, timeout): fall back to the probe
            why = f"`assistant serve` did not answer ({exc.__class__.__name__}: {str(exc)[:120]})"
    cmd = [sys.executable, "-m", "evals.bench", "probe", question]
    started = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
    wall = time.perf_counter() - started
    if out.returncode != 0:
        raise RuntimeError(f"probe process failed: {out.stderr.strip()[-500:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return ServeProbe(
        "probe",
        data["rss_mb"],
        data["peak_rss_mb"],
        _r(wall, 2),
        f"{why}: a process that loads the Assistant, warms it up and answers one question "
        "(extractive); time includes interpreter start and imports",
    )


def _serve_over_http(env: dict[str, str], question: str) -> ServeProbe:
    import httpx

    port = free_port()
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/health", proc, 300)
        resp = httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": question}, timeout=300)
        resp.raise_for_status()
        wall = time.perf_counter() - started
        return ServeProbe(
            "serve",
            _r(_status_mb("VmRSS", proc.pid), 1),
            _r(_status_mb("VmHWM", proc.pid), 1),
            _r(wall, 2),
            "`assistant serve` (API + web app); time from process start to the first /api/ask answer",
        )
    finally:
        _stop(proc)


def probe_main(question: str) -> None:
    """Child of serve_probe: load from ASSISTANT_* settings, warm up, answer, print RSS as JSON."""
    from assistant.core import Assistant
    from assistant.settings import Settings

    assistant = Assistant(Settings(_env_file=None))
    assistant.search("warm up")
    answer = assistant.ask(question, backend="extractive")
    print(
        json.dumps(
            {"rss_mb": _r(_status_mb("VmRSS"), 1), "peak_rss_mb": peak_rss_mb(), "grounded": answer.grounded}
        )
    )
