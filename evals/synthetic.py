"""Deterministic synthetic corpus of MONRE-style cooperation reports, with its ground truth.

``generate_corpus(out_dir, n_reports, seed)`` writes N plain-text reports in the style of the bundled one
(mostly Vietnamese, some English): a title line stating the reporting period, section headings, one
partner per paragraph with 1-4 activities separated by ';' in the formulaic phrasing of the real reports
(“Tiếp tục thực hiện Dự án “…” do … tài trợ”, “sử dụng kinh phí của … (3 triệu Eur)”, “vay vốn …”,
“Xây dựng đề xuất Dự án “…””, “Ký kết Bản ghi nhớ với …”, English “the project "…" funded by …”), plus
filler paragraphs (context, plans) that state no activity.

Partners are the glossary's countries and organisations, named by their Vietnamese or English names.
Project titles are composed from topic vocabulary and are unique across the corpus. The same seed gives
byte-identical files. ``GroundTruth`` lists every expected register row and one list question per
partner and language ("Phần Lan tài trợ những dự án nào?" / "Which projects does Finland fund?") with the
titles a complete answer names. ``reports_for_chunks`` sizes a corpus by its chunk count (a chunk is about
one paragraph, 300-700 characters)."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.text import fold, nfc
from index.glossary import Glossary, GlossaryEntry, default_glossary

CHUNKS_PER_REPORT = 21.5  # measured mean of chunks per generated report (see reports_for_chunks)
LENDERS = frozenset({"world-bank", "adb", "aiib", "eib"})
PROJECT_KINDS = frozenset({"project", "proposal"})
_NEEDS_THE = frozenset(
    {"united-states", "united-kingdom", "netherlands", "philippines", "czech-republic", "uae", "korea"}
)

# ----------------------------------------------------------------------------------------- vocabulary

VI_ACTIONS = (
    "Tăng cường năng lực",
    "Nâng cao hiệu quả",
    "Xây dựng hệ thống",
    "Thí điểm mô hình",
    "Ứng dụng công nghệ số trong",
    "Hoàn thiện khung pháp lý về",
    "Phát triển cơ sở dữ liệu về",
    "Hỗ trợ kỹ thuật cho",
    "Hiện đại hóa",
    "Đánh giá tác động của biến đổi khí hậu đến",
    "Chuyển giao công nghệ",
    "Nghiên cứu giải pháp",
    "Tăng cường hợp tác khu vực về",
    "Đổi mới phương thức",
    "Nâng cấp mạng lưới",
    "Xây dựng bộ công cụ hỗ trợ",
)
VI_OBJECTS = (
    "quan trắc chất lượng nước mặt",
    "quản lý chất thải rắn sinh hoạt",
    "dự báo khí tượng thủy văn",
    "quản lý tổng hợp tài nguyên nước",
    "giám sát xâm nhập mặn",
    "kiểm kê khí nhà kính",
    "bảo tồn đa dạng sinh học",
    "quản lý đất đai",
    "điều tra địa chất khoáng sản",
    "quan trắc không khí đô thị",
    "cảnh báo sớm thiên tai",
    "quản lý tổng hợp vùng bờ",
    "xử lý ô nhiễm môi trường làng nghề",
    "thu gom và tái chế rác thải nhựa",
    "phục hồi rừng ngập mặn",
    "đo đạc và bản đồ",
    "giám sát sụt lún đất",
    "quản lý an toàn hóa chất",
    "giám sát môi trường bằng viễn thám",
    "phát triển kinh tế tuần hoàn",
    "quản lý nước dưới đất",
    "giám sát tài nguyên biển",
    "dự báo lũ và hạn hán",
    "quản lý chất lượng nước thải công nghiệp",
    "thích ứng với nước biển dâng",
    "quản lý bùn thải đô thị",
    "giảm phát thải khí mê-tan",
    "bảo vệ tầng ô-dôn",
    "quy hoạch sử dụng đất",
    "quan trắc phóng xạ môi trường",
    "quản lý lưu vực sông",
    "đánh giá trữ lượng các-bon rừng",
)
VI_SCOPES = (
    "tại các tỉnh ven biển miền Trung",
    "vùng trung du và miền núi phía Bắc",
    "tại thành phố Đà Nẵng",
    "khu vực Tây Nguyên",
    "tại các đô thị lớn",
    "lưu vực sông Đồng Nai",
    "tại tỉnh Quảng Ninh",
    "vùng Bắc Trung Bộ",
    "tại tỉnh Cà Mau",
    "tại tỉnh Bến Tre",
    "vùng Duyên hải Nam Trung Bộ",
    "tại thành phố Cần Thơ",
    "tại tỉnh Thừa Thiên Huế",
    "lưu vực sông Cả",
    "lưu vực sông Vu Gia – Thu Bồn",
    "tại tỉnh Lào Cai",
    "tại tỉnh Sóc Trăng",
    "vùng Đông Nam Bộ",
    "tại các khu công nghiệp",
    "tại tỉnh Nghệ An",
    "tại tỉnh Quảng Nam",
    "tại tỉnh Kiên Giang",
    "tại thành phố Hải Phòng",
    "vùng ven biển phía Nam",
    "tại tỉnh Bình Định",
    "tại tỉnh Lâm Đồng",
    "tại tỉnh Thanh Hóa",
    "lưu vực sông Ba",
    "tại tỉnh An Giang",
    "tại tỉnh Hà Tĩnh",
    "tại tỉnh Điện Biên",
    "các đảo ven bờ",
)
VI_APPROACHES = (
    "dựa trên công nghệ viễn thám",
    "theo hướng tiếp cận hệ sinh thái",
    "gắn với sinh kế cộng đồng",
    "có sự tham gia của cộng đồng",
    "ứng dụng trí tuệ nhân tạo",
    "trên nền tảng dữ liệu mở",
    "phục vụ phát triển bền vững",
    "nhằm thích ứng với biến đổi khí hậu",
    "hướng tới phát thải ròng bằng không",
    "gắn với chuyển đổi số",
    "dựa vào thiên nhiên",
    "theo chuẩn quốc tế",
    "phục vụ quản lý nhà nước",
    "với sự tham gia của doanh nghiệp",
    "trong bối cảnh đô thị hóa",
    "nhằm giảm thiểu rủi ro thiên tai",
)
EN_ACTIONS = (
    "Strengthening capacity for",
    "Improving the efficiency of",
    "Building a system for",
    "Piloting a model of",
    "Applying digital technology to",
    "Completing the legal framework for",
    "Developing a database on",
    "Technical assistance for",
    "Modernising",
    "Assessing climate change impacts on",
    "Transferring technology for",
    "Researching solutions for",
    "Enhancing regional cooperation on",
    "Innovating approaches to",
    "Upgrading the network for",
    "Building a toolkit for",
)
EN_OBJECTS = (
    "surface water quality monitoring",
    "municipal solid waste management",
    "hydro-meteorological forecasting",
    "integrated water resources management",
    "saltwater intrusion monitoring",
    "greenhouse gas inventory",
    "biodiversity conservation",
    "land administration",
    "geological and mineral surveys",
    "urban air monitoring",
    "disaster early warning",
    "integrated coastal zone management",
    "craft village pollution control",
    "plastic waste collection and recycling",
    "mangrove restoration",
    "surveying and mapping",
    "land subsidence monitoring",
    "chemical safety management",
    "remote sensing of the environment",
    "circular economy development",
    "groundwater management",
    "marine resources monitoring",
    "flood and drought forecasting",
    "industrial wastewater management",
    "adaptation to sea level rise",
    "urban sludge management",
    "methane emission reduction",
    "ozone layer protection",
    "land use planning",
    "environmental radiation monitoring",
    "river basin management",
    "forest carbon stock assessment",
)
EN_SCOPES = (
    "in the central coastal provinces",
    "in the northern midlands and mountains",
    "in Da Nang city",
    "in the Central Highlands",
    "in large cities",
    "in the Dong Nai river basin",
    "in Quang Ninh province",
    "in the North Central region",
    "in Ca Mau province",
    "in Ben Tre province",
    "in the South Central Coast",
    "in Can Tho city",
    "in Thua Thien Hue province",
    "in the Ca river basin",
    "in the Vu Gia – Thu Bon basin",
    "in Lao Cai province",
    "in Soc Trang province",
    "in the Southeast region",
    "in industrial parks",
    "in Nghe An province",
    "in Quang Nam province",
    "in Kien Giang province",
    "in Hai Phong city",
    "along the southern coast",
    "in Binh Dinh province",
    "in Lam Dong province",
    "in Thanh Hoa province",
    "in the Ba river basin",
    "in An Giang province",
    "in Ha Tinh province",
    "in Dien Bien province",
    "on the near-shore islands",
)
EN_APPROACHES = (
    "using remote sensing",
    "with an ecosystem approach",
    "linked to community livelihoods",
    "with community participation",
    "using artificial intelligence",
    "on an open data platform",
    "for sustainable development",
    "for climate change adaptation",
    "towards net-zero emissions",
    "through digital transformation",
    "based on nature",
    "to international standards",
    "for state management",
    "with private sector participation",
    "under rapid urbanisation",
    "to reduce disaster risk",
)
VI_FIELDS = (
    "khí tượng thủy văn",
    "quản lý tài nguyên nước",
    "biến đổi khí hậu",
    "địa chất và khoáng sản",
    "quản lý đất đai",
    "bảo vệ môi trường",
    "biển và hải đảo",
    "viễn thám",
    "đa dạng sinh học",
)
EN_FIELDS = (
    "hydro-meteorology",
    "water resources management",
    "climate change",
    "geology and minerals",
    "land administration",
    "environmental protection",
    "seas and islands",
    "remote sensing",
    "biodiversity",
)

# amounts: (value in the unit written, scale, currency code, Vietnamese text, English text)
AMOUNTS: tuple[tuple[float, float, str, str, str], ...] = (
    (3, 1e6, "EUR", "3 triệu Eur", "EUR 3 million"),
    (2.5, 1e6, "USD", "2,5 triệu USD", "2.5 million USD"),
    (1.2, 1e9, "JPY", "1,2 tỷ Yên", "JPY 1.2 billion"),
    (45, 1e9, "VND", "45 tỷ đồng", "VND 45 billion"),
    (800, 1e3, "USD", "800.000 USD", "USD 800,000"),
    (4.75, 1e6, "USD", "4,75 triệu USD", "USD 4.75 million"),
    (1.5, 1e6, "EUR", "1,5 triệu Eur", "1.5 million EUR"),
    (12, 1e6, "USD", "12 triệu USD", "12 million USD"),
    (350, 1e3, "EUR", "350.000 Eur", "EUR 350,000"),
    (80, 1e6, "USD", "80 triệu USD", "USD 80 million"),
)

VI_FILLER = (
    "Các đơn vị trực thuộc Bộ đã chủ động rà soát, cập nhật kế hoạch hợp tác quốc tế năm và bảo đảm tiến độ "
    "giải ngân theo quy định.",
    "Công tác quản lý đoàn ra, đoàn vào được thực hiện chặt chẽ, tiết kiệm, đúng mục đích và hiệu quả.",
    "Việc tổ chức hội nghị, hội thảo quốc tế tiếp tục được kết hợp giữa hình thức trực tiếp và trực tuyến.",
    "Các cam kết quốc tế về môi trường được lồng ghép vào chiến lược, quy hoạch và kế hoạch của ngành.",
    "Bộ tiếp tục hoàn thiện các quy định về quản lý và sử dụng nguồn vốn hỗ trợ phát triển chính thức.",
    "Năng lực cán bộ làm công tác đối ngoại từng bước được nâng cao thông qua đào tạo, bồi dưỡng chuyên sâu.",
    "Thông tin về kết quả hợp tác được cập nhật thường xuyên trên cổng thông tin điện tử của Bộ.",
    "Một số nhiệm vụ còn chậm tiến độ do thủ tục phê duyệt kéo dài và nguồn vốn đối ứng chưa được bố "
    "trí kịp thời.",
    "Bộ đã tổng hợp, đánh giá tình hình thực hiện các điều ước quốc tế mà Việt Nam là thành viên.",
    "Công tác phối hợp giữa các đơn vị trong Bộ và với các địa phương tiếp tục được tăng cường.",
    "Các văn bản thỏa thuận quốc tế được rà soát để bảo đảm phù hợp với quy định của pháp luật hiện hành.",
    "Việc chia sẻ dữ liệu, thông tin giữa các cơ quan chuyên môn được thực hiện theo đúng quy chế.",
    "Bộ đã chỉ đạo các đơn vị chủ động nghiên cứu, đề xuất các sáng kiến hợp tác mới phù hợp với ưu "
    "tiên của ngành.",
    "Tình hình kinh tế thế giới còn nhiều biến động, ảnh hưởng đến nguồn hỗ trợ phát triển dành cho "
    "lĩnh vực.",
    "Nhu cầu về công nghệ quan trắc, cảnh báo và dự báo ngày càng tăng trong bối cảnh thiên tai diễn "
    "biến phức tạp.",
    "Các tổ chức phi chính phủ nước ngoài tiếp tục quan tâm tới các vấn đề thích ứng và giảm nhẹ phát thải.",
    "Việc theo dõi, đánh giá các chương trình hợp tác được thực hiện định kỳ, có báo cáo gửi cơ quan "
    "có thẩm quyền.",
    "Các đơn vị cần chủ động tháo gỡ vướng mắc trong quá trình triển khai, bảo đảm chất lượng sản "
    "phẩm đầu ra.",
    "Bộ sẽ tiếp tục tăng cường kiểm tra, giám sát việc thực hiện các cam kết đã ký kết.",
    "Kinh nghiệm quốc tế được nghiên cứu, vận dụng phù hợp với điều kiện thực tiễn của Việt Nam.",
    "Cơ chế điều phối liên ngành tiếp tục phát huy hiệu quả trong xử lý các vấn đề xuyên biên giới.",
    "Các sản phẩm khoa học của hợp tác được chuyển giao cho địa phương để ứng dụng vào thực tiễn quản lý.",
    "Bộ tiếp tục thúc đẩy vai trò của khu vực tư nhân trong huy động nguồn lực cho tăng trưởng xanh.",
    "Việc xây dựng đội ngũ chuyên gia có trình độ cao là yêu cầu cấp thiết trong giai đoạn tới.",
)
EN_FILLER = (
    "The Ministry's units reviewed their annual cooperation plans and kept disbursement on schedule.",
    "Outgoing and incoming delegations were managed strictly, economically and for their intended purpose.",
    "International conferences and workshops continued to combine in-person and online participation.",
    "International environmental commitments were mainstreamed into sectoral strategies, plans and "
    "programmes.",
    "The Ministry continued to improve the regulations on managing official development assistance.",
    "Staff working on external affairs received in-depth training to strengthen their skills.",
    "Information on cooperation results was regularly updated on the Ministry's web portal.",
    "Some tasks were delayed by lengthy approval procedures and late allocation of counterpart funds.",
    "The Ministry reviewed the implementation of the international treaties to which the country is a party.",
    "Coordination among the Ministry's units and with the provinces was further strengthened.",
    "International agreements were reviewed to ensure consistency with the laws currently in force.",
    "Data and information sharing between specialised agencies followed the applicable regulations.",
    "Units were asked to study and propose new cooperation initiatives in line with sector priorities.",
    "The world economy remained volatile, affecting development assistance available to the sector.",
    "Demand for monitoring, warning and forecasting technology keeps rising as natural disasters intensify.",
    "Foreign non-governmental organisations remained interested in adaptation and mitigation issues.",
)

VI_TAILS = (
    "Hai bên thống nhất tiếp tục trao đổi về kế hoạch hợp tác trong thời gian tới.",
    "Các đơn vị liên quan của Bộ được giao chủ trì theo dõi, đôn đốc tiến độ thực hiện.",
    "Kết quả hợp tác góp phần nâng cao năng lực chuyên môn cho đội ngũ cán bộ kỹ thuật của ngành.",
)
EN_TAILS = (
    "Both sides agreed to keep exchanging information on the next steps of cooperation.",
    "The Ministry's units concerned were tasked with monitoring progress and reporting on results.",
    "The cooperation helps build the technical capacity of the sector's specialists.",
)
VI_HEADINGS = ("Hợp tác song phương", "Hợp tác đa phương và với các tổ chức quốc tế")
EN_HEADINGS = ("Bilateral cooperation", "Multilateral cooperation and international organisations")


# ----------------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class ExpectedRow:
    """One activity the register should find in ``doc`` (file name), for ``partner`` (a glossary key)."""

    doc: str
    partner: str
    partner_en: str
    kind: str  # project | proposal | mou
    title: str | None
    funder: str | None
    amount: float | None
    currency: str | None
    lang: str


@dataclass(frozen=True)
class ListQuestion:
    question: str
    lang: str
    partner: str
    partner_en: str
    titles: tuple[str, ...]


@dataclass(frozen=True)
class ReportInfo:
    file: str
    lang: str
    period: str  # label as detect_period writes it: 2023-H1, 2024-Q2, 2022
    paragraphs: int


@dataclass
class GroundTruth:
    seed: int
    reports: list[ReportInfo] = field(default_factory=list)
    rows: list[ExpectedRow] = field(default_factory=list)
    questions: list[ListQuestion] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "reports": [asdict(r) for r in self.reports],
            "rows": [asdict(r) for r in self.rows],
            "questions": [asdict(q) for q in self.questions],
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")


@dataclass(frozen=True)
class Partner:
    entry: GlossaryEntry
    lender: bool

    @property
    def key(self) -> str:
        return self.entry.key

    def name(self, lang: str) -> str:
        if lang == "vi":
            return self.entry.vi
        en = self.entry.en
        first = en.split()[0]
        acronym = first.isupper() and len(first) > 1  # "UN Women", not "the UN Women"
        article = self.key in _NEEDS_THE or (self.entry.kind != "country" and not acronym)
        return f"the {en}" if article else en

    def funder(self, lang: str) -> str:
        if self.entry.kind != "country":
            return self.name(lang)
        return f"Chính phủ {self.entry.vi}" if lang == "vi" else f"the Government of {self.name('en')}"


@dataclass(frozen=True)
class Activity:
    text: str
    row: ExpectedRow


# ----------------------------------------------------------------------------------------- partners


def partners(glossary: Glossary | None = None) -> list[Partner]:
    """Countries and organisations whose Vietnamese and English names each match only themselves."""
    gl = glossary or default_glossary()
    out: list[Partner] = []
    for entry in gl.partners():
        if entry.kind not in ("country", "organisation") or entry.parent is not None:
            continue
        if all(_names_only(gl, entry, name) for name in (entry.vi, entry.en)):
            out.append(Partner(entry, entry.key in LENDERS))
    return out


def _names_only(gl: Glossary, entry: GlossaryEntry, name: str) -> bool:
    found = gl.find(f"với {name} về")
    if len(found) != 1 or found[0].entry.key != entry.key or found[0].surface != name:
        return False
    inner = gl.find(name.split(" ", 1)[1]) if " " in name else []
    return entry.kind == "country" or not any(m.entry.kind == "country" for m in inner)


# ----------------------------------------------------------------------------------------- titles


class TitleMaker:
    """Unique project titles from the topic vocabulary (action + object + scope + approach)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def make(self, lang: str) -> str:
        vocab = (
            (VI_ACTIONS, VI_OBJECTS, VI_SCOPES, VI_APPROACHES)
            if lang == "vi"
            else (EN_ACTIONS, EN_OBJECTS, EN_SCOPES, EN_APPROACHES)
        )
        capacity = math.prod(len(v) for v in vocab)
        for _ in range(1000):
            title = " ".join(self._rng.choice(v) for v in vocab)
            if title not in self._used:
                self._used.add(title)
                return title
        raise ValueError(
            f"the title vocabulary ({capacity} {lang} titles) is exhausted; generate fewer reports"
        )


