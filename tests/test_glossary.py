"""The bilingual glossary: lookups, entity finding (offsets, accents, false friends), expansion, data, speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.glossary import (
    KINDS,
    PARTNER_KINDS,
    Glossary,
    GlossaryEntry,
    GlossaryError,
    default_glossary,
)

REPORT = Path(__file__).resolve().parent.parent / "data" / "reports" / "monre-doi-ngoai-6-thang-dau-2022.txt"

# Every country, organisation, fund, programme, convention, committee and network the bundled report names
# (written by reading the report, not by running the glossary on it).
REPORT_PARTNERS = {
    "korea", "japan", "optex", "moej", "jcm", "china", "mekong-lancang", "mekong-lancang-fund", "laos", "cambodia",
    "india", "asean", "united-kingdom", "uk-met-office", "bgs", "wcssp", "finland", "finland-ici", "norway", "undp",
    "giz", "germany", "netherlands", "vn-nl-committee", "idh", "italy", "italy-mite", "denmark", "geus",
    "united-states", "jica", "oecd", "gef", "world-bank", "wef", "npap", "unep", "iucn", "wmo", "unfccc", "cbd",
    "vienna-convention", "montreal-protocol", "kigali-amendment", "stockholm-convention", "basel-convention",
    "rotterdam-convention", "minamata-convention", "saicm", "stockholm-50", "eanet", "typhoon-committee", "mrc",
    "sweden", "major-economies-forum", "paris-agreement", "un", "monre", "mofa", "vietnam",
}
REPORT_PLACES_AND_TERMS = {"mekong-delta", "hanoi", "mekong-lancang-basin", "red-thai-binh-basin", "lower-mekong",
                           "oda", "natural-resources-environment", "water-quality-index", "land-law"}


@pytest.fixture(scope="module")
def g() -> Glossary:
    return default_glossary()


@pytest.fixture(scope="module")
def report() -> str:
    return REPORT.read_text(encoding="utf-8")


def keys(g: Glossary, text: str) -> list[str]:
    return [m.entry.key for m in g.find(text)]


# ------------------------------------------------------------------------------------------------ lookup


@pytest.mark.parametrize("name", ["Finland", "Phần Lan", "phan lan", "PHẦN LAN", "finland", "Finnish"])
def test_lookup_finland_in_both_languages(g: Glossary, name: str) -> None:
    entry = g.lookup(name)
    assert entry is not None and entry.key == "finland"
    assert (entry.en, entry.vi, entry.kind) == ("Finland", "Phần Lan", "country")


@pytest.mark.parametrize(("name", "key"), [
    ("WB", "world-bank"), ("Ngân hàng Thế giới", "world-bank"), ("ngan hang the gioi", "world-bank"),
    ("GEF", "gef"), ("Quỹ Môi trường toàn cầu", "gef"), ("Global Environment Facility", "gef"),
    ("Bộ TN&MT", "monre"), ("MONRE", "monre"), ("Bộ Tài nguyên và Môi trường", "monre"),
    ("ĐBSCL", "mekong-delta"), ("Mekong Delta", "mekong-delta"), ("đồng bằng sông Cửu Long", "mekong-delta"),
    ("Cộng hoà Liên bang Đức", "germany"), ("Germany", "germany"), ("Đức", "germany"),
    ("JICA", "jica"), ("Cơ quan Hợp tác Quốc tế Nhật Bản", "jica"),
    ("Quỹ Khí hậu xanh", "gcf"), ("Liên minh châu Âu", "eu"), ("USAID", "usaid"), ("ADB", "adb"),
    ("Mekong–Lancang Fund", "mekong-lancang-fund"), ("Mekong-Lancang Fund", "mekong-lancang-fund"),
    ("Quỹ Mê Công - Lan Thương", "mekong-lancang-fund"),
    ("Tổ chức Lương thực và Nông nghiệp Liên hợp quốc", "fao"), ("Vương quốc Anh", "united-kingdom"),
    ("viện trợ không hoàn lại", "grant"), ("groundwater", "groundwater"), ("world-bank", "world-bank"),
])
def test_lookup_by_name_alias_acronym_or_key(g: Glossary, name: str, key: str) -> None:
    entry = g.lookup(name)
    assert entry is not None and entry.key == key


def test_lookup_unknown_is_none(g: Glossary) -> None:
    assert g.lookup("Atlantis Development Agency") is None
    assert g.lookup("") is None


def test_entry_names_and_name(g: Glossary) -> None:
    wb = g.lookup("world-bank")
    assert wb is not None
    assert wb.name("en") == "World Bank" and wb.name("vi") == "Ngân hàng Thế giới"
    assert wb.names()[:2] == ("World Bank", "Ngân hàng Thế giới") and "WB" in wb.names()
    assert len(wb.names()) == len(set(wb.names()))


# ------------------------------------------------------------------------------------------------ find


def test_find_offsets_and_surface(g: Glossary) -> None:
    text = "Dự án do Quỹ hợp tác thể chế của Phần Lan tài trợ; vay vốn WB."
    matches = g.find(text)
    assert [m.entry.key for m in matches] == ["project", "finland-ici", "funding", "loan", "world-bank"]
    fund = matches[1]
    assert (fund.start, fund.end) == (text.index("Quỹ"), text.index(" tài trợ"))
    assert all(text[m.start:m.end] == m.surface for m in matches)


def test_find_on_report_offsets_sorted_non_overlapping(g: Glossary, report: str) -> None:
    matches = g.find(report)
    assert len(matches) > 300
    assert all(report[m.start:m.end] == m.surface for m in matches)
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:], strict=False))


def test_every_partner_in_the_report_is_found(g: Glossary, report: str) -> None:
    found = set(keys(g, report))
    assert REPORT_PARTNERS - found == set()
    assert REPORT_PLACES_AND_TERMS - found == set()


def test_longest_match_wins(g: Glossary) -> None:
    assert keys(g, "Cục Địa chất Vương quốc Anh") == ["bgs"]
    assert keys(g, "Cơ quan Khí tượng Vương quốc Anh") == ["uk-met-office"]
    assert keys(g, "Cộng hòa Liên bang Đức") == ["germany"]
    assert keys(g, "Thái Bình Dương") == ["pacific-ocean"]
    assert keys(g, "Bộ Tài nguyên và Môi trường Lào") == ["monre", "laos"]


@pytest.mark.parametrize(("text", "key"), [
    ("phan lan tai tro du an nao", "finland"),
    ("Phan Lan", "finland"),
    ("hop tac voi han quoc", "korea"),
    ("nhat ban", "japan"),
    ("quy moi truong toan cau", "gef"),
    ("DBSCL", "mekong-delta"),
])
def test_unaccented_text_finds_the_entity(g: Glossary, text: str, key: str) -> None:
    assert key in keys(g, text)


@pytest.mark.parametrize("text", [
    "bón phân lân cho lúa",  # folds to "phan lan" but carries other diacritics
    "người lao động bị ảnh hưởng",
    "đạo đức nghề nghiệp",
    "tỉnh Thanh Hóa",
    "Bộ trưởng Trần Tuấn Anh",
    "chị Nguyễn Thị Nga",
    "tỉnh Lào Cai",
    "thành phố Mỹ Tho",
    "Ý kiến của các đơn vị",
    "Pháp luật về môi trường",
    "wb eu un",  # acronyms keep their case
    "SUNDPX UNDPs",  # never inside a word
])
def test_false_friends_do_not_match(g: Glossary, text: str) -> None:
    partners = [m.entry.key for m in g.find(text) if m.entry.kind != "term"]
    assert partners == []


def test_one_syllable_names_match_when_standalone(g: Glossary) -> None:
    text = "hợp tác với Lào, Anh, Đức, Nga, Mỹ, Ý, Úc và Pháp"
    assert [k for k in keys(g, text) if k != "cooperation"] == [
        "laos", "united-kingdom", "germany", "russia", "united-states", "italy", "australia", "france"]
    assert keys(g, "Chính phủ Đức tài trợ") == ["government", "germany", "funding"]
    assert "germany" in keys(g, "HỢP TÁC VỚI ĐỨC")


def test_spelling_variants(g: Glossary) -> None:
    assert keys(g, "Cộng hoà Liên bang Đức và thuỷ ngân") == ["germany", "mercury"]
    assert keys(g, "Quỹ Mê Công-Lan Thương") == keys(g, "Quỹ Mê Công – Lan Thương") == ["mekong-lancang-fund"]
    assert keys(g, "TN & MT") == ["natural-resources-environment"]


def test_english_adjectives_and_plurals(g: Glossary) -> None:
    assert keys(g, "Japanese, Korean, Finnish, Dutch, German and Danish partners")[:6] == [
        "japan", "korea", "finland", "netherlands", "germany", "denmark"]
    assert "project" in keys(g, "Which projects?")


# ------------------------------------------------------------------------------------------------ expand


def test_expand_english_query_adds_vietnamese(g: Glossary) -> None:
    out = g.expand("Which projects does Finland fund?")
    assert "Phần Lan" in out and "dự án" in out and "tài trợ" in out
    assert "Finland" not in out
    assert len(out) == len(set(out))


def test_expand_vietnamese_query_adds_english(g: Glossary) -> None:
    out = g.expand("Phần Lan tài trợ những dự án nào?")
    assert "Finland" in out and "project" in out
    assert "Phần Lan" not in out and "tài trợ" not in out
    assert "Finland" in g.expand("phan lan tai tro du an nao")


def test_expand_acronyms_both_ways(g: Glossary) -> None:
    assert {"Global Environment Facility", "Quỹ Môi trường toàn cầu"} <= set(g.expand("GEF"))
    assert "GEF" in g.expand("Quỹ Môi trường toàn cầu thông qua")
    assert "World Bank" in g.expand("vay vốn WB")


def test_expand_nothing_known(g: Glossary) -> None:
    assert g.expand("xyz qwerty") == []


# ------------------------------------------------------------------------------------------------ data


def test_partners_exclude_terms_and_home(g: Glossary) -> None:
    partners = g.partners()
    partner_keys = {e.key for e in partners}
    assert {"finland", "world-bank", "gef", "jcm", "moej"} <= partner_keys
    assert not {"monre", "vietnam", "project", "hanoi", "unfccc"} & partner_keys
    assert all(e.kind in PARTNER_KINDS and not e.home for e in partners)


def test_data_is_complete_and_consistent(g: Glossary) -> None:
    entries = g.entries()
    assert len(entries) > 450
    assert {e.kind for e in entries} == set(KINDS)
    assert sum(e.kind == "term" for e in entries) >= 150
    assert all(e.en and e.vi for e in entries)
    for e in entries:
        if e.parent is not None:
            assert g.lookup(e.parent) is not None
    wanted = ["KOICA", "KEITI", "K-water", "KMA", "JAXA", "JMA", "ADB", "AIIB", "IMF", "FAO", "UNESCO", "UNIDO",
              "UNICEF", "UN-Habitat", "UN Women", "IOM", "IPCC", "IMO", "ESCAP", "GGGI", "WWF", "USAID", "NOAA", "EU",
              "EC", "AFD", "KfW", "DANIDA", "Sida", "SDC", "NORAD", "Enabel", "NDC Partnership", "GCF", "CCOP", "APEC",
              "ASEM", "G20", "G7", "COP26", "COP27", "Paris Agreement", "Ramsar Convention", "CITES", "UNCCD",
              "Sendai Framework", "SDGs", "blue carbon", "JETP", "Australia", "Brazil", "Timor-Leste", "Hong Kong"]
    assert [n for n in wanted if g.lookup(n) is None] == []


def test_loader_rejects_duplicate_names(tmp_path: Path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("countries:\n  - {key: a, en: Alpha, vi: An Pha}\n  - {key: b, en: Beta, vi: Bê Ta, aliases: [alpha]}\n",
                   encoding="utf-8")
    with pytest.raises(GlossaryError, match="alpha"):
        Glossary.load(bad)


def test_loader_rejects_unknown_section_and_fields(tmp_path: Path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("planets:\n  - {key: a, en: Alpha, vi: An Pha}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="planets"):
        Glossary.load(bad)
    bad.write_text("countries:\n  - {key: a, en: Alpha, vi: An Pha, colour: red}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="colour"):
        Glossary.load(bad)


def test_small_custom_glossary() -> None:
    g = Glossary([GlossaryEntry("x", "Xland", "Xứ X", "country", ("XL",))], not_entities=["Xland Road"])
    assert keys(g, "Xland and XL; Xland Road") == ["x", "x"]
    assert g.expand("Xland") == ["Xứ X", "XL"]


# ------------------------------------------------------------------------------------------------ speed


def test_default_glossary_is_cached() -> None:
    assert default_glossary() is default_glossary()


def test_find_is_fast(g: Glossary, report: str) -> None:
    g.find(report)
    t0 = time.perf_counter()
    for _ in range(100):
        g.find(report)
    assert time.perf_counter() - t0 < 1.0
