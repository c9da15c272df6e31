"""The synthetic corpus of one size and the fixed query set run over it."""

from __future__ import annotations

import shutil
from pathlib import Path

from evals.bench.config import N_QUERIES, SEED
from evals.synthetic import GroundTruth, generate_corpus, reports_for_chunks

GENERIC_QUERIES = (
    "Dự án nào hỗ trợ quan trắc chất lượng nước mặt?",
    "Which projects address mangrove restoration?",
    "hợp tác về cảnh báo sớm thiên tai",
    "greenhouse gas inventory cooperation",
    "Các bản ghi nhớ đã ký kết về khí tượng thủy văn",
    "Memorandum of Understanding on remote sensing",
    "dự án vay vốn Ngân hàng Thế giới",
    "projects financed by a loan from the Asian Development Bank",
    "kinh phí triệu Eur",
    "How much funding in million USD?",
    "giam sat xam nhap man",
    "quản lý chất thải rắn sinh hoạt tại các đô thị lớn",
    "flood and drought forecasting",
    "Phương hướng, kế hoạch trọng tâm 6 tháng cuối năm",
    "plans for the next quarter",
)


def ensure_corpus(work: Path, chunks: int) -> tuple[Path, GroundTruth]:
    folder = work / f"corpus-{chunks}"
    shutil.rmtree(folder, ignore_errors=True)
    truth = generate_corpus(folder, reports_for_chunks(chunks), SEED)
    return folder, truth


def build_queries(truth: GroundTruth, n: int = N_QUERIES) -> list[str]:
    """A fixed bilingual set: list questions, questions about single titles, generic topic queries."""
    qs = [q.question for q in truth.questions[:20]]
    titled = [r for r in truth.rows if r.title][: max(0, n - len(qs) - len(GENERIC_QUERIES))]
    for i, r in enumerate(titled):
        if i % 3 == 2:
            qs.append(str(r.title))  # a bare title, as typed into search
        elif r.lang == "vi":
            qs.append(f"Dự án “{r.title}” do ai tài trợ?")
        else:
            qs.append(f'Who funds the project "{r.title}"?')
    qs.extend(GENERIC_QUERIES)
    return qs[:n]