# ----------------------------------------------------------------------------------------- activities


def _amount(rng: random.Random, lang: str, always: bool = False) -> tuple[str, float | None, str | None]:
    if not always and rng.random() < 0.5:
        return "", None, None
    value, scale, code, vi, en = rng.choice(AMOUNTS)
    return (vi if lang == "vi" else en), value * scale, code


def _activity(rng: random.Random, titles: TitleMaker, p: Partner, lang: str, doc: str) -> Activity:
    kinds = ["funded", "funded", "budget", "proposal", "mou"] + (["loan", "loan"] if p.lender else [])
    kind = rng.choice(kinds)
    if kind == "mou":
        field_ = rng.choice(VI_FIELDS if lang == "vi" else EN_FIELDS)
        text = (
            f"Ký kết Bản ghi nhớ với {p.name('vi')} về hợp tác trong lĩnh vực {field_}"
            if lang == "vi"
            else f"signed a Memorandum of Understanding with {p.name('en')} on cooperation in {field_}"
        )
        return Activity(text, ExpectedRow(doc, p.key, p.entry.en, "mou", None, None, None, None, lang))
    title = titles.make(lang)
    amount, value, code = (
        ("", None, None) if kind == "proposal" else _amount(rng, lang, always=kind == "budget")
    )
    text, funder = (_vi_project if lang == "vi" else _en_project)(rng, kind, title, p, amount)
    row_kind = "proposal" if kind == "proposal" else "project"
    return Activity(text, ExpectedRow(doc, p.key, p.entry.en, row_kind, title, funder, value, code, lang))


