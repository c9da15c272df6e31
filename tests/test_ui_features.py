"""The web app's own features without a browser: titles, exports (CSV with BOM, .xlsx, .md, .docx), saved
conversations and feedback (API and `assistant feedback export`), localised values, offline /docs."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_settings
from fastapi.testclient import TestClient

from assistant.core import Assistant
from assistant.settings import BUNDLED_REPORTS
from evals.record import parse_record
from ingest.metadata import title_for
from ui.api import create_app
from ui.context import UiContext
from ui.conversations import Conversation, ConversationStore, FeedbackStore, Turn
from ui.exports import DocLabels, register_csv, register_lines
from ui.feedback_cli import split
from ui.i18n_values import STATUSES, error_text, period_text, shown

CLIENT = "browser0001"


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    assistant = Assistant(make_settings(tmp_path_factory.mktemp("ui-data")))
    assert not assistant.ingest([BUNDLED_REPORTS]).failed
    return assistant


@pytest.fixture(scope="module")
def client(shared: Assistant) -> Iterator[TestClient]:
    with TestClient(create_app(shared.settings, shared, ui=False)) as c:
        yield c


def saved_conversation(assistant: Assistant) -> Conversation:
    answer = assistant.ask("Phần Lan tài trợ những dự án nào?")
    conv = Conversation(turns=[Turn("k1", "Phần Lan tài trợ những dự án nào?", answer)])
    ConversationStore(assistant.settings.data_dir).save(CLIENT, conv)
    return conv


# --------------------------------------------------------------------------- titles


def test_title_is_the_documents_own_with_diacritics(tmp_path: Path) -> None:
    report = next(BUNDLED_REPORTS.glob("*.txt"))
    # first line is a paragraph: the file name, given back the diacritics the text uses
    assert title_for(report.read_text(encoding="utf-8"), None, report) == "MONRE đối ngoại 6 tháng đầu 2022"
    caps = "BÁO CÁO KẾT QUẢ CÔNG TÁC HỢP TÁC QUỐC TẾ NĂM 2021\nBộ Tài nguyên và Môi trường\n\nNăm 2021, ..."
    assert title_for(caps, None, tmp_path / "x.txt") == "Báo cáo kết quả công tác hợp tác quốc tế năm 2021"
    assert title_for("# Kết quả hợp tác 6 tháng cuối năm 2022\n\nNội dung.", None, tmp_path / "a.md") == \
        "Kết quả hợp tác 6 tháng cuối năm 2022"
    assert title_for("x", "  MONRE   International Report 2024 ", tmp_path / "a.html") == "MONRE International Report 2024"
    assert title_for("Một câu dài kết thúc bằng dấu chấm.", None, tmp_path / "bao-cao_hop-tac.txt") == "Bao cao hop tac"


# --------------------------------------------------------------------------- localised values


def test_values_periods_and_errors_in_the_interface_language() -> None:
    assert shown(STATUSES, "implementing, proposed", "vi") == "đang triển khai, đề xuất"
    assert shown(STATUSES, "implementing", "en") == "implementing" and shown(STATUSES, "odd", "vi") == "odd"
    assert period_text("2022-H1", "vi") == "6 tháng đầu năm 2022" and period_text("2021-Q3", "en") == "Q3 2021"
    assert period_text("2021-Q3", "vi") == "quý III/2021" and period_text("giai đoạn 2021–2030", "vi") == "giai đoạn 2021–2030"
    message = "a.exe: unsupported file type '.exe'; upload one of .txt, .md"
    assert error_text(message, "vi") == "a.exe: không hỗ trợ loại tệp '.exe'; hãy tải lên một trong .txt, .md"
    assert error_text(message, "en") == message


# --------------------------------------------------------------------------- register exports


def test_register_csv_has_a_bom_and_localised_headers_and_values(shared: Assistant) -> None:
    rows = shared.register_rows(partner="Finland")
    data = register_csv(register_lines(rows, DocLabels(shared.catalog), "vi"), "vi")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    header, *lines = text.strip().splitlines()
    assert header.startswith("Đối tác,Loại,Tên,Nhà tài trợ") and "Trích dẫn" in header and "Tài liệu nguồn" in header
    assert len(lines) == len(rows) >= 2 and all(line.startswith("Phần Lan,") for line in lines)
    assert "MONRE đối ngoại 6 tháng đầu 2022" in text and "6 tháng đầu năm 2022" in text
    assert "dự án" in text and "Quỹ hợp tác thể chế của Phần Lan" in text
    english = register_csv(register_lines(rows, DocLabels(shared.catalog), "en"), "en").decode("utf-8-sig")
    assert english.startswith("Partner,Kind,Title,Funder") and "\r\nFinland," in english


def test_register_xlsx_has_localised_headers(client: TestClient) -> None:
    from openpyxl import load_workbook

    r = client.get("/api/register/export", params={"format": "xlsx", "lang": "vi", "partner": "Finland"})
    assert r.status_code == 200 and "register.xlsx" in r.headers["content-disposition"]
    ws = load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in ws[1]][:4] == ["Đối tác", "Loại", "Tên", "Nhà tài trợ"]
    assert ws.cell(2, 1).value == "Phần Lan" and ws.max_row >= 3
    csv = client.get("/api/register/export", params={"format": "csv", "lang": "en"})
    assert csv.content.startswith(b"\xef\xbb\xbf") and csv.text.lstrip("\ufeff").startswith("Partner,")


# --------------------------------------------------------------------------- conversations and feedback


def test_conversation_api_export_and_feedback(client: TestClient, shared: Assistant) -> None:
    conv = saved_conversation(shared)
    listed = client.get(f"/api/conversations/{CLIENT}").json()
    assert listed[0]["id"] == conv.id and listed[0]["title"].startswith("Phần Lan")
    full = client.get(f"/api/conversations/{CLIENT}/{conv.id}").json()
    assert full["turns"][0]["answer"]["grounded"] is True
    md = client.get(f"/api/conversations/{CLIENT}/{conv.id}/export", params={"format": "md"}).text
    assert "## 1. Phần Lan tài trợ những dự án nào?" in md and "1. MONRE đối ngoại 6 tháng đầu 2022" in md
    assert "Kỳ báo cáo: 6 tháng đầu năm 2022" in md and "-84b69320" not in md
    docx = client.get(f"/api/conversations/{CLIENT}/{conv.id}/export", params={"format": "docx", "lang": "en"})
    with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "Research assistant — MONRE" in core and "Phần Lan tài trợ" in core
    r = client.post("/api/feedback", json={"client": CLIENT, "conversation": conv.id, "key": "k1", "rating": "up"})
    assert r.status_code == 200 and r.json()["question"].startswith("Phần Lan")
    assert client.post("/api/feedback", json={"client": CLIENT, "conversation": conv.id, "key": "zz",
                                              "rating": "up"}).status_code == 404
    bad = client.get("/api/conversations/bad id!")  # refused by the id pattern the schema states
    assert bad.status_code == 422 and "client" in bad.json()["error"]
    stored = FeedbackStore(shared.settings.data_dir).all()
    assert stored[-1].rating == "up" and stored[-1].answer and stored[-1].quotes


def test_feedback_export_makes_valid_eval_cases(shared: Assistant, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    store = FeedbackStore(shared.settings.data_dir)
    conv = saved_conversation(shared)
    declined = shared.ask("What is the population of Mars?")
    conv.turns.append(Turn("k2", "What is the population of Mars?", declined))
    from ui.api_conversations import store_feedback

    store_feedback(shared.settings, CLIENT, conv, "k1", "up")
    store_feedback(shared.settings, CLIENT, conv, "k2", "down")
    cases, review = split(store.all())
    assert cases and all(parse_record(c)[0] is not None for c in cases)
    assert cases[-1]["answerable"] and cases[-1]["source_quotes"] and cases[-1]["lang"] == "vi"
    assert review[-1]["question"] == "What is the population of Mars?"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(shared.settings.data_dir))
    out = tmp_path / "cases.jsonl"
    result = CliRunner().invoke(app, ["feedback", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines and lines[0]["id"] == "fb001" and out.with_suffix(".review.jsonl").exists()


# --------------------------------------------------------------------------- document view, /docs


def test_document_opens_at_the_cited_passage(client: TestClient, shared: Assistant) -> None:
    doc = shared.documents()[0]
    page = client.get(f"/api/ui/documents/{doc.doc_id}/view", params={"start": 10, "end": 40, "lang": "vi"}).text
    assert '<mark id="cited">' in page and 'lang="vi"' in page and doc.title in page
    assert client.get("/api/ui/documents/nope/view").status_code == 404


def test_docs_page_uses_local_swagger_files(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in page and "cdn.jsdelivr" not in page
    assert "cdn.jsdelivr" not in client.get("/redoc").text and "fonts.googleapis" not in client.get("/redoc").text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200


# --------------------------------------------------------------------------- the Ask tab's filters and saving


def test_ask_tab_filters_and_saves_the_conversation(shared: Assistant) -> None:
    from ui.jobs import JobRunner
    from ui.tabs.ask import respond

    ctx = UiContext(shared, shared.settings, JobRunner())
    doc_id = shared.documents()[0].doc_id
    conv = Conversation()
    *_, (box, shown, conv, saved, md, docx) = respond(ctx, "Phần Lan tài trợ những dự án nào?", conv, "filters0001",
                                                      "vi", [doc_id], None, None)
    answer = conv.turns[0].answer
    assert box == "" and answer.grounded and {c.doc_id for c in answer.citations} == {doc_id}
    assert ConversationStore(shared.settings.data_dir).latest("filters0001").turns[0].question.startswith("Phần Lan")
    assert saved["value"] == conv.id and md["value"].endswith(".md") and docx["value"].endswith(".docx")
    *_, (_, _, conv, *_) = respond(ctx, "Phần Lan tài trợ những dự án nào?", conv, "filters0001", "vi", [], None, "en")
    assert not conv.turns[1].answer.grounded  # no English document in this corpus
