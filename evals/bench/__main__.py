"""``python -m evals.bench``: the benchmark tools (also `assistant bench`)."""

from __future__ import annotations

import typer

from evals.bench.keyword import keyword_probe_main, keyword_scale_cmd
from evals.bench.run import bench_cmd
from evals.bench.serve import probe_main

_cli = typer.Typer(add_completion=False, help="Benchmark tools (also `assistant bench`).")
_cli.command("run")(bench_cmd)
_cli.command("probe", hidden=True)(probe_main)
_cli.command("keyword-scale")(keyword_scale_cmd)
_cli.command("keyword-probe", hidden=True)(keyword_probe_main)


if __name__ == "__main__":  # pragma: no cover
    _cli()