def _vi_project(rng: random.Random, kind: str, title: str, p: Partner, amount: str) -> tuple[str, str | None]:
    funder = p.funder("vi")
    paren = f" ({amount})" if amount else ""
    if kind == "funded":
        verb = rng.choice(("Tiếp tục thực hiện", "Triển khai", "Hợp tác thực hiện", "Phối hợp thực hiện"))
        return f"{verb} Dự án “{title}” do {funder} tài trợ{paren}", funder
    if kind == "budget":
        return f"Hợp tác thực hiện Dự án “{title}” sử dụng kinh phí của {funder}{paren}", funder
    if kind == "loan":
        return f"Tiếp tục phối hợp thực hiện Dự án “{title}” vay vốn {funder}{paren}", funder
    if rng.random() < 0.5:
        return f"Xây dựng đề xuất Dự án “{title}”", None
    return f"Xây dựng đề xuất Dự án “{title}” sử dụng nguồn vốn viện trợ không hoàn lại của {funder}", funder


def _en_project(rng: random.Random, kind: str, title: str, p: Partner, amount: str) -> tuple[str, str | None]:
    funder = p.funder("en")
    paren = f" ({amount})" if amount else ""
    if kind == "funded":
        verb = rng.choice(("continued the project", "implemented the project", "carried out the project"))
        return f'{verb} "{title}" funded by {funder}{paren}', funder.removeprefix("the ")
    if kind == "budget":
        return (
            f'implemented the project "{title}" financed by a grant from {funder}{paren}',
            funder.removeprefix("the "),
        )
    if kind == "loan":
        return f'continued the project "{title}" with a loan from {funder}{paren}', funder.removeprefix(
            "the "
        )
    if rng.random() < 0.5:
        return f'developed a proposal for the project "{title}"', None
    return f'developed a proposal for the project "{title}" to be funded by {funder}', funder.removeprefix(
        "the "
    )


