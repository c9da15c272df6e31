"""Load test: N concurrent askers against a real `assistant serve` (its own process, loopback), plus one
upload in the middle of the run. Reports errors, spurious declines (a question answered before the load
that is declined under it), latency percentiles and throughput; exits 1 on any error or spurious decline.

    python -m evals.load --askers 50 --seconds 60 [--embedder fake] [--out load.json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from assistant.settings import BUNDLED_REPORTS, PROJECT_ROOT

QUESTIONS = PROJECT_ROOT / "evals" / "questions.dev.jsonl"
UPLOAD = ("Báo cáo bổ sung về hợp tác quốc tế.\nTrong năm 2024, Bộ Tài nguyên và Môi trường phối hợp với "
          "Cộng hòa Séc tổ chức hội thảo về quan trắc nước ngầm tại Hà Nội.\n")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data_dir: Path, embedder: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")},
           "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_EMBEDDER": embedder}
    exe = [sys.executable, "-m", "assistant.cli"]
    subprocess.run([*exe, "ingest", str(BUNDLED_REPORTS)], env=env, check=True, capture_output=True)
    server = subprocess.Popen([*exe, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # a real embedder loads its model first
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start within 300 s")


def _ask(client: httpx.Client, question: str) -> tuple[int, bool | None, float]:
    started = time.perf_counter()
    r = client.post("/api/ask", json={"question": question}, timeout=120)
    grounded = r.json().get("grounded") if r.status_code == 200 else None
    return r.status_code, grounded, time.perf_counter() - started


def asker(base: str, questions: list[str], baseline: dict[str, bool], until: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base) as client:
        while time.monotonic() < until:
            q = rng.choice(questions)
            try:
                status, grounded, seconds = _ask(client, q)
            except httpx.HTTPError as exc:
                with tally.lock:
                    tally.errors.append(f"{type(exc).__name__}: {q}")
                continue
            with tally.lock:
                tally.latencies.append(seconds)
                if status != 200:
                    tally.errors.append(f"HTTP {status}: {q}")
                elif baseline[q] and not grounded:
                    tally.spurious.append(q)


def upload(base: str, at: float) -> dict[str, Any]:
    time.sleep(max(0.0, at - time.monotonic()))
    with httpx.Client(base_url=base, timeout=60) as client:
        job = client.post("/api/documents", files={"files": ("load-upload.txt", UPLOAD.encode(), "text/plain")}).json()
        while job.get("status") in ("queued", "running"):
            time.sleep(0.2)
            job = client.get(f"/api/jobs/{job['id']}").json()
    return {"status": job.get("status"), "error": job.get("error")}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0


def run(askers: int, seconds: float, embedder: str) -> dict[str, Any]:
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    with tempfile.TemporaryDirectory(prefix="assistant-load-") as tmp:
        server, base = start_server(Path(tmp) / "data", embedder)
        try:
            with httpx.Client(base_url=base) as client:
                baseline = {q: bool(_ask(client, q)[1]) for q in questions}
            tally = Tally()
            started = time.monotonic()
            until = started + seconds
            threads = [threading.Thread(target=asker, args=(base, questions, baseline, until, tally, i))
                       for i in range(askers)]
            for t in threads:
                t.start()
            uploaded = upload(base, started + seconds / 3)
            for t in threads:
                t.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(30)
    lat = tally.latencies
    return {"askers": askers, "seconds": round(elapsed, 1), "embedder": embedder, "requests": len(lat),
            "errors": len(tally.errors), "error_samples": tally.errors[:5], "spurious_declines": len(tally.spurious),
            "spurious_samples": sorted(set(tally.spurious))[:5],
            "answered_before_load": sum(baseline.values()), "questions": len(questions),
            "p50_s": round(percentile(lat, 0.50), 3), "p95_s": round(percentile(lat, 0.95), 3),
            "max_s": round(max(lat, default=0.0), 3), "per_second": round(len(lat) / elapsed, 2), "upload": uploaded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--askers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--embedder", default="fake")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    result = run(args.askers, args.seconds, args.embedder)
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    ok = not result["errors"] and not result["spurious_declines"] and result["upload"]["status"] == "done"
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
