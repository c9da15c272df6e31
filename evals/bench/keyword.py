"""BM25 keyword index scaling alone (build, memory, load, query latency) past what can be embedded here."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import typer

from evals.bench.config import SEED
from evals.bench.corpus import GENERIC_QUERIES
from evals.bench.sizes import _chunks
from evals.bench.system import _r, _status_mb, dir_mb, latency, peak_rss_mb
from evals.synthetic import generate_corpus


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