# ----------------------------------------------------------------------------------------- paragraphs


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _partner_paragraph(
    rng: random.Random, titles: TitleMaker, p: Partner, lang: str, doc: str
) -> tuple[str, list[ExpectedRow]]:
    """One paragraph about one partner: a lead, then 1-4 activities separated by ';' (under 850 chars)."""
    acts: list[Activity] = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
        act = _activity(rng, titles, p, lang, doc)
        if act.row.kind != "mou" or all(a.row.kind != "mou" for a in acts):  # one MoU per paragraph
            acts.append(act)
    while len(acts) > 1 and sum(len(a.text) + 2 for a in acts) > 720:
        acts.pop()
    parts = [a.text for a in acts]
    named = (
        acts[0].row.funder is not None or acts[0].row.kind == "mou"
    )  # the first activity names the partner
    if lang == "vi":
        leads = [f"Bộ Tài nguyên và Môi trường phối hợp với {p.name('vi')} ", f"Với {p.name('vi')}, Bộ "]
        lead = rng.choice(leads + ([""] if named else []))
        body = lead + (_lower_first(parts[0]) if lead else parts[0])
        body = "; ".join([body, *parts[1:]]) + "."
    else:
        lead = rng.choice([f"With {p.name('en')}, the Ministry "] + (["The Ministry "] if named else []))
        body = lead + "; ".join(parts) + "."
    tails = list(VI_TAILS if lang == "vi" else EN_TAILS)
    while len(body) < 300 and tails:
        body += " " + tails.pop(rng.randrange(len(tails)))
    return body, [a.row for a in acts]


