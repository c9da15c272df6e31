"""What got better or worse since an earlier run (metric deltas and questions that flipped pass/fail)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from evals.scoring import COUNT_METRICS
from evals.summary import EvalSummary, ScopeStats

EPSILON = 1e-9


@dataclass(frozen=True)
class MetricDelta:
    scope: str  # 'overall', 'lang:vi', 'kind:list' ...
    metric: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else round(self.new - self.old, 4)

    @property
    def gain(self) -> float:
        """The change in the better direction (counts such as unsupported_claims are better lower)."""
        return -(self.delta or 0) if self.metric in COUNT_METRICS else (self.delta or 0)


@dataclass(frozen=True)
class Comparison:
    baseline: str
    deltas: list[MetricDelta]  # only metrics whose value changed
    now_failing: list[str]  # passed before, fail now
    now_passing: list[str]
    added: list[str]  # question ids not in the baseline
    removed: list[str]

    @property
    def regressed(self) -> bool:
        return bool(self.now_failing) or any(d.gain < 0 for d in self.deltas)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "deltas": [{**asdict(d), "delta": d.delta} for d in self.deltas]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Comparison:
        deltas = [MetricDelta(d["scope"], d["metric"], d["old"], d["new"]) for d in data["deltas"]]
        return cls(data["baseline"], deltas, list(data["now_failing"]), list(data["now_passing"]),
                   list(data["added"]), list(data["removed"]))

    def to_text(self) -> str:
        lines = [f"Compared with {self.baseline}:"]
        better = [d for d in self.deltas if d.gain > 0]
        worse = [d for d in self.deltas if d.gain < 0]
        other = [d for d in self.deltas if d.delta is None]
        for title, group in (("better", better), ("worse", worse), ("now / no longer measured", other)):
            if group:
                lines.append(f"  {title}:")
                lines.extend(f"    {_describe(d)}" for d in group)
        for title, ids in (("now failing", self.now_failing), ("now passing", self.now_passing),
                           ("new questions", self.added), ("removed questions", self.removed)):
            if ids:
                lines.append(f"  {title}: {', '.join(ids)}")
        if len(lines) == 1:
            lines.append("  no metric changed and no question flipped")
        return "\n".join(lines)


def _describe(d: MetricDelta) -> str:
    old = "n/a" if d.old is None else f"{d.old:.3f}"
    new = "n/a" if d.new is None else f"{d.new:.3f}"
    sign = "" if d.delta is None else f" ({d.delta:+.3f})"
    return f"{d.metric} [{d.scope}]: {old} -> {new}{sign}"


def _scopes(s: EvalSummary) -> dict[str, ScopeStats]:
    out = {"overall": s.overall}
    out.update({f"lang:{k}": v for k, v in s.by_lang.items()})
    out.update({f"kind:{k}": v for k, v in s.by_kind.items()})
    return out


def compare(old: EvalSummary, new: EvalSummary, baseline: str = "baseline") -> Comparison:
    """Deltas of every metric in every scope both runs share (latency is not compared)."""
    deltas: list[MetricDelta] = []
    old_scopes = _scopes(old)
    for scope, stats in _scopes(new).items():
        if scope not in old_scopes:
            continue
        for metric, value in stats.metrics.items():
            before = old_scopes[scope].metrics.get(metric)
            changed = (before is None) != (value is None) or (
                before is not None and value is not None and abs(value - before) > EPSILON)
            if changed and metric in old_scopes[scope].metrics:
                deltas.append(MetricDelta(scope, metric, before, value))
    shared = [q for q in new.outcomes if q in old.outcomes]
    return Comparison(
        baseline, deltas,
        now_failing=[q for q in shared if old.outcomes[q] and not new.outcomes[q]],
        now_passing=[q for q in shared if not old.outcomes[q] and new.outcomes[q]],
        added=[q for q in new.outcomes if q not in old.outcomes],
        removed=[q for q in old.outcomes if q not in new.outcomes],
    )


def load_summary(path: Path) -> EvalSummary:
    """A run's summary.json, given the file or the run's output folder."""
    file = path / "summary.json" if path.is_dir() else path
    try:
        return EvalSummary.from_json(json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AssistantError(f"{file}: not a readable summary.json of an earlier run ({exc})") from exc
