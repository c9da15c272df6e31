"""`assistant` command line: a thin adapter over assistant.core.Assistant."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import AssistantError

app = typer.Typer(add_completion=False, help="Bilingual research assistant over MONRE cooperation reports.",
                  no_args_is_help=True)


def _assistant():  # type: ignore[no-untyped-def]
    from assistant.core import Assistant

    return Assistant.from_settings()


def fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def run_safely(fn):  # type: ignore[no-untyped-def]
    """Turn domain errors into one readable line and a non-zero exit code."""
    try:
        return fn()
    except AssistantError as exc:
        fail(str(exc))


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the bundled reports)")] = None,
    delete: Annotated[list[str] | None, typer.Option("--delete", help="Remove a document (id, path or file name)")] = None,
    sync: Annotated[bool, typer.Option(help="Also drop documents whose files were removed from these folders")] = False,
    list_docs: Annotated[bool, typer.Option("--list", help="List indexed documents")] = False,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Index reports (incremental: unchanged files are skipped, changed ones replaced)."""
    assistant = _assistant()
    if list_docs:
        for d in run_safely(assistant.documents):
            typer.echo(f"{d.doc_id}\t{d.chunks} chunks\t{d.period or '-'}\t{d.language}\t{d.title}")
        return
    if delete:
        for ref in delete:
            doc_id = run_safely(lambda ref=ref: assistant.delete_document(ref))
            typer.echo(f"deleted    {doc_id}")
        if not paths:
            return
    report = run_safely(lambda: assistant.ingest(paths, sync=sync))
    if json_out:
        typer.echo(json.dumps({"outcomes": [o.__dict__ for o in report.outcomes], "embedded": report.embedded,
                               "timings": report.timings, "repaired": report.repaired}, ensure_ascii=False))
    else:
        for line in report.repaired:
            typer.echo(f"repaired   {line}", err=True)
        for outcome in report.outcomes:
            typer.echo(outcome.line(), err=outcome.status == "failed")
        typer.echo(
            f"{report.count('added')} added, {report.count('updated')} updated, {report.count('unchanged')} unchanged, "
            f"{report.count('deleted')} deleted, {len(report.failed)} failed; {report.embedded} chunks embedded "
            f"in {report.timings.get('total_ms', 0) / 1000:.1f}s"
        )
    if report.failed:
        raise typer.Exit(1)


def _hits_json(hits) -> list[dict]:  # type: ignore[no-untyped-def]
    from ui.render import hit_out

    return [hit_out(h).model_dump() for h in hits]


def _answer_json(answer) -> dict:  # type: ignore[no-untyped-def]
    from ui.render import answer_out

    return answer_out(answer).model_dump()


def _checked(question: str | None, history: list[str] | None):  # type: ignore[no-untyped-def]
    """The API's and Ask tab's validation (ui/ask_input.py); the backend is the operator's to choose here."""
    from assistant.settings import get_settings
    from ui.ask_input import validate_ask

    return run_safely(lambda: validate_ask(question, history, None, None, get_settings()))


@app.command()
def search(
    query: Annotated[str | None, typer.Argument(help="Question or keywords, Vietnamese or English")] = None,
    k: Annotated[int, typer.Option("--k", "-k", min=1, max=100)] = 5,
    json_out: Annotated[bool, typer.Option("--json")] = False,
    questions: Annotated[Path | None, typer.Option(help="Run every question of a .jsonl question file")] = None,
    doc: Annotated[list[str] | None, typer.Option(help="Only these document ids")] = None,
    period: Annotated[str | None, typer.Option(help="Only this reporting period, e.g. 2022-H1")] = None,
    language: Annotated[str | None, typer.Option(help="Only documents in this language (vi/en)")] = None,
) -> None:
    """Ranked passages for a query (hybrid dense + BM25)."""
    from index.retriever import SearchFilters

    assistant = _assistant()
    filters = SearchFilters(tuple(doc or ()), period, language)
    if questions is not None:
        from evals.questions import load_questions

        for q in run_safely(lambda: load_questions(questions)):
            hits = run_safely(lambda q=q: assistant.search(q.question, k, filters))
            typer.echo(json.dumps({"id": q.id, "hits": _hits_json(hits)}, ensure_ascii=False))
        return
    if not query:
        fail("give a query, or --questions FILE")
    from ui.render import hit_text

    text = _checked(query, None).question
    hits = run_safely(lambda: assistant.search(text, k, filters))
    if json_out:
        typer.echo(json.dumps(_hits_json(hits), ensure_ascii=False, indent=1))
        return
    for i, h in enumerate(hits, 1):
        head, body = hit_text(i, h)
        typer.secho(head, bold=True)
        typer.echo(body)