@dataclass(frozen=True)
class Period:
    year: int
    part: str  # H1 | H2 | Q1..Q4 | Y

    def label(self) -> str:
        return str(self.year) if self.part == "Y" else f"{self.year}-{self.part}"

    def phrase(self, lang: str) -> str:
        y = self.year
        vi = {"H1": f"6 tháng đầu năm {y}", "H2": f"6 tháng cuối năm {y}", "Y": f"năm {y}"}
        en = {"H1": f"the first half of {y}", "H2": f"the second half of {y}", "Y": f"the year {y}"}
        roman = {"Q1": "I", "Q2": "II", "Q3": "III", "Q4": "IV"}
        if self.part in roman:
            return f"quý {roman[self.part]} năm {y}" if lang == "vi" else f"{self.part} {y}"
        return vi[self.part] if lang == "vi" else en[self.part]

    def next_phrase(self, lang: str) -> str:
        nxt = {"H1": "H2", "H2": "H1", "Q1": "Q2", "Q2": "Q3", "Q3": "Q4", "Q4": "Q1", "Y": "Y"}[self.part]
        year = self.year + (1 if self.part in ("H2", "Q4", "Y") else 0)
        return Period(year, nxt).phrase(lang)


def _title_line(rng: random.Random, period: Period, lang: str) -> str:
    if lang == "vi":
        lead = rng.choice(
            (
                "Báo cáo kết quả công tác hợp tác quốc tế",
                "Báo cáo tình hình thực hiện công tác đối ngoại",
                "Báo cáo hợp tác quốc tế của Bộ Tài nguyên và Môi trường",
            )
        )
        return f"{lead} {period.phrase('vi')}"
    lead = rng.choice(
        (
            "Report on international cooperation,",
            "International cooperation of the Ministry of Natural Resources and Environment,",
        )
    )
    return f"{lead} {period.phrase('en')}"


