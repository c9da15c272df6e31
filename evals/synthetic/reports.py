"""Whole reports (title, intro, sections, plans, source) and the corpus with its list questions."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.text import nfc
from evals.synthetic.partners import partners
from evals.synthetic.phrasing import TitleMaker, _partner_paragraph, table_rows
from evals.synthetic.records import (
    CHUNKS_PER_REPORT,
    PROJECT_KINDS,
    ExpectedRow,
    GroundTruth,
    ListQuestion,
    Partner,
    ReportInfo,
)
from evals.synthetic.vocabulary import EN_FILLER, EN_HEADINGS, VI_FILLER, VI_HEADINGS


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
        if rng.random() < 0.3:
            table, found = table_rows(rng, titles, group, lang, name)
            lines.extend(table)
            rows.extend(found)
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
