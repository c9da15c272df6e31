"""Schemathesis against /openapi.json: every operation, generated requests (bounded examples, positive and
negative), every check (no server error, only documented status codes and content types, responses that
match the schema, valid requests accepted and invalid ones rejected). 0 failures of any kind.

Numbers (requests per operation, failures) go to test-output/schemathesis.json."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from conftest import REPORT, make_settings
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from assistant.core import Assistant
from ui.api import create_app

pytestmark = [pytest.mark.reliability, pytest.mark.slow]
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "12"))  # 17 operations in about the CPU time 11 took at 20


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    data: Path = tmp_path_factory.mktemp("schema") / "data"
    assistant = Assistant(make_settings(data, max_upload_mb=1))
    assert not assistant.ingest([REPORT]).failed
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(assistant.settings, assistant, ui=False))


def _excluded(operation: Any) -> list[Any]:
    """An upload's content (file type, text inside) cannot be written in OpenAPI: a schema-valid upload of
    arbitrary bytes is rightly refused (415/422), so 'valid data is accepted' is not checked there."""
    if operation.label == "POST /api/documents":
        from schemathesis.specs.openapi.checks import positive_data_acceptance

        return [positive_data_acceptance]
    return []


def _query_as_sent(operation: Any, response: Any) -> bool:
    """True when the query the server received is valid: a negative case whose invalid parts vanished when
    written as a query string (an empty object or list sends nothing, a lone string is a one-item array)
    was rightly accepted. Checked with the parameters' own schemas, so a truly invalid query still fails."""
    from urllib.parse import parse_qs, urlsplit

    import jsonschema

    sent = parse_qs(urlsplit(str(response.request.url)).query, keep_blank_values=True)
    for param in operation.definition.raw.get("parameters", []):
        if param["in"] != "query":
            continue
        schema, values = param["schema"], sent.get(param["name"], [])
        if not values:
            if param.get("required"):
                return False
            continue
        is_array = schema.get("type") == "array"
        if not is_array and len(values) > 1:
            return False
        typed = [int(v) if v.lstrip("-").isdigit() and "integer" in json.dumps(schema) else v for v in values]
        try:
            jsonschema.validate(typed if is_array else typed[0], schema)
        except jsonschema.ValidationError:
            return False
    return True


def _false_negative(operation: Any, mode: GenerationMode, error: BaseException, response: Any) -> bool:
    message = getattr(error, "message", "") or str(error)
    return (mode is GenerationMode.NEGATIVE and type(error).__name__ == "AcceptedNegativeData"
            and "in query" in message and "body" not in message and "in path" not in message
            and _query_as_sent(operation, response))


def _run(operation: Any, mode: GenerationMode, counts: dict[str, int]) -> list[str]:
    failures: list[str] = []
    seen: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        counts["requests"] += 1
        try:
            response = case.call(timeout=60)  # a shared, loaded CI machine; this is no latency test
            seen.append(f"{case.method} {case.formatted_path} {case.query} {str(case.body)[:120]} -> "
                        f"{response.status_code} {bytes(response.content[:160])!r}")  # may be binary (xlsx, docx)
            case.validate_response(response, excluded_checks=_excluded(operation))
        except BaseExceptionGroup as group:  # schemathesis raises a group of failed checks per case
            real = [e for e in group.exceptions if not _false_negative(operation, mode, e, response)]
            counts["lost_in_query"] += len(group.exceptions) - len(real)
            failures.extend(f"{operation.label} [{mode.value}]: {_first_line(e)} <- {seen[-1]}" for e in real)
        except AssertionError as exc:
            failures.append(f"{operation.label} [{mode.value}]: {_first_line(exc)}")

    try:
        run()
    except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
        assert mode is GenerationMode.NEGATIVE, operation.label
    return failures


def _first_line(exc: BaseException) -> str:
    detail = getattr(exc, "message", "") or str(exc)
    return f"{type(exc).__name__}: {' | '.join(detail.strip().splitlines())[:400]}"


def test_api_matches_its_schema(api_schema: Any) -> None:
    counts: dict[str, int] = {"requests": 0, "lost_in_query": 0}
    failures: list[str] = []
    operations = [r.ok() for r in api_schema.get_all_operations()]  # every route, none excluded
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += _run(operation, mode, counts)
    out = Path("test-output") / "schemathesis.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"operations": len(operations), "max_examples": MAX_EXAMPLES, **counts,
                               "failures": sorted(set(failures))}, indent=1, ensure_ascii=False))
    assert not failures, "\n".join(sorted(set(failures)))