def _print_answer(answer) -> None:  # type: ignore[no-untyped-def]
    from ui.render import answer_text

    text, lines = answer_text(answer)
    typer.secho(text, fg=typer.colors.GREEN if answer.grounded else typer.colors.YELLOW)
    for line in lines:
        typer.echo(line)


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="A question in Vietnamese or English")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
    backend: Annotated[str | None, typer.Option(help="extractive | openai | llama-cpp")] = None,
    questions: Annotated[Path | None, typer.Option(help="Answer every question of a question file (one JSON line each)")] = None,
    history: Annotated[list[str] | None, typer.Option(help="Earlier questions of the conversation (repeatable)")] = None,
) -> None:
    """Answer with citations to the exact sentences (declines when the reports do not say)."""
    assistant = _assistant()
    if questions is not None:
        from evals.questions import load_questions

        for q in run_safely(lambda: load_questions(questions)):
            answer = run_safely(lambda q=q: assistant.ask(q.question, list(q.history), backend, q.id))
            typer.echo(json.dumps(_answer_json(answer), ensure_ascii=False))
        return
    if not question:
        fail("give a question, or --questions FILE")
    checked = _checked(question, history)
    answer = run_safely(lambda: assistant.ask(checked.question, checked.history_list, backend))
    if json_out:
        typer.echo(json.dumps(_answer_json(answer), ensure_ascii=False, indent=1))
    else:
        _print_answer(answer)


@app.command()
def register(
    partner: Annotated[str | None, typer.Option(help="Partner, any language or acronym (Finland, Phần Lan)")] = None,
    funder: Annotated[str | None, typer.Option(help="Funder, any language or acronym")] = None,
    kind: Annotated[str | None, typer.Option(help="project, mou, programme, conference, proposal …")] = None,
    period: Annotated[str | None, typer.Option()] = None,
    csv: Annotated[bool, typer.Option("--csv", help="CSV instead of a table")] = False,
    merged: Annotated[bool, typer.Option("--merged", help="One line per activity, with every report naming it")] = False,
) -> None:
    """The cooperation register extracted from the reports."""
    from assistant.vocabulary import as_written
    from index.register_store import rows_to_csv

    if merged:
        activities = run_safely(lambda: _assistant().register.query_merged(partner, funder, kind, period))
        for a in activities:
            name = as_written(a.row.partner, a.row.partner_acronym)
            typer.echo(f"{name:<18} {a.row.kind:<11} {(a.row.title or '-')[:70]:<70} "
                       f"[{len(a.sources)}: {', '.join(a.doc_ids)}]")
        typer.echo(f"{len(activities)} activities")
        return
    rows = run_safely(lambda: _assistant().register_rows(partner, funder, kind, period))
    if csv:
        typer.echo(rows_to_csv(rows), nl=False)
        return
    for r in rows:
        amount = f"{r.amount:,.0f} {r.currency}" if r.amount is not None else ""
        typer.echo(f"{as_written(r.partner, r.partner_acronym):<18} {r.kind:<11} {(r.title or '-')[:70]:<70} "
                   f"{as_written(r.funder, r.funder_acronym) or '-'} {amount} "
                   f"{r.period or ''} {r.status or ''}")
    typer.echo(f"{len(rows)} rows")


@app.command()
def brief(
    partner: Annotated[str, typer.Argument(help="Partner in any language (Japan, Nhật Bản, JICA …)")],
    lang: Annotated[str, typer.Option("--lang", help="vi | en")] = "vi",
    fmt: Annotated[str, typer.Option("--format", help="md | docx")] = "md",
    out: Annotated[Path | None, typer.Option(help="Write to this file (default: stdout for md, PARTNER.docx)")] = None,
) -> None:
    """A one-page briefing note on a partner, every line cited."""
    from assistant.brief import to_docx
    from ui.render import brief_text

    if lang not in ("vi", "en") or fmt not in ("md", "docx"):
        fail("--lang must be vi or en, --format md or docx")
    note = run_safely(lambda: _assistant().brief(partner, lang))
    if fmt == "docx":
        target = out or Path(f"brief-{note.partner.key}-{lang}.docx")
        target.write_bytes(to_docx(note))
        typer.echo(f"wrote {target}")
    elif out is not None:
        out.write_text(brief_text(note) + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}")
    else:
        typer.echo(brief_text(note))


@app.command()
def doctor(
    repair: Annotated[bool, typer.Option("--repair", help="Fix the mismatches found")] = False,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Check that the catalog, vectors, keyword index and register agree (exit 1 when they do not and
    --repair was not given)."""
    report = run_safely(lambda: _assistant().doctor(repair))
    if json_out:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        c = report.before
        typer.echo(f"catalog   {c.documents} documents, {c.chunks} chunks (generation {c.catalog_generation})")
        typer.echo(f"vectors   {c.vectors}")
        typer.echo(f"keyword   {c.keyword_chunks} chunks (generation {c.keyword_generation})")
        typer.echo(f"register  {c.register_rows} rows over {c.register_documents} documents")
        for problem in report.problems:
            typer.echo(f"problem   {problem.line()}")
        for line in report.repaired:
            typer.echo(f"repaired  {line}")
        typer.echo("consistent" if report.consistent else "repaired" if report.repaired else
                   "inconsistent: run `assistant doctor --repair` (or `assistant ingest`, which repairs first)")
    if not report.consistent and not report.repaired:
        raise typer.Exit(1)


def _register_adapters() -> None:
    """Commands whose adapters live beside their feature: eval (evals/), bench (evals/), serve, feedback (ui/)."""
    from evals.bench import bench_cmd
    from evals.cli import calibrate_cmd, eval_cmd
    from ui.feedback_cli import app as feedback_app
    from ui.server import serve_cmd

    app.add_typer(feedback_app, name="feedback")
    app.command("eval")(eval_cmd)
    app.command("calibrate")(calibrate_cmd)
    app.command("bench")(bench_cmd)
    app.command("serve")(serve_cmd)


_register_adapters()


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
