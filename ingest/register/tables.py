"""The register's cue tables: kind, status and funding cues, funder phrases, period and title patterns
(lower-case; run on the lower-cased text)."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# ----------------------------------------------------------------------------------------- cue tables

# kind cues: (kind, pattern). Matched on the clause with titles and partner names masked; the first
# non-generic cue wins ("xây dựng đề xuất Dự án" is a proposal, "Bản ghi nhớ về Chương trình" an MoU).
KIND_CUES: tuple[tuple[str, str], ...] = (
    ("project document", r"văn kiện(?: chi tiết)? dự án|project documents?|project proposal documents?"),
    ("letter of intent", r"ý định thư|thư ý định|letters? of intent|lois?"),
    ("mou", r"biên bản ghi nhớ|bản ghi nhớ|memorand(?:um|a) of understanding|mous?"),
    ("framework", r"thỏa thuận khung|thoả thuận khung|thỏa thuận khuôn khổ|thoả thuận khuôn khổ|hiệp định khung"
                  r"|framework agreements?|cooperation frameworks?|framework (?:for|of) cooperation"),
    ("agreement", r"thỏa thuận hợp tác|thoả thuận hợp tác|hiệp định hợp tác|cooperation agreements?"),
    ("proposal", r"đề xuất|ý tưởng|proposals?|propos(?:e|ed|ing)|concept notes?"),
    ("project", r"dự án|projects?"),
    ("programme", r"chương trình|programmes?|programs?"),
    ("initiative", r"sáng kiến|initiatives?"),
    ("conference", r"hội nghị|hội thảo|diễn đàn|tọa đàm|toạ đàm|conferences?|workshops?|seminars?|symposi(?:um|a)"
                   r"|forums?|roundtables?"),
    ("meeting", r"phiên họp|cuộc họp|kỳ họp|kì họp|đối thoại|meetings?|sessions?|dialogues?"),
)
# kinds whose cue starts a name when no quote gives the title ("Dự án hỗ trợ hiện đại hóa ...")
_NAMED_KINDS = frozenset({"project document", "letter of intent", "mou", "framework", "agreement", "project",
                          "programme", "initiative", "conference", "meeting"})
# a clause without a kind cue is still an activity ("other") when it says it cooperates
_COOPERATION = re.compile(r"\b(?:hợp tác|phối hợp|làm việc|trao đổi|hỗ trợ|đào tạo|chia sẻ|cooperat\w*|collaborat\w*"
                          r"|worked with|work with|partnered|exchanged?|trained|training|support(?:ed|s)?)\b")
_GENERIC_BEFORE = re.compile(r"(?:\b(?:các|những|nhiều|mọi|một số|several|various|other|all|new|these|such|future"
                             r"|potential)|\bcó)\s+$")
_ENGLISH_PLURAL = re.compile(r"[a-z ]*[a-z](?<!s)s")
_LIST_GAP = re.compile(r"\s*(?:,|\bvà\b|\band\b|\bor\b|\bhoặc\b|/)\s*")
_GENERIC_AFTER = re.compile(r"\s+(?:oda|khác|mới|hợp tác quốc tế|nào)\b")
# "đề xuất các sáng kiến": a proposal cue governing a plural is generic too
_PLURAL_AFTER = re.compile(r"\s+(?:các|những|một số|nhiều)\b")

STATUS_CUES: tuple[tuple[str, str], ...] = (
    # still to come: a clause saying what will be done is not a record of it done ("will be held …, co-hosted by")
    ("planned", r"\bwill be\b|\bis to be\b|\bare to be\b|\bis (?:planned|scheduled)\b|\bare (?:planned|scheduled)\b"
                r"|\bsẽ\b|dự kiến"),
    ("continuing", r"tiếp tục|continu(?:e|ed|es|ing)"),
    ("submitted", r"trình\s(?:[^;.]{0,80}?)phê duyệt|submitted"),
    ("approved", r"được (?:[^;.,]{0,80}?\s)?(?:thông qua|phê duyệt|chấp thuận)|đã (?:thông qua|phê duyệt|chấp thuận)"
                 r"|phê duyệt|(?:was|were|has been|have been|had been|been) approved|approved"),
    ("handed over", r"bàn giao|hand(?:ed|ing)? over|handover"),
    ("proposed", r"đề xuất|propos(?:e|ed|ing)|developed (?:a |the )?proposals?"),
    ("signed", r"ký kết|đã ký|signed|signing"),
    ("organised", r"(?:đã |được |đồng |phối hợp )tổ chức"
                  r"|tổ chức(?= (?:\w+ ){0,2}?(?:hội nghị|hội thảo|diễn đàn|phiên họp|cuộc họp|lễ|tọa đàm|khóa))"
                  r"|(?:co-)?organi[sz]ed|hosted|convened"),
    ("attended", r"tham dự|tham gia(?= (?:hội nghị|hội thảo|diễn đàn|tọa đàm|phiên họp|cuộc họp|kỳ họp|đối thoại))"
                 r"|attended|participated in"),
    ("negotiating", r"đàm phán|negotiat(?:e|ed|ing)"),
    ("completed", r"hoàn thành|completed"),
    ("implementing", r"triển khai|thực hiện|khởi động|implement(?:ed|ing|s)?|carr(?:y|ied) out|launched|ongoing"
                     r"|under way|underway|in progress|under implementation|started"),
)

FUNDING_CUES: tuple[tuple[str, str], ...] = (
    ("non-governmental aid", r"viện trợ phi chính phủ(?: nước ngoài)?|phi chính phủ nước ngoài"
                             r"|non-governmental aid|ngo aid|non-governmental funding"),
    ("counterpart funds", r"vốn đối ứng|counterpart fund(?:s|ing)?"),
    ("public investment", r"vốn đầu tư công|public investment(?: funds?| capital)?"),
    ("loan", r"vay vốn|vốn vay|khoản vay|cho vay|loans?"),
    ("grant", r"viện trợ không hoàn lại|vốn không hoàn lại|grants?|non-refundable aid"),
    ("ODA", r"(?:(?<=vốn )|(?<=vay )|(?<=nguồn )|(?<=trợ ))oda|oda (?:loans?|grants?|funds?|funding|capital)"),
)

# funder phrases. "closed" ones bound the funder on both sides; "open" ones end at a stop word.
_FUNDER_CLOSED: tuple[str, ...] = (
    r"\bdo\s+(?P<x>(?:(?!\bdo\s)[^;]){1,120}?)\s+(?:tài trợ|viện trợ|cấp vốn)",
    r"\bđược\s+(?P<x>(?:(?!\bđược\s)[^;]){1,120}?)\s+(?:tài trợ|thông qua|phê duyệt|chấp thuận)",
)
_FUNDER_OPEN: tuple[str, ...] = (  # the last ones are loose: they count only when a partner follows
    r"\bsử dụng (?:nguồn )?(?:vốn|kinh phí|viện trợ)(?:(?!\bcủa\s)[^;]){0,50}?\bcủa\s+",
    r"\btừ nguồn (?:kinh phí|vốn|tài trợ|viện trợ)(?: (?:oda|không hoàn lại|vay))?(?: của)?\s+",
    r"\b(?:vay vốn|vốn vay|khoản vay|vốn oda|viện trợ|kinh phí|tài trợ|nguồn tài trợ|nguồn vốn)"
    r"(?: (?:oda|không hoàn lại|ưu đãi|vay|viện trợ))* của\s+",
    r"\b(?:tài trợ|cấp vốn|cấp kinh phí) bởi\s+",
    r"\b(?:co-)?(?:funded|financed|sponsored|supported financially|supported) by\s+(?!an?\s)(?:the\s+)?",
    r"\b(?:loan|grant|funding|financing|aid|assistance|support)s?(?: of [^;]{1,40}?)? from\s+(?:the\s+)?",
    r"\bapproved by\s+(?:the\s+)?",
    r"\b(?:kinh phí|vốn|tài trợ|viện trợ)\b[^;]{0,40}?\btừ\s+(?:phía\s+)?",
    r"\b(?:vay vốn|vốn vay|khoản vay|vốn oda)(?: (?:ưu đãi|oda))?\s+",
    # a funding agreement signed with X; a proposal submitted / sent to X (the prospective funder)
    r"\b(?:grant|loan|financing|funding) agreements?\b[^;]{0,80}?\bsigned with\s+(?:the\s+)?",
    r"\bhiệp định (?:tài trợ|vay|viện trợ)\b[^;]{0,80}?\bký(?: kết)? với\s+",
    r"\b(?:submitted|sent|presented) to\s+(?:the\s+)?|\b(?:trình|gửi tới|gửi đến)\s+(?:phía\s+)?",
)
_LOOSE_FUNDER = 5  # how many of the last _FUNDER_OPEN patterns are loose (they count only with a partner)
# a funder that is the clause's subject: "Chính phủ Nhật Bản đã cam kết tài trợ ...", "X provided ..."
_FUNDING_VERB = re.compile(
    r"\s(?:đã\s+|tiếp tục\s+|sẽ\s+)?(?:cam kết\s+)?(?:tài trợ|viện trợ|hỗ trợ|cho vay|phê duyệt khoản vay|cấp vốn)\b"
    r"|\s(?:has\s+|have\s+)?(?:provided|approved an? (?:loan|grant)|continued to support|continues to support"
    r"|funded|financed|granted|committed|pledged|supported)\b")
_FUNDER_STOP = re.compile(
    r"\s*(?:[;,.:)\]]|\(|\s(?:và|and|của|of|for|on|để|cho|nhằm|thực hiện|tài trợ|theo|trong|với|tại|thông qua|via|to|under|in|with"
    r"|which|that|through|worth|amounting|totall?ing|since|from|as|is|was|were)\b)")
# connectors that stay inside a name when a capitalised word follows ("Agency for Development Cooperation")
_NAME_CONNECTORS = frozenset({"và", "and", "của", "of", "for", "on"})
_NEXT_WORD = re.compile(r"\s+(?:the\s+)?(\w+)")
_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z&\-]{1,12}\)")
_TWELVE_WORDS = re.compile(r"\s*(?:\S+\s+){11}\S+")

# a phase is a numbered stage of an activity ("giai đoạn 3", "pha II", "phase 2"); a period is a span of
# time ("2018 – 2021", "giai đoạn 2021-2025", "tháng 5/2022"): two fields, read separately
_PHASE_PATTERN = r"(?:giai đoạn|pha|phase|stage)\s+(?:[ivx]{1,4}|\d{1,2})(?![\w/.,]\d)\b"
_MONTH_NAME = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_VI_MONTH = r"tháng\s+\d{1,2}\s*(?:/|năm\s+)\s*{Y}"
_PERIOD_PATTERNS: tuple[str, ...] = (
    rf"{_MONTH_NAME}\s+{{Y}}\s*(?:-|–|—|to|until)\s*{_MONTH_NAME}\s+{{Y}}"  # April 2023 – March 2024
    rf"|(?:từ\s+)?{_VI_MONTH}\s*(?:-|–|—|đến)\s*{_VI_MONTH}",  # tháng 7/2022 – tháng 6/2023
    r"(?:giai đoạn|thời kỳ|thời gian|period|phase|for the period)\s*(?:từ\s+|from\s+|of\s+)?(?:năm\s+)?"
    r"{Y}\s*(?:-|–|—|đến|to)\s*(?:năm\s+)?{Y}",
    r"(?:(?:từ|from)\s+(?:năm\s+)?)?{Y}\s*(?:-|–|—|đến|to)\s*(?:năm\s+)?{Y}",
    r"tháng\s+\d{1,2}\s*(?:/|năm\s+)\s*{Y}|(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december)\s+(?:\d{1,2},?\s+)?{Y}",
)
_YEAR = r"(?:19|20)\d\d\b"
_DIGIT = re.compile(r"\d")
# cheap substring test that skips the funder patterns when none of them can match the clause
_FUNDER_HINTS = ("tài trợ", "vốn", "kinh phí", "viện trợ", "thông qua", "phê duyệt", "chấp thuận", " by ", " from ",
                 " to ", "trình", "gửi", "hiệp định", "hỗ trợ", "cho vay", "provided", "granted", "committed",
                 "pledged", "supported", "agreement")

_TITLE_STOP = re.compile(
    r"\s(?:vào|in|on|from)\s+(?:(?:cuối |đầu |giữa )?tháng|ngày|năm|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|(?:19|20)\d\d)\b"
    r"|\s*[,;:“”\"()]|\s(?:do|với|sử dụng (?:nguồn|kinh phí|vốn|viện trợ)|từ nguồn|vay vốn|đã|được|nhằm|để|trong đó"
    r"|bao gồm|theo hình thức|thông qua|funded|financed|with|by|from|in order|through|under|which|that|was|were"
    r"|has|have|signed|approved|tại|ở|in|at)\b|\s(?:giai đoạn|pha|thời kỳ|phase|period)\s+(?:[ivx]{1,4}\b|\d)")
_PARTNER_MARKERS = frozenset({"với", "with"})
_PLACE_WORDS = frozenset({"tại", "ở", "in", "at"})
_PREV_WORD = re.compile(r"(\S+)\s+$")
_ASCII_CAPITALISED = re.compile(r"[A-Z][a-z]+|\d+(?:st|nd|rd|th)")
_INSTITUTION_AFTER = re.compile(r"\s+(?:the\s+|đại diện\s+|phía\s+)?(?:(?-i:[A-Z]{2,})|Bộ|Cục|Tổng cục|Chính phủ"
                                r"|Đại sứ quán|Tổ chức|Cơ quan|Quỹ|Ngân hàng|Viện|Ministry|Government|Embassy"
                                r"|Agency|Department|Bank|Fund)\b", _I)
_LOCATION_BEFORE = re.compile(r"\b(?:tại|ở|in|at|khuôn khổ|framework of)\s+$")
_MARKER_BEFORE = re.compile(r"\b(?:với|with|cùng|phía|giữa|between)\b[^;,.]*$")


def _alternation(cues: tuple[tuple[str, str], ...], prefix: str) -> re.Pattern[str]:
    body = "|".join(f"(?P<{prefix}{i}>{pattern})" for i, (_, pattern) in enumerate(cues))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


_KIND_RE = _alternation(KIND_CUES, "k")
_STATUS_RE = _alternation(STATUS_CUES, "s")
_FUNDING_RE = _alternation(FUNDING_CUES, "f")
_FUNDER_CLOSED_RE = tuple(re.compile(p) for p in _FUNDER_CLOSED)
_FUNDER_OPEN_RE = re.compile("|".join(f"(?P<o{i}>{p})" for i, p in enumerate(_FUNDER_OPEN)))
_PERIOD_RES = tuple(re.compile(r"(?<!\w)" + p.replace("{Y}", _YEAR)) for p in _PERIOD_PATTERNS)
_PHASE_RE = re.compile(r"(?<!\w)" + _PHASE_PATTERN)
