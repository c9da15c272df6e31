"""Money parsing in Vietnamese and English number conventions."""

from __future__ import annotations

import pytest

from ingest.amounts import Money, find_amounts, parse_number


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("3 triệu Eur", 3_000_000, "EUR"),
        ("3 triệu Euro", 3_000_000, "EUR"),
        ("1,5 tỷ đồng", 1_500_000_000, "VND"),
        ("2,3 triệu USD", 2_300_000, "USD"),
        ("USD 2.3 million", 2_300_000, "USD"),
        ("$2.3 million", 2_300_000, "USD"),
        ("US$ 5 billion", 5_000_000_000, "USD"),
        ("500.000 USD", 500_000, "USD"),
        ("500,000 USD", 500_000, "USD"),
        ("10 tỷ Yên", 10_000_000_000, "JPY"),
        ("50 nghìn đô la Mỹ", 50_000, "USD"),
        ("khoảng 1,2 triệu đô-la", 1_200_000, "USD"),
        ("200 triệu VNĐ", 200_000_000, "VND"),
        ("1.234.567,89 đồng", 1_234_567.89, "VND"),
        ("1,234,567.89 USD", 1_234_567.89, "USD"),
        ("1.500 triệu đồng", 1_500_000_000, "VND"),
        ("1,500 million euros", 1_500_000_000, "EUR"),
        ("GBP 300,000", 300_000, "GBP"),
        ("€3m", 3_000_000, "EUR"),
        ("JPY 1.2 bn", 1_200_000_000, "JPY"),
        ("AUD 1.2 million", 1_200_000, "AUD"),
        ("2 nghìn tỷ đồng", 2_000_000_000_000, "VND"),
    ],
)
def test_amount_table(text: str, amount: float, currency: str) -> None:
    found = find_amounts(text)
    assert len(found) == 1
    assert found[0].amount == pytest.approx(amount)
    assert found[0].currency == currency


def test_span_points_at_the_expression() -> None:
    text = "sử dụng kinh phí của Chính phủ Italia (3 triệu Eur) và vốn đối ứng"
    [money] = find_amounts(text)
    assert text[money.start : money.end] == "3 triệu Eur"
    assert money == Money(3_000_000.0, "EUR", money.start, money.end)


def test_several_amounts_in_text_order() -> None:
    text = "a loan of USD 150 million and counterpart funds of VND 200 billion"
    found = find_amounts(text)
    assert [(m.amount, m.currency) for m in found] == [(150e6, "USD"), (200e9, "VND")]


@pytest.mark.parametrize(
    "text",
    ["5 triệu người", "năm 2022", "giai đoạn 2021-2025", "đồng bằng sông Cửu Long", "3 triệu tấn", "pha II 2018"],
)
def test_numbers_without_currency_are_not_money(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("raw", "convention", "value"),
    [
        ("2,3", None, 2.3),
        ("2.3", None, 2.3),
        ("1.500", None, 1500.0),
        ("1,500", None, 1500.0),
        ("1,500", "vi", 1.5),
        ("1.500", "en", 1.5),
        ("1.500", "vi", 1500.0),
        ("12.345.678", None, 12_345_678.0),
        ("12,345,678", None, 12_345_678.0),
        ("1.234,5", None, 1234.5),
        ("1,234.5", None, 1234.5),
    ],
)
def test_parse_number_conventions(raw: str, convention: str | None, value: float) -> None:
    assert parse_number(raw, convention) == pytest.approx(value)