def _filler(rng: random.Random, pool: list[str], period: Period, lang: str, plan: bool) -> str:
    """Two to four context sentences drawn without replacement from the report's pool (no activity)."""
    take = [pool.pop() for _ in range(min(len(pool), rng.choice((3, 3, 4))))]
    if plan:
        opener = (
            f"Trong {period.next_phrase('vi')}, Bộ sẽ tập trung vào các nhiệm vụ trọng tâm sau đây."
            if lang == "vi"
            else f"In {period.next_phrase('en')}, the Ministry will focus on the following priorities."
        )
        take.insert(0, opener)
    return " ".join(take)


# ----------------------------------------------------------------------------------------- reports


INTRO = {
    "vi": "Trong {period}, Bộ Tài nguyên và Môi trường tiếp tục triển khai các hoạt động hợp tác "
    "quốc tế theo kế hoạch, chủ động tham gia các khuôn khổ hợp tác sẵn có và mở rộng quan hệ "
    "với các đối tác mới, góp phần hỗ trợ công tác quản lý nhà nước về tài nguyên và môi trường.",
    "en": "In {period}, the Ministry of Natural Resources and Environment continued its "
    "international cooperation as planned, took an active part in existing cooperation frameworks "
    "and reached out to new partners in support of state management of natural resources and the "
    "environment.",
}
PLANS_HEADING = {"vi": "Phương hướng, kế hoạch trọng tâm {period}", "en": "Plans for {period}"}
SOURCE = {
    "vi": "Nguồn: Bộ Tài nguyên và Môi trường",
    "en": "Source: Ministry of Natural Resources and Environment",
}


