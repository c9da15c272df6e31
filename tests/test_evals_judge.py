"""The LLM judge against a tiny OpenAI-compatible HTTP server started on 127.0.0.1 (no client mocks)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.errors import BackendUnavailableError
from assistant.settings import Settings
from evals.fakes import ScriptedAssistant, cite, reply
from evals.judge import OpenAIJudge, parse_verdict
from evals.questions import Question
from evals.runner import run_eval

DOC = "Dự án chất lượng không khí do Quỹ hợp tác thể chế của Phần Lan tài trợ."


class FakeChatServer(ThreadingHTTPServer):
    requests: list[dict]
    reply_for: dict[str, str]


class Handler(BaseHTTPRequestHandler):
    server: FakeChatServer

    def do_POST(self) -> None:  # noqa: N802 (http.server API)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        prompt = body["messages"][-1]["content"]
        content = next((v for k, v in self.server.reply_for.items() if k in prompt), "I cannot decide.")
        payload = json.dumps({
            "id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[FakeChatServer]:
    srv = FakeChatServer(("127.0.0.1", 0), Handler)
    srv.requests, srv.reply_for = [], {}
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def settings_for(srv: FakeChatServer) -> Settings:
    host, port = srv.server_address[:2]
    return Settings(openai_base_url=f"http://{host}:{port}/v1", openai_model="judge-model",
                    openai_api_key="k-123", openai_timeout=5.0)


def test_judge_sends_the_prompt_and_reads_the_verdict(server):
    server.reply_for["air quality"] = ('Sure:\n```json\n{"verdict": "partially_faithful", "score": 0.5, '
                                       '"unsupported_claims": ["It costs 3 million"], "reason": "one claim"}\n```')
    judge = OpenAIJudge.from_settings(settings_for(server))
    c = cite(1, "doc", DOC, DOC)
    verdict = judge.judge("Which projects does Finland fund?", "The air quality project [1]. It costs 3 million.", [c])
    assert verdict.score == 0.5 and verdict.verdict == "partially_faithful"
    assert verdict.unsupported_claims == ["It costs 3 million"] and verdict.model == "judge-model"
    (req,) = server.requests
    assert req["path"] == "/v1/chat/completions" and req["auth"] == "Bearer k-123"
    assert req["body"]["model"] == "judge-model" and req["body"]["temperature"] == 0
    prompt = req["body"]["messages"][0]["content"]
    assert "Which projects does Finland fund?" in prompt and f"[1] {DOC}" in prompt and "{answer}" not in prompt


def test_unreadable_reply_is_recorded_not_raised(server):
    verdict = OpenAIJudge.from_settings(settings_for(server)).judge("q", "a", [])
    assert verdict.score is None and verdict.error and "not a JSON object" in verdict.error


def test_parse_verdict_clamps_and_rejects():
    assert parse_verdict('{"verdict": "faithful", "score": 1.7}', "m").score == 1.0
    assert parse_verdict('{"verdict": "faithful", "score": "high"}', "m").score is None
    assert parse_verdict("{not json}", "m").verdict == "unreadable"


def test_unreachable_judge_raises_a_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before use: nothing listens there
    judge = OpenAIJudge(f"http://127.0.0.1:{port}/v1", "m", "k", timeout=2.0)
    with pytest.raises(BackendUnavailableError, match="cannot be reached"):
        judge.judge("q", "a", [])


def test_run_eval_saves_judge_verdicts(server, tmp_path):
    server.reply_for["Phần Lan"] = '{"verdict": "faithful", "score": 1.0, "unsupported_claims": [], "reason": "ok"}'
    q = Question("j1", "Phần Lan tài trợ gì?", "vi", "fact", True, (("chất lượng không khí",),), ("Phần Lan tài trợ",))
    fake = ScriptedAssistant({"doc": DOC}, {q.question: reply(q.question, "Dự án chất lượng không khí [1].",
                                                               [cite(1, "doc", DOC, DOC)])})
    summary = run_eval([q], fake, tmp_path, progress=False, judge=True, settings=settings_for(server))
    assert summary.judged and summary.overall.metrics["faithfulness_judge"] == 1.0
    line = json.loads((tmp_path / "results.jsonl").read_text(encoding="utf-8"))
    assert line["judge"]["verdict"] == "faithful" and line["scores"]["faithfulness_judge"] == 1.0
