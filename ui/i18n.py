"""Interface strings in Vietnamese (default) and English; ``t(key, lang)`` picks one."""

from __future__ import annotations

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

STRINGS: dict[str, tuple[str, str]] = {
    # key: (vi, en)
    "title": ("Trợ lý nghiên cứu hợp tác quốc tế — Bộ TN&MT", "International cooperation research assistant — MONRE"),
    "subtitle": ("Hỏi đáp có trích dẫn từ các báo cáo hợp tác quốc tế của Bộ.",
                 "Cited answers from the ministry's international-cooperation reports."),
    "ui_lang": ("Ngôn ngữ giao diện", "Interface language"),
    "question": ("Câu hỏi", "Question"),
    "question_ph": ("Hỏi bằng tiếng Việt hoặc tiếng Anh…", "Ask in Vietnamese or English…"),
    "send": ("Gửi", "Ask"),
    "clear": ("Cuộc hội thoại mới", "New conversation"),
    "examples": ("Câu hỏi mẫu", "Example questions"),
    "chat": ("Hội thoại", "Conversation"),
    "source_panel": ("Nguồn trích dẫn", "Source"),
    "source_hint": ("Bấm vào một số [n] trong câu trả lời để xem đoạn văn gốc.",
                    "Click a [n] marker in an answer to see the source paragraph."),
    "document": ("Tài liệu", "Document"),
    "period": ("Kỳ báo cáo", "Period"),
    "declined": ("Các báo cáo không đề cập đến nội dung này.", "The reports do not cover this."),
    "related": ("Các đoạn liên quan nhất", "Nearest passages"),
    "partner": ("Đối tác", "Partner"),
    "funder": ("Nhà tài trợ", "Funder"),
    "kind": ("Loại", "Kind"),
    "status": ("Tình trạng", "Status"),
    "amount": ("Kinh phí", "Amount"),
    "currency": ("Đơn vị tiền", "Currency"),
    "title_col": ("Tên", "Title"),
    "source": ("Nguồn", "Source"),
    "all": ("(tất cả)", "(all)"),
    "filter": ("Lọc", "Filter"),
    "export_csv": ("Tải CSV", "Download CSV"),
    "rows": ("dòng", "rows"),
    "brief_lang": ("Ngôn ngữ bản tin", "Note language"),
    "make_brief": ("Tạo bản tin", "Build note"),
    "download_docx": ("Tải .docx", "Download .docx"),
    "download_md": ("Tải .md", "Download .md"),
    "upload": ("Tải lên báo cáo (.txt .md .html .docx .pdf)", "Upload reports (.txt .md .html .docx .pdf)"),
    "upload_btn": ("Tải lên và lập chỉ mục", "Upload and index"),
    "api_key": ("Khoá API (bắt buộc để thay đổi tài liệu)", "API key (required to change documents)"),
    "doc_list": ("Tài liệu đã lập chỉ mục", "Indexed documents"),
    "doc_to_delete": ("Tài liệu cần xoá", "Document to delete"),
    "delete": ("Xoá", "Delete"),
    "reindex": ("Lập chỉ mục lại (đồng bộ)", "Re-index (sync)"),
    "refresh": ("Làm mới", "Refresh"),
    "chunks": ("Số đoạn", "Chunks"),
    "chunks_unit": ("đoạn", "chunks"),
    "doc_id": ("Mã tài liệu", "Document id"),
    "passed": ("câu đạt", "passed"),
    "language": ("Ngôn ngữ", "Language"),
    "question_set": ("Bộ câu hỏi (.jsonl .yaml .csv)", "Question set (.jsonl .yaml .csv)"),
    "run_eval": ("Chạy đánh giá", "Run evaluation"),
    "no_index": ("Chưa có tài liệu nào được lập chỉ mục; hãy tải lên báo cáo ở thẻ Tài liệu hoặc chạy `assistant ingest`.",
                 "Nothing is indexed yet; upload reports in the Documents tab or run `assistant ingest`."),
    "empty_question": ("Hãy nhập câu hỏi.", "Please type a question."),
    "choose_partner": ("Hãy chọn một đối tác.", "Please choose a partner."),
    "choose_file": ("Hãy chọn tệp.", "Please choose a file."),
    "choose_doc": ("Hãy chọn tài liệu.", "Please choose a document."),
    "deleted": ("Đã xoá", "Deleted"),
    "uploading": ("Đang lập chỉ mục…", "Indexing…"),
    "done": ("Xong", "Done"),
    "failed": ("Lỗi", "Failed"),
}


def t(key: str, lang: str = DEFAULT_LANG) -> str:
    """The string for ``key`` in ``lang`` (vi or en); unknown keys return the key itself."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]