def _report(
    rng: random.Random, titles: TitleMaker, pool: Sequence[Partner], lang: str, name: str, period: Period
) -> tuple[str, list[ExpectedRow], int]:
    """Title, intro, a bilateral and a multilateral section (one partner per paragraph), plans, source."""
    fill = list(VI_FILLER if lang == "vi" else EN_FILLER)
    rng.shuffle(fill)
    heads = VI_HEADINGS if lang == "vi" else EN_HEADINGS
    lines = [_title_line(rng, period, lang), INTRO[lang].format(period=period.phrase(lang))]
    rows: list[ExpectedRow] = []
    countries = [p for p in pool if p.entry.kind == "country"]
    orgs = [p for p in pool if p.entry.kind != "country"]
    for heading, group, count in (
        (heads[0], countries, rng.randint(6, 13)),
        (heads[1], orgs, rng.randint(3, 8)),
    ):
        lines.append(heading)
        for p in rng.sample(group, min(count, len(group))):
            para, found = _partner_paragraph(rng, titles, p, lang, name)
            lines.append(para)
            rows.extend(found)
            if rng.random() < 0.12 and len(fill) >= 3:
                lines.append(_filler(rng, fill, period, lang, plan=False))
    lines.append(PLANS_HEADING[lang].format(period=period.next_phrase(lang)))
    lines.append(_filler(rng, fill, period, lang, plan=True))
    while len(fill) >= 3 and rng.random() < 0.7:
        lines.append(_filler(rng, fill, period, lang, plan=False))
    lines.append(SOURCE[lang])
    return nfc("\n".join(lines) + "\n"), rows, len(lines)


