"""Metric floors (evals/thresholds.toml) and the check used as a CI regression gate."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import AssistantError
from evals.scoring import METRICS
from evals.summary import EvalSummary, ScopeStats

KNOWN_METRICS = (*METRICS, "pass_rate")
THRESHOLDS_PATH = Path(__file__).resolve().parent / "thresholds.toml"


@dataclass(frozen=True)
class Thresholds:
    overall: dict[str, float] = field(default_factory=dict)
    by_lang: dict[str, dict[str, float]] = field(default_factory=dict)
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    ceilings: dict[str, float] = field(default_factory=dict)  # [max]: counts that must not exceed these


def _floors(table: object, where: str) -> dict[str, float]:
    if not isinstance(table, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in table.values()
    ):
        raise AssistantError(f"thresholds [{where}] must map metric names to numbers")
    return {str(k): float(v) for k, v in table.items()}


def load_thresholds(path: Path = THRESHOLDS_PATH) -> Thresholds:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AssistantError(f"{path}: cannot read thresholds ({exc})") from exc
    return Thresholds(
        overall=_floors(data.get("overall", {}), "overall"),
        by_lang={k: _floors(v, f"lang.{k}") for k, v in data.get("lang", {}).items()},
        by_kind={k: _floors(v, f"kind.{k}") for k, v in data.get("kind", {}).items()},
        ceilings=_floors(data.get("max", {}), "max"),
    )


def _check(scope: str, stats: ScopeStats | None, floors: dict[str, float]) -> list[str]:
    if stats is None:
        return []
    out = []
    for metric, floor in floors.items():
        if metric not in KNOWN_METRICS:
            out.append(f"{metric} ({scope}): unknown metric in thresholds (known: {', '.join(KNOWN_METRICS)})")
            continue
        value = stats.metrics.get(metric)
        if value is not None and value < floor:
            out.append(f"{metric} ({scope}) = {value:.3f} < {floor:.3f}")
    return out


def check_thresholds(summary: EvalSummary, thresholds: Thresholds) -> list[str]:
    """The violations, in words; empty when every measured metric is at or above its floor."""
    violations = _check("overall", summary.overall, thresholds.overall)
    for lang, floors in thresholds.by_lang.items():
        violations += _check(lang, summary.by_lang.get(lang), floors)
    for kind, floors in thresholds.by_kind.items():
        violations += _check(f"kind {kind}", summary.by_kind.get(kind), floors)
    for metric, ceiling in thresholds.ceilings.items():
        value = summary.overall.metrics.get(metric)
        if metric not in KNOWN_METRICS:
            violations.append(f"{metric} (max): unknown metric in thresholds")
        elif value is not None and value > ceiling:
            violations.append(f"{metric} (overall) = {value:g} > {ceiling:g} (at most)")
    return violations
