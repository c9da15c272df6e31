"""Values the interface shows that come from the data in English: register kinds, statuses and funding
types, upload outcomes, evaluation metric names, and the upload/API error messages (turned into Vietnamese
by pattern). ``shown(table, value, lang)`` gives the label in the interface language."""

from __future__ import annotations

import re

from assistant.vocabulary import FUNDING_LABELS, KIND_LABELS, STATUS_LABELS

Table = dict[str, tuple[str, str]]  # stored value -> (vi, en)

# register values: one vocabulary (assistant/vocabulary.py), flipped to (vi, en)
KINDS: Table = {k: (vi, en) for k, (en, vi) in KIND_LABELS.items()}
STATUSES: Table = {k: (vi, en) for k, (en, vi) in STATUS_LABELS.items()}
FUNDING: Table = {k: (vi, en) for k, (en, vi) in FUNDING_LABELS.items()}
OUTCOMES: Table = {
    "added": ("đã thêm", "added"), "updated": ("đã cập nhật", "updated"), "unchanged": ("không đổi", "unchanged"),
    "skipped": ("bỏ qua (bản trùng)", "skipped (a copy)"), "deleted": ("đã xoá", "deleted"),
    "failed": ("lỗi", "failed"), "moved": ("đã chuyển chỗ", "moved"),
}
METRICS: Table = {
    "hit@1": ("Đúng nguồn ở vị trí 1", "Right source first"), "hit@5": ("Đúng nguồn trong 5 kết quả đầu", "Right source in top 5"),
    "mrr": ("Thứ hạng nguồn đúng (MRR)", "Rank of the right source (MRR)"),
    "context_recall": ("Độ phủ đoạn nguồn", "Source passages found"),
    "fact_recall": ("Tỉ lệ ý đúng", "Facts found"), "list_precision": ("Độ chính xác danh sách", "List precision"),
    "list_recall": ("Độ phủ danh sách", "List recall"), "list_f1": ("Điểm F1 danh sách", "List F1"),
    "citation_support": ("Trích dẫn có căn cứ", "Citations that support the answer"),
    "citation_validity": ("Trích dẫn hợp lệ", "Valid citations"),
    "decline_accuracy": ("Từ chối đúng lúc", "Declines when it should"),
    "faithfulness": ("Bám sát nguồn", "Faithfulness"), "faithfulness_judge": ("Bám sát nguồn (giám khảo)", "Faithfulness (judge)"),
    "pass_rate": ("Tỉ lệ câu đạt", "Pass rate"),
    "answer_language_ok": ("Trả lời đúng ngôn ngữ câu hỏi", "Answer in the question's language"),
    "citation_reader_lang_first": ("Trích dẫn đầu tiên theo ngôn ngữ người đọc", "Reader-language citation first"),
    "unsupported_claims": ("Số ý hiển thị thiếu căn cứ", "Claims shown without support"),
    "claims_withdrawn": ("Số ý đã rút lại trước khi hiển thị", "Claims withdrawn before showing"),
}
QUESTION_KINDS: Table = {  # evals/record.py's kinds of question
    "fact": ("hỏi thông tin", "fact"), "list": ("liệt kê", "list"), "unanswerable": ("không có trong báo cáo", "unanswerable"),
    "briefing": ("bản tin", "briefing"), "followup": ("hỏi tiếp", "followup"), "follow-up": ("hỏi tiếp", "follow-up"),
}
DOC_LANGS: Table = {"vi": ("tiếng Việt", "Vietnamese"), "en": ("tiếng Anh", "English")}


def shown(table: Table, value: str | None, lang: str) -> str:
    """The label for a stored value (comma-separated values each translated); unknown values unchanged."""
    if not value:
        return ""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    return ", ".join(table[p.lower()][1 if lang == "en" else 0] if p.lower() in table else p for p in parts)