def generate_corpus(out_dir: Path, n_reports: int, seed: int, lang_mix: float = 0.8) -> GroundTruth:
    """Write ``n_reports`` reports (``lang_mix`` of them Vietnamese) to ``out_dir``; same seed, same bytes."""
    rng = random.Random(seed)
    titles = TitleMaker(rng)
    pool = partners()
    truth = GroundTruth(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for i in range(n_reports):
        lang = "vi" if rng.random() < lang_mix else "en"
        period = Period(rng.randint(2018, 2025), rng.choice(("H1", "H2", "Q1", "Q2", "Q3", "Q4", "Y")))
        name = f"synthetic-{i:05d}-{period.label().lower()}-{lang}.txt"
        text, rows, n_lines = _report(rng, titles, pool, lang, name, period)
        (out_dir / name).write_bytes(text.encode("utf-8"))
        truth.reports.append(ReportInfo(name, lang, period.label(), n_lines))
        truth.rows.extend(rows)
    truth.questions = list_questions(truth.rows, pool)
    return truth


def list_questions(rows: Iterable[ExpectedRow], pool: Sequence[Partner]) -> list[ListQuestion]:
    """One Vietnamese and one English question per partner that has titled projects or proposals."""
    by_partner: dict[str, list[str]] = {}
    for r in rows:
        if r.kind in PROJECT_KINDS and r.title:
            by_partner.setdefault(r.partner, []).append(r.title)
    out: list[ListQuestion] = []
    for p in pool:
        found = tuple(by_partner.get(p.key, ()))
        if found:
            out.append(ListQuestion(f"{p.entry.vi} tài trợ những dự án nào?", "vi", p.key, p.entry.en, found))
            out.append(
                ListQuestion(f"Which projects does {p.name('en')} fund?", "en", p.key, p.entry.en, found)
            )
    return out


def reports_for_chunks(n_chunks: int) -> int:
    """Reports needed for about ``n_chunks`` chunks at the default chunking (900 characters)."""
    return max(1, round(n_chunks / CHUNKS_PER_REPORT))


# ----------------------------------------------------------------------------------------- scoring


def title_key(title: str | None) -> str:
    """Titles compared without case, diacritics, quotes and spacing differences."""
    return " ".join(fold(title or "").strip(" “”\"'").split())


def row_recall(expected: Sequence[ExpectedRow], found: Iterable[tuple[str, str, str | None]]) -> float:
    """Share of expected rows found as (doc file, partner English name, title); an MoU needs doc + partner."""
    have = {(doc, partner, title_key(title)) for doc, partner, title in found}
    partners_in = {(doc, partner) for doc, partner, _ in have}
    if not expected:
        return 1.0
    hits = sum(
        1
        for r in expected
        if (
            (r.doc, r.partner_en) in partners_in
            if r.kind == "mou"
            else (r.doc, r.partner_en, title_key(r.title)) in have
        )
    )
    return hits / len(expected)


def title_recall(expected: Sequence[str], found_titles: Iterable[str], text: str = "") -> float:
    """Share of expected titles among ``found_titles`` or written in ``text``."""
    have = {title_key(t) for t in found_titles}
    folded = " ".join(fold(text).split())
    if not expected:
        return 1.0
    return sum(1 for t in expected if title_key(t) in have or (folded and title_key(t) in folded)) / len(
        expected
    )
