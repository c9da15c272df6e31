"""Read question sets from .jsonl, .yaml/.yml and .csv files, reporting bad records by line number."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, overload

import yaml

from assistant.errors import QuestionFileError
from evals.record import REQUIRED, Question, parse_record

# (line number, raw record or None, problem when the line could not even be parsed)
RawLine = tuple[int, object, str | None]

_TRUE = {"true", "yes", "1", "y", "có", "co", "x"}
_FALSE = {"false", "no", "0", "n", "không", "khong"}


def _jsonl(text: str) -> Iterator[RawLine]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), None
        except json.JSONDecodeError as exc:
            yield number, None, f"not valid JSON ({exc.msg}, column {exc.colno})"


def _yaml(text: str) -> Iterator[RawLine]:
    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else 0
            yield line, None, f"not valid YAML ({exc.problem})"
            return
        if root is None:
            return
        if not isinstance(root, yaml.SequenceNode):
            yield root.start_mark.line + 1, None, "the file must hold a list of question records"
            return
        for node in root.value:
            yield node.start_mark.line + 1, loader.construct_object(node, deep=True), None
    finally:
        loader.dispose()


def _numbered(columns: list[str], prefix: str) -> list[str]:
    pattern = re.compile(rf"{prefix}(\d+)$")
    found = [(int(m.group(1)), c) for c in columns if (m := pattern.match(c))]
    return [c for _, c in sorted(found)]


def _csv_record(row: dict[str, str], columns: list[str]) -> dict[str, Any]:
    cell = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
    record: dict[str, Any] = {k: cell[k] for k in REQUIRED if k in cell}
    flag = cell.get("answerable", "").lower()
    if "answerable" in cell:
        record["answerable"] = True if flag in _TRUE else False if flag in _FALSE else cell["answerable"]
    record["facts"] = [
        [alt.strip() for alt in cell[c].split("|") if alt.strip()] for c in _numbered(columns, "fact") if cell[c]
    ]
    record["source_quotes"] = [cell[c] for c in _numbered(columns, "source_quote") if cell[c]]
    if cell.get("history"):
        record["history"] = [h.strip() for h in cell["history"].split("||") if h.strip()]
    return record


def _csv(text: str) -> Iterator[RawLine]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        yield 1, None, f"header lacks the column(s) {', '.join(missing)}"
        return
    line = reader.line_num
    for row in reader:
        if None in row:
            yield line + 1, None, "more cells than header columns"
        elif any((v or "").strip() for v in row.values()):
            yield line + 1, _csv_record(row, columns), None
        line = reader.line_num


_READERS = {".jsonl": _jsonl, ".yaml": _yaml, ".yml": _yaml, ".csv": _csv}


def _read(path: Path) -> tuple[list[Question], list[str]]:
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise QuestionFileError(str(path), [f"unsupported file type '{path.suffix}' (use .jsonl, .yaml or .csv)"])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionFileError(str(path), [f"cannot be read: {exc}"]) from exc
    questions: list[Question] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}
    for number, raw, error in reader(text):
        q, found = parse_record(raw) if error is None else (None, [error])
        if q is not None and q.id in first_line:
            found = [f"duplicate id '{q.id}' (first used on line {first_line[q.id]})"]
            q = None
        problems += [f"line {number}: {p}" for p in found]
        if q is not None:
            first_line[q.id] = number
            questions.append(q)
    return questions, problems


@overload
def load_questions(path: Path | str, strict: Literal[True] = ...) -> list[Question]: ...
@overload
def load_questions(path: Path | str, strict: Literal[False]) -> tuple[list[Question], list[str]]: ...


def load_questions(path: Path | str, strict: bool = True) -> list[Question] | tuple[list[Question], list[str]]:
    """The questions of a .jsonl / .yaml / .csv file.

    strict (default): raise ``QuestionFileError`` listing every bad line by number when any line is bad.
    ``strict=False``: return ``(valid questions, problems)`` instead.
    """
    path = Path(path)
    questions, problems = _read(path)
    if not strict:
        return questions, problems
    if problems:
        raise QuestionFileError(str(path), problems)
    if not questions:
        raise QuestionFileError(str(path), ["the file holds no questions"])
    return questions
