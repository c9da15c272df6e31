"""Typed results of every measurement, down to the whole benchmark run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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
    by_phrasing: dict[str, float] = field(default_factory=dict)  # row recall per template (lang.kind.index)
    by_layout: dict[str, float] = field(default_factory=dict)  # row recall per paragraph layout
    precision: float | None = None  # register rows that are an expected row (same doc, partner, title or MoU)


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
