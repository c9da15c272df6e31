"""`assistant eval`: run a question set, print the summary, optionally gate on thresholds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from assistant.errors import AssistantError
from evals.questions import DEV_SET
from evals.thresholds import THRESHOLDS_PATH

if TYPE_CHECKING:
    from assistant.core import Assistant


def eval_cmd(
    questions: list[Path] = typer.Option([DEV_SET], help="Question set (.jsonl, .yaml or .csv); repeat the "
                                         "option (with --out, --thresholds) for several sets in one process"),
    backend: str | None = typer.Option(None, help="Answer backend (default: ASSISTANT_BACKEND)"),
    out: list[Path] = typer.Option([Path("eval-out")], help="Folder for results.jsonl, summary.json, report.html "
                                   "(one per --questions)"),
    compare: Path | None = typer.Option(None, help="An earlier run's summary.json (or folder) to compare with"),
    judge: bool = typer.Option(False, help="Also judge faithfulness with the OpenAI-compatible model"),
    check: bool = typer.Option(False, help="exit 1 when a metric is below evals/thresholds.toml"),
    thresholds: list[Path] = typer.Option([THRESHOLDS_PATH], help="Metric floors used by --check (one, or one "
                                          "per --questions)"),
) -> None:
    """Evaluate the assistant against a question set (retrieval, answers, citations, faithfulness)."""
    from assistant.core import Assistant

    if len(out) != len(questions) or len(thresholds) not in (1, len(questions)):
        typer.secho("error: give one --out per --questions, and one --thresholds or one per --questions",
                    fg=typer.colors.RED, err=True)
        raise typer.Exit(2)
    try:
        assistant = Assistant.from_settings()  # loaded once for every set (same index, same models)
    except AssistantError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
    failed = False
    for i, (q, o) in enumerate(zip(questions, out, strict=True)):
        floors = thresholds[i if len(thresholds) > 1 else 0]
        failed |= not _eval_one(assistant, q, o, compare, judge, backend, floors if check else None)
    if failed:
        raise typer.Exit(1)


def _eval_one(assistant: Assistant, questions: Path, out: Path, compare: Path | None, judge: bool,
              backend: str | None, thresholds: Path | None) -> bool:
    """One question set: run, report, check the floors; False when a floor is not met."""
    from evals.questions import load_questions
    from evals.runner import run_eval
    from evals.thresholds import check_thresholds, load_thresholds

    try:
        floors = load_thresholds(thresholds) if thresholds is not None else None
        qs = load_questions(questions)
        summary = run_eval(qs, assistant, out, compare=compare, progress=True, judge=judge, backend=backend)
    except AssistantError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        for problem in getattr(exc, "problems", [])[10:]:
            typer.secho(f"  {problem}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"report: {out / 'report.html'}")
    if floors is None:
        return True
    violations = check_thresholds(summary, floors)
    for v in violations:
        typer.secho(f"threshold not met ({questions.name}): {v}", fg=typer.colors.RED, err=True)
    if not violations:
        typer.secho(f"{questions.name}: all metrics at or above their thresholds", fg=typer.colors.GREEN)
    return not violations


def calibrate_cmd(
    questions: list[Path] = typer.Option(..., help="Labelled question sets (answerable and unanswerable)"),
    data_dir: list[Path] = typer.Option(..., help="For each question set, the data dir its reports are ingested in"),
    out: Path = typer.Option(Path("docs/calibration.md"), help="Where to write the precision/recall table"),
) -> None:
    """Choose the relevance threshold below which questions are declined (see docs/calibration.md)."""
    from evals.calibrate import calibrate

    if len(questions) != len(data_dir):
        typer.secho("error: give one --data-dir per --questions", fg=typer.colors.RED, err=True)
        raise typer.Exit(2)
    chosen = calibrate(list(zip(questions, data_dir, strict=True)), out)
    typer.echo(f"threshold {chosen} (set ASSISTANT_RELEVANCE_THRESHOLD); table: {out}")