# English messages from the upload checks and the loaders -> Vietnamese (first match wins).
_ERRORS_VI: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^(.+): unsupported file type '(.+)'; upload one of (.+)$", r"\1: không hỗ trợ loại tệp '\2'; hãy tải lên một trong \3"),
    (r"^(.+): the file is ([\d.]+) MB; the limit is (\d+) MB$", r"\1: tệp nặng \2 MB; giới hạn là \3 MB"),
    (r"^(.+): the file is empty$", r"\1: tệp rỗng"),
    (r"^(.+): no text found in the file; nothing was indexed$", r"\1: không tìm thấy chữ trong tệp; chưa lập chỉ mục gì"),
    (r"^(.+): (.+); nothing was indexed$", r"\1: không đọc được tệp (\2); chưa lập chỉ mục gì"),
    (r"^no file was sent.*$", "Chưa có tệp nào được gửi; hãy đính kèm một hoặc nhiều báo cáo"),
    (r"^(\d+) files sent; upload at most (\d+) at a time$", r"Đã gửi \1 tệp; mỗi lần chỉ được tối đa \2 tệp"),
    (r"^(.+) was sent twice$", r"\1 được gửi hai lần"),
    (r"^'(.+)' is not a usable file name$", r"'\1' không phải là tên tệp hợp lệ"),
    (r"^no such file or folder$", "không có tệp hoặc thư mục này"),
    (r"^cannot read file \((.+)\)$", r"không đọc được tệp (\1)"),
    (r"^no document '?(.+?)'?$", r"không có tài liệu \1"),
))


# Why an evaluated question failed, and the report's notes (evals/scoring.py, evals/runner.py) -> Vietnamese.
_REASONS_VI: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^no source quote in the top-(\d+) retrieved passages$", r"không có đoạn trích nguồn nào trong \1 đoạn truy xuất đầu"),
    (r"^the answer's own text is not in vi$", "câu trả lời không viết bằng tiếng Việt"),
    (r"^the answer's own text is not in en$", "câu trả lời không viết bằng tiếng Anh"),
    (r"^answered an unanswerable question$", "đã trả lời một câu mà báo cáo không đề cập (phải từ chối)"),
    (r"^declined an answerable question$", "đã từ chối một câu mà báo cáo có trả lời"),
    (r"^missing fact: (.+)$", r"thiếu ý: \1"),
    (r"^no citation contains a source quote$", "không trích dẫn nào chứa đoạn trích nguồn"),
    (r"^citation \[(\d+)\] quote differs from the document text (.+)$",
     r"trích dẫn [\1] không khớp với văn bản tài liệu \2"),
    (r"^(?s:citation \[1\] is in vi, though a passage in en states an expected fact: (.+))$",
     r"trích dẫn [1] bằng tiếng Việt, trong khi một đoạn tiếng Anh nêu ý mong đợi: \1"),
    (r"^(?s:citation \[1\] is in en, though a passage in vi states an expected fact: (.+))$",
     r"trích dẫn [1] bằng tiếng Anh, trong khi một đoạn tiếng Việt nêu ý mong đợi: \1"),
    (r"^the assistant raised (.+)$", r"trợ lý báo lỗi \1"),
    (r"^listed items matching no expected fact: (.+)$", r"các mục liệt kê không khớp ý mong đợi nào: \1"),
    (r"^sentences not backed by their cited quotes: (.+)$", r"các câu không được đoạn trích dẫn hỗ trợ: \1"),
    (r"^judge: unsupported claims (.+)$", r"giám khảo: các ý không có căn cứ \1"),
    (r"^claims withdrawn before showing: (.+)$", r"các ý đã rút lại trước khi hiển thị: \1"),
    (r"^claims shown without support in their cited passages: (.+)$",
     r"các ý hiển thị mà đoạn trích dẫn không hỗ trợ: \1"),
))


def reason_text(message: str, lang: str) -> str:
    """An evaluation failure reason or note in the interface language (unknown ones unchanged)."""
    return _translate(message, lang, _REASONS_VI)


def _translate(message: str, lang: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    if lang == "en":
        return message
    for pattern, repl in table:
        if pattern.match(message):
            return pattern.sub(repl, message)
    return message


def error_text(message: str, lang: str) -> str:
    """An error message in the interface language (English messages turned into Vietnamese when known)."""
    return _translate(message, lang, _ERRORS_VI)


_PERIOD = re.compile(r"^(20\d\d)(?:-(H[12]|Q[1-4]))?$")
_HALF = {"H1": ("6 tháng đầu năm {y}", "first half of {y}"), "H2": ("6 tháng cuối năm {y}", "second half of {y}")}
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def period_text(period: str | None, lang: str) -> str:
    """'2022-H1' -> '6 tháng đầu năm 2022' / 'first half of 2022'; '2021-Q3' -> 'quý III/2021' / 'Q3 2021'."""
    m = _PERIOD.match(period or "")
    if not m:
        return period or ""
    year, part = m.group(1), m.group(2)
    if part is None:
        return f"năm {year}" if lang != "en" else year
    if part in _HALF:
        return _HALF[part][1 if lang == "en" else 0].format(y=year)
    return f"quý {_ROMAN[part[1]]}/{year}" if lang != "en" else f"{part} {year}"
