"""How a report states one cooperation fact: several phrasings per fact, in both languages.

These sentences were written from how Vietnamese ministry reports and English donor reports word these facts
(active and passive voice, the funder as subject, quoted and unquoted titles, amounts before or after the
title), not from the register's cue tables: the benchmark measures the rules against them, so nothing here may
be tuned to what the rules match. Placeholders: {title} {funder} {Funder} (capitalised, to start a sentence)
{amount} {partner} {Partner} {field}. A template names the partner when it contains {funder}, {Funder},
{partner} or {Partner}; one that does not ("Hai bên đã ký ...") relies on the paragraph's lead or heading.

Kinds: ``funded`` (a grant-funded project), ``loan``, ``proposal`` (a project being prepared or submitted),
``mou``. Templates ending in ``_amount`` carry an amount; the others state none.
"""

from __future__ import annotations

VI: dict[str, tuple[str, ...]] = {
    "funded": (
        "Tiếp tục triển khai Dự án “{title}” do {funder} tài trợ",
        "Dự án “{title}” do {funder} tài trợ đang được triển khai đúng tiến độ",
        "Dự án “{title}” được {funder} tài trợ đã hoàn thành các hoạt động của năm đầu tiên",
        "{Funder} tiếp tục hỗ trợ Bộ thực hiện dự án “{title}”",
        "Với sự tài trợ của {funder}, Bộ đã khởi động dự án “{title}”",
        "Phối hợp với {funder} triển khai Dự án {title}",
        "Các hoạt động của dự án “{title}” do phía {partner} tài trợ được duy trì thường xuyên",
        "Hai bên đã tổ chức Ban chỉ đạo lần thứ nhất của dự án “{title}”",
        "Hoàn thành giai đoạn I của dự án “{title}” bằng nguồn viện trợ không hoàn lại của {funder}",
    ),
    "funded_amount": (
        "Tiếp tục thực hiện Dự án “{title}” do {funder} tài trợ ({amount})",
        "Dự án “{title}” được {funder} tài trợ với tổng kinh phí {amount}",
        "{Funder} đã cam kết tài trợ {amount} cho dự án “{title}”",
        "Khởi động dự án “{title}” trị giá {amount} bằng nguồn viện trợ của {funder}",
        "Hai bên đã ký Hiệp định tài trợ trị giá {amount} cho dự án “{title}”",
        "Dự án “{title}” có tổng vốn {amount}, do {funder} viện trợ không hoàn lại",
    ),
    "loan": (
        "Tiếp tục phối hợp thực hiện Dự án “{title}” vay vốn {funder}",
        "Dự án “{title}” sử dụng vốn vay của {funder} đang trong giai đoạn giải ngân",
        "Hiệp định vay cho dự án “{title}” đã được ký với {funder}",
    ),
    "loan_amount": (
        "{Funder} đã phê duyệt khoản vay {amount} cho dự án “{title}”",
        "Dự án “{title}” được thực hiện bằng khoản vay {amount} của {funder}",
    ),
    "proposal": (
        "Xây dựng đề xuất Dự án “{title}”",
        "Xây dựng đề xuất dự án “{title}” để trình {funder} xem xét tài trợ",
        "Đề xuất dự án “{title}” đã được gửi tới {funder}",
        "Bộ đang hoàn thiện ý tưởng dự án “{title}” nhằm kêu gọi tài trợ từ {funder}",
        "Phía {partner} đã tiếp nhận đề cương dự án “{title}” và đang xem xét",
    ),
    "mou": (
        "Ký kết Bản ghi nhớ với {partner} về hợp tác trong lĩnh vực {field}",
        "Bản ghi nhớ về hợp tác trong lĩnh vực {field} giữa Bộ Tài nguyên và Môi trường và {partner} đã được ký kết",
        "Hai bên đã ký Biên bản ghi nhớ hợp tác về {field}",
        "{Partner} và Bộ Tài nguyên và Môi trường đã ký Bản ghi nhớ về {field}",
    ),
}

EN: dict[str, tuple[str, ...]] = {
    "funded": (
        'The Ministry continued the project "{title}" funded by {funder}',
        'The project "{title}", financed by {funder}, is being implemented on schedule',
        '{Funder} continued to support the project "{title}"',
        "With funding from {funder}, the Ministry launched the {title} project",
        'Work on "{title}", a project supported by {funder}, made good progress',
        'The two sides held the first steering committee meeting of the project "{title}"',
    ),
    "funded_amount": (
        'The Ministry implemented the project "{title}" financed by a grant from {funder} ({amount})',
        '{Funder} provided {amount} in grant aid for the project "{title}"',
        'The project "{title}" was funded by {funder} with a budget of {amount}',
        'A grant agreement worth {amount} was signed with {funder} for the project "{title}"',
    ),
    "loan": (
        'The Ministry continued the project "{title}" with a loan from {funder}',
        'The "{title}" project, financed by a loan from {funder}, entered its disbursement phase',
    ),
    "loan_amount": (
        '{Funder} approved a loan of {amount} for the project "{title}"',
        'The project "{title}" is financed by a {amount} loan from {funder}',
    ),
    "proposal": (
        'The Ministry developed a proposal for the project "{title}"',
        'A concept note for the project "{title}" was submitted to {funder}',
        'The Ministry is preparing a project proposal, "{title}", to seek funding from {funder}',
        'A proposal for "{title}" was sent to {funder} for consideration',
    ),
    "mou": (
        "The Ministry signed a Memorandum of Understanding with {partner} on cooperation in {field}",
        "A memorandum of understanding on {field} was signed between the Ministry and {partner}",
        "{Partner} and the Ministry signed an MoU on {field}",
    ),
}

# a paragraph's lead: a heading line above one line per activity, a first sentence, or a clause the first
# activity continues ({rest} is that activity with a lower-case first letter)
LEADS: dict[str, dict[str, tuple[str, ...]]] = {
    "vi": {
        "heading": ("Hợp tác với {partner}:", "Với {partner}:"),
        "sentence": ("Hợp tác với {partner} tiếp tục được duy trì và mở rộng.", "Quan hệ hợp tác với {partner} có nhiều tiến triển."),
        "clause": ("Trong quan hệ với {partner}, {rest}", "Đối với {partner}, {rest}"),
    },
    "en": {
        "heading": ("Cooperation with {partner}:", "With {partner}:"),
        "sentence": ("Cooperation with {partner} continued to grow.", "Relations with {partner} progressed well."),
        "clause": ("In cooperation with {partner}, {rest}",),
    },
}

# a table of projects: a caption, a header row, then one row per project (cells joined by " | ", as the
# loaders write table rows)
TABLE: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "vi": ("Bảng: Các dự án hợp tác đang thực hiện", "Tên dự án | Nhà tài trợ | Kinh phí | Tình trạng",
           "{title} | {funder} | {amount} | {status}", ("đang thực hiện", "đã ký hiệp định", "chuẩn bị khởi động")),
    "en": ("Table: cooperation projects under way", "Project | Donor | Budget | Status",
           "{title} | {funder} | {amount} | {status}", ("ongoing", "agreement signed", "starting")),
}
